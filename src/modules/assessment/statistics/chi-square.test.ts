import { describe, expect, it } from "vitest";
import { chiSquareOneDfP } from "./chi-square.ts";

describe("chiSquareOneDfP", () => {
  it("gives .05 at the familiar critical value 3.841 and .3173 at 1", () => {
    expect(chiSquareOneDfP(3.841458820694124)).toBeCloseTo(0.05, 14);
    expect(chiSquareOneDfP(1)).toBeCloseTo(0.31731050786291415, 15);
  });

  it("is the two-sided normal p of √s", () => {
    // χ²₁ = Z², so P(χ²₁ ≥ 6.25) = P(|Z| ≥ 2.5) = 0.0124193306515523.
    expect(chiSquareOneDfP(6.25)).toBeCloseTo(0.012419330651552318, 15);
  });

  it("is 1 at 0 and tiny but not zero for huge statistics", () => {
    expect(chiSquareOneDfP(0)).toBe(1);
    const p = chiSquareOneDfP(200);
    expect(p).toBeGreaterThan(0);
    expect(Math.abs(p - 2.0884875837625449e-45) / 2.0884875837625449e-45).toBeLessThan(1e-12);
  });
});
