import { describe, expect, it } from "vitest";
import { impactRatioZTest } from "./impact-ratio-z-test.ts";

describe("impactRatioZTest", () => {
  it("works the textbook case: 12 of 40 against 48 of 80", () => {
    // SR = .30 and .60, IR = .5. Pooled SR_T = 60/120 = .5, N_T = 120, P₁ = 40/120 = 1/3:
    // SE = √(.5 / (.5 · 120 · 1/3 · 2/3)) = √(1/26.667) = √.0375; Z = ln .5 / √.0375 = −3.5794.
    const result = impactRatioZTest({ selected: 12, considered: 40 }, { selected: 48, considered: 80 });
    expect(result?.z).toBeCloseTo(Math.log(0.5) / Math.sqrt(0.0375), 12);
    expect(result?.z).toBeCloseTo(-3.5794, 4);
    // Two-sided p = 2Φ(−3.5794) ≈ 0.000344.
    expect(result?.p).toBeCloseTo(0.000344, 5);
  });

  it("gives Z = 0 and p = 1 for equal rates", () => {
    expect(impactRatioZTest({ selected: 10, considered: 50 }, { selected: 30, considered: 150 })).toEqual({ z: 0, p: 1 });
  });

  it("is positive when the group's rate is the higher one", () => {
    expect(impactRatioZTest({ selected: 30, considered: 50 }, { selected: 30, considered: 100 })?.z).toBeGreaterThan(0);
  });

  it("has no Z when a group selected nobody or both selected everybody", () => {
    expect(impactRatioZTest({ selected: 0, considered: 40 }, { selected: 20, considered: 40 })).toBeNull();
    expect(impactRatioZTest({ selected: 40, considered: 40 }, { selected: 35, considered: 35 })).toBeNull();
  });
});
