/**
 * What the pipeline shows of an assessment: one 0–100 score and whether any integrity signal is present.
 * The assessment's stored result (`assessment_attempts.score`, `.integrity`) is the assessment's own and may
 * change shape; this reads it defensively, in SQL for filters and in TypeScript for display, and a shape
 * it does not know reads as "no score" and "no signal", never as an error.
 */
import { type SQL, sql } from "drizzle-orm";
import type { ScoreBand } from "./pipeline-query.ts";

/** Where a 0–100 score may sit in the stored result, first match wins. */
const SCORE_PATHS = [["situations", "score"], ["score"], ["total"]] as const;

/** Lower bounds of the bands on the 0–100 score. */
export const BAND_FLOORS = { high: 70, middle: 40 } as const;

/** Focus leaving the page once is ordinary (a notification); a few times is worth a reviewer's look. */
const FOCUS_LOSSES_WORTH_A_LOOK = 3;

/** Signals that are worth a reviewer's look when present (non-zero, true, or a non-empty list). */
const SIGNALS = ["pastes", "fastAnswers", "longRun", "accountsSharingDevice", "identicalAnswerPatternWith"] as const;

export type IntegritySignal = (typeof SIGNALS)[number] | "focusLosses";

/** The score of a stored result, or NULL (SQL). */
export function scoreSql(score: SQL): SQL {
  const cases = SCORE_PATHS.map((path) => {
    const p = sql.raw(`'{${path.join(",")}}'`);
    return sql`WHEN jsonb_typeof(${score} #> ${p}) = 'number' THEN (${score} #>> ${p})::numeric`;
  });
  return sql`(CASE ${sql.join(cases, sql` `)} END)`;
}

/** Whether a stored result's score is in a band (SQL). */
export function bandSql(score: SQL, band: ScoreBand): SQL {
  const value = scoreSql(score);
  switch (band) {
    case "high":
      return sql`${value} >= ${BAND_FLOORS.high}`;
    case "middle":
      return sql`(${value} >= ${BAND_FLOORS.middle} AND ${value} < ${BAND_FLOORS.high})`;
    case "low":
      return sql`${value} < ${BAND_FLOORS.middle}`;
    case "none":
      return sql`${value} IS NULL`;
  }
}

function signalSql(integrity: SQL, key: string, atLeast: number): SQL {
  const k = sql.raw(`'${key}'`);
  return sql`(CASE jsonb_typeof(${integrity} -> ${k})
    WHEN 'number' THEN (${integrity} ->> ${k})::numeric >= ${atLeast}
    WHEN 'array' THEN jsonb_array_length(${integrity} -> ${k}) >= ${atLeast}
    WHEN 'boolean' THEN (${integrity} -> ${k}) = 'true'::jsonb
    ELSE false END)`;
}

/** Whether a stored integrity record holds any signal worth a look (SQL; false when there is none). */
export function integritySql(integrity: SQL): SQL {
  const parts = [...SIGNALS.map((key) => signalSql(integrity, key, 1)), signalSql(integrity, "focusLosses", FOCUS_LOSSES_WORTH_A_LOOK)];
  return sql`(${integrity} IS NOT NULL AND jsonb_typeof(${integrity}) = 'object' AND (${sql.join(parts, sql` OR `)}))`;
}

function atLeast(value: unknown, floor: number): boolean {
  if (typeof value === "number") return value >= floor;
  if (Array.isArray(value)) return value.length >= floor;
  return value === true;
}

/** The score of a stored result, read as scoreSql reads it. */
export function scoreOf(score: unknown): number | null {
  for (const path of SCORE_PATHS) {
    let value: unknown = score;
    for (const key of path) value = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
    if (typeof value === "number" && Number.isFinite(value)) return value;
  }
  return null;
}

/** The band of a score, as bandSql draws it. */
export function bandOf(score: number | null): ScoreBand {
  if (score === null) return "none";
  return score >= BAND_FLOORS.high ? "high" : score >= BAND_FLOORS.middle ? "middle" : "low";
}

/** The signals present in a stored integrity record, as integritySql finds them. */
export function integritySignalsOf(integrity: unknown): IntegritySignal[] {
  if (!integrity || typeof integrity !== "object" || Array.isArray(integrity)) return [];
  const record = integrity as Record<string, unknown>;
  const found: IntegritySignal[] = SIGNALS.filter((key) => atLeast(record[key], 1));
  if (atLeast(record.focusLosses, FOCUS_LOSSES_WORTH_A_LOOK)) found.push("focusLosses");
  return found;
}
