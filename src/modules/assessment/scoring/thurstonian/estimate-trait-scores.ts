import { evaluateIntervalProbability } from "./evaluate-interval-probability.ts";
import { factorCholesky } from "./factor-cholesky.ts";
import type { PairCategory } from "./map-point-to-category.ts";
import type { PairModel, ThurstonianModel } from "./read-thurstonian-model.ts";
import { solveWithCholesky } from "./solve-with-cholesky.ts";

/** A candidate's MAP trait scores with standard errors, in the model's trait order. */
export interface TraitEstimate {
  /** The posterior mode of each trait, on the prior's scale (mean 0, SD 1). */
  theta: number[];
  /** √ of the diagonal of the inverse posterior information at the mode. */
  se: number[];
  /** The posterior information −∂²log p(η | answers)/∂η² at the mode. */
  information: number[][];
  iterations: number;
  converged: boolean;
}

const MAX_ITERATIONS = 100;
const MAX_HALVINGS = 40;
const STEP_TOLERANCE = 1e-10;

/** MAP trait scores and SEs under the MVN(0, Φ) prior; `categories[l]` answers `model.pairs[l]`, null is skipped. */
export function estimateTraitScores(model: ThurstonianModel, categories: readonly (PairCategory | null)[]): TraitEstimate {
  const n = model.traitIds.length;
  const answered: { pair: PairModel; category: PairCategory }[] = [];
  model.pairs.forEach((pair, l) => {
    const category = categories[l];
    if (category !== null && category !== undefined) answered.push({ pair, category });
  });

  if (answered.length === 0) {
    // No evidence: the posterior is the prior, so the scores are its mean with its SD.
    return {
      theta: new Array<number>(n).fill(0),
      se: model.prior.map((row, j) => Math.sqrt(row[j] as number)),
      information: model.priorPrecision.map((row) => [...row]),
      iterations: 0,
      converged: true,
    };
  }

  let theta = new Array<number>(n).fill(0);
  let current = evaluatePosterior(model, answered, theta);
  let iterations = 0;
  let converged = false;
  while (!converged && iterations < MAX_ITERATIONS) {
    iterations++;
    // The ordered-probit log-likelihood is concave in η and the prior is strictly concave, so −H is
    // positive definite and the Newton direction always climbs; halving only guards against overshoot.
    const lower = factorCholesky(current.negativeHessian);
    if (!lower) break;
    const step = solveWithCholesky(lower, current.gradient);
    let scale = 1;
    let accepted = false;
    for (let h = 0; h < MAX_HALVINGS; h++) {
      const candidate = theta.map((t, j) => t + scale * (step[j] as number));
      const next = evaluatePosterior(model, answered, candidate);
      if (next.logPosterior >= current.logPosterior - 1e-12 * Math.abs(current.logPosterior)) {
        theta = candidate;
        current = next;
        accepted = true;
        break;
      }
      scale /= 2;
    }
    const size = Math.max(...step.map((s) => Math.abs(s)));
    if (!accepted) {
      // No fraction of the Newton step improves the posterior any more: the mode has been reached to
      // the precision of floating point, provided the step itself was already negligible.
      converged = size < 1e-6;
      break;
    }
    if (size * scale < STEP_TOLERANCE) converged = true;
  }

  const information = current.negativeHessian;
  const lower = factorCholesky(information);
  const se = theta.map((_, j) => {
    if (!lower) return Number.NaN;
    const column = solveWithCholesky(
      lower,
      theta.map((__, i) => (i === j ? 1 : 0)),
    );
    return Math.sqrt(column[j] as number);
  });
  return { theta, se, information, iterations, converged };
}

interface PosteriorAt {
  logPosterior: number;
  gradient: number[];
  negativeHessian: number[][];
}

/** log posterior (up to a constant), its gradient and minus its Hessian at η. */
function evaluatePosterior(model: ThurstonianModel, answered: readonly { pair: PairModel; category: PairCategory }[], eta: readonly number[]): PosteriorAt {
  const precision = model.priorPrecision;
  // Prior part: −½ ηᵀ Φ⁻¹ η, gradient −Φ⁻¹ η, Hessian −Φ⁻¹.
  const gradient = eta.map((_, i) => -(precision[i] as readonly number[]).reduce((sum, p, j) => sum + p * (eta[j] as number), 0));
  const negativeHessian = precision.map((row) => [...row]);
  let logPosterior = 0.5 * eta.reduce((sum, e, i) => sum + e * (gradient[i] as number), 0);

  for (const { pair, category } of answered) {
    const { left, right, thresholds } = pair;
    const scale = Math.sqrt(left.uniqueness + right.uniqueness);
    const mean = left.loading * (eta[left.trait] as number) - right.loading * (eta[right.trait] as number);
    // Category c covers γ_c < y* ≤ γ_{c+1}; in z units its bounds are (mean − γ)/scale, open at both ends.
    const upper = category >= 1 ? (mean - (thresholds[category - 1] as number)) / scale : Number.POSITIVE_INFINITY;
    const lowerBound = category <= 2 ? (mean - ((thresholds as readonly number[])[category] as number)) / scale : Number.NEGATIVE_INFINITY;
    const r = evaluateIntervalProbability(upper, lowerBound);
    logPosterior += r.logProbability;
    if (!Number.isFinite(r.logProbability)) continue;
    // Both bounds move with the mean at rate 1/scale; the mean moves with η_a at λ_i and with η_b at −λ_k.
    const slope = (r.dUpper + r.dLower) / scale;
    const curvature = (r.dUpperUpper + 2 * r.dUpperLower + r.dLowerLower) / (scale * scale);
    const wa = left.loading;
    const wb = -right.loading;
    gradient[left.trait] = (gradient[left.trait] as number) + slope * wa;
    gradient[right.trait] = (gradient[right.trait] as number) + slope * wb;
    const rowA = negativeHessian[left.trait] as number[];
    const rowB = negativeHessian[right.trait] as number[];
    rowA[left.trait] = (rowA[left.trait] as number) - curvature * wa * wa;
    rowB[right.trait] = (rowB[right.trait] as number) - curvature * wb * wb;
    rowA[right.trait] = (rowA[right.trait] as number) - curvature * wa * wb;
    rowB[left.trait] = (rowB[left.trait] as number) - curvature * wa * wb;
  }
  return { logPosterior, gradient, negativeHessian };
}
