import { describe, expect, it } from "vitest";
import { fitOneFactor, omegaTotal } from "./one-factor-model.ts";

/** The correlation matrix a one-factor model with these loadings implies: rᵢⱼ = λᵢλⱼ, 1 on the diagonal. */
function impliedCorrelations(loadings: number[]): number[][] {
  return loadings.map((a, i) => loadings.map((b, j) => (i === j ? 1 : a * b)));
}

describe("fitOneFactor", () => {
  it("recovers the loadings of a matrix that fits one factor exactly", () => {
    const fit = fitOneFactor(impliedCorrelations([0.8, 0.7, 0.6, 0.5]));
    expect(fit.converged).toBe(true);
    expect(fit.heywoodCase).toBe(false);
    const expected = [0.8, 0.7, 0.6, 0.5];
    expect(Math.max(...fit.loadings.map((l, i) => Math.abs(l - (expected[i] as number))))).toBeLessThan(1e-10);
    expect(Math.max(...fit.uniquenesses.map((u, i) => Math.abs(u - (1 - (expected[i] as number) ** 2))))).toBeLessThan(1e-10);
  });

  it("solves three items in closed form: λ₁ = √(r₁₂·r₁₃/r₂₃)", () => {
    // r₁₂ = .42, r₁₃ = .30, r₂₃ = .35 → λ = √(.42·.30/.35) = .6, √(.42·.35/.30) = .7, √(.30·.35/.42) = .5.
    const fit = fitOneFactor([
      [1, 0.42, 0.3],
      [0.42, 1, 0.35],
      [0.3, 0.35, 1],
    ]);
    expect(fit.loadings[0]).toBeCloseTo(0.6, 10);
    expect(fit.loadings[1]).toBeCloseTo(0.7, 10);
    expect(fit.loadings[2]).toBeCloseTo(0.5, 10);
  });

  it("keeps a negatively keyed item negative and the sum of loadings positive", () => {
    const fit = fitOneFactor(impliedCorrelations([0.8, 0.7, 0.6, -0.3]));
    expect(fit.loadings[3]).toBeCloseTo(-0.3, 10);
    expect(fit.loadings.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it("reports a Heywood case instead of a loading above 1", () => {
    // Three items: λ₁² = r₁₂·r₁₃/r₂₃ = .9·.9/.5 = 1.62, which no correlation matrix of real variables allows.
    const fit = fitOneFactor([
      [1, 0.9, 0.9],
      [0.9, 1, 0.5],
      [0.9, 0.5, 1],
    ]);
    expect(fit.heywoodCase).toBe(true);
    expect(Math.abs(fit.loadings[0] as number)).toBeLessThanOrEqual(Math.sqrt(0.995) + 1e-15);
  });

  it("needs three items", () => {
    expect(() =>
      fitOneFactor([
        [1, 0.5],
        [0.5, 1],
      ]),
    ).toThrow(RangeError);
  });
});

describe("omegaTotal", () => {
  it("is (Σλ)² / ((Σλ)² + Σψ)", () => {
    // Σλ = 2.6, (Σλ)² = 6.76; Σψ = .36 + .51 + .64 + .75 = 2.26; ω = 6.76 / 9.02.
    expect(omegaTotal({ loadings: [0.8, 0.7, 0.6, 0.5], uniquenesses: [0.36, 0.51, 0.64, 0.75] })).toBeCloseTo(6.76 / 9.02, 14);
  });

  it("is lowered by an item that loads the wrong way", () => {
    const good = fitOneFactor(impliedCorrelations([0.8, 0.7, 0.6, 0.3]));
    const reversed = fitOneFactor(impliedCorrelations([0.8, 0.7, 0.6, -0.3]));
    expect(omegaTotal(reversed)).toBeLessThan(omegaTotal(good));
  });
});
