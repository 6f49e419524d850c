import type { ItemBank, PairItem } from "../bank/item-bank-schema.ts";
import { type PairModel, readThurstonianModel } from "../scoring/thurstonian/read-thurstonian-model.ts";
import type { SeededRandom } from "./create-seeded-random.ts";

/** The z value below which a quarter of a normal distribution lies: thresholds there split answers into quarters. */
const QUARTILE_Z = 0.6745;

/** Design values for the pairs before any data, from keying, desirability and the prior alone. */
export function designPairParameters(bank: ItemBank, pairs: readonly PairItem[], random: SeededRandom): PairModel[] {
  // Each loading 0.6–0.9 in its keying's direction, uniqueness 1 − loading² (standardised utilities),
  // the middle threshold leaning towards the more desirable statement and the outer ones about a
  // quartile of y* away, so that the four answers are about equally common.
  const model = readThurstonianModel(bank, pairs);
  return pairs.map((item, l) => {
    const skeleton = model.pairs[l] as PairModel;
    const [left, right] = item.statements.map((s) => item.key.statements[s.id]) as [
      NonNullable<(typeof item.key.statements)[string]>,
      NonNullable<(typeof item.key.statements)[string]>,
    ];
    const leftLoading = left.sign * (0.6 + 0.3 * random.uniform());
    const rightLoading = right.sign * (0.6 + 0.3 * random.uniform());
    const correlation = (model.prior[skeleton.left.trait] as readonly number[])[skeleton.right.trait] as number;
    // var(y*) = λ_i² + λ_k² − 2 λ_i λ_k φ_ab + ψ²_i + ψ²_k, which is 2 − 2 λ_i λ_k φ_ab for unit-variance utilities.
    const spread = Math.sqrt(2 - 2 * leftLoading * rightLoading * correlation);
    // A more desirable left statement is chosen more often: a lower middle threshold moves answers left.
    const middle = spread * (-0.25 * (left.desirability - right.desirability) + 0.1 * random.normal());
    const step = spread * QUARTILE_Z * (0.85 + 0.3 * random.uniform());
    return {
      itemId: item.id,
      left: { trait: skeleton.left.trait, loading: leftLoading, uniqueness: 1 - leftLoading * leftLoading },
      right: { trait: skeleton.right.trait, loading: rightLoading, uniqueness: 1 - rightLoading * rightLoading },
      thresholds: [middle - step, middle, middle + step] as const,
    };
  });
}
