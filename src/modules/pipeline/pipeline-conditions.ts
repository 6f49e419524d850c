import { type SQL, sql } from "drizzle-orm";
import { nameSearchPieces } from "../applications/name-search-key.ts";
import { bandSql, integritySql } from "./assessment-summary.ts";
import type { DraftStep, PipelineFilter } from "./pipeline-query.ts";
import type { PipelineSearch } from "./pipeline-search.ts";

/** LIKE's own characters, taken literally. */
function likeContaining(key: string): string {
  return `%${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const has = (page: string) => sql`a.completed_pages @> ${sql.raw(`'["${page}"]'::jsonb`)}`;

/** The pages STEP 1–5 have completed, as the seed orders them: the last one done decides the step. */
const DRAFT_STEP_PAGES: Record<"1" | "2" | "3" | "4" | "5", SQL> = {
  "1": sql`NOT (${has("documents")} AND ${has("personal")})`,
  "2": sql`${has("documents")} AND ${has("personal")} AND NOT ${has("eligibility")}`,
  "3": sql`${has("eligibility")} AND NOT ${has("work-authorization")}`,
  "4": sql`${has("work-authorization")} AND NOT ${has("self-identification")}`,
  "5": sql`${has("self-identification")}`,
};

/**
 * Which states a stage filter means. Each is written so one index answers it in the list's order:
 * stage_rank is 0 exactly for drafts and knock-outs, and a draft's step is one state and its pages.
 */
function stageSql(stage: PipelineFilter["stage"], step: DraftStep | undefined): SQL {
  switch (stage) {
    case "all":
      return sql`a.stage_rank > 0`;
    case "drafts":
      if (step === "assessment") return sql`a.state = 'assessment_pending'`;
      if (step === "6") return sql`a.state IN ('assessment_done', 'signed')`;
      if (step) return sql`a.state = 'draft' AND ${DRAFT_STEP_PAGES[step]}`;
      return sql`a.stage_rank = 0 AND a.state <> 'screened_out'`;
    default:
      return sql`a.state = ${stage}`;
  }
}

/**
 * Applications whose contact details match, found by index from either side: the e-mail address or phone
 * number given at STEP 1, or the account's. Written as a set of ids, so the planner starts from the few
 * matches instead of reading the whole job.
 */
function contactSql(field: "email" | "phone", value: string): SQL {
  const column = sql.raw(field);
  return sql`a.id IN (
    SELECT x.id FROM applications x WHERE x.personal IS NOT NULL AND (x.personal->>${field}) = ${value}
    UNION ALL
    SELECT x.id FROM applications x JOIN candidates y ON y.id = x.candidate_id WHERE y.${column} = ${value})`;
}

function searchSql(search: PipelineSearch): SQL | null {
  switch (search.kind) {
    case "none":
      return null;
    case "contactNotAllowed":
      return sql`false`;
    case "email":
    case "phone":
      return contactSql(search.kind, search.value);
    case "name": {
      // The index of one- and two-character pieces finds the few names that may match; LIKE decides. Before
      // STEP 1 an application has no legal name yet, so the account's names (kanji and alphabet) stand in.
      const pattern = likeContaining(search.key);
      const pieces = sql`ARRAY[${sql.join(
        nameSearchPieces(search.key).map((piece) => sql`${piece}`),
        sql`, `,
      )}]::text[]`;
      return sql`a.id IN (
        SELECT x.id FROM applications x
        WHERE x.search_name IS NOT NULL AND name_search_grams(x.search_name) @> ${pieces} AND x.search_name LIKE ${pattern}
        UNION ALL
        SELECT x.id FROM applications x
        WHERE x.personal IS NULL AND x.candidate_id IN (
          SELECT y.id FROM candidates y WHERE name_search_grams(y.search_name) @> ${pieces} AND y.search_name LIKE ${pattern})
        UNION ALL
        SELECT x.id FROM applications x WHERE x.reference = ${search.reference})`;
    }
  }
}

/**
 * The WHERE clause of a filter over one job, for the query shape every pipeline read shares: applications
 * `a`, their candidate `c`, and the candidate's latest assessment result `att` (score, integrity).
 */
export function pipelineConditions(jobId: string, filter: PipelineFilter, search: PipelineSearch): SQL {
  const parts: SQL[] = [sql`a.job_id = ${jobId}`, stageSql(filter.stage, filter.stage === "drafts" ? filter.step : undefined)];
  if (filter.band) parts.push(bandSql(sql`att.score`, filter.band));
  if (filter.integrity) parts.push(integritySql(sql`att.integrity`));
  if (filter.from) parts.push(sql`a.pipeline_at >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.until) parts.push(sql`a.pipeline_at < ${filter.until.toISOString()}::timestamptz`);
  if (filter.documentsMissing) parts.push(sql`a.documents_status = 'to_be_sent'`);
  const searched = searchSql(search);
  if (searched) parts.push(searched);
  return sql.join(parts, sql` AND `);
}

/** The candidate's most recent completed assessment, preferring one taken for this application (a result under six months old may be reused). */
export const LATEST_ATTEMPT_SQL = sql`LEFT JOIN LATERAL (
    SELECT t.score, t.integrity FROM assessment_attempts t
    WHERE t.candidate_id = a.candidate_id AND t.completed_at IS NOT NULL
    ORDER BY (t.application_id = a.id) DESC, t.completed_at DESC
    LIMIT 1) att ON true`;
