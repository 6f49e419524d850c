import { describe, expect, it } from "vitest";
import { newItemBankJson } from "../bank/item-bank-factory.ts";
import type { SituationItem } from "../bank/item-bank-schema.ts";
import { parseItemBank } from "../bank/parse-item-bank.ts";
import { bestPickScore, scoreSituationItem, scoreSituations, worstPickScore } from "./score-situations.ts";

// Factory bank ratings (a b c d), each item with one competency:
//   s1 listening  6    4    2.5  1      highest 6,   lowest 1
//   s2 listening  1.5  5.5  3    4.5    highest 5.5, lowest 1.5
//   s3 policy     2    3    5    1      highest 5,   lowest 1
//   s4 is a pilot, s5 a draft.
const bank = parseItemBank(newItemBankJson());
const s1 = bank.items.find((i) => i.id === "s1") as SituationItem;
const s2 = bank.items.find((i) => i.id === "s2") as SituationItem;

describe("bestPickScore and worstPickScore", () => {
  it("lose 0.2 for every rating point between the pick and the key", () => {
    expect(bestPickScore(s1, "a")).toBe(1); // the key
    expect(bestPickScore(s1, "b")).toBeCloseTo(0.6, 10); // 1 − (6 − 4) / 5
    expect(bestPickScore(s1, "c")).toBeCloseTo(0.3, 10); // 1 − (6 − 2.5) / 5
    expect(bestPickScore(s1, "d")).toBeCloseTo(0, 10); // 1 − (6 − 1) / 5
    expect(worstPickScore(s1, "d")).toBe(1);
    expect(worstPickScore(s1, "c")).toBeCloseTo(0.7, 10); // 1 − (2.5 − 1) / 5
    expect(worstPickScore(s2, "d")).toBeCloseTo(0.4, 10); // 1 − (4.5 − 1.5) / 5
    expect(bestPickScore(s1, "z")).toBeNull();
  });

  it("score an item as the mean of the picks given", () => {
    expect(scoreSituationItem(s1, { best: "a", worst: "d" })).toEqual({ itemId: "s1", competencyId: "listening", best: 1, worst: 1, score: 1, partial: false });
    // best b 0.6, worst c 0.7 → 0.65
    expect(scoreSituationItem(s1, { best: "b", worst: "c" })?.score).toBeCloseTo(0.65, 10);
    // best only: that pick alone, marked partial
    expect(scoreSituationItem(s1, { best: "b", worst: null })).toMatchObject({ best: 0.6, worst: null, partial: true });
    expect(scoreSituationItem(s1, { best: "b", worst: null })?.score).toBeCloseTo(0.6, 10);
    expect(scoreSituationItem(s1, { best: null, worst: null })).toBeNull();
  });
});

describe("scoreSituations", () => {
  it("averages item scores into the total and the competency subscores; a partial item counts its one pick", () => {
    const score = scoreSituations(bank, [
      { itemId: "s1", best: "b", worst: "d" }, // 0.6 and 1 → 0.8
      { itemId: "s2", best: "b", worst: "c" }, // 1 and 1 − (3 − 1.5) / 5 = 0.7 → 0.85
      { itemId: "s3", best: "c", worst: null }, // best only: 1 (partial)
      { itemId: "s4", best: "a", worst: "b" }, // pilot: shown, never scored
    ]);
    // Total: (0.8 + 0.85 + 1) / 3 = 0.88333… → 88.33…
    expect(score.score).toBeCloseTo(88.3333, 3);
    expect(score.answered).toBe(3);
    expect(score.partial).toBe(1);
    expect(score.missing).toBe(0);
    expect(score.partialItemIds).toEqual(["s3"]);
    expect(score.usedItemIds).toEqual(["s1", "s2", "s3"]);
    // listening: (0.8 + 0.85) / 2 = 0.825 → 82.5;   policy: s3 alone → 100.
    expect(score.competencies).toEqual([
      { competencyId: "listening", score: expect.closeTo(82.5, 6), answered: 2, partial: 0, missing: 0 },
      { competencyId: "policy", score: 100, answered: 1, partial: 1, missing: 0 },
    ]);
    expect(score.items.map((i) => [i.itemId, i.score])).toEqual([
      ["s1", expect.closeTo(0.8, 10)],
      ["s2", expect.closeTo(0.85, 10)],
      ["s3", 1],
    ]);
  });

  it("works a second example: picks reversed, and an unanswered item that is missing, not zero", () => {
    const score = scoreSituations(bank, [
      { itemId: "s1", best: "d", worst: "a" }, // 1 − 5/5 = 0 and 1 − 5/5 = 0 → 0
      { itemId: "s2", best: "a", worst: "b" }, // 1 − 4/5 = 0.2 and 1 − 4/5 = 0.2 → 0.2
    ]);
    // Total: (0 + 0.2) / 2 = 0.1 → 10; s3 missing does not pull it down.
    expect(score.score).toBeCloseTo(10, 10);
    expect(score.missingItemIds).toEqual(["s3"]);
    expect(score.competencies).toEqual([
      { competencyId: "listening", score: expect.closeTo(10, 10), answered: 2, partial: 0, missing: 0 },
      { competencyId: "policy", score: null, answered: 0, partial: 0, missing: 1 },
    ]);
  });

  it("scores a worst pick alone, and a one-choice answer as a best pick alone", () => {
    const score = scoreSituations(bank, [
      { itemId: "s3", best: null, worst: "b" }, // 1 − (3 − 1) / 5 = 0.6
      { itemId: "s1", optionId: "c" }, // best c: 1 − (6 − 2.5) / 5 = 0.3
    ]);
    expect(score.items.map((i) => [i.itemId, i.best, i.worst])).toEqual([
      ["s1", expect.closeTo(0.3, 10), null],
      ["s3", null, expect.closeTo(0.6, 10)],
    ]);
    // (0.3 + 0.6) / 2 = 0.45 → 45
    expect(score.score).toBeCloseTo(45, 10);
    expect(score.partial).toBe(2);
  });

  it("gives null, not 0, when nothing scored was answered", () => {
    const score = scoreSituations(bank, [{ itemId: "s4", best: "a", worst: "b" }]);
    expect(score.score).toBeNull();
    expect(score.competencies.every((c) => c.score === null)).toBe(true);
    expect(score.missingItemIds).toEqual(["s1", "s2", "s3"]);
  });

  it("counts the last answer when an item was answered twice", () => {
    const score = scoreSituations(bank, [
      { itemId: "s1", best: "d", worst: "a" },
      { itemId: "s1", best: "a", worst: "d" },
    ]);
    expect(score.score).toBe(100);
    expect(score.answered).toBe(1);
  });

  it("never gives the same pick as both best and worst a score", () => {
    const score = scoreSituations(bank, [{ itemId: "s1", best: "a", worst: "a" }]);
    expect(score.answered).toBe(0);
    expect(score.score).toBeNull();
  });
});
