import { and, asc, count, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { applications } from "../applications/schema.ts";
import { assessmentAnswers, assessmentAttempts } from "../assessment/schema.ts";
import { cohortOf } from "./read-application-progress.ts";
import type { ReportScope } from "./report-scope.ts";

/** One stored answer as the reports read it, with the interface language it was given in (null when not recorded). */
export type StoredAnswer = { itemId: string; itemVersion: number; answer: string | null; msToAnswer: number | null; locale: "ja" | "en" | null };

/** A completed attempt of the cohort: which application it was taken for, and its answers by item id. */
export type CompletedAttempt = { attemptId: string; applicationId: string; bankVersion: number; answers: Map<string, StoredAnswer> };

/**
 * The completed attempts at a bank (one version of it, when given) taken for the cohort's applications,
 * ordered by attempt id: a random UUID, so the order says nothing about who took it or when.
 */
export async function readCompletedAttempts(db: Db, scope: ReportScope, bank: { bankId: string; version?: number }): Promise<CompletedAttempt[]> {
  const where = and(
    cohortOf(scope),
    eq(assessmentAttempts.bankId, bank.bankId),
    eq(assessmentAttempts.state, "completed"),
    ...(bank.version === undefined ? [] : [eq(assessmentAttempts.bankVersion, bank.version)]),
  ) as SQL;
  const attempts = await db
    .select({ attemptId: assessmentAttempts.id, applicationId: assessmentAttempts.applicationId, bankVersion: assessmentAttempts.bankVersion })
    .from(assessmentAttempts)
    .innerJoin(applications, eq(applications.id, assessmentAttempts.applicationId))
    .where(where)
    .orderBy(asc(assessmentAttempts.id));
  const answers = await db
    .select({
      attemptId: assessmentAnswers.attemptId,
      itemId: assessmentAnswers.itemId,
      itemVersion: assessmentAnswers.itemVersion,
      answer: assessmentAnswers.answer,
      msToAnswer: assessmentAnswers.msToAnswer,
      locale: assessmentAnswers.locale,
    })
    .from(assessmentAnswers)
    .innerJoin(assessmentAttempts, eq(assessmentAttempts.id, assessmentAnswers.attemptId))
    .innerJoin(applications, eq(applications.id, assessmentAttempts.applicationId))
    .where(where);
  const byAttempt = new Map<string, Map<string, StoredAnswer>>();
  for (const { attemptId, ...answer } of answers) {
    const map = byAttempt.get(attemptId) ?? new Map<string, StoredAnswer>();
    map.set(answer.itemId, answer);
    byAttempt.set(attemptId, map);
  }
  return attempts.map((a) => ({ ...a, answers: byAttempt.get(a.attemptId) ?? new Map() }));
}

/** The bank versions of the cohort's completed attempts at a bank, newest first, with how many attempts each. */
export async function readAttemptVersions(db: Db, scope: ReportScope, bankId: string): Promise<{ version: number; attempts: number }[]> {
  const rows = await db
    .select({ version: assessmentAttempts.bankVersion, attempts: count() })
    .from(assessmentAttempts)
    .innerJoin(applications, eq(applications.id, assessmentAttempts.applicationId))
    .where(and(cohortOf(scope), eq(assessmentAttempts.bankId, bankId), eq(assessmentAttempts.state, "completed")))
    .groupBy(assessmentAttempts.bankVersion)
    .orderBy(desc(assessmentAttempts.bankVersion));
  return rows.map((r) => ({ version: r.version, attempts: Number(r.attempts) }));
}
