import { computeNormalTail } from "./compute-normal-tail.ts";
import type { PairModel } from "./read-thurstonian-model.ts";

/** P(Y = 0…3 | η) for one pair: P(Y ≥ c | η) = Φ((−γ_c + λ_i η_a − λ_k η_b) / √(ψ²_i + ψ²_k)), i left, k right. */
export function computeCategoryProbabilities(pair: PairModel, eta: readonly number[]): [number, number, number, number] {
  const { left, right, thresholds } = pair;
  const scale = Math.sqrt(left.uniqueness + right.uniqueness);
  const mean = left.loading * (eta[left.trait] as number) - right.loading * (eta[right.trait] as number);
  // P(Y ≥ c) = Φ(z) = tail(−z); differences of neighbouring cumulative probabilities give each category.
  const atLeast = thresholds.map((gamma) => computeNormalTail((gamma - mean) / scale)) as [number, number, number];
  return [1 - atLeast[0], atLeast[0] - atLeast[1], atLeast[1] - atLeast[2], atLeast[2]];
}
