import { computeNormalTail } from "./compute-normal-tail.ts";

/** log P and its first and second partial derivatives in both bounds. */
export interface IntervalProbability {
  logProbability: number;
  dUpper: number;
  dLower: number;
  dUpperUpper: number;
  dLowerLower: number;
  dUpperLower: number;
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** log(Φ(upper) − Φ(lower)) and its derivatives, lower < upper, either infinite: one ordered-probit answer's likelihood. */
export function evaluateIntervalProbability(upper: number, lower: number): IntervalProbability {
  // Subtract the two tails that are small rather than two probabilities near 1, so that answers far
  // from what the model expects keep their precision instead of rounding to 0.
  let probability: number;
  if (lower >= 0) probability = computeNormalTail(lower) - computeNormalTail(upper);
  else if (upper <= 0) probability = computeNormalTail(-upper) - computeNormalTail(-lower);
  else probability = 1 - computeNormalTail(upper) - computeNormalTail(-lower);
  if (!(probability > 0)) {
    return { logProbability: Number.NEGATIVE_INFINITY, dUpper: 0, dLower: 0, dUpperUpper: 0, dLowerLower: 0, dUpperLower: 0 };
  }
  // φ(±∞) = 0 and z·φ(z) → 0, so an open end contributes nothing to any derivative.
  const densityUpper = Number.isFinite(upper) ? INV_SQRT_2PI * Math.exp(-0.5 * upper * upper) : 0;
  const densityLower = Number.isFinite(lower) ? INV_SQRT_2PI * Math.exp(-0.5 * lower * lower) : 0;
  const dUpper = densityUpper / probability;
  const dLower = -densityLower / probability;
  return {
    logProbability: Math.log(probability),
    dUpper,
    dLower,
    dUpperUpper: (Number.isFinite(upper) ? -upper * dUpper : 0) - dUpper * dUpper,
    dLowerLower: (Number.isFinite(lower) ? -lower * dLower : 0) - dLower * dLower,
    dUpperLower: -dUpper * dLower,
  };
}
