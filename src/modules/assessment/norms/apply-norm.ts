/**
 * An attempt's result on a norm: T-scores with a ±1 SE band, and the result band.
 *
 * - T = 50 + 10 · (value − norm mean) / norm SD, per scale, so 50 is the applicants' average and 10 points
 *   one SD. With no norm yet (fewer than NORM_MINIMUM_ATTEMPTS), or a scale the norm lacks, T is null.
 * - SE in T points: 10 · SE / norm SD. Situations and competencies use the norm group's pooled SE (one
 *   person's spread over 8–24 items is too rough to draw their own band); traits use each person's IRT SE.
 *   The band is T ± 1 SE: about two chances in three that it holds the candidate's true standing.
 * - Result band, from the situations T alone (the exercise with a better and a worse answer; work-style
 *   traits describe, they do not rank): `high` from T 60 (one SD above the average: the top sixth of a
 *   normal distribution), `growing` below T 40 (the bottom sixth), `typical` between, the middle two
 *   thirds. The middle band is wide on purpose: with the situations' SE of about 4–5 T points, a
 *   candidate lands outside it only when their score is clearly away from the average.
 */
import type { Norm } from "./compute-norm.ts";
import { type AttemptMeasures, readScaleKey, SITUATIONS_SCALE } from "./measure-attempt.ts";

export const HIGH_BAND_FROM_T = 60;
export const TYPICAL_BAND_FROM_T = 40;

export type ResultBand = "high" | "typical" | "growing";

/** One scale of a result. */
export interface ScaleResult {
  /** The raw measure (0–100 or θ). */
  raw: number | null;
  t: number | null;
  /** The SE in T points. */
  se: number | null;
  /** T ∓ 1 SE. */
  low: number | null;
  high: number | null;
}

/** An attempt's normed result, named by every version that made it. */
export interface AssessmentResult {
  bankId: string;
  bankVersion: number;
  scoringVersion: number;
  /** The norm the T-scores stand on; null while there is none. */
  norm: { version: number; attempts: number; provisional: boolean; computedAt: string } | null;
  scales: Record<string, ScaleResult>;
  band: ResultBand | null;
}

/** The result band of a situations T-score, by the cut points at the top of this file. */
export function bandOf(t: number): ResultBand {
  if (t >= HIGH_BAND_FROM_T) return "high";
  if (t < TYPICAL_BAND_FROM_T) return "growing";
  return "typical";
}

/** Normalises an attempt's measures on a norm (or on none yet), by the rules at the top of this file. */
export function applyNorm(
  measures: AttemptMeasures,
  norm: Norm | null,
  versions: { bankId: string; bankVersion: number; scoringVersion: number },
): AssessmentResult {
  const scales: Record<string, ScaleResult> = {};
  for (const [scale, m] of Object.entries(measures)) {
    const n = norm?.scales[scale];
    if (!n || m.value === null || !(n.sd > 0)) {
      scales[scale] = { raw: m.value, t: null, se: null, low: null, high: null };
      continue;
    }
    const t = 50 + (10 * (m.value - n.mean)) / n.sd;
    const rawSe = readScaleKey(scale)?.kind === "trait" ? m.se : (n.pooledSe ?? m.se);
    const se = rawSe === null ? null : (10 * rawSe) / n.sd;
    scales[scale] = { raw: m.value, t, se, low: se === null ? null : t - se, high: se === null ? null : t + se };
  }
  const situationsT = scales[SITUATIONS_SCALE]?.t ?? null;
  return {
    ...versions,
    norm: norm ? { version: norm.version, attempts: norm.attempts, provisional: norm.provisional, computedAt: norm.computedAt.toISOString() } : null,
    scales,
    band: situationsT === null ? null : bandOf(situationsT),
  };
}
