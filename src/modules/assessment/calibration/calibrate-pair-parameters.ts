import { estimateTraitScores } from "../scoring/thurstonian/estimate-trait-scores.ts";
import { evaluateIntervalProbability } from "../scoring/thurstonian/evaluate-interval-probability.ts";
import { factorCholesky } from "../scoring/thurstonian/factor-cholesky.ts";
import type { PairCategory } from "../scoring/thurstonian/map-point-to-category.ts";
import type { PairModel, ThurstonianModel } from "../scoring/thurstonian/read-thurstonian-model.ts";
import { solveWithCholesky } from "../scoring/thurstonian/solve-with-cholesky.ts";
import { fitPairProbit } from "./fit-pair-probit.ts";

export interface CalibrationOptions {
  /** Which pairs the trait scores are built from (live, scored pairs); the others are fitted against them. */
  scored: readonly boolean[];
  maxIterations?: number;
  /** Stop when no loading or threshold moves by more than this between two rounds. */
  tolerance?: number;
  /** Called after every round, for progress output. */
  onRound?: (round: { iteration: number; maxChange: number }) => void;
}

export interface CalibrationResult {
  pairs: PairModel[];
  iterations: number;
  converged: boolean;
  /** The largest change of a loading or threshold in the last round. */
  maxChange: number;
}

/** Above this share of a probit's variance explained by the predictors' uncertainty, the correction is capped. */
const MAX_ATTENUATION = 0.95;
/** Loadings are kept inside ±this so that every statement keeps some uniqueness. */
const MAX_LOADING = 0.98;

/** Estimates every pair's loadings, uniquenesses and thresholds from answers (method in content/assessments/README.md). */
export function calibratePairParameters(
  model: ThurstonianModel,
  responses: readonly (readonly (PairCategory | null)[])[],
  options: CalibrationOptions,
): CalibrationResult {
  // Alternates two steps until nothing moves: (1) MAP trait scores for every respondent under the current
  // parameters; (2) per pair, an ordinal probit of its answers on the two traits' scores with that pair
  // left out (one Newton step away from the full mode), corrected for the scores' posterior uncertainty,
  // then put back on the bank's scale (standardised utilities: λ² + ψ² = 1). The prior Φ stays fixed:
  // it sets the traits' scale.
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-3;
  const n = model.traitIds.length;
  const respondents = responses.length;
  let pairs = model.pairs.map((p) => ({ ...p }));
  let iterations = 0;
  let maxChange = Number.POSITIVE_INFINITY;

  while (iterations < maxIterations && maxChange > tolerance) {
    iterations++;
    const scoredIndex = pairs.flatMap((_, l) => (options.scored[l] ? [l] : []));
    const scoring: ThurstonianModel = { ...model, pairs: scoredIndex.map((l) => pairs[l] as PairModel) };
    const predictors = pairs.map(() => ({ a: new Float64Array(respondents), b: new Float64Array(respondents), aa: 0, bb: 0, ab: 0 }));

    for (let r = 0; r < respondents; r++) {
      const answers = responses[r] as readonly (PairCategory | null)[];
      const estimate = estimateTraitScores(
        scoring,
        scoredIndex.map((l) => answers[l] ?? null),
      );
      const lower = factorCholesky(estimate.information);
      if (!lower) throw new Error(`respondent ${r}: the posterior information is not positive definite`);
      const covariance = Array.from({ length: n }, (_, j) =>
        solveWithCholesky(
          lower,
          Array.from({ length: n }, (__, i) => (i === j ? 1 : 0)),
        ),
      );
      pairs.forEach((pair, l) => {
        const ta = pair.left.trait;
        const tb = pair.right.trait;
        const cov = (i: number, j: number) => (covariance[i] as number[])[j] as number;
        let ma = estimate.theta[ta] as number;
        let mb = estimate.theta[tb] as number;
        let vaa = cov(ta, ta);
        let vbb = cov(tb, tb);
        let vab = cov(ta, tb);
        const category = answers[l];
        if (options.scored[l] && category !== null && category !== undefined) {
          // Take the pair's own answer back out of the score (Sherman–Morrison on the information), so the
          // predictor is not correlated with the very answer it is to predict.
          const { slope, curvature } = derivativesAt(pair, estimate.theta, category);
          const q = -curvature;
          const wa = pair.left.loading;
          const wb = -pair.right.loading;
          const ua = vaa * wa + vab * wb;
          const ub = vab * wa + vbb * wb;
          const denominator = 1 - q * (wa * ua + wb * ub);
          ma -= (slope * ua) / denominator;
          mb -= (slope * ub) / denominator;
          vaa += (q * ua * ua) / denominator;
          vbb += (q * ub * ub) / denominator;
          vab += (q * ua * ub) / denominator;
        }
        const p = predictors[l] as (typeof predictors)[number];
        p.a[r] = ma;
        p.b[r] = mb;
        p.aa += vaa / respondents;
        p.bb += vbb / respondents;
        p.ab += vab / respondents;
      });
    }

    maxChange = 0;
    pairs = pairs.map((pair, l) => {
      const p = predictors[l] as (typeof predictors)[number];
      const kept = responses.flatMap((answers, r) => (answers[l] === null || answers[l] === undefined ? [] : [r]));
      const categories = kept.map((r) => (responses[r] as readonly (PairCategory | null)[])[l] as PairCategory);
      const scale = Math.sqrt(pair.left.uniqueness + pair.right.uniqueness);
      const fit = fitPairProbit(
        kept.map((r) => p.a[r] as number),
        kept.map((r) => p.b[r] as number),
        categories,
        { slopes: [pair.left.loading / scale, -pair.right.loading / scale], thresholds: pair.thresholds.map((g) => g / scale) as [number, number, number] },
      );
      // The probit on score estimates sees slopes a / √(1 + aᵀΣa); undo that shrinkage with Σ the average
      // posterior covariance of the two traits.
      const [b1, b2] = fit.slopes;
      const explained = Math.min(MAX_ATTENUATION, b1 * b1 * p.aa + 2 * b1 * b2 * p.ab + b2 * b2 * p.bb);
      const inflate = 1 / Math.sqrt(1 - explained);
      const next = toBankScale(pair, b1 * inflate, -b2 * inflate, fit.thresholds.map((t) => t * inflate) as [number, number, number]);
      const change = Math.max(
        Math.abs(next.left.loading - pair.left.loading),
        Math.abs(next.right.loading - pair.right.loading),
        ...next.thresholds.map((g, c) => Math.abs(g - (pair.thresholds[c] as number))),
      );
      maxChange = Math.max(maxChange, change);
      return next;
    });
    options.onRound?.({ iteration: iterations, maxChange });
  }
  return { pairs, iterations, converged: maxChange <= tolerance, maxChange };
}

/**
 * From probit-scale slopes (residual variance 1) to the bank's scale, where each statement's utility has
 * variance 1: with s² = ψ²_i + ψ²_k = 2 − λ_i² − λ_k² and λ = a·s, s² = 2 / (1 + a_i² + a_k²).
 */
function toBankScale(pair: PairModel, slopeLeft: number, slopeRight: number, thresholds: [number, number, number]): PairModel {
  const scale = Math.sqrt(2 / (1 + slopeLeft * slopeLeft + slopeRight * slopeRight));
  const clamp = (loading: number) => Math.max(-MAX_LOADING, Math.min(MAX_LOADING, loading));
  const leftLoading = clamp(slopeLeft * scale);
  const rightLoading = clamp(slopeRight * scale);
  return {
    itemId: pair.itemId,
    left: { trait: pair.left.trait, loading: leftLoading, uniqueness: 1 - leftLoading * leftLoading },
    right: { trait: pair.right.trait, loading: rightLoading, uniqueness: 1 - rightLoading * rightLoading },
    thresholds: thresholds.map((t) => t * scale) as [number, number, number],
  };
}

/** d log P / d mean and d² log P / d mean² of one answer at η, where mean = λ_i η_a − λ_k η_b. */
function derivativesAt(pair: PairModel, eta: readonly number[], category: PairCategory): { slope: number; curvature: number } {
  const { left, right, thresholds } = pair;
  const scale = Math.sqrt(left.uniqueness + right.uniqueness);
  const mean = left.loading * (eta[left.trait] as number) - right.loading * (eta[right.trait] as number);
  const upper = category >= 1 ? (mean - (thresholds[category - 1] as number)) / scale : Number.POSITIVE_INFINITY;
  const lower = category <= 2 ? (mean - ((thresholds as readonly number[])[category] as number)) / scale : Number.NEGATIVE_INFINITY;
  const f = evaluateIntervalProbability(upper, lower);
  return { slope: (f.dUpper + f.dLower) / scale, curvature: (f.dUpperUpper + 2 * f.dUpperLower + f.dLowerLower) / (scale * scale) };
}
