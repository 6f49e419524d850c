import { describe, expect, it } from "vitest";
import { newItemBankJson } from "../bank/item-bank-factory.ts";
import { parseItemBank } from "../bank/parse-item-bank.ts";
import { scoreAssessment } from "../scoring/score-assessment.ts";
import { applyNorm, bandOf } from "./apply-norm.ts";
import { computeNorm, type Norm } from "./compute-norm.ts";
import { type AttemptMeasures, measureAttempt } from "./measure-attempt.ts";
import { relativeStrengths } from "./relative-strengths.ts";

const bank = parseItemBank(newItemBankJson());
const versions = { bankId: "test-bank", bankVersion: 3, scoringVersion: 2 };

function normOf(measures: AttemptMeasures[], provisional = true): Norm {
  return { ...computeNorm(measures), ...versions, version: 1, provisional, computedAt: new Date("2026-11-26T00:00:00Z") };
}

describe("measureAttempt", () => {
  it("gives each scale its raw value and standard error, on the scale the scorer uses", () => {
    const answers = [
      { itemId: "s1", best: "b", worst: "d" }, // 0.6 and 1 → 0.8
      { itemId: "s2", best: "b", worst: "a" }, // 1 and 1 → 1
      { itemId: "s3", best: "a", worst: "b" }, // 0.4 and 0.6 → 0.5
      { itemId: "p1", point: -2 as const },
      { itemId: "p2", point: 1 as const },
    ];
    const measures = measureAttempt(bank, answers);
    const score = scoreAssessment(bank, answers);
    expect(measures.situations?.value).toBeCloseTo(score.situations.score!, 9);
    // SE of a mean of k item scores: 100 · s / √k, s the sample SD of 0.8, 1 and 0.5.
    const s = Math.sqrt(((0.8 - 23 / 30) ** 2 + (1 - 23 / 30) ** 2 + (0.5 - 23 / 30) ** 2) / 2);
    expect(measures.situations?.se).toBeCloseTo((100 * s) / Math.sqrt(3), 9);
    expect(measures.situations?.items).toBe(3);
    // One item is too few for an SE.
    expect(measures["competency:policy"]).toEqual({ value: 50, se: null, items: 1 });
    for (const t of score.traits) expect(measures[`trait:${t.traitId}`]).toEqual({ value: t.theta, se: t.se, items: t.pairs });
  });

  it("leaves a scale without answers empty rather than scoring it zero", () => {
    const measures = measureAttempt(bank, [{ itemId: "p1", point: 2 }]);
    expect(measures.situations).toEqual({ value: null, se: null, items: 0 });
    expect(measures["trait:detail"]?.items).toBe(1);
  });
});

describe("computeNorm", () => {
  it("takes the mean, the sample SD and the pooled SE of each scale", () => {
    const norm = computeNorm([
      { situations: { value: 50, se: 3, items: 24 }, "trait:calm": { value: -1, se: 0.3, items: 20 } },
      { situations: { value: 60, se: 4, items: 24 }, "trait:calm": { value: 1, se: 0.4, items: 20 } },
      { situations: { value: 70, se: null, items: 1 }, "trait:calm": { value: null, se: null, items: 0 } },
    ]);
    expect(norm.attempts).toBe(3);
    expect(norm.scales.situations).toEqual({ n: 3, mean: 60, sd: 10, pooledSe: Math.sqrt((9 + 16) / 2) });
    expect(norm.scales["trait:calm"]).toMatchObject({ n: 2, mean: 0, pooledSe: Math.sqrt((0.09 + 0.16) / 2) });
    expect(norm.scales["trait:calm"]?.sd).toBeCloseTo(Math.SQRT2, 12);
  });

  it("leaves out a scale with fewer than two values", () => {
    expect(computeNorm([{ situations: { value: 50, se: 3, items: 24 } }]).scales).toEqual({});
  });
});

describe("applyNorm", () => {
  const group: AttemptMeasures[] = [40, 50, 60, 70, 80].map((v) => ({
    situations: { value: v, se: 5, items: 24 },
    "competency:listening": { value: v - 10, se: 12, items: 8 },
    "trait:calm": { value: (v - 60) / 20, se: 0.3, items: 20 },
  }));
  const norm = normOf(group);
  const sd = Math.sqrt(250); // of 40 … 80

  it("puts each scale on T = 50 + 10 z with a ±1 SE band, from the group's pooled SE or the person's IRT SE", () => {
    const result = applyNorm({ situations: { value: 60 + sd, se: 2, items: 24 }, "trait:calm": { value: 0.5, se: 0.25, items: 20 } }, norm, versions);
    const situations = result.scales.situations!;
    expect(situations.t).toBeCloseTo(60, 9);
    // Situations use the norm group's pooled SE (5), not the person's own (2).
    expect(situations.se).toBeCloseTo((10 * 5) / sd, 9);
    expect([situations.low, situations.high]).toEqual([situations.t! - situations.se!, situations.t! + situations.se!]);
    const calm = result.scales["trait:calm"]!;
    const traitSd = sd / 20;
    expect(calm.t).toBeCloseTo(50 + (10 * 0.5) / traitSd, 9);
    expect(calm.se).toBeCloseTo((10 * 0.25) / traitSd, 9);
    expect(result.norm).toEqual({ version: 1, attempts: 5, provisional: true, computedAt: "2026-11-26T00:00:00.000Z" });
    expect(result.band).toBe("high");
    expect(result).toMatchObject(versions);
  });

  it("has no T-scores and no band without a norm", () => {
    const result = applyNorm({ situations: { value: 72, se: 4, items: 24 } }, null, versions);
    expect(result.scales.situations).toEqual({ raw: 72, t: null, se: null, low: null, high: null });
    expect([result.norm, result.band]).toEqual([null, null]);
  });

  it("cuts the bands at T 40 and T 60: the middle two thirds are typical", () => {
    expect([bandOf(60), bandOf(59.99), bandOf(50), bandOf(40), bandOf(39.99)]).toEqual(["high", "typical", "typical", "typical", "growing"]);
  });
});

describe("relativeStrengths", () => {
  it("names the two scales with the highest T, competencies and traits alike, in bank order on ties", () => {
    const scale = (t: number | null) => ({ raw: 0, t, se: 1, low: null, high: null });
    const result = {
      ...versions,
      norm: { version: 1, attempts: 40, provisional: true, computedAt: "" },
      band: "typical" as const,
      scales: {
        situations: scale(70),
        "competency:listening": scale(55),
        "competency:policy": scale(48),
        "trait:calm": scale(61),
        "trait:care": scale(55),
        "trait:detail": scale(null),
      },
    };
    expect(relativeStrengths(result, bank)).toEqual([
      { kind: "trait", id: "calm" },
      { kind: "competency", id: "listening" },
    ]);
    expect(relativeStrengths({ ...result, scales: {} }, bank)).toEqual([]);
  });
});
