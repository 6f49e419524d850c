/**
 * An attempt's raw measures, each with its standard error, in the shape the norms work on.
 *
 * Scales, by key:
 * - `situations`: the situations total, 0–100 (100 × the mean item score of the answered scored items);
 * - `competency:<id>`: the same over the items whose primary competency it is;
 * - `trait:<id>`: the work-style trait score θ (MAP under graded Thurstonian IRT).
 *
 * Standard errors. A situations score is the mean of k item scores, so under the domain-sampling model its
 * error is the spread of the candidate's item scores over √k: 100 · s / √k, with s the sample SD of the item
 * scores (null below two items). One person's s over 8–24 items is rough, which is why the norm pools it
 * (the mean of se² over the norm group) and the result uses the pooled figure for these scales (see
 * apply-norm.ts). A trait's SE is the IRT posterior SD, each person's own.
 */
import type { ItemBank } from "../bank/item-bank-schema.ts";
import type { ItemAnswer } from "../scoring/item-answer.ts";
import { scoreSituations } from "../scoring/score-situations.ts";
import { scoreWorkStyle } from "../scoring/score-work-style.ts";

/** One raw measure: its value on its own scale, its standard error, and the items behind it. */
export interface Measure {
  /** 0–100 for situations and competencies, θ for traits; null when nothing of the scale was answered. */
  value: number | null;
  /** On the measure's own scale; null when it cannot be estimated. */
  se: number | null;
  /** Answered items (situations) or pairs (traits) behind the value. */
  items: number;
}

/** Every raw measure of one attempt, by scale key. */
export type AttemptMeasures = Record<string, Measure>;

export const SITUATIONS_SCALE = "situations";
export const competencyScale = (id: string): string => `competency:${id}`;
export const traitScale = (id: string): string => `trait:${id}`;

/** The kind of a scale key, and the bank id it names (empty for the situations total). */
export function readScaleKey(scale: string): { kind: "situations" | "competency" | "trait"; id: string } | null {
  if (scale === SITUATIONS_SCALE) return { kind: "situations", id: "" };
  const match = /^(competency|trait):(.+)$/.exec(scale);
  return match ? { kind: match[1] as "competency" | "trait", id: match[2] as string } : null;
}

function meanMeasure(scores: readonly number[]): Measure {
  const k = scores.length;
  if (k === 0) return { value: null, se: null, items: 0 };
  const mean = scores.reduce((a, b) => a + b, 0) / k;
  if (k < 2) return { value: 100 * mean, se: null, items: k };
  const variance = scores.reduce((sum, s) => sum + (s - mean) ** 2, 0) / (k - 1);
  return { value: 100 * mean, se: (100 * Math.sqrt(variance)) / Math.sqrt(k), items: k };
}

/** The raw measures of one attempt's answers, by the rules at the top of this file. */
export function measureAttempt(bank: ItemBank, answers: readonly ItemAnswer[]): AttemptMeasures {
  const situations = scoreSituations(bank, answers);
  const workStyle = scoreWorkStyle(bank, answers);
  const measures: AttemptMeasures = { [SITUATIONS_SCALE]: meanMeasure(situations.items.map((i) => i.score)) };
  for (const c of bank.competencies) {
    measures[competencyScale(c.id)] = meanMeasure(situations.items.filter((i) => i.competencyId === c.id).map((i) => i.score));
  }
  for (const t of workStyle.traits) {
    measures[traitScale(t.traitId)] = { value: t.pairs > 0 ? t.theta : null, se: t.pairs > 0 ? t.se : null, items: t.pairs };
  }
  return measures;
}
