/**
 * Reads an attempt's normed result (T-scores, ±1 SE bands, the result band, the norm it stands on) for the
 * candidate page without trusting its shape: the JSON was written by whichever version normed the attempt.
 * Scales are kept in the order stored; anything not understood is left out, and nothing here ever throws.
 */
import { readScaleKey } from "../assessment/norms/index.ts";

export type NormedScale = {
  kind: "situations" | "competency" | "trait";
  id: string;
  raw: number | null;
  t: number | null;
  low: number | null;
  high: number | null;
};

export type NormedResult = {
  /** The norm the T-scores stand on; null while the bank version has none. */
  norm: { version: number; attempts: number; provisional: boolean } | null;
  band: "high" | "typical" | "growing" | null;
  scales: NormedScale[];
};

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function numberOf(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** The stored result, or null when there is none or it holds nothing readable. */
export function readStoredResult(stored: unknown): NormedResult | null {
  if (!isObject(stored)) return null;
  const norm = isObject(stored.norm) ? stored.norm : null;
  const version = numberOf(norm?.version);
  const attempts = numberOf(norm?.attempts);
  const band = stored.band === "high" || stored.band === "typical" || stored.band === "growing" ? stored.band : null;
  const scales = isObject(stored.scales)
    ? Object.entries(stored.scales).flatMap(([key, value]): NormedScale[] => {
        const scale = readScaleKey(key);
        if (!scale || !isObject(value)) return [];
        return [{ ...scale, raw: numberOf(value.raw), t: numberOf(value.t), low: numberOf(value.low), high: numberOf(value.high) }];
      })
    : [];
  if (scales.length === 0) return null;
  return {
    norm: version !== null && attempts !== null ? { version, attempts, provisional: norm?.provisional !== false } : null,
    band,
    scales,
  };
}
