/**
 * ln Γ(x) for x > 0, from Stirling's asymptotic series after shifting x above 15 with the recurrence
 * Γ(x + 1) = x·Γ(x). Above 15 the series' first seven terms are exact to double precision; the shift
 * keeps that true for small x. The exact tests need it for log-factorials, ln n! = ln Γ(n + 1).
 */

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

// B₂ₖ / (2k(2k − 1)) for k = 1…7: the coefficients of 1/x, 1/x³, … in Stirling's series.
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156];

/** The natural logarithm of the gamma function, for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`logGamma needs a finite x > 0, got ${x}`);
  let y = x;
  let product = 1;
  while (y < 15) {
    product *= y;
    y += 1;
  }
  const inverse = 1 / y;
  const inverseSquared = inverse * inverse;
  let series = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) series = series * inverseSquared + (STIRLING[k] as number);
  return (y - 0.5) * Math.log(y) - y + HALF_LOG_TWO_PI + series * inverse - Math.log(product);
}

/** ln n! for a whole number n ≥ 0. */
export function logFactorial(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`logFactorial needs a whole number ≥ 0, got ${n}`);
  return n < 2 ? 0 : logGamma(n + 1);
}
