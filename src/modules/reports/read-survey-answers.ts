import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { applications } from "../applications/schema.ts";
import { assessmentAttempts, assessmentSurveys } from "../assessment/schema.ts";
import { cohortOf } from "./read-application-progress.ts";
import type { ReportScope } from "./report-scope.ts";

/**
 * The optional experience survey's answers (1–5 by question id) given after the cohort's attempts at a
 * bank, one entry a response, in a random order (by attempt id).
 */
export async function readSurveyAnswers(db: Db, scope: ReportScope, bankId: string): Promise<Record<string, number>[]> {
  const rows = await db
    .select({ answers: assessmentSurveys.answers })
    .from(assessmentSurveys)
    .innerJoin(assessmentAttempts, eq(assessmentAttempts.id, assessmentSurveys.attemptId))
    .innerJoin(applications, eq(applications.id, assessmentAttempts.applicationId))
    .where(and(cohortOf(scope), eq(assessmentSurveys.bankId, bankId)))
    .orderBy(asc(assessmentSurveys.attemptId));
  return rows.map((r) => r.answers);
}
