import { describe, expect, it } from "vitest";
import { newItemBankJson } from "../bank/item-bank-factory.ts";
import { parseItemBank } from "../bank/parse-item-bank.ts";
import { scoreWorkStyle } from "./score-work-style.ts";

// Factory bank pairs (left a, right b):
//   p1 a: calm +1    b: detail +1
//   p2 a: care +1    b: calm −1
//   p3 a: detail −1  b: care +1
//   p4 is a pilot, p5 retired.
const bank = parseItemBank(newItemBankJson());

const byTrait = <T extends { traitId: string }>(traits: T[]): Record<string, T | undefined> => Object.fromEntries(traits.map((t) => [t.traitId, t]));

describe("scoreWorkStyle", () => {
  it("adds strength × sign to the chosen statement's trait and subtracts it from the other's", () => {
    const score = scoreWorkStyle(bank, [
      // −2: left (calm +1) at strength 2 → calm += 2 × (+1) = +2; detail −= 2 × (+1) → −2
      { itemId: "p1", point: -2 },
      // +1: right (calm −1) at strength 1 → calm += 1 × (−1) = −1; care −= 1 × (+1) → −1
      { itemId: "p2", point: 1 },
      // +1: right (care +1) at strength 1 → care += 1; detail −= 1 × (−1) → +1
      { itemId: "p3", point: 1 },
      // pilot: shown but not scored
      { itemId: "p4", point: 2 },
    ]);
    // Sums: calm 2 − 1 = 1 over 2 pairs → mean 0.5
    //       care −1 + 1 = 0 over 2 pairs → mean 0
    //       detail −2 + 1 = −1 over 2 pairs → mean −0.5
    // Profile within the person: lowest −0.5 → 0, highest 0.5 → 100, care (0 + 0.5) / 1 × 100 = 50.
    const traits = byTrait(score.traits);
    expect(traits.calm).toEqual({ traitId: "calm", sum: 1, pairs: 2, missing: 0, mean: 0.5, profile: 100 });
    expect(traits.care).toEqual({ traitId: "care", sum: 0, pairs: 2, missing: 0, mean: 0, profile: 50 });
    expect(traits.detail).toEqual({ traitId: "detail", sum: -1, pairs: 2, missing: 0, mean: -0.5, profile: 0 });
    expect(score.usedItemIds).toEqual(["p1", "p2", "p3"]);
    expect(score.answered).toBe(3);
    expect(score.missing).toBe(0);
  });

  it("divides by answered pairs only and reports the missing pair against both its traits", () => {
    const score = scoreWorkStyle(bank, [
      // +2: right (detail +1) → detail += 2; calm −= 2 × (+1) → −2
      { itemId: "p1", point: 2 },
      // p2 (care / calm) unanswered
      // −1: left (detail −1) → detail += 1 × (−1) = −1; care −= 1 × (+1) → −1
      { itemId: "p3", point: -1 },
    ]);
    // calm −2 over 1 pair → −2;  care −1 over 1 pair → −1;  detail 2 − 1 = 1 over 2 pairs → 0.5
    // Profile: range −2 … 0.5 (2.5): calm 0, detail 100, care (−1 + 2) / 2.5 × 100 = 40.
    const traits = byTrait(score.traits);
    expect(traits.calm).toMatchObject({ mean: -2, pairs: 1, missing: 1, profile: 0 });
    expect(traits.care).toMatchObject({ mean: -1, pairs: 1, missing: 1 });
    expect(traits.care?.profile).toBeCloseTo(40, 10);
    expect(traits.detail).toMatchObject({ mean: 0.5, pairs: 2, missing: 0, profile: 100 });
    expect(score.missingItemIds).toEqual(["p2"]);
  });

  it("raises a trait when its negatively keyed statement is turned down", () => {
    // p2 at −2: left (care +1) chosen strongly → care += 2; the right statement (calm −1) is
    // turned down → calm −= 2 × (−1) = +2.
    const score = scoreWorkStyle(bank, [{ itemId: "p2", point: -2 }]);
    const traits = byTrait(score.traits);
    expect(traits.care?.sum).toBe(2);
    expect(traits.calm?.sum).toBe(2);
    // Equal means (2 and 2): the profile cannot rank them, so both sit at 50; detail has no data.
    expect(traits.care?.profile).toBe(50);
    expect(traits.calm?.profile).toBe(50);
    expect(traits.detail).toMatchObject({ mean: null, profile: null, pairs: 0, missing: 2 });
  });

  it("gives every trait null with no answers", () => {
    const score = scoreWorkStyle(bank, []);
    expect(score.traits.every((t) => t.profile === null && t.mean === null)).toBe(true);
    expect(score.missing).toBe(3);
  });
});
