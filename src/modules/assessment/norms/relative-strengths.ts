/**
 * A candidate's relative strengths: the competencies and work-style traits on which their T-score is
 * highest. "Relative" in both senses the feedback promises: each T compares the candidate with the other
 * applicants, and the strengths are the best of the candidate's own scales, whatever their level. Without
 * a norm there are no T-scores and so no strengths.
 */
import type { ItemBank } from "../bank/item-bank-schema.ts";
import type { AssessmentResult } from "./apply-norm.ts";
import { competencyScale, traitScale } from "./measure-attempt.ts";

export type Strength = { kind: "competency" | "trait"; id: string };

/** The `count` scales with the highest T, highest first; ties keep the bank's order (competencies, then traits). */
export function relativeStrengths(result: AssessmentResult, bank: Pick<ItemBank, "competencies" | "traits">, count = 2): Strength[] {
  const candidates = [
    ...bank.competencies.map((c) => ({ kind: "competency" as const, id: c.id, t: result.scales[competencyScale(c.id)]?.t ?? null })),
    ...bank.traits.map((t) => ({ kind: "trait" as const, id: t.id, t: result.scales[traitScale(t.id)]?.t ?? null })),
  ];
  return candidates
    .map((c, order) => ({ ...c, order }))
    .filter((c): c is typeof c & { t: number } => c.t !== null)
    .sort((a, b) => b.t - a.t || a.order - b.order)
    .slice(0, count)
    .map(({ kind, id }) => ({ kind, id }));
}
