/**
 * Scoring rule for the customer-service situations (also in content/assessments/README.md):
 *
 * - Only live items marked `scored` count. Each one answered scores the effectiveness rating (1–4) of
 *   the option chosen. An unanswered item is missing: it is reported, never counted as zero, because
 *   a lost connection should not look like a bad judgement.
 * - A competency's score is the mean rating over the answered items tagged with it, rescaled to
 *   0–100 as (mean − 1) / 3 × 100, so 1 → 0, 2.5 → 50 and 4 → 100.
 * - The situations total is the mean rating over all answered scored items, rescaled the same way.
 * - With nothing answered a score is null ("no evidence"), not 0.
 */
import type { ItemBank, SituationItem } from "../bank/item-bank-schema.ts";
import { type ItemAnswer, isScored, matchAnswers } from "./item-answer.ts";

export interface CompetencyScore {
  competencyId: string;
  /** 0–100, or null when no item tagged with this competency was answered. */
  score: number | null;
  /** Mean effectiveness rating, 1–4. */
  meanRating: number | null;
  answered: number;
  missing: number;
}

export interface SituationsScore {
  /** The situations total, 0–100, or null when nothing scored was answered. */
  score: number | null;
  meanRating: number | null;
  answered: number;
  missing: number;
  competencies: CompetencyScore[];
  usedItemIds: string[];
  missingItemIds: string[];
}

/** Maps a mean effectiveness rating (1–4) onto 0–100. */
export function ratingToScore(meanRating: number): number {
  return ((meanRating - 1) / 3) * 100;
}

/** Scores the situations exercise by the rule at the top of this file. */
export function scoreSituations(bank: ItemBank, answers: readonly ItemAnswer[]): SituationsScore {
  const matched = matchAnswers(bank, answers);
  const scoredItems = bank.items.filter((i): i is SituationItem => i.exercise === "situations" && isScored(i));

  const ratings = new Map<string, number>();
  for (const item of scoredItems) {
    const answer = matched.situations.get(item.id);
    if (!answer) continue;
    const rating = Object.hasOwn(item.key.effectiveness, answer.optionId) ? item.key.effectiveness[answer.optionId] : undefined;
    if (rating !== undefined) ratings.set(item.id, rating);
  }

  const summarise = (items: readonly SituationItem[]) => {
    const values = items.flatMap((i) => (ratings.has(i.id) ? [ratings.get(i.id) as number] : []));
    const meanRating = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
    return {
      score: meanRating === null ? null : ratingToScore(meanRating),
      meanRating,
      answered: values.length,
      missing: items.length - values.length,
    };
  };

  return {
    ...summarise(scoredItems),
    competencies: bank.competencies.map((c) => ({
      competencyId: c.id,
      ...summarise(scoredItems.filter((i) => i.competencies.includes(c.id))),
    })),
    usedItemIds: scoredItems.filter((i) => ratings.has(i.id)).map((i) => i.id),
    missingItemIds: scoredItems.filter((i) => !ratings.has(i.id)).map((i) => i.id),
  };
}
