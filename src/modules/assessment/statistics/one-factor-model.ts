/**
 * A one-factor model fitted by minimum residuals (minres, i.e. unweighted least squares on the
 * off-diagonal correlations, as psych::fa(fm = "minres") fits it), and McDonald's ω total from it.
 *
 * The fit chooses loadings λ to minimise Σ_{i<j} (rᵢⱼ − λᵢλⱼ)²; the diagonal is left out, so each
 * uniqueness is whatever the item's correlations with the others do not explain: ψᵢ = 1 − λᵢ².
 * For fixed other loadings the best λᵢ has a closed form, λᵢ = Σ_{j≠i} rᵢⱼλⱼ / Σ_{j≠i} λⱼ², so the fit
 * updates one loading at a time (each update lowers the residual sum, so it converges) from the first
 * principal component until no loading moves by more than 1e-12. At the optimum this is the same
 * solution psych finds by optimising the uniquenesses.
 *
 * psych bounds every uniqueness at 0.005 or more; so does this fit (|λ| ≤ √0.995). A loading that hits
 * the bound is a Heywood case: the model is a poor description of those items, and it is reported.
 */

export interface OneFactorFit {
  /** One loading per item, signed so that their sum is positive (as psych reports them). */
  loadings: number[];
  /** ψᵢ = 1 − λᵢ². */
  uniquenesses: number[];
  /** A loading reached the bound √0.995 (uniqueness 0.005). */
  heywoodCase: boolean;
  converged: boolean;
}

const LARGEST_LOADING = Math.sqrt(0.995);
const TOLERANCE = 1e-12;
const MAX_SWEEPS = 100_000;

function firstPrincipalComponent(correlation: readonly (readonly number[])[]): number[] {
  const k = correlation.length;
  let vector = new Array<number>(k).fill(1 / Math.sqrt(k));
  let eigenvalue = 0;
  for (let step = 0; step < 1000; step++) {
    const next = correlation.map((row) => row.reduce((sum, r, j) => sum + r * (vector[j] as number), 0));
    const norm = Math.hypot(...next);
    if (norm === 0) break;
    const moved = Math.max(...next.map((v, j) => Math.abs(v / norm - (vector[j] as number))));
    vector = next.map((v) => v / norm);
    eigenvalue = norm;
    if (moved < 1e-10) break;
  }
  return vector.map((v) => v * Math.sqrt(eigenvalue));
}

/** Fits one common factor to a correlation matrix by minimum residuals. */
export function fitOneFactor(correlation: readonly (readonly number[])[]): OneFactorFit {
  const k = correlation.length;
  if (k < 3) throw new RangeError(`a one-factor model needs at least 3 items, got ${k}`);
  const loadings = firstPrincipalComponent(correlation).map((l) => Math.max(-LARGEST_LOADING, Math.min(LARGEST_LOADING, l)));
  let converged = false;
  for (let sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
    let largestMove = 0;
    for (let i = 0; i < k; i++) {
      const row = correlation[i] as readonly number[];
      let numerator = 0;
      let denominator = 0;
      for (let j = 0; j < k; j++) {
        if (j === i) continue;
        const lj = loadings[j] as number;
        numerator += (row[j] as number) * lj;
        denominator += lj * lj;
      }
      const updated = denominator > 0 ? Math.max(-LARGEST_LOADING, Math.min(LARGEST_LOADING, numerator / denominator)) : 0;
      largestMove = Math.max(largestMove, Math.abs(updated - (loadings[i] as number)));
      loadings[i] = updated;
    }
    converged = largestMove < TOLERANCE;
  }
  const sign = loadings.reduce((a, b) => a + b, 0) < 0 ? -1 : 1;
  const oriented = loadings.map((l) => sign * l);
  return {
    loadings: oriented,
    uniquenesses: oriented.map((l) => 1 - l * l),
    heywoodCase: oriented.some((l) => Math.abs(l) >= LARGEST_LOADING - 1e-12),
    converged,
  };
}

/** McDonald's ω total of a one-factor model: (Σλ)² / ((Σλ)² + Σψ). */
export function omegaTotal(fit: Pick<OneFactorFit, "loadings" | "uniquenesses">): number {
  const common = fit.loadings.reduce((a, b) => a + b, 0) ** 2;
  const unique = fit.uniquenesses.reduce((a, b) => a + b, 0);
  return common / (common + unique);
}
