import { and, desc, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import type { Application } from "../applications/schema.ts";
import { type AssessmentAttempt, assessmentAttempts } from "../assessment/schema.ts";

/** An attempt as the candidate page shows it; `reused` when it was taken for an earlier application. */
export type AssessmentResult = { attempt: AssessmentAttempt; reused: boolean };

/**
 * The assessment attempts behind an application, newest first: those started for it, or, when the candidate
 * reused a result under six months old, the completed attempt that was still valid when this application
 * passed its assessment step.
 */
export async function findAssessmentResults(db: Db, application: Pick<Application, "id" | "candidateId" | "assessmentDoneAt">): Promise<AssessmentResult[]> {
  const own = await db
    .select()
    .from(assessmentAttempts)
    .where(eq(assessmentAttempts.applicationId, application.id))
    .orderBy(desc(assessmentAttempts.startedAt));
  if (own.some((a) => a.state === "completed") || !application.assessmentDoneAt) return own.map((attempt) => ({ attempt, reused: false }));
  const done = application.assessmentDoneAt;
  const [reused] = await db
    .select()
    .from(assessmentAttempts)
    .where(
      and(
        eq(assessmentAttempts.candidateId, application.candidateId),
        eq(assessmentAttempts.state, "completed"),
        lte(assessmentAttempts.completedAt, done),
        gt(assessmentAttempts.validUntil, done),
      ),
    )
    .orderBy(desc(assessmentAttempts.completedAt))
    .limit(1);
  return [...(reused ? [{ attempt: reused, reused: true }] : []), ...own.map((attempt) => ({ attempt, reused: false }))];
}
