/**
 * The chi-square distribution with one degree of freedom is the square of a standard normal, so its
 * upper tail is P(χ²₁ > s) = P(|Z| > √s) = erfc(√(s/2)); no incomplete gamma function is needed.
 */
import { complementaryErrorFunction } from "./normal-distribution.ts";

/** p-value of a chi-square statistic with one degree of freedom: P(χ²₁ ≥ s). */
export function chiSquareOneDfP(statistic: number): number {
  if (Number.isNaN(statistic)) return Number.NaN;
  if (statistic <= 0) return 1;
  return complementaryErrorFunction(Math.sqrt(statistic / 2));
}
