/**
 * Reads an attempt's stored score for the candidate page without trusting its shape. The score is JSON written
 * by whichever scoring version completed the attempt: today situations 0–100 with competencies and work-style
 * θ with its SE; later versions add T-scores and bands. Every number found is kept with its name, anything not
 * understood is left out here (the page offers the stored JSON as it is), and nothing here ever throws.
 */

/** One scale of a score: whatever of score, θ, SE, T-score and band the stored version has. */
export type ScaleScore = {
  id: string;
  score: number | null;
  theta: number | null;
  se: number | null;
  tScore: number | null;
  band: string | null;
  answered: number | null;
  missing: number | null;
};

/** A group of scales as stored under one key (`situations`, `competencies`, `traits`, or a newer one). */
export type ScoreGroup = { key: string; scales: ScaleScore[] };

export type ScoreSummary = {
  bankId: string | null;
  bankVersion: number | null;
  /** The scoring's own version or model name, when the stored score names one. */
  scoringVersion: string | null;
  /** Whether the work-style estimate converged; false means its θ are not to be trusted. */
  converged: boolean | null;
  answered: number | null;
  missing: number | null;
  groups: ScoreGroup[];
};

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function numberAt(source: Json, ...keys: string[]): number | null {
  for (const key of keys) {
    const value = source[key];
    if (typeof value === "number" && Number.isFinite(value)) return value;
  }
  return null;
}

function textAt(source: Json, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = source[key];
    if (typeof value === "string" && value.trim() !== "") return value.slice(0, 100);
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
  }
  return null;
}

/** A scale from one stored object, or null when it carries no number worth showing. */
function readScale(source: Json, fallbackId: string): ScaleScore | null {
  const scale: ScaleScore = {
    id: textAt(source, "traitId", "competencyId", "scaleId", "id", "key", "name") ?? fallbackId,
    score: numberAt(source, "score", "percent"),
    theta: numberAt(source, "theta", "θ"),
    se: numberAt(source, "se", "standardError", "sem"),
    tScore: numberAt(source, "tScore", "t", "T"),
    band: textAt(source, "band", "level"),
    answered: numberAt(source, "answered", "pairs", "items"),
    missing: numberAt(source, "missing"),
  };
  const shown = [scale.score, scale.theta, scale.se, scale.tScore, scale.band, scale.answered];
  return shown.some((v) => v !== null) ? scale : null;
}

const GROUP_ORDER = ["situations", "competencies", "traits"];

function groupRank(key: string): number {
  const rank = GROUP_ORDER.indexOf(key);
  return rank < 0 ? GROUP_ORDER.length : rank;
}

/** What a stored score holds, as far as it can be read. */
export function readStoredScore(stored: unknown): ScoreSummary {
  const score = isObject(stored) ? stored : {};
  const workStyle = isObject(score.workStyle) ? score.workStyle : {};
  const scoring = isObject(score.scoring) ? score.scoring : {};
  const groups: ScoreGroup[] = [];
  for (const [key, value] of Object.entries(score)) {
    if (key === "workStyle" || key === "scoring") continue;
    if (Array.isArray(value)) {
      const scales = value.flatMap((v, i) => (isObject(v) ? [readScale(v, String(i + 1))] : [])).filter((s): s is ScaleScore => s !== null);
      if (scales.length > 0) groups.push({ key, scales });
    } else if (isObject(value)) {
      const scale = readScale(value, key);
      if (scale) groups.push({ key, scales: [{ ...scale, id: key }] });
    }
  }
  // PostgreSQL keeps jsonb keys in its own order, not the order they were written in: put the known groups first.
  groups.sort((a, b) => groupRank(a.key) - groupRank(b.key) || a.key.localeCompare(b.key));
  return {
    bankId: textAt(score, "bankId"),
    bankVersion: numberAt(score, "bankVersion"),
    scoringVersion: textAt(score, "scoringVersion") ?? textAt(scoring, "version", "model") ?? textAt(workStyle, "model"),
    converged: typeof workStyle.converged === "boolean" ? workStyle.converged : null,
    answered: numberAt(score, "answered"),
    missing: numberAt(score, "missing"),
    groups,
  };
}
