import type { PairCategory } from "../scoring/thurstonian/map-point-to-category.ts";
import type { PairModel } from "../scoring/thurstonian/read-thurstonian-model.ts";
import type { SeededRandom } from "./create-seeded-random.ts";

/** One answer to a pair from a respondent with traits η, drawn as the model says answers arise. */
export function drawCategory(pair: PairModel, eta: readonly number[], random: SeededRandom): PairCategory {
  // y* = λ_i η_a − λ_k η_b + e with e ~ N(0, ψ²_i + ψ²_k); the category is how many thresholds y* passes.
  const { left, right, thresholds } = pair;
  const latent =
    left.loading * (eta[left.trait] as number) - right.loading * (eta[right.trait] as number) + Math.sqrt(left.uniqueness + right.uniqueness) * random.normal();
  return thresholds.filter((gamma) => latent > gamma).length as PairCategory;
}
