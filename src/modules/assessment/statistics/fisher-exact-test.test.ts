import { describe, expect, it } from "vitest";
import { fisherExactTwoSidedP } from "./fisher-exact-test.ts";

describe("fisherExactTwoSidedP", () => {
  it("gives 34/70 for the tea-tasting table 3 1 / 1 3", () => {
    // Margins 4,4 / 4,4 of 8: P(x) = C(4,x)·C(4,4−x)/70 = 1, 16, 36, 16, 1 (÷70). Observed x = 3 has 16/70;
    // tables no more likely: x = 0, 1, 3, 4 → (1 + 16 + 16 + 1)/70.
    expect(fisherExactTwoSidedP({ a: 3, b: 1, c: 1, d: 3 })).toBeCloseTo(34 / 70, 15);
  });

  it("gives the mirror table the same p", () => {
    // Same margins, observed x = 1: x = 1 and x = 3 are equally likely, so the p is the same 34/70.
    expect(fisherExactTwoSidedP({ a: 1, b: 3, c: 3, d: 1 })).toBeCloseTo(34 / 70, 15);
    // The most extreme table: only x = 0 and x = 4 (each 1/70) are as unlikely.
    expect(fisherExactTwoSidedP({ a: 0, b: 4, c: 4, d: 0 })).toBeCloseTo(2 / 70, 15);
  });

  it("counts a mirror table even when rounding makes it look a little more likely", () => {
    // Rows 14 and 14, first column 14: P(x) = C(14,x)²/C(28,14), symmetric about 7. With x = 11 observed,
    // x = 0…3 and 11…14 count: 2·(1 + 196 + 8281 + 132496)/40116600. In floating point ln P(3) comes out
    // 7e-15 above ln P(11), so without R's relative tolerance the lower tail would be left out.
    expect(fisherExactTwoSidedP({ a: 11, b: 3, c: 3, d: 11 })).toBeCloseTo((2 * 140974) / 40116600, 14);
  });

  it("sums an asymmetric tail", () => {
    // Rows 5 and 5, first column 3, observed a = 3: P(x) = C(5,x)·C(5,3−x)/C(10,3) = 10, 50, 50, 10 (÷120).
    // Observed 10/120; tables no more likely are x = 0 and x = 3 → 20/120.
    expect(fisherExactTwoSidedP({ a: 3, b: 2, c: 0, d: 5 })).toBeCloseTo(20 / 120, 15);
  });

  it("is 1 when the margins leave only one table, and when the table is the likeliest", () => {
    expect(fisherExactTwoSidedP({ a: 0, b: 0, c: 5, d: 7 })).toBe(1);
    expect(fisherExactTwoSidedP({ a: 2, b: 2, c: 2, d: 2 })).toBe(1);
  });

  it("stays finite and small for large lopsided tables", () => {
    const p = fisherExactTwoSidedP({ a: 900, b: 100, c: 700, d: 300 });
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-20);
  });

  it("refuses counts that are not whole numbers ≥ 0", () => {
    expect(() => fisherExactTwoSidedP({ a: -1, b: 2, c: 3, d: 4 })).toThrow(RangeError);
    expect(() => fisherExactTwoSidedP({ a: 1.5, b: 2, c: 3, d: 4 })).toThrow(RangeError);
  });
});
