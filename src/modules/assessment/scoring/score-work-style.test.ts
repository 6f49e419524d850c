import { describe, expect, it } from "vitest";
import { newItemBankJson } from "../bank/item-bank-factory.ts";
import { parseItemBank } from "../bank/parse-item-bank.ts";
import type { ItemAnswer } from "./item-answer.ts";
import { scoreWorkStyle } from "./score-work-style.ts";

// Factory bank pairs (left a, right b), every loading ±0.8, uniqueness 0.36, thresholds −1, 0, 1:
//   p1 a: calm +1    b: detail +1
//   p2 a: care +1    b: calm −1
//   p3 a: detail −1  b: care +1
//   p4 is a pilot, p5 retired.
const bank = parseItemBank(newItemBankJson());
const theta = (answers: ItemAnswer[]) => Object.fromEntries(scoreWorkStyle(bank, answers).traits.map((t) => [t.traitId, t.theta]));

describe("scoreWorkStyle", () => {
  it("returns each trait's MAP score and SE under the bank's model, with what was used and missing", () => {
    const score = scoreWorkStyle(bank, [
      { itemId: "p1", point: -2 },
      { itemId: "p2", point: 1 },
      { itemId: "p4", point: 2 }, // pilot: shown, never scored
    ]);
    expect(score.model).toBe("thurstonian-graded-1");
    expect(score.converged).toBe(true);
    expect(score.traits.map((t) => t.traitId)).toEqual(["calm", "care", "detail"]);
    expect(score.traits.map((t) => [t.pairs, t.missing])).toEqual([
      [2, 0],
      [1, 1],
      [1, 1],
    ]);
    for (const t of score.traits) {
      expect(t.se).toBeGreaterThan(0);
      expect(t.se).toBeLessThan(1);
    }
    expect(score.usedItemIds).toEqual(["p1", "p2"]);
    expect(score.missingItemIds).toEqual(["p3"]);
    expect(score.answered).toBe(2);
    expect(score.missing).toBe(1);
  });

  it("raises the trait of the statement chosen and lowers the other, more for 最も than for 良く", () => {
    // p1 left (calm +) over right (detail +).
    const strong = theta([{ itemId: "p1", point: -2 }]);
    const mild = theta([{ itemId: "p1", point: -1 }]);
    expect(strong.calm).toBeGreaterThan(mild.calm ?? Number.NaN);
    expect(mild.calm).toBeGreaterThan(0);
    expect(strong.detail).toBeLessThan(mild.detail ?? Number.NaN);
    expect(mild.detail).toBeLessThan(0);
  });

  it("mirrors the scores when every answer is mirrored, the thresholds being symmetric", () => {
    const answers: ItemAnswer[] = [
      { itemId: "p1", point: -2 },
      { itemId: "p2", point: 1 },
      { itemId: "p3", point: -1 },
    ];
    const mirrored = answers.map((a) => ({ ...a, point: -(a as { point: number }).point })) as ItemAnswer[];
    const a = theta(answers);
    const b = theta(mirrored);
    for (const trait of ["calm", "care", "detail"]) expect(b[trait]).toBeCloseTo(-(a[trait] ?? Number.NaN), 10);
  });

  it("raises a trait when its negatively keyed statement is turned down", () => {
    // p2 at −2: care (+) chosen over calm (−) — turning down "less calm" says the candidate is calm.
    const scores = theta([{ itemId: "p2", point: -2 }]);
    expect(scores.care).toBeGreaterThan(0);
    expect(scores.calm).toBeGreaterThan(0);
  });

  it("is not ipsative: two candidates can differ in the sum of their traits", () => {
    // Always the positively keyed side of the mixed pairs (p2 left, p3 right) against always the negative one.
    const high = theta([
      { itemId: "p2", point: -2 },
      { itemId: "p3", point: 2 },
    ]);
    const low = theta([
      { itemId: "p2", point: 2 },
      { itemId: "p3", point: -2 },
    ]);
    const sum = (s: Record<string, number>) => Object.values(s).reduce((x, y) => x + y, 0);
    expect(sum(high)).toBeGreaterThan(0.5);
    expect(sum(low)).toBeLessThan(-0.5);
  });

  it("gives every trait the prior mean 0 and SD 1 with no answers", () => {
    const score = scoreWorkStyle(bank, []);
    expect(score.traits.map((t) => [t.theta, t.se])).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    expect(score.missing).toBe(3);
    expect(score.converged).toBe(true);
  });

  it("counts the last answer when a pair was answered twice", () => {
    expect(
      theta([
        { itemId: "p1", point: 2 },
        { itemId: "p1", point: -2 },
      ]),
    ).toEqual(theta([{ itemId: "p1", point: -2 }]));
  });
});
