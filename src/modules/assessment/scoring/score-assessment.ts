import type { ItemBank } from "../bank/item-bank-schema.ts";
import { type ItemAnswer, isScored, matchAnswers, type RejectedAnswer } from "./item-answer.ts";
import { type CompetencyScore, scoreSituations } from "./score-situations.ts";
import { scoreWorkStyle, type TraitScore } from "./score-work-style.ts";

/**
 * The version of the scoring rules. Raise it whenever a change to this folder could change a score for
 * the same answers: norms are kept per scoring version, so scores of two versions are never mixed. 1 was
 * bank v1's rule (one choice per situation, ipsative work-style sums); 2 scores situations by distance from
 * the key (best and worst picks) and work style by graded Thurstonian IRT.
 */
export const SCORING_VERSION = 2;

/**
 * Everything a reviewer or a report needs from one attempt, named by the bank version and the scoring
 * version it was computed with, so a score can be recomputed or explained later. Unrounded: rounding is
 * for display.
 */
export interface AssessmentScore {
  bankId: string;
  bankVersion: number;
  scoringVersion: number;
  /** 0–100 by distance from the key; `partial` items (one pick only) are among the `answered`. */
  situations: { score: number | null; answered: number; partial: number; missing: number };
  competencies: CompetencyScore[];
  /** The model the trait scores were computed under, and whether its estimate converged. */
  workStyle: { model: string; converged: boolean; answered: number; missing: number };
  /** MAP trait scores with standard errors, on one scale for all candidates; see score-work-style.ts. */
  traits: TraitScore[];
  /** Scored items answered and missing, both exercises together. */
  answered: number;
  missing: number;
  /** The scored items whose answers went into the scores. */
  usedItemIds: string[];
  /** Scored situations answered with one pick only. */
  partialItemIds: string[];
  missingItemIds: string[];
  /** Answered items that were shown but do not count (pilot items). */
  unscoredItemIds: string[];
  rejected: RejectedAnswer[];
}

/** Scores one attempt: situations by distance from the key, work-style pairs by trait, with what was used and missing. */
export function scoreAssessment(bank: ItemBank, answers: readonly ItemAnswer[]): AssessmentScore {
  const situations = scoreSituations(bank, answers);
  const workStyle = scoreWorkStyle(bank, answers);
  const matched = matchAnswers(bank, answers);
  const answeredItems = [...matched.situations.values(), ...matched.pairs.values()].map((m) => m.item);

  return {
    bankId: bank.bankId,
    bankVersion: bank.version,
    scoringVersion: SCORING_VERSION,
    situations: {
      score: situations.score,
      answered: situations.answered,
      partial: situations.partial,
      missing: situations.missing,
    },
    competencies: situations.competencies,
    workStyle: { model: workStyle.model, converged: workStyle.converged, answered: workStyle.answered, missing: workStyle.missing },
    traits: workStyle.traits,
    answered: situations.answered + workStyle.answered,
    missing: situations.missing + workStyle.missing,
    usedItemIds: [...situations.usedItemIds, ...workStyle.usedItemIds],
    partialItemIds: situations.partialItemIds,
    missingItemIds: [...situations.missingItemIds, ...workStyle.missingItemIds],
    unscoredItemIds: answeredItems.filter((item) => !isScored(item)).map((item) => item.id),
    rejected: matched.rejected,
  };
}
