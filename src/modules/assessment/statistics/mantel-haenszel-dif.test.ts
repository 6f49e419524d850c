import { describe, expect, it } from "vitest";
import { type DifResponse, mantelHaenszelDif } from "./mantel-haenszel-dif.ts";

/** Candidates at one matching score, from the stratum's 2×2 table. */
function stratum(score: number, refCorrect: number, refWrong: number, focalCorrect: number, focalWrong: number): DifResponse[] {
  const many = (n: number, correct: 0 | 1, group: "reference" | "focal") => Array.from({ length: n }, () => ({ correct, matchingScore: score, group }));
  return [...many(refCorrect, 1, "reference"), ...many(refWrong, 0, "reference"), ...many(focalCorrect, 1, "focal"), ...many(focalWrong, 0, "focal")];
}

function estimated(responses: DifResponse[], options = {}) {
  const result = mantelHaenszelDif(responses, options);
  if (result.status !== "estimated") throw new Error(`expected an estimate, got ${JSON.stringify(result)}`);
  return result;
}

describe("mantelHaenszelDif", () => {
  it("works one stratum by hand: a large D that is not significantly above 1 is class B", () => {
    // Reference 60 right / 40 wrong, focal 40 / 60, N = 200.
    // α = (60·60/200) / (40·40/200) = 2.25; D = −2.35·ln 2.25 = −1.9057.
    // Var ln α = 1/60 + 1/40 + 1/40 + 1/60 = 1/12 (one stratum: RBG reduces to Woolf); SE(D) = 2.35/√12 = 0.6784.
    // E(A) = 100·100/200 = 50; Var(A) = 100·100·100·100/(200²·199) = 2500/199; χ² = (10 − ½)²/(2500/199) = 7.1839.
    const result = estimated(stratum(7, 60, 40, 40, 60));
    expect(result.commonOddsRatio).toBeCloseTo(2.25, 14);
    expect(result.deltaDif).toBeCloseTo(-2.35 * Math.log(2.25), 14);
    expect(result.deltaDifStandardError).toBeCloseTo(2.35 / Math.sqrt(12), 14);
    expect(result.chiSquare).toBeCloseTo((9.5 * 9.5 * 199) / 2500, 12);
    expect(result.pValue).toBeCloseTo(0.007356, 5);
    // (1.9057 − 1)/0.6784 = 1.335 < 1.645: |D| is not significantly above 1, so B, not C.
    expect(result.pAboveOne).toBeGreaterThan(0.05);
    expect(result.etsClass).toBe("B");
    expect(result.favours).toBe("reference");
    expect(result).toMatchObject({ referenceCount: 100, focalCount: 100, strataUsed: 1, candidatesUsed: 200 });
  });

  it("calls the same odds ratio class C with ten times the candidates", () => {
    // SE shrinks by √10 to 0.2145: (1.9057 − 1)/0.2145 = 4.22, far above 1.645.
    const result = estimated(stratum(7, 600, 400, 400, 600));
    expect(result.commonOddsRatio).toBeCloseTo(2.25, 14);
    expect(result.deltaDifStandardError).toBeCloseTo(2.35 / Math.sqrt(120), 14);
    expect(result.pAboveOne).toBeLessThan(0.001);
    expect(result.etsClass).toBe("C");
  });

  it("says which group the item favours by the sign of D", () => {
    const result = estimated(stratum(7, 400, 600, 600, 400));
    expect(result.deltaDif).toBeCloseTo(2.35 * Math.log(2.25), 14);
    expect(result.favours).toBe("focal");
  });

  it("finds no DIF when the groups differ in ability only (the stratification at work)", () => {
    // Low scorers: 20% right in both groups; high scorers: 80% in both. Overall the reference group does
    // better (60% against 32%) only because more of it scores high. Every stratum: A·D = B·C, A = E(A).
    const result = estimated([...stratum(3, 20, 80, 40, 160), ...stratum(9, 160, 40, 40, 10)]);
    expect(result.commonOddsRatio).toBeCloseTo(1, 14);
    expect(result.deltaDif).toBeCloseTo(0, 14);
    expect(result.chiSquare).toBeCloseTo(0, 14);
    expect(result.pValue).toBeCloseTo(1, 14);
    expect(result.etsClass).toBe("A");
    expect(result.favours).toBeNull();
  });

  it("combines strata with the Mantel–Haenszel weights", () => {
    // Stratum 1: A = 30, B = 20, C = 20, D = 30 (N = 100); stratum 2: A = 45, B = 5, C = 35, D = 15 (N = 100).
    // ΣR = (30·30 + 45·15)/100 = 15.75; ΣS = (20·20 + 5·35)/100 = 5.75; α = 15.75/5.75 = 2.7391.
    const result = estimated([...stratum(4, 30, 20, 20, 30), ...stratum(8, 45, 5, 35, 15)], { minimumPerGroup: 50 });
    expect(result.commonOddsRatio).toBeCloseTo(15.75 / 5.75, 14);
    // ΣA − ΣE(A) = (30 − 25) + (45 − 40) = 10; Var(A) = 50·50·50·50/(100²·99) + 50·50·80·20/(100²·99) = (625 + 400)/99.
    expect(result.chiSquare).toBeCloseTo((9.5 * 9.5 * 99) / 1025, 12);
  });

  it("leaves out strata that hold only one group, and candidates without a group or a result", () => {
    const base = stratum(7, 60, 40, 40, 60);
    const padded: DifResponse[] = [
      ...base,
      ...stratum(20, 15, 0, 0, 0),
      ...stratum(0, 0, 0, 0, 9),
      { correct: null, matchingScore: 7, group: "focal" },
      { correct: 1, matchingScore: 7, group: null },
    ];
    const result = estimated(padded);
    const plain = estimated(base);
    expect(result.strataUsed).toBe(1);
    expect(result.candidatesUsed).toBe(200);
    expect(result.referenceCount).toBe(115);
    expect(result.focalCount).toBe(109);
    expect(result.commonOddsRatio).toBe(plain.commonOddsRatio);
    expect(result.chiSquare).toBe(plain.chiSquare);
    expect(result.deltaDifStandardError).toBe(plain.deltaDifStandardError);
  });

  it("reports not enough data under 100 candidates in a group, or as many as the options ask", () => {
    const small = stratum(7, 60, 40, 40, 59);
    expect(mantelHaenszelDif(small)).toEqual({ status: "not-enough-data", reason: "too-few-candidates", referenceCount: 100, focalCount: 99 });
    expect(mantelHaenszelDif(small, { minimumPerGroup: 99 }).status).toBe("estimated");
  });

  it("refuses an item result other than 0, 1 or null", () => {
    const responses = [...stratum(7, 60, 40, 40, 60), { correct: 2 as 0 | 1, matchingScore: 7, group: "focal" as const }];
    expect(() => mantelHaenszelDif(responses)).toThrow(RangeError);
  });

  it("reports not enough data when the odds ratio cannot be estimated", () => {
    // Every focal candidate wrong and every reference candidate right: B·C = 0 in every stratum.
    expect(mantelHaenszelDif(stratum(5, 120, 0, 0, 130))).toMatchObject({ status: "not-enough-data", reason: "no-informative-strata" });
    // The groups never share a matching score.
    expect(mantelHaenszelDif([...stratum(1, 60, 60, 0, 0), ...stratum(2, 0, 0, 60, 60)])).toMatchObject({
      status: "not-enough-data",
      reason: "no-informative-strata",
    });
  });
});
