import { describe, expect, it } from "vitest";
import type { PairCategory } from "../scoring/thurstonian/map-point-to-category.ts";
import { createSeededRandom } from "./create-seeded-random.ts";
import { fitPairProbit } from "./fit-pair-probit.ts";

describe("fitPairProbit", () => {
  it("recovers the slopes and thresholds that generated ordinal answers", () => {
    const random = createSeededRandom(3);
    const n = 4000;
    const x1: number[] = [];
    const x2: number[] = [];
    const categories: PairCategory[] = [];
    const thresholds = [-0.7, 0.1, 0.9];
    for (let r = 0; r < n; r++) {
      const a = random.normal();
      const b = random.normal();
      const latent = 0.8 * a - 0.5 * b + random.normal();
      x1.push(a);
      x2.push(b);
      categories.push(thresholds.filter((t) => latent > t).length as PairCategory);
    }
    const fit = fitPairProbit(x1, x2, categories, { slopes: [0, 0], thresholds: [-1, 0, 1] });
    expect(fit.converged).toBe(true);
    // With 4 000 answers each estimate's standard error is about 0.03; 0.1 is over three of them.
    expect(Math.abs(fit.slopes[0] - 0.8)).toBeLessThan(0.1);
    expect(Math.abs(fit.slopes[1] + 0.5)).toBeLessThan(0.1);
    for (const [c, t] of fit.thresholds.entries()) expect(Math.abs(t - (thresholds[c] ?? Number.NaN))).toBeLessThan(0.1);
  });
});
