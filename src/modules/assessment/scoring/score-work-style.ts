/**
 * Scoring rule for the work-style pairs (also in content/assessments/README.md):
 *
 * - An answer is one of four points: −2 (left statement, 私に最も該当する), −1 (left, 私に良く該当する),
 *   +1 (right, 私に良く該当する), +2 (right, 私に最も該当する). The side is the sign; the strength is
 *   the size (1 or 2).
 * - The chosen statement's trait gains strength × that statement's keying sign; the other
 *   statement's trait loses strength × its own keying sign. Choosing "I stay calm" (composure, +1)
 *   over "I check every detail" (detail, +1) at strength 2 gives composure +2 and detail −2; turning
 *   down a negatively keyed statement raises its trait.
 * - A trait's mean is its sum divided by the number of answered pairs it appeared in (range −2 … +2).
 * - The profile rescales the means to 0–100 within the person: the candidate's highest trait is 100,
 *   the lowest 0, the rest in between on a straight line; if all traits are equal they are all 50.
 * - Only live, scored pairs count; unanswered pairs are reported as missing.
 *
 * Ipsative caveat: a forced choice only says which of two statements a person prefers, so these
 * scores are relative within one person. Compare a candidate's traits with each other ("composure is
 * this person's strongest trait"), never a raw trait score across candidates ("A is calmer than B").
 */
import type { ItemBank, PairItem } from "../bank/item-bank-schema.ts";
import { type ItemAnswer, isScored, matchAnswers } from "./item-answer.ts";

export interface TraitScore {
  traitId: string;
  /** 0–100 within this candidate (highest trait 100, lowest 0), or null when no pair with it was answered. */
  profile: number | null;
  /** Sum divided by the answered pairs the trait appeared in, −2 … +2. */
  mean: number | null;
  sum: number;
  /** Answered scored pairs in which the trait appeared. */
  pairs: number;
  /** Unanswered scored pairs in which the trait appeared. */
  missing: number;
}

export interface WorkStyleScore {
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
  const sums = new Map(bank.traits.map((t) => [t.id, 0]));
  const pairs = new Map(bank.traits.map((t) => [t.id, 0]));
  const missing = new Map(bank.traits.map((t) => [t.id, 0]));
  const add = (counts: Map<string, number>, traitId: string, amount: number) => counts.set(traitId, (counts.get(traitId) ?? 0) + amount);
  const usedItemIds: string[] = [];
  const missingItemIds: string[] = [];

  for (const item of scoredPairs) {
    const [left, right] = item.statements;
    const leftKey = Object.hasOwn(item.key.statements, left.id) ? item.key.statements[left.id] : undefined;
    const rightKey = Object.hasOwn(item.key.statements, right.id) ? item.key.statements[right.id] : undefined;
    if (!leftKey || !rightKey) continue; // the bank schema rules this out; never guess a key
    const answer = matched.pairs.get(item.id);
    if (!answer) {
      missingItemIds.push(item.id);
      add(missing, leftKey.traitId, 1);
      add(missing, rightKey.traitId, 1);
      continue;
    }
    const strength = Math.abs(answer.point);
    const [chosen, other] = answer.point < 0 ? [leftKey, rightKey] : [rightKey, leftKey];
    add(sums, chosen.traitId, strength * chosen.sign);
    add(sums, other.traitId, -strength * other.sign);
    add(pairs, chosen.traitId, 1);
    add(pairs, other.traitId, 1);
    usedItemIds.push(item.id);
  }

  const means = new Map<string, number>();
  for (const [traitId, count] of pairs) if (count > 0) means.set(traitId, (sums.get(traitId) ?? 0) / count);
  const lowest = Math.min(...means.values());
  const highest = Math.max(...means.values());

  return {
    traits: bank.traits.map((t) => {
      const mean = means.get(t.id);
      let profile: number | null = null;
      if (mean !== undefined) profile = highest === lowest ? 50 : ((mean - lowest) / (highest - lowest)) * 100;
      return {
        traitId: t.id,
        profile,
        mean: mean ?? null,
        sum: sums.get(t.id) ?? 0,
        pairs: pairs.get(t.id) ?? 0,
        missing: missing.get(t.id) ?? 0,
      };
    }),
    answered: usedItemIds.length,
    missing: missingItemIds.length,
    usedItemIds,
    missingItemIds,
  };
}
