import type { Db } from "../../platform/db/database.ts";
import type { StaffPrincipal } from "../access/policy.ts";
import { listPipeline, type PipelineRow } from "./list-pipeline.ts";
import type { PipelineFilter, PipelineSort } from "./pipeline-query.ts";

/**
 * Every application a filter matches, for an export: read `batch` rows at a time by keyset, so memory
 * holds one batch whatever the total, and each row comes once even while others are being added. Ends
 * at once for a member who may not export this job's pipeline.
 */
export async function* pipelineRowsInBatches(
  db: Db,
  input: { principal: StaffPrincipal; jobId: string; filter: PipelineFilter; sort: PipelineSort; batch: number },
): AsyncGenerator<PipelineRow> {
  let after = null;
  for (;;) {
    const page = await listPipeline(db, { ...input, after, limit: input.batch, purpose: "export" });
    if (!page) return;
    yield* page.rows;
    if (!page.next) return;
    after = page.next;
  }
}
