import { and, desc, eq, gt, inArray, lte } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import type { Application } from "../applications/schema.ts";
import { type AssessmentAttempt, assessmentAnswers, assessmentAttempts } from "../assessment/schema.ts";

/**
 * An attempt as the candidate page shows it; `reused` when it was taken for an earlier application.
 * `transcriptsRead` names the items whose transcript the candidate read: an accommodation, kept apart from
 * the integrity signals.
 */
export type AssessmentResult = { attempt: AssessmentAttempt; reused: boolean; transcriptsRead: string[] };

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
  if (own.some((a) => a.state === "completed") || !application.assessmentDoneAt)
    return withTranscriptsRead(
      db,
      own.map((attempt) => ({ attempt, reused: false })),
    );
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
  return withTranscriptsRead(db, [...(reused ? [{ attempt: reused, reused: true }] : []), ...own.map((attempt) => ({ attempt, reused: false }))]);
}

/** Adds to each attempt the items whose transcript was read, from the answer rows, in one query. */
async function withTranscriptsRead(db: Db, results: { attempt: AssessmentAttempt; reused: boolean }[]): Promise<AssessmentResult[]> {
  if (results.length === 0) return [];
  const rows = await db
    .select({ attemptId: assessmentAnswers.attemptId, itemId: assessmentAnswers.itemId })
    .from(assessmentAnswers)
    .where(
      and(
        inArray(
          assessmentAnswers.attemptId,
          results.map((r) => r.attempt.id),
        ),
        eq(assessmentAnswers.transcriptUsed, true),
      ),
    )
    .orderBy(assessmentAnswers.itemId);
  return results.map((r) => ({ ...r, transcriptsRead: rows.filter((row) => row.attemptId === r.attempt.id).map((row) => row.itemId) }));
}
