import {
  DEFAULT_SORT,
  DRAFT_STEPS,
  type PipelineFilter,
  type PipelineSort,
  SCORE_BANDS,
  SORT_KEYS,
  STAGE_FILTERS,
} from "../../../modules/pipeline/pipeline-query.ts";

/** What the pipeline's GET form and links carry, as text: read back into the same form and links. */
export type PipelineParams = Partial<Record<"stage" | "step" | "band" | "integrity" | "docs" | "from" | "to" | "q" | "sort", string>>;

function pick<T extends string>(list: readonly T[], value: unknown): T | undefined {
  return list.find((item) => item === value);
}

/** A day typed as YYYY-MM-DD, read as that day in Japan; `next` gives the start of the following day. */
function dayInTokyo(value: unknown, next: boolean): Date | undefined {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const start = new Date(`${value}T00:00:00+09:00`);
  if (Number.isNaN(start.getTime())) return undefined;
  return next ? new Date(start.getTime() + 24 * 3600_000) : start;
}

/**
 * Reads a pipeline query string: anything unknown or malformed is dropped rather than refused, so an edited
 * or stale link shows the nearest sensible list instead of an error.
 */
export function readPipelineParams(query: unknown): { filter: PipelineFilter; sort: PipelineSort; params: PipelineParams } {
  const q = (query && typeof query === "object" ? query : {}) as Record<string, unknown>;
  const params: PipelineParams = {};
  const stage = pick(STAGE_FILTERS, q.stage) ?? "all";
  if (stage !== "all") params.stage = stage;
  const filter: PipelineFilter = { stage };
  const step = stage === "drafts" ? pick(DRAFT_STEPS, q.step) : undefined;
  if (step) filter.step = params.step = step;
  const band = pick(SCORE_BANDS, q.band);
  if (band) filter.band = params.band = band;
  if (q.integrity === "1") {
    filter.integrity = true;
    params.integrity = "1";
  }
  if (q.docs === "missing") {
    filter.documentsMissing = true;
    params.docs = "missing";
  }
  const from = dayInTokyo(q.from, false);
  if (from) {
    filter.from = from;
    params.from = String(q.from);
  }
  const until = dayInTokyo(q.to, true);
  if (until) {
    filter.until = until;
    params.to = String(q.to);
  }
  if (typeof q.q === "string" && q.q.trim() !== "") filter.search = params.q = q.q.trim().slice(0, 200);
  const [by, dir] = typeof q.sort === "string" ? q.sort.split(".") : [];
  const sortBy = pick(SORT_KEYS, by);
  const sortDir = pick(["asc", "desc"] as const, dir);
  const sort: PipelineSort = sortBy && sortDir ? { by: sortBy, dir: sortDir } : DEFAULT_SORT;
  if (sort.by !== DEFAULT_SORT.by || sort.dir !== DEFAULT_SORT.dir) params.sort = `${sort.by}.${sort.dir}`;
  return { filter, sort, params };
}

/** A URL of the pipeline with these params and any extra ones (a cursor, a stage tab). */
export function pipelineUrl(jobId: string, params: PipelineParams, extra: Record<string, string> = {}, suffix = ""): string {
  const search = new URLSearchParams({ ...params, ...extra } as Record<string, string>).toString();
  return `/office/pipeline/${encodeURIComponent(jobId)}${suffix}${search ? `?${search}` : ""}`;
}

/**
 * The query as the audit log keeps it: whether a search was made, never the words searched for (a name or an
 * address typed there would outlive the candidate's erasure in the append-only log).
 */
export function auditedPipelineParams(params: PipelineParams): Omit<PipelineParams, "q"> & { searched?: true } {
  const { q, ...rest } = params;
  return q ? { ...rest, searched: true } : rest;
}
