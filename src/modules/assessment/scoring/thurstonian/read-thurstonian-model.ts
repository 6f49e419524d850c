import type { ItemBank, PairItem } from "../../bank/item-bank-schema.ts";
import { factorCholesky } from "./factor-cholesky.ts";
import { solveWithCholesky } from "./solve-with-cholesky.ts";

/** One statement of a pair as the model sees it: which trait (by index), its loading λ and uniqueness ψ². */
export interface StatementParameters {
  trait: number;
  loading: number;
  uniqueness: number;
}

/** One pair: the left statement i, the right statement k and the thresholds γ1 < γ2 < γ3. */
export interface PairModel {
  itemId: string;
  left: StatementParameters;
  right: StatementParameters;
  thresholds: readonly [number, number, number];
}

/** Everything the scorer needs, in plain numbers: traits in the bank's order, the prior and the pairs. */
export interface ThurstonianModel {
  traitIds: readonly string[];
  /** Φ, the prior correlation matrix, rows and columns in the order of traitIds. */
  prior: readonly (readonly number[])[];
  /** Φ⁻¹, the prior's precision, used in every Newton step. */
  priorPrecision: readonly (readonly number[])[];
  pairs: readonly PairModel[];
}

/** The numeric model for the given pairs of a bank, traits in the bank's order; throws if the bank is inconsistent. */
export function readThurstonianModel(bank: ItemBank, pairs: readonly PairItem[]): ThurstonianModel {
  const traitIds = bank.traits.map((t) => t.id);
  const index = new Map(traitIds.map((id, i) => [id, i]));
  const { traits: order, matrix } = bank.workStyleModel.traitCorrelations;
  // The bank may list the matrix in any order; the scorer works in the order of the declared traits so
  // that scores line up with bank.traits.
  const prior = traitIds.map((a) =>
    traitIds.map((b) => {
      const value = matrix[order.indexOf(a)]?.[order.indexOf(b)];
      if (value === undefined) throw new Error(`the trait correlation matrix has no entry for ${a} and ${b}`);
      return value;
    }),
  );
  const lower = factorCholesky(prior);
  if (!lower) throw new Error("the trait correlation matrix is not positive definite");
  const priorPrecision = traitIds.map((_, j) =>
    solveWithCholesky(
      lower,
      traitIds.map((__, i) => (i === j ? 1 : 0)),
    ),
  );

  const statement = (item: PairItem, position: 0 | 1): StatementParameters => {
    const id = item.statements[position].id;
    const key = Object.hasOwn(item.key.statements, id) ? item.key.statements[id] : undefined;
    const trait = key ? index.get(key.traitId) : undefined;
    if (!key || trait === undefined) throw new Error(`statement ${id} of item ${item.id} has no key to a declared trait`);
    return { trait, loading: key.loading, uniqueness: key.uniqueness };
  };
  return {
    traitIds,
    prior,
    priorPrecision,
    pairs: pairs.map((item) => ({ itemId: item.id, left: statement(item, 0), right: statement(item, 1), thresholds: item.key.thresholds })),
  };
}
