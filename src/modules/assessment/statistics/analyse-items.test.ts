import { describe, expect, it } from "vitest";
import { analyseItems } from "./analyse-items.ts";
import { cronbachAlpha } from "./cronbach-alpha.ts";

// Four candidates, three right/wrong items in a Guttman pattern:
//   c1 1 1 1 (3)   c2 1 1 0 (2)   c3 1 0 0 (1)   c4 0 0 0 (0)
// Item variances (n − 1): 1/4, 1/3, 1/4; total variance 5/3.
const guttman = [
  [1, 1, 1],
  [1, 1, 0],
  [1, 0, 0],
  [0, 0, 0],
];
const threeItems = [{ id: "q1" }, { id: "q2" }, { id: "q3" }];

describe("cronbachAlpha", () => {
  it("is k/(k − 1)·(1 − Σ item variances / total variance)", () => {
    // 3/2 · (1 − (1/4 + 1/3 + 1/4) / (5/3)) = 3/2 · 1/2 = .75
    const covariance = [
      [1 / 4, 1 / 6, 1 / 12],
      [1 / 6, 1 / 3, 1 / 6],
      [1 / 12, 1 / 6, 1 / 4],
    ];
    expect(cronbachAlpha(covariance)).toBeCloseTo(0.75, 14);
  });

  it("has no value for one item or a constant total", () => {
    expect(cronbachAlpha([[1]])).toBeNull();
    expect(
      cronbachAlpha([
        [0, 0],
        [0, 0],
      ]),
    ).toBeNull();
  });
});

describe("analyseItems", () => {
  it("works the Guttman example by hand", () => {
    const { scale, items } = analyseItems({ items: threeItems, scores: guttman });
    expect(scale.alpha).toBeCloseTo(0.75, 14);
    expect(scale.totalMean).toBe(1.5);
    expect(scale.totalSd).toBeCloseTo(Math.sqrt(5 / 3), 14);
    // SEM = √(5/3) · √(1 − .75)
    expect(scale.standardErrorOfMeasurement).toBeCloseTo(Math.sqrt(5 / 3) * 0.5, 14);
    const q1 = items[0];
    expect(q1?.mean).toBe(0.75);
    expect(q1?.sd).toBeCloseTo(0.5, 14);
    // q1 against the rest (2 1 0 0): cov = 1/4, Var(rest) = 11/12 → r = (1/4) / √(1/4 · 11/12) = .5222
    expect(q1?.itemRestCorrelation).toBeCloseTo(0.25 / Math.sqrt(0.25 * (11 / 12)), 14);
    // Without q1: 2 · (1 − (1/3 + 1/4) / (1/3 + 1/4 + 2·1/6)) = 8/11
    expect(q1?.alphaIfDeleted).toBeCloseTo(8 / 11, 14);
    // Three items whose correlations imply a loading above 1 for q2: ω is still reported, with the warning.
    expect(scale.heywoodCase).toBe(true);
  });

  it("describes each item from everyone who answered it, and the scale from complete candidates only", () => {
    const withGaps = [...guttman, [null, 1, 1], [0, null, 0]];
    const { scale, items } = analyseItems({ items: threeItems, scores: withGaps });
    expect(scale.candidates).toBe(6);
    expect(scale.completeCandidates).toBe(4);
    expect(scale.alpha).toBeCloseTo(0.75, 14);
    expect(items.map((i) => i.answered)).toEqual([5, 5, 6]);
    expect(items[0]?.mean).toBeCloseTo(3 / 5, 14);
    expect(items[1]?.mean).toBeCloseTo(3 / 5, 14);
    expect(items[2]?.mean).toBeCloseTo(2 / 6, 14);
    expect(items[0]?.itemRestCorrelation).toBeCloseTo(0.25 / Math.sqrt(0.25 * (11 / 12)), 14);
  });

  it("computes ω from the one-factor fit when the items allow it", () => {
    // Ten candidates, four rated items (1–4) that all go together.
    const scores = [
      [4, 3, 4, 3],
      [3, 3, 2, 3],
      [2, 1, 2, 3],
      [1, 2, 1, 1],
      [4, 4, 3, 3],
      [2, 3, 3, 2],
      [3, 2, 4, 2],
      [1, 1, 2, 2],
      [2, 2, 1, 1],
      [3, 4, 3, 4],
    ];
    const { scale } = analyseItems({ items: [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }], scores });
    expect(scale.heywoodCase).toBe(false);
    const l = scale.loadings as number[];
    expect(l).toHaveLength(4);
    const sum = l.reduce((x, y) => x + y, 0);
    expect(scale.omegaTotal).toBeCloseTo(sum ** 2 / (sum ** 2 + l.reduce((x, y) => x + 1 - y * y, 0)), 14);
    // Items b and c correlate equally with every other item, so their loadings must come out equal.
    expect(l[1]).toBeCloseTo(l[2] as number, 10);
  });

  it("flags an item that works against the rest and one that nobody varies on", () => {
    const scores = [
      [1, 1, 0, 1],
      [1, 1, 0, 1],
      [1, 0, 1, 1],
      [0, 0, 1, 1],
      [0, 0, 1, 1],
    ];
    const { items, scale } = analyseItems({ items: [{ id: "a" }, { id: "b" }, { id: "reversed" }, { id: "constant" }], scores });
    expect(items[2]?.itemRestCorrelation).toBeLessThan(0);
    expect(items[2]?.flags).toEqual(["low-item-rest-correlation"]);
    expect(items[3]?.flags).toEqual(["no-variance"]);
    expect(items[3]?.itemRestCorrelation).toBeNull();
    expect(items[0]?.flags).toEqual([]);
    // A constant item leaves the factor model undefined.
    expect(scale.omegaTotal).toBeNull();
  });

  it("reports option shares and flags a rare option and a distractor preferred by high scorers", () => {
    // Key "a" everywhere; q3's high scorers prefer "b".
    const choices = [
      ["a", "a", "b"],
      ["a", "a", "b"],
      ["a", "a", "b"],
      ["a", "a", "a"],
      ["a", "b", "b"],
      ["a", "b", "c"],
      ["a", "c", "a"],
      ["b", "b", "a"],
      ["b", "c", "c"],
      ["c", "b", "d"],
    ];
    const scores = choices.map((row) => row.map((c) => (c === "a" ? 1 : 0)));
    const items = [
      { id: "q1", options: ["a", "b", "c", "d"], key: "a" },
      { id: "q2", options: ["a", "b", "c"], key: "a" },
      { id: "q3", options: ["a", "b", "c", "d"], key: "a" },
    ];
    const result = analyseItems({ items, scores, choices });
    // Totals 2 2 2 3 1 1 2 1 0 0; ceil(.27 · 10) = 3rd highest is 2, so the five with 2 or more are the high scorers.
    expect(result.scale.highScoringCutoff).toBe(2);
    expect(result.scale.highScorers).toBe(5);
    const [q1, q2, q3] = result.items;
    expect(q1?.options?.map((o) => [o.optionId, o.chosen, o.share])).toEqual([
      ["a", 7, 0.7],
      ["b", 2, 0.2],
      ["c", 1, 0.1],
      ["d", 0, 0],
    ]);
    expect(q1?.options?.find((o) => o.optionId === "d")?.rarelyChosen).toBe(true);
    expect(q1?.flags).toContain("rarely-chosen-option");
    expect(q2?.flags).not.toContain("rarely-chosen-option");
    // q3 among the high scorers: b 3 (c1–c3), key a 2 (c4, c7).
    const b = q3?.options?.find((o) => o.optionId === "b");
    expect(b).toMatchObject({ chosenByHighScorers: 3, beatsKeyAmongHighScorers: true });
    expect(q3?.options?.find((o) => o.isKey)?.chosenByHighScorers).toBe(2);
    expect(q3?.flags).toEqual(["low-item-rest-correlation", "distractor-beats-key"]);
    expect(q1?.flags).not.toContain("distractor-beats-key");
  });

  it("leaves out candidates without a choice from the option shares", () => {
    const result = analyseItems({
      items: [{ id: "q", options: ["a", "b"], key: "a" }],
      scores: [[1], [0], [null], [1]],
      choices: [["a"], ["b"], [null], ["a"]],
    });
    expect(result.items[0]?.options?.map((o) => o.share)).toEqual([2 / 3, 1 / 3]);
  });

  it("takes its thresholds from the rules", () => {
    const choices = [["a"], ["a"], ["a"], ["a"], ["a"], ["a"], ["a"], ["a"], ["a"], ["b"]];
    const input = { items: [{ id: "q", options: ["a", "b"], key: "a" }], scores: choices.map((r) => [r[0] === "a" ? 1 : 0]), choices };
    expect(analyseItems(input).items[0]?.flags).not.toContain("rarely-chosen-option");
    expect(analyseItems(input, { rareOptionShare: 0.15 }).items[0]?.flags).toContain("rarely-chosen-option");
  });

  it("refuses rows of the wrong length", () => {
    expect(() => analyseItems({ items: threeItems, scores: [[1, 0]] })).toThrow(RangeError);
    expect(() => analyseItems({ items: threeItems, scores: [[1, 0, 1]], choices: [["a", "b"]] })).toThrow(RangeError);
  });
});
