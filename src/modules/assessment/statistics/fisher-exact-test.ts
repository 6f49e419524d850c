/**
 * Fisher's exact test of a 2×2 table, two-sided as R's fisher.test defines it (Fisher 1935; the
 * two-sided rule is the "probability" method, Agresti 2002 §3.5):
 *
 *            success  failure
 *   row 1       a        b
 *   row 2       c        d
 *
 * With the margins fixed, a follows the hypergeometric distribution
 *   P(a = x) = C(a+b, x)·C(c+d, a+c−x) / C(n, a+c),  max(0, a+c−(c+d)) ≤ x ≤ min(a+b, a+c).
 * The two-sided p is the total probability of every table no more likely than the one observed. Tables
 * whose probability equals the observed one up to rounding must count too, so "no more likely" means
 * P(x) ≤ P(observed)·(1 + 10⁻⁷), the relative tolerance R uses.
 */
import { logFactorial } from "./log-gamma.ts";

export interface TwoByTwoTable {
  a: number;
  b: number;
  c: number;
  d: number;
}

const RELATIVE_TOLERANCE = 1 + 1e-7;

function assertCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
}

/** Two-sided p-value of Fisher's exact test for a 2×2 table of counts. */
export function fisherExactTwoSidedP(table: TwoByTwoTable): number {
  const { a, b, c, d } = table;
  assertCount("a", a);
  assertCount("b", b);
  assertCount("c", c);
  assertCount("d", d);
  const row1 = a + b;
  const row2 = c + d;
  const column1 = a + c;
  const lowest = Math.max(0, column1 - row2);
  const highest = Math.min(row1, column1);
  if (lowest === highest) return 1;

  // ln of the hypergeometric probabilities up to their common constant ln(row1!·row2!·col1!·col2!/n!),
  // which cancels when they are normalised below.
  const logTerms: number[] = [];
  for (let x = lowest; x <= highest; x++) {
    logTerms.push(-(logFactorial(x) + logFactorial(row1 - x) + logFactorial(column1 - x) + logFactorial(row2 - column1 + x)));
  }
  // Scale by the largest term before exponentiating, so nothing underflows to zero that matters.
  const largest = Math.max(...logTerms);
  const weights = logTerms.map((l) => Math.exp(l - largest));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const observed = weights[a - lowest] as number;
  let tail = 0;
  for (const w of weights) if (w <= observed * RELATIVE_TOLERANCE) tail += w;
  return Math.min(1, tail / total);
}
