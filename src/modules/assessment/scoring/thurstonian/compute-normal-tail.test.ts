import { describe, expect, it } from "vitest";
import { computeNormalTail } from "./compute-normal-tail.ts";

describe("computeNormalTail", () => {
  it("matches tabulated values of 1 − Φ(x) to full relative precision, far into both tails", () => {
    const table: [number, number][] = [
      [0, 0.5],
      [0.5, 0.3085375387259869],
      [1, 0.15865525393145707],
      [2.5, 0.006209665325776132],
      [3, 0.0013498980316301],
      [5, 2.866515718791939e-7],
      [10, 7.619853024160527e-24],
      [20, 2.7536241186062337e-89],
      [-2, 0.9772498680518208],
    ];
    for (const [x, expected] of table) expect(Math.abs(computeNormalTail(x) - expected) / expected, `x = ${x}`).toBeLessThan(1e-13);
  });

  it("is continuous where it switches from the series to the continued fraction", () => {
    const below = computeNormalTail(3 - 1e-9);
    const above = computeNormalTail(3 + 1e-9);
    // The true change over 2·10⁻⁹ is φ(3)·2·10⁻⁹ ≈ 9·10⁻¹²; a seam would show as a much larger jump.
    expect(below - above).toBeGreaterThan(0);
    expect(Math.abs(below - above - 2e-9 * 0.0044318484119380075)).toBeLessThan(1e-15);
  });
});
