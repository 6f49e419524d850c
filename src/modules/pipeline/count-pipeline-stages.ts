import { sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { coversJob, hasPermission, type StaffPrincipal } from "../access/policy.ts";
import { PIPELINE_ORDER } from "../applications/schema.ts";
import { DRAFT_STATES } from "./pipeline-query.ts";

/** A job's applications by stage, with those still in the wizard and the knock-outs counted apart. */
export type StageCounts = { stages: Record<(typeof PIPELINE_ORDER)[number], number>; inPipeline: number; drafts: number; screenedOut: number };

/**
 * Counts a job's applications per stage from the kept counts (a few rows per state, whatever the number of
 * applications); null when the member does not work on the job.
 */
export async function countPipelineStages(db: Db, input: { principal: StaffPrincipal; jobId: string }): Promise<StageCounts | null> {
  if (!hasPermission(input.principal, "candidates.view") || !coversJob(input.principal, input.jobId)) return null;
  const result = await db.execute(sql`SELECT state, sum(delta)::int AS n FROM application_stage_counts WHERE job_id = ${input.jobId} GROUP BY state`);
  const byState = new Map((result as unknown as { rows: { state: string; n: number }[] }).rows.map((r) => [r.state, Number(r.n)]));
  const stages = Object.fromEntries(PIPELINE_ORDER.map((s) => [s, byState.get(s) ?? 0])) as StageCounts["stages"];
  return {
    stages,
    inPipeline: PIPELINE_ORDER.reduce((sum, s) => sum + stages[s], 0),
    drafts: DRAFT_STATES.reduce((sum, s) => sum + (byState.get(s) ?? 0), 0),
    screenedOut: byState.get("screened_out") ?? 0,
  };
}
