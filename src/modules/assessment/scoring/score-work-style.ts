/**
 * Scoring rule for the work-style pairs (also in content/assessments/README.md):
 *
 * - Each answered live, scored pair is one ordinal observation of y* = t_left − t_right under the
 *   graded Thurstonian IRT model (Brown & Maydeu-Olivares 2011, 2018), with the item parameters and
 *   the trait correlations the bank holds. The four points map onto ordered categories as in
 *   thurstonian/map-point-to-category.ts.
 * - A candidate's trait scores are the posterior mode (MAP) under a MVN(0, Φ) prior, so they are on
 *   one scale for everybody (mean 0, SD 1 in the population the prior describes) and can be compared
 *   between candidates; each comes with its standard error.
 * - Unanswered pairs are missing: they are skipped, never guessed. With nothing answered a trait score
 *   is the prior mean 0 with the prior SD 1.
 */
import type { ItemBank, PairItem } from "../bank/item-bank-schema.ts";
import { type ItemAnswer, isScored, matchAnswers } from "./item-answer.ts";
import { estimateTraitScores } from "./thurstonian/estimate-trait-scores.ts";
import { mapPointToCategory, type PairCategory } from "./thurstonian/map-point-to-category.ts";
import { readThurstonianModel } from "./thurstonian/read-thurstonian-model.ts";

export interface TraitScore {
  traitId: string;
  /** The MAP trait score: 0 is the population mean, ±1 one SD from it. */
  theta: number;
  /** Its standard error, on the same scale; 1 means no information beyond the prior. */
  se: number;
  /** Answered scored pairs in which the trait appeared. */
  pairs: number;
  /** Unanswered scored pairs in which the trait appeared. */
  missing: number;
}

export interface WorkStyleScore {
  /** The model the scores were computed under, as the bank declares it (e.g. thurstonian-graded-1). */
  model: string;
  /** Whether the posterior mode was found; false would mean the scores are not to be trusted. */
  converged: boolean;
  traits: TraitScore[];
  answered: number;
  missing: number;
  usedItemIds: string[];
  missingItemIds: string[];
}

/** Scores the work-style pairs by the rule at the top of this file. */
export function scoreWorkStyle(bank: ItemBank, answers: readonly ItemAnswer[]): WorkStyleScore {
  const matched = matchAnswers(bank, answers);
  const scoredPairs = bank.items.filter((i): i is PairItem => i.exercise === "workstyle" && isScored(i));
  const model = readThurstonianModel(bank, scoredPairs);
  const categories: (PairCategory | null)[] = scoredPairs.map((item) => {
    const answer = matched.pairs.get(item.id);
    return answer ? mapPointToCategory(answer.point) : null;
  });
  const estimate = estimateTraitScores(model, categories);

  const counts = bank.traits.map(() => ({ pairs: 0, missing: 0 }));
  model.pairs.forEach((pair, l) => {
    const field = categories[l] === null ? "missing" : "pairs";
    for (const trait of [pair.left.trait, pair.right.trait]) {
      const count = counts[trait];
      if (count) count[field] += 1;
    }
  });
  const usedItemIds = scoredPairs.filter((_, l) => categories[l] !== null).map((i) => i.id);
  const missingItemIds = scoredPairs.filter((_, l) => categories[l] === null).map((i) => i.id);
  return {
    model: bank.workStyleModel.model,
    converged: estimate.converged,
    traits: bank.traits.map((t, j) => ({
      traitId: t.id,
      theta: estimate.theta[j] as number,
      se: estimate.se[j] as number,
      pairs: counts[j]?.pairs ?? 0,
      missing: counts[j]?.missing ?? 0,
    })),
    answered: usedItemIds.length,
    missing: missingItemIds.length,
    usedItemIds,
    missingItemIds,
  };
}
