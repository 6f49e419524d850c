import { evaluateIntervalProbability } from "../scoring/thurstonian/evaluate-interval-probability.ts";
import { factorCholesky } from "../scoring/thurstonian/factor-cholesky.ts";
import type { PairCategory } from "../scoring/thurstonian/map-point-to-category.ts";
import { solveWithCholesky } from "../scoring/thurstonian/solve-with-cholesky.ts";

/** An ordinal probit with two predictors: P(Y ≥ c) = Φ(β1·x1 + β2·x2 − τ_c). */
export interface ProbitFit {
  slopes: [number, number];
  thresholds: [number, number, number];
  logLikelihood: number;
  converged: boolean;
}

/** Maximum-likelihood ordinal probit of one pair's answers on two predictors, by Newton–Raphson with step halving. */
export function fitPairProbit(
  x1: ArrayLike<number>,
  x2: ArrayLike<number>,
  categories: ArrayLike<PairCategory>,
  start: { slopes: readonly [number, number]; thresholds: readonly [number, number, number] },
): ProbitFit {
  // The log-likelihood is concave in (β, τ), so the fit does not depend on the start except through speed.
  let params = [...start.slopes, ...start.thresholds];
  let current = evaluate(params, x1, x2, categories);
  let converged = false;
  for (let iteration = 0; iteration < 100 && !converged; iteration++) {
    let lower = factorCholesky(current.negativeHessian);
    if (!lower) {
      // A pair whose answers leave a direction flat (say, a category nobody chose) gets a small ridge so
      // the step stays finite; the line search still only accepts improvements.
      lower = factorCholesky(current.negativeHessian.map((row, i) => row.map((v, j) => (i === j ? v + 1e-6 * x1.length : v))));
      if (!lower) break;
    }
    const step = solveWithCholesky(lower, current.gradient);
    let scale = 1;
    let accepted = false;
    for (let h = 0; h < 40; h++) {
      const candidate = params.map((p, i) => p + scale * (step[i] as number));
      const next = evaluate(candidate, x1, x2, categories);
      if (next.logLikelihood >= current.logLikelihood - 1e-9) {
        params = candidate;
        current = next;
        accepted = true;
        break;
      }
      scale /= 2;
    }
    const size = Math.max(...step.map((s) => Math.abs(s)));
    if (!accepted) {
      // Nothing improves any more: the maximum is reached to floating-point precision if the step was tiny.
      converged = size < 1e-6;
      break;
    }
    if (size * scale < 1e-9) converged = true;
  }
  return {
    slopes: [params[0] as number, params[1] as number],
    thresholds: [params[2] as number, params[3] as number, params[4] as number],
    logLikelihood: current.logLikelihood,
    converged,
  };
}

/** Log-likelihood, gradient and minus the Hessian over (β1, β2, τ1, τ2, τ3). */
function evaluate(params: readonly number[], x1: ArrayLike<number>, x2: ArrayLike<number>, categories: ArrayLike<PairCategory>) {
  const [b1, b2, ...tau] = params as number[] as [number, number, ...number[]];
  const gradient = [0, 0, 0, 0, 0];
  const h = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  let logLikelihood = 0;
  const add = (i: number, j: number, value: number) => {
    (h[i] as number[])[j] = ((h[i] as number[])[j] as number) - value;
  };
  for (let r = 0; r < categories.length; r++) {
    const c = categories[r] as PairCategory;
    const m1 = x1[r] as number;
    const m2 = x2[r] as number;
    const x = b1 * m1 + b2 * m2;
    // Answer c lies between thresholds c (below) and c + 1 (above); τ index 2 + k holds threshold k + 1.
    const upper = c >= 1 ? x - (tau[c - 1] as number) : Number.POSITIVE_INFINITY;
    const lower = c <= 2 ? x - (tau[c] as number) : Number.NEGATIVE_INFINITY;
    const f = evaluateIntervalProbability(upper, lower);
    logLikelihood += f.logProbability;
    if (!Number.isFinite(f.logProbability)) continue;
    const shift = f.dUpper + f.dLower;
    const shiftShift = f.dUpperUpper + 2 * f.dUpperLower + f.dLowerLower;
    gradient[0] = (gradient[0] as number) + shift * m1;
    gradient[1] = (gradient[1] as number) + shift * m2;
    add(0, 0, shiftShift * m1 * m1);
    add(1, 1, shiftShift * m2 * m2);
    add(0, 1, shiftShift * m1 * m2);
    add(1, 0, shiftShift * m1 * m2);
    if (c >= 1) {
      const t = 1 + c; // τ_c at params index 2 + (c − 1)
      gradient[t] = (gradient[t] as number) - f.dUpper;
      const cross = -(f.dUpperUpper + f.dUpperLower);
      add(0, t, cross * m1);
      add(t, 0, cross * m1);
      add(1, t, cross * m2);
      add(t, 1, cross * m2);
      add(t, t, f.dUpperUpper);
    }
    if (c <= 2) {
      const t = 2 + c; // τ_{c+1} at params index 2 + c
      gradient[t] = (gradient[t] as number) - f.dLower;
      const cross = -(f.dUpperLower + f.dLowerLower);
      add(0, t, cross * m1);
      add(t, 0, cross * m1);
      add(1, t, cross * m2);
      add(t, 1, cross * m2);
      add(t, t, f.dLowerLower);
    }
    if (c >= 1 && c <= 2) {
      add(1 + c, 2 + c, f.dUpperLower);
      add(2 + c, 1 + c, f.dUpperLower);
    }
  }
  return { logLikelihood, gradient, negativeHessian: h };
}
