import { describe, expect, it } from "vitest";
import { complementaryErrorFunction, normalCdf, normalTwoSidedP } from "./normal-distribution.ts";

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe("complementaryErrorFunction", () => {
  it("is 1 at 0, 2 − erfc(x) below 0, and near 0 far out", () => {
    expect(complementaryErrorFunction(0)).toBe(1);
    expect(complementaryErrorFunction(-0.7) + complementaryErrorFunction(0.7)).toBeCloseTo(2, 15);
    expect(complementaryErrorFunction(30)).toBe(0);
  });

  it("matches published values on both sides of the switch at 1.5", () => {
    // erfc(1) = 0.157299207050285…, erfc(2) = 0.004677734981047266, erfc(5) = 1.537459794428035e-12.
    expect(relativeError(complementaryErrorFunction(1), 0.15729920705028513)).toBeLessThan(1e-14);
    expect(relativeError(complementaryErrorFunction(2), 0.004677734981047266)).toBeLessThan(1e-14);
    expect(relativeError(complementaryErrorFunction(5), 1.5374597944280349e-12)).toBeLessThan(1e-13);
  });

  it("is continuous where the series hands over to the continued fraction", () => {
    const below = complementaryErrorFunction(1.5 - 1e-12);
    const above = complementaryErrorFunction(1.5);
    expect(relativeError(below, above)).toBeLessThan(1e-10);
  });
});

describe("normalCdf", () => {
  it("is ½ at 0 and symmetric", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.3) + normalCdf(-1.3)).toBeCloseTo(1, 15);
  });

  it("matches the table values", () => {
    expect(relativeError(normalCdf(-1.96), 0.024997895148220435)).toBeLessThan(1e-13);
    expect(relativeError(normalCdf(-1), 0.15865525393145707)).toBeLessThan(1e-14);
  });

  it("keeps its relative accuracy deep in the lower tail", () => {
    // Φ(−8) = 6.22096057427178e-16: 1 − Φ(8) in double precision would be 0 or noise.
    expect(relativeError(normalCdf(-8), 6.220960574271785e-16)).toBeLessThan(1e-12);
    expect(relativeError(normalCdf(-20), 2.7536241186062337e-89)).toBeLessThan(1e-12);
  });
});

describe("normalTwoSidedP", () => {
  it("gives .05 at ±1.959964 and 1 at 0", () => {
    expect(normalTwoSidedP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(normalTwoSidedP(-1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(normalTwoSidedP(0)).toBe(1);
  });
});
