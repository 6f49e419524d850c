/**
 * The applicant norm of one bank version (and scoring version): per scale, the mean and SD of the raw
 * measures of every completed attempt, and the pooled error of the scales whose SE is rough per person.
 *
 * - No norm below NORM_MINIMUM_ATTEMPTS completed attempts: with fewer, an SD is too unsteady to put
 *   anybody on a scale (its relative standard error is about 1 / √(2(n − 1)), 13 % at n = 30).
 * - Provisional below NORM_FINAL_ATTEMPTS (500): the SD is then within about ±3 %, and the mean within
 *   0.05 SD, so a T-score moves by less than about 1 point when more applicants come. Provisional norms
 *   are recomputed as attempts complete and results normed on them are recomputed with them; the first
 *   norm of 500 or more is final and stays, so every later candidate of that bank version is compared
 *   with the same group.
 */
import type { AttemptMeasures } from "./measure-attempt.ts";

export const NORM_MINIMUM_ATTEMPTS = 30;
export const NORM_FINAL_ATTEMPTS = 500;

/** One scale of a norm. */
export interface NormScale {
  /** Attempts with a value on this scale. */
  n: number;
  mean: number;
  /** Sample SD (n − 1). */
  sd: number;
  /** √(mean of se²) over the attempts with an SE: the typical error of one person's value; null without any. */
  pooledSe: number | null;
}

/** What a norm is computed from and what it holds, without its identity. */
export interface NormFigures {
  /** Completed attempts in the norm group. */
  attempts: number;
  scales: Record<string, NormScale>;
}

/** A stored norm: the figures, the bank and scoring version they belong to, and the norm's own version. */
export interface Norm extends NormFigures {
  bankId: string;
  bankVersion: number;
  scoringVersion: number;
  version: number;
  provisional: boolean;
  computedAt: Date;
}

/** Per scale mean, SD and pooled error over the attempts' measures; scales with fewer than two values are left out. */
export function computeNorm(measures: readonly AttemptMeasures[]): NormFigures {
  const values = new Map<string, { xs: number[]; se2: number[] }>();
  for (const attempt of measures) {
    for (const [scale, m] of Object.entries(attempt)) {
      if (m.value === null || !Number.isFinite(m.value)) continue;
      const entry = values.get(scale) ?? { xs: [], se2: [] };
      entry.xs.push(m.value);
      if (m.se !== null && Number.isFinite(m.se)) entry.se2.push(m.se * m.se);
      values.set(scale, entry);
    }
  }
  const scales: Record<string, NormScale> = {};
  for (const [scale, { xs, se2 }] of [...values].sort(([a], [b]) => a.localeCompare(b))) {
    if (xs.length < 2) continue;
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (xs.length - 1));
    scales[scale] = { n: xs.length, mean, sd, pooledSe: se2.length > 0 ? Math.sqrt(se2.reduce((a, b) => a + b, 0) / se2.length) : null };
  }
  return { attempts: measures.length, scales };
}
