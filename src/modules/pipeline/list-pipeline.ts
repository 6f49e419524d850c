import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { coversJob, hasPermission, type StaffPrincipal } from "../access/policy.ts";
import type { ApplicationState } from "../applications/schema.ts";
import { type IntegritySignal, integritySignalsOf, scoreOf } from "./assessment-summary.ts";
import { draftStepOf } from "./draft-step.ts";
import { LATEST_ATTEMPT_SQL, pipelineConditions } from "./pipeline-conditions.ts";
import type { PipelineCursor } from "./pipeline-cursor.ts";
import type { DraftStep, PipelineFilter, PipelineSort } from "./pipeline-query.ts";
import { type PipelineSearch, readPipelineSearch } from "./pipeline-search.ts";

/** One application as the pipeline lists it: never the gender answer, never a sensitive answer, contact details only for those who may see them. */
export type PipelineRow = {
  id: string;
  reference: string;
  candidateId: string;
  state: ApplicationState;
  /** 応募日, or for a draft the day it was started. */
  pipelineAt: Date;
  submittedAt: Date | null;
  updatedAt: Date;
  documentsStatus: "uploaded" | "to_be_sent" | null;
  /** For an application still in the wizard, how far it has come. */
  step: DraftStep | null;
  /** The legal name from STEP 1, or the account's name before it. */
  name: { kanji: string; kana: string; latin: string };
  /** null when the member may not see contact details. */
  email: string | null;
  phone: string | null;
  score: number | null;
  integrity: IntegritySignal[];
};

/** A page and the cursors either side of it: `previous` reads the page before (null on the first page). */
export type PipelinePage = { rows: PipelineRow[]; next: PipelineCursor | null; previous: PipelineCursor | null; search: PipelineSearch["kind"] };

/** Why a member reads the pipeline: the permission each purpose needs beyond covering the job. */
const PURPOSE_PERMISSION = { view: "candidates.view", export: "candidates.export" } as const;

/** The sort turned round, to read the page before a cursor from the same index. */
function reversed(sort: PipelineSort): PipelineSort {
  return { by: sort.by, dir: sort.dir === "asc" ? "desc" : "asc" };
}

function orderSql(sort: PipelineSort): SQL {
  const dir = sql.raw(sort.dir === "asc" ? "ASC" : "DESC");
  switch (sort.by) {
    case "date":
      return sql`a.pipeline_at ${dir}, a.id ${dir}`;
    case "name":
      return sql`a.sort_name COLLATE "C" ${dir}, a.id ${dir}`;
    case "stage":
      return sql`a.stage_rank ${dir}, a.pipeline_at ${dir}, a.id ${dir}`;
  }
}

/** Rows after the cursor in the sort's direction, as one row comparison the sort's index answers. */
function afterSql(sort: PipelineSort, after: PipelineCursor | null): SQL | null {
  if (!after || after.by !== sort.by) return null;
  const op = sql.raw(sort.dir === "asc" ? ">" : "<");
  switch (after.by) {
    case "date":
      return sql`(a.pipeline_at, a.id) ${op} (${after.at}::timestamptz, ${after.id}::uuid)`;
    case "name":
      return sql`(a.sort_name COLLATE "C", a.id) ${op} (${after.name}::text COLLATE "C", ${after.id}::uuid)`;
    case "stage":
      return sql`(a.stage_rank, a.pipeline_at, a.id) ${op} (${after.rank}::smallint, ${after.at}::timestamptz, ${after.id}::uuid)`;
  }
}

type RawRow = Record<string, unknown>;

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function dateOf(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

function toRow(r: RawRow, withContact: boolean): PipelineRow {
  const state = r.state as ApplicationState;
  const hasPersonal = r.has_personal === true;
  const join = (a: unknown, b: unknown, gap = "") => [text(a), text(b)].filter(Boolean).join(gap);
  return {
    id: text(r.id),
    reference: text(r.reference),
    candidateId: text(r.candidate_id),
    state,
    pipelineAt: dateOf(r.pipeline_at),
    submittedAt: r.submitted_at ? dateOf(r.submitted_at) : null,
    updatedAt: dateOf(r.updated_at),
    documentsStatus: (r.documents_status as PipelineRow["documentsStatus"]) ?? null,
    step: draftStepOf({ state, completedPages: Array.isArray(r.completed_pages) ? (r.completed_pages as string[]) : [] }),
    name: hasPersonal
      ? {
          kanji: join(r.p_family_kanji, r.p_given_kanji, " "),
          kana: join(r.p_family_kana, r.p_given_kana, " "),
          latin: join(r.p_given_latin, r.p_family_latin, " "),
        }
      : { kanji: join(r.c_family, r.c_given, " "), kana: "", latin: join(r.c_given_latin, r.c_family_latin, " ") },
    email: withContact ? text(hasPersonal && r.p_email ? r.p_email : r.c_email) || null : null,
    phone: withContact ? text(hasPersonal && r.p_phone ? r.p_phone : r.c_phone) || null : null,
    score: scoreOf(r.score),
    integrity: integritySignalsOf(r.integrity),
  };
}

function cursorOf(r: RawRow, sort: PipelineSort): PipelineCursor {
  const id = text(r.id);
  const at = text(r.pipeline_at_text);
  if (sort.by === "name") return { by: "name", name: text(r.sort_name), id };
  if (sort.by === "stage") return { by: "stage", rank: Number(r.stage_rank), at, id };
  return { by: "date", at, id };
}

/**
 * One page of a job's pipeline for a member of staff, in keyset order (no OFFSET: page 2 000 costs what
 * page 1 does). Returns null when the member does not work on the job or lacks the purpose's permission,
 * so a route answers 404 for another job's pipeline. Searching by e-mail or phone, and seeing them, needs
 * `candidates.contactDetails`.
 */
export async function listPipeline(
  db: Db,
  input: {
    principal: StaffPrincipal;
    jobId: string;
    filter: PipelineFilter;
    sort: PipelineSort;
    after: PipelineCursor | null;
    /** Reads the page that ends just before this cursor instead (the previous link); `after` is then ignored. */
    before?: PipelineCursor | null;
    limit: number;
    purpose: keyof typeof PURPOSE_PERMISSION;
  },
): Promise<PipelinePage | null> {
  const { principal } = input;
  if (!hasPermission(principal, PURPOSE_PERMISSION[input.purpose]) || !coversJob(principal, input.jobId)) return null;
  const withContact = hasPermission(principal, "candidates.contactDetails");
  const search = readPipelineSearch(input.filter.search, withContact);
  const backwards = Boolean(input.before && input.before.by === input.sort.by);
  // Going back reads the rows before the cursor in the reversed order, then turns them round again.
  const order = backwards ? reversed(input.sort) : input.sort;
  const after = afterSql(order, backwards ? (input.before ?? null) : input.after);
  const where = pipelineConditions(input.jobId, input.filter, search);
  const contact = withContact ? sql`, a.personal->>'email' AS p_email, a.personal->>'phone' AS p_phone, c.email AS c_email, c.phone AS c_phone` : sql``;
  // The page is chosen first, from the applications alone (and their assessment when the filter needs it);
  // names, contact details and scores are then read for the rows shown only, not for every match.
  const needsAttempt = Boolean(input.filter.band || input.filter.integrity);
  const result = await db.execute(sql`
    SELECT a.id, a.reference, a.candidate_id, a.state, a.pipeline_at, a.pipeline_at::text AS pipeline_at_text, a.stage_rank, a.sort_name,
      a.submitted_at, a.updated_at, a.documents_status, a.completed_pages, a.personal IS NOT NULL AS has_personal,
      a.personal->>'familyNameKanji' AS p_family_kanji, a.personal->>'givenNameKanji' AS p_given_kanji,
      a.personal->>'familyNameKana' AS p_family_kana, a.personal->>'givenNameKana' AS p_given_kana,
      a.personal->>'familyNameLatin' AS p_family_latin, a.personal->>'givenNameLatin' AS p_given_latin,
      c.family_name AS c_family, c.given_name AS c_given, c.family_name_latin AS c_family_latin, c.given_name_latin AS c_given_latin,
      att.score, att.integrity ${contact}
    FROM (
      SELECT a.id FROM applications a ${needsAttempt ? LATEST_ATTEMPT_SQL : sql``}
      WHERE ${where} ${after ? sql`AND ${after}` : sql``}
      ORDER BY ${orderSql(order)}
      LIMIT ${input.limit + 1}) page
    JOIN applications a ON a.id = page.id
    JOIN candidates c ON c.id = a.candidate_id
    ${LATEST_ATTEMPT_SQL}
    ORDER BY ${orderSql(order)}`);
  const raw = (result as unknown as { rows: RawRow[] }).rows;
  const more = raw.length > input.limit;
  const shown = raw.slice(0, input.limit);
  if (backwards) shown.reverse();
  const first = shown[0];
  const last = shown[shown.length - 1];
  const hasNext = backwards ? true : more;
  const hasPrevious = backwards ? more : Boolean(input.after && input.after.by === input.sort.by);
  return {
    rows: shown.map((r) => toRow(r, withContact)),
    next: hasNext && last ? cursorOf(last, input.sort) : null,
    previous: hasPrevious && first ? cursorOf(first, input.sort) : null,
    search: search.kind,
  };
}

/** How many applications a filter matches (for the export's audit entry); null on the same terms as listPipeline. */
export async function countPipeline(
  db: Db,
  input: { principal: StaffPrincipal; jobId: string; filter: PipelineFilter; purpose: keyof typeof PURPOSE_PERMISSION },
): Promise<number | null> {
  const { principal } = input;
  if (!hasPermission(principal, PURPOSE_PERMISSION[input.purpose]) || !coversJob(principal, input.jobId)) return null;
  const search = readPipelineSearch(input.filter.search, hasPermission(principal, "candidates.contactDetails"));
  // Counting reads every match, so it joins the assessment only when the filter looks at it.
  const attempt = input.filter.band || input.filter.integrity ? LATEST_ATTEMPT_SQL : sql``;
  const result = await db.execute(sql`
    SELECT count(*)::int AS n FROM applications a ${attempt}
    WHERE ${pipelineConditions(input.jobId, input.filter, search)}`);
  return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
}
