const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** The standard normal upper tail 1 − Φ(x), accurate to a few parts in 10¹⁴ relative even far out in either tail. */
export function computeNormalTail(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 1 - computeNormalTail(-x);
  const density = INV_SQRT_2PI * Math.exp(-0.5 * x * x);
  if (x < 3) {
    // Φ(x) − ½ = φ(x)·(x + x³/3 + x⁵/(3·5) + …): the series is exact and converges fast near 0, where
    // subtracting from ½ loses little because the tail is still large.
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (x * x) / (2 * n + 1);
      sum += term;
    }
    return 0.5 - density * sum;
  }
  if (density === 0) return 0;
  // Laplace's continued fraction 1 − Φ(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))) keeps full relative
  // precision in the far tail, where 1 − Φ(x) computed by subtraction would be all rounding error.
  // Evaluated by the modified Lentz method until the fraction stops changing.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    d = x + k * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + k / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return density / f;
}
