import { describe, expect, it } from "vitest";
import { newItemBankJson } from "../bank/item-bank-factory.ts";
import { parseItemBank } from "../bank/parse-item-bank.ts";
import { ratingToScore, scoreSituations } from "./score-situations.ts";

// Factory bank ratings (a b c d): s1 4 3 2 1 [listening]; s2 1 4 2 3 [listening, policy];
// s3 2 2 4 1 [policy]; s4 is a pilot, s5 a draft.
const bank = parseItemBank(newItemBankJson());

describe("ratingToScore", () => {
  it("maps 1 → 0, 2.5 → 50, 4 → 100", () => {
    expect(ratingToScore(1)).toBe(0);
    expect(ratingToScore(2.5)).toBe(50);
    expect(ratingToScore(4)).toBe(100);
  });
});

describe("scoreSituations", () => {
  it("scores the chosen options' ratings and reports the unanswered item as missing, not zero", () => {
    // s1 → b (rated 3), s2 → b (rated 4), s3 unanswered, s4 (pilot) → a (rated 4, but unscored).
    const score = scoreSituations(bank, [
      { itemId: "s1", optionId: "b" },
      { itemId: "s2", optionId: "b" },
      { itemId: "s4", optionId: "a" },
    ]);
    // Total: mean(3, 4) = 3.5 → (3.5 − 1) / 3 × 100 = 83.33…
    expect(score.meanRating).toBe(3.5);
    expect(score.score).toBeCloseTo(83.3333, 3);
    expect(score.answered).toBe(2);
    expect(score.missing).toBe(1);
    expect(score.usedItemIds).toEqual(["s1", "s2"]);
    expect(score.missingItemIds).toEqual(["s3"]);
    // listening: s1 (3) and s2 (4) → mean 3.5 → 83.33…
    // policy: s2 (4) only, s3 missing → mean 4 → 100; a missing item does not pull it down.
    expect(score.competencies).toEqual([
      { competencyId: "listening", meanRating: 3.5, score: expect.closeTo(83.3333, 3), answered: 2, missing: 0 },
      { competencyId: "policy", meanRating: 4, score: 100, answered: 1, missing: 1 },
    ]);
  });

  it("works a second example through every item", () => {
    // s1 → d (1), s2 → a (1), s3 → c (4).
    const score = scoreSituations(bank, [
      { itemId: "s1", optionId: "d" },
      { itemId: "s2", optionId: "a" },
      { itemId: "s3", optionId: "c" },
    ]);
    // Total: mean(1, 1, 4) = 2 → (2 − 1) / 3 × 100 = 33.33…
    expect(score.score).toBeCloseTo(33.3333, 3);
    // listening: mean(1, 1) = 1 → 0.   policy: mean(1, 4) = 2.5 → 50.
    expect(score.competencies.map((c) => [c.competencyId, c.score])).toEqual([
      ["listening", 0],
      ["policy", 50],
    ]);
    expect(score.missing).toBe(0);
  });

  it("gives null, not 0, when nothing scored was answered", () => {
    const score = scoreSituations(bank, [{ itemId: "s4", optionId: "a" }]);
    expect(score.score).toBeNull();
    expect(score.meanRating).toBeNull();
    expect(score.competencies.every((c) => c.score === null)).toBe(true);
    expect(score.missingItemIds).toEqual(["s1", "s2", "s3"]);
  });

  it("counts the last answer when an item was answered twice", () => {
    const score = scoreSituations(bank, [
      { itemId: "s1", optionId: "d" },
      { itemId: "s1", optionId: "a" },
    ]);
    // Only s1 → a (4) counts: 4 → 100.
    expect(score.score).toBe(100);
    expect(score.answered).toBe(1);
  });
});
