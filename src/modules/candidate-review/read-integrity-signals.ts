/**
 * Reads an attempt's stored integrity signals for the candidate page. They inform a reviewer and never decide:
 * each has innocent explanations, which the page gives beside it (docs/console.md). The JSON was written by
 * the version of the assessment that completed the attempt, so it is read without trusting its shape.
 */
import { LONG_RUN } from "../assessment/attempts.ts";

/** The signals the page explains, in the order it shows them. */
export const INTEGRITY_SIGNALS = [
  "focusLosses",
  "pastes",
  "fastAnswers",
  "longestIdenticalRun",
  "accountsSharingDevice",
  "identicalAnswerPatternWith",
  "transcriptsUsed",
] as const;
export type IntegritySignal = (typeof INTEGRITY_SIGNALS)[number];

export type SignalReading = {
  signal: IntegritySignal;
  /** How many times, items, accounts or candidates; null when the attempt has no reading (not checked yet). */
  count: number | null;
  /** The items concerned, when the signal names them. */
  itemIds: string[];
  /** Whether it is worth a reviewer's look; a transcript read is an accommodation and never is. */
  observed: boolean;
};

export type IntegrityReading = {
  signals: SignalReading[];
  /** Stored signals this page does not know, shown as they are. */
  other: { key: string; value: string }[];
};

type Json = Record<string, unknown>;

function countOf(value: unknown): { count: number | null; itemIds: string[] } {
  if (typeof value === "number" && Number.isFinite(value)) return { count: value, itemIds: [] };
  if (Array.isArray(value)) {
    const itemIds = value.filter((v): v is string => typeof v === "string").slice(0, 200);
    return { count: value.length, itemIds };
  }
  return { count: null, itemIds: [] };
}

/** Each known signal with its count and items, and whatever else the stored signals hold. */
export function readIntegritySignals(stored: unknown): IntegrityReading {
  const integrity: Json = typeof stored === "object" && stored !== null && !Array.isArray(stored) ? (stored as Json) : {};
  const signals = INTEGRITY_SIGNALS.map((signal): SignalReading => {
    const { count, itemIds } = countOf(integrity[signal]);
    let observed = count !== null && count > 0;
    if (signal === "longestIdenticalRun") observed = integrity.longRun === true || (count !== null && count >= LONG_RUN);
    if (signal === "transcriptsUsed") observed = false;
    return { signal, count, itemIds, observed };
  });
  const known = new Set<string>([...INTEGRITY_SIGNALS, "longRun"]);
  const other = Object.entries(integrity)
    .filter(([key]) => !known.has(key))
    .map(([key, value]) => ({ key: key.slice(0, 100), value: JSON.stringify(value)?.slice(0, 500) ?? "" }));
  return { signals, other };
}
