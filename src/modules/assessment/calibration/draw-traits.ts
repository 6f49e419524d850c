import type { SeededRandom } from "./create-seeded-random.ts";

/** One respondent's traits from MVN(0, Φ), given the lower Cholesky factor L of Φ (η = L·z). */
export function drawTraits(priorLower: readonly (readonly number[])[], random: SeededRandom): number[] {
  const z = priorLower.map(() => random.normal());
  return priorLower.map((row) => row.reduce((sum, value, k) => sum + value * (z[k] as number), 0));
}
