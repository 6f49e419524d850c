/**
 * The Z test of the adverse impact ratio (Morris & Lobsenz 2000). It tests the same effect size the
 * four-fifths rule looks at, the ratio of two selection rates, instead of their difference:
 *
 *   IR = SR₁ / SR₂                       (SRᵢ = selectedᵢ / consideredᵢ; group 2 is the reference)
 *   Z  = ln(IR) / SE
 *   SE = √[ (1 − SR_T) / (SR_T · N_T · P₁ · (1 − P₁)) ]
 *
 * where N_T = N₁ + N₂, SR_T is the pooled selection rate of both groups and P₁ = N₁/N_T is the first
 * group's share of the people considered. SE is the delta-method standard error of ln(SR₁/SR₂),
 * Var ≈ (1 − SR₁)/(N₁·SR₁) + (1 − SR₂)/(N₂·SR₂), evaluated under the null hypothesis SR₁ = SR₂ = SR_T,
 * where it simplifies to the expression above. The p-value is two-sided from the standard normal.
 *
 * ln(IR) does not exist when either group selected nobody, and SE does not exist when both groups
 * selected everybody or nobody: then there is no Z (null); Fisher's exact test still answers.
 */
import { normalTwoSidedP } from "./normal-distribution.ts";

export interface SelectionCounts {
  selected: number;
  considered: number;
}

export interface ImpactRatioZ {
  z: number;
  p: number;
}

/** Z test of the impact ratio SR(group) / SR(reference), two-sided; null where ln(IR) or SE does not exist. */
export function impactRatioZTest(group: SelectionCounts, reference: SelectionCounts): ImpactRatioZ | null {
  if (group.selected === 0 || reference.selected === 0) return null;
  const totalConsidered = group.considered + reference.considered;
  const pooledRate = (group.selected + reference.selected) / totalConsidered;
  if (pooledRate >= 1) return null;
  const groupShare = group.considered / totalConsidered;
  const standardError = Math.sqrt((1 - pooledRate) / (pooledRate * totalConsidered * groupShare * (1 - groupShare)));
  const logRatio = Math.log(group.selected / group.considered) - Math.log(reference.selected / reference.considered);
  const z = logRatio / standardError;
  return { z, p: normalTwoSidedP(z) };
}
