/**
 * Cronbach's α (Cronbach 1951) from the items' covariance matrix C of k items:
 *   α = k/(k − 1) · (1 − Σᵢ Cᵢᵢ / Σᵢⱼ Cᵢⱼ)
 * the share of the total score's variance that the items have in common, scaled so that k parallel
 * items give the Spearman–Brown reliability.
 */

/** Cronbach's α of the items whose covariance matrix is given; null with fewer than 2 items or a constant total. */
export function cronbachAlpha(covariance: readonly (readonly number[])[]): number | null {
  const k = covariance.length;
  if (k < 2) return null;
  let trace = 0;
  let total = 0;
  for (let i = 0; i < k; i++) {
    const row = covariance[i] as readonly number[];
    trace += row[i] as number;
    for (let j = 0; j < k; j++) total += row[j] as number;
  }
  if (!(total > 0)) return null;
  return (k / (k - 1)) * (1 - trace / total);
}
