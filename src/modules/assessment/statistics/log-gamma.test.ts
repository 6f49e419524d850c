import { describe, expect, it } from "vitest";
import { logFactorial, logGamma } from "./log-gamma.ts";

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe("logGamma", () => {
  it("gives ln √π at ½ and ln(√π/2) at 3/2", () => {
    expect(relativeError(logGamma(0.5), Math.log(Math.sqrt(Math.PI)))).toBeLessThan(1e-14);
    expect(relativeError(logGamma(1.5), Math.log(Math.sqrt(Math.PI) / 2))).toBeLessThan(1e-13);
  });

  it("gives ln (n − 1)! at whole numbers, on both sides of the shift to 15", () => {
    let logFact = 0;
    for (let n = 2; n <= 60; n++) {
      logFact += Math.log(n - 1); // now ln (n − 1)!
      // Near the roots at 1 and 2 only an absolute error makes sense: the shift costs about 1e-14 there.
      expect(Math.abs(logGamma(n) - logFact)).toBeLessThan(1e-14 * Math.max(1, logFact));
    }
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(2)).toBeCloseTo(0, 13);
  });

  it("follows the recurrence ln Γ(x + 1) = ln Γ(x) + ln x between whole numbers", () => {
    for (const x of [0.01, 0.3, 3.7, 14.2, 14.9, 15.3, 250.5]) {
      expect(logGamma(x + 1)).toBeCloseTo(logGamma(x) + Math.log(x), 11);
    }
  });

  it("stays accurate for large arguments (Stirling's leading terms)", () => {
    const x = 1e6;
    const leading = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x);
    expect(relativeError(logGamma(x), leading)).toBeLessThan(1e-15);
  });

  it("refuses x ≤ 0", () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-2.5)).toThrow(RangeError);
  });
});

describe("logFactorial", () => {
  it("gives ln n!", () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(1)).toBe(0);
    expect(relativeError(logFactorial(5), Math.log(120))).toBeLessThan(1e-15);
    expect(relativeError(logFactorial(20), Math.log(2432902008176640000))).toBeLessThan(1e-15);
  });

  it("refuses fractions and negatives", () => {
    expect(() => logFactorial(2.5)).toThrow(RangeError);
    expect(() => logFactorial(-1)).toThrow(RangeError);
  });
});
