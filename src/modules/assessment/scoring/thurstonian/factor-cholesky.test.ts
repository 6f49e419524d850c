import { describe, expect, it } from "vitest";
import { factorCholesky } from "./factor-cholesky.ts";
import { solveWithCholesky } from "./solve-with-cholesky.ts";

describe("factorCholesky and solveWithCholesky", () => {
  const matrix = [
    [4, 2, 0.4],
    [2, 5, 1],
    [0.4, 1, 3],
  ];

  it("factors a positive definite matrix so that L·Lᵀ gives it back, and solves with the factor", () => {
    const lower = factorCholesky(matrix);
    if (!lower) throw new Error("expected a factor");
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        const product = [0, 1, 2].reduce((s, k) => s + (lower[i]?.[k] ?? 0) * (lower[j]?.[k] ?? 0), 0);
        expect(product).toBeCloseTo(matrix[i]?.[j] ?? Number.NaN, 12);
      }
    const x = solveWithCholesky(lower, [1, 2, 3]);
    for (const [i, row] of matrix.entries()) expect(row.reduce((s, v, k) => s + v * (x[k] ?? 0), 0)).toBeCloseTo([1, 2, 3][i] ?? Number.NaN, 12);
  });

  it("refuses a matrix that is not positive definite", () => {
    expect(
      factorCholesky([
        [1, 0.9, 0.9],
        [0.9, 1, -0.9],
        [0.9, -0.9, 1],
      ]),
    ).toBeNull();
    expect(factorCholesky([[0]])).toBeNull();
  });
});
