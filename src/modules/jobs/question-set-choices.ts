import { sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { questionSets } from "../applications/schema.ts";

/** A question set a job may use: named by the job it was written for, with its newest version. */
export type QuestionSetChoice = { key: string; version: number };

/** The question sets stored, each once with its newest version, for the job editor's choice. */
export async function listQuestionSetChoices(db: Db): Promise<QuestionSetChoice[]> {
  const rows = await db
    .select({ key: questionSets.jobId, version: sql<number>`max(${questionSets.version})::int` })
    .from(questionSets)
    .groupBy(questionSets.jobId)
    .orderBy(questionSets.jobId);
  return rows.map((r) => ({ key: r.key, version: Number(r.version) }));
}
