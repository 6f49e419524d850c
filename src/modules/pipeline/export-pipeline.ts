import type { Db } from "../../platform/db/database.ts";
import type { StaffPrincipal } from "../access/policy.ts";
import type { ApplicationState } from "../applications/schema.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { CsvRow } from "../exports/csv-export.ts";
import { countPipeline, type PipelineRow } from "./list-pipeline.ts";
import type { PipelineFilter, PipelineSort } from "./pipeline-query.ts";
import { pipelineRowsInBatches } from "./pipeline-rows-in-batches.ts";

/** The export's columns, in order; a surface gives each its heading in the member's language. */
export const PIPELINE_EXPORT_COLUMNS = [
  "reference",
  "stage",
  "appliedAt",
  "nameKanji",
  "nameKana",
  "nameLatin",
  "email",
  "phone",
  "documents",
  "step",
  "score",
  "integrity",
] as const;
export type PipelineExportColumn = (typeof PIPELINE_EXPORT_COLUMNS)[number];

/** Rows read from the database per batch: memory holds one batch whatever the size of the pipeline. */
const BATCH = 1000;

function exportRowOf(row: PipelineRow, stageName: (state: ApplicationState) => string): CsvRow {
  return {
    reference: row.reference,
    stage: stageName(row.state),
    appliedAt: row.pipelineAt,
    nameKanji: row.name.kanji,
    nameKana: row.name.kana,
    nameLatin: row.name.latin,
    email: row.email,
    phone: row.phone,
    documents: row.documentsStatus,
    step: row.step,
    score: row.score,
    integrity: row.integrity.join(" "),
  };
}

/**
 * A job's pipeline, filtered and sorted as the member sees it, as rows for a CSV file. The export is
 * audited (`pipeline.exported`, with the filter and how many rows it matched) before the first row is
 * read; null, with nothing audited, for a member who may not export this job's pipeline (reviewers, or
 * another job's recruiter).
 */
export async function exportPipeline(
  db: Db,
  input: {
    principal: StaffPrincipal;
    jobId: string;
    filter: PipelineFilter;
    sort: PipelineSort;
    now: Date;
    addressHash: string | null;
    stageName: (state: ApplicationState) => string;
  },
): Promise<AsyncIterable<CsvRow> | null> {
  const count = await countPipeline(db, { principal: input.principal, jobId: input.jobId, filter: input.filter, purpose: "export" });
  if (count === null) return null;
  await recordAudit(db, {
    at: input.now,
    staffId: input.principal.id,
    action: "pipeline.exported",
    record: { kind: "job", id: input.jobId },
    addressHash: input.addressHash,
    detail: {
      rows: count,
      sort: input.sort,
      // Whether the list was searched, never the words (the audit log outlives a candidate's erasure).
      filter: {
        ...input.filter,
        search: undefined,
        searched: input.filter.search ? true : undefined,
        from: input.filter.from?.toISOString(),
        until: input.filter.until?.toISOString(),
      },
    },
  });
  const rows = pipelineRowsInBatches(db, { principal: input.principal, jobId: input.jobId, filter: input.filter, sort: input.sort, batch: BATCH });
  return (async function* () {
    for await (const row of rows) yield exportRowOf(row, input.stageName);
  })();
}
