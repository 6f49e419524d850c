/**
 * Scoring rule for the customer-service situations (also in content/assessments/README.md):
 *
 * Every option of an item carries the keying panel's effectiveness rating, 1–6. Let H be the item's
 * highest rating (its most effective option) and L its lowest (its least effective option).
 *
 * - Best pick:  1 − (H − rating of the option picked as most effective) / 5
 * - Worst pick: 1 − (rating of the option picked as least effective − L) / 5
 *
 *   5 is the width of the 1–6 scale, so each rating point between the pick and the key costs 0.2:
 *   picking the keyed option scores 1, picking one the panel rated nearly as well scores nearly 1, and
 *   only a pick at the far end of the scale comes near 0. A near miss is not the same as a blunder.
 * - Item score: the mean of the picks given, 0–1. Both picks: (best + worst) / 2. One pick only: that
 *   pick's score, and the item is reported as partial. No pick: the item is missing, reported and never
 *   counted as zero, because a lost connection should not look like a bad judgement.
 * - Situations total: 100 × the mean item score over the answered scored items (0–100). A competency's
 *   subscore: the same over the answered scored items whose (one, primary) competency it is.
 * - Only live items marked `scored` count; with nothing answered a score is null ("no evidence"), not 0.
 */
import { EFFECTIVENESS_MAX, EFFECTIVENESS_MIN, type ItemBank, type SituationItem } from "../bank/item-bank-schema.ts";
import { type ItemAnswer, isScored, matchAnswers, type SituationPicks } from "./item-answer.ts";

/** The width of the rating scale: the largest possible distance between a pick and the key. */
const SCALE_WIDTH = EFFECTIVENESS_MAX - EFFECTIVENESS_MIN;

export interface SituationItemScore {
  itemId: string;
  competencyId: string;
  /** The best pick's score, 0–1, or null when no best pick was given. */
  best: number | null;
  /** The worst pick's score, 0–1, or null when no worst pick was given. */
  worst: number | null;
  /** The mean of the picks given, 0–1. */
  score: number;
  partial: boolean;
}

export interface CompetencyScore {
  competencyId: string;
  /** 0–100, or null when no item of this competency was answered. */
  score: number | null;
  answered: number;
  /** Answered with one pick only (included in `answered`). */
  partial: number;
  missing: number;
}

export interface SituationsScore {
  /** The situations total, 0–100, or null when nothing scored was answered. */
  score: number | null;
  answered: number;
  partial: number;
  missing: number;
  competencies: CompetencyScore[];
  /** Each answered scored item, in bank order. */
  items: SituationItemScore[];
  usedItemIds: string[];
  partialItemIds: string[];
  missingItemIds: string[];
}

function ratingOf(item: SituationItem, optionId: string): number | undefined {
  return Object.hasOwn(item.key.effectiveness, optionId) ? item.key.effectiveness[optionId] : undefined;
}

/** The score, 0–1, of picking `optionId` as an item's most effective option. */
export function bestPickScore(item: SituationItem, optionId: string): number | null {
  const rating = ratingOf(item, optionId);
  if (rating === undefined) return null;
  const highest = Math.max(...Object.values(item.key.effectiveness));
  return 1 - (highest - rating) / SCALE_WIDTH;
}

/** The score, 0–1, of picking `optionId` as an item's least effective option. */
export function worstPickScore(item: SituationItem, optionId: string): number | null {
  const rating = ratingOf(item, optionId);
  if (rating === undefined) return null;
  const lowest = Math.min(...Object.values(item.key.effectiveness));
  return 1 - (rating - lowest) / SCALE_WIDTH;
}

/** One item's score from its picks, or null when neither pick is given (a missing item). */
export function scoreSituationItem(item: SituationItem, picks: SituationPicks): SituationItemScore | null {
  const best = picks.best === null ? null : bestPickScore(item, picks.best);
  const worst = picks.worst === null ? null : worstPickScore(item, picks.worst);
  const given = [best, worst].filter((s): s is number => s !== null);
  if (given.length === 0) return null;
  return {
    itemId: item.id,
    competencyId: item.competencies[0] ?? "",
    best,
    worst,
    score: given.reduce((a, b) => a + b, 0) / given.length,
    partial: given.length === 1,
  };
}

/** Scores the situations exercise by the rule at the top of this file. */
export function scoreSituations(bank: ItemBank, answers: readonly ItemAnswer[]): SituationsScore {
  const matched = matchAnswers(bank, answers);
  const scoredItems = bank.items.filter((i): i is SituationItem => i.exercise === "situations" && isScored(i));

  const itemScores = new Map<string, SituationItemScore>();
  for (const item of scoredItems) {
    const answer = matched.situations.get(item.id);
    const score = answer ? scoreSituationItem(item, answer) : null;
    if (score) itemScores.set(item.id, score);
  }

  const summarise = (items: readonly SituationItem[]) => {
    const scores = items.flatMap((i) => {
      const s = itemScores.get(i.id);
      return s ? [s] : [];
    });
    const mean = scores.length > 0 ? scores.reduce((sum, s) => sum + s.score, 0) / scores.length : null;
    return {
      score: mean === null ? null : mean * 100,
      answered: scores.length,
      partial: scores.filter((s) => s.partial).length,
      missing: items.length - scores.length,
    };
  };

  return {
    ...summarise(scoredItems),
    competencies: bank.competencies.map((c) => ({
      competencyId: c.id,
      ...summarise(scoredItems.filter((i) => i.competencies[0] === c.id)),
    })),
    items: scoredItems.flatMap((i) => {
      const s = itemScores.get(i.id);
      return s ? [s] : [];
    }),
    usedItemIds: scoredItems.filter((i) => itemScores.has(i.id)).map((i) => i.id),
    partialItemIds: scoredItems.filter((i) => itemScores.get(i.id)?.partial).map((i) => i.id),
    missingItemIds: scoredItems.filter((i) => !itemScores.has(i.id)).map((i) => i.id),
  };
}
