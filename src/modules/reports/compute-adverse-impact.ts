/**
 * Adverse impact at each of the office's selection stages (statistics/adverse-impact.ts): each group's
 * selection rate, its impact ratio to the highest-rate group with the four-fifths flag, Fisher's exact
 * test and the Z test of the impact ratio.
 *
 * At a stage from A to B, the people considered are the applications that reached A and were decided
 * there: they reached B, or were rejected (不採用) without getting further. Applications still waiting at
 * A, and those withdrawn by the candidate, are left out: nobody decided on them. "Overall" runs from
 * 応募受付 to 採用.
 *
 * A group with fewer than 30 people considered shows neither its counts nor its rate ("not enough data"),
 * and is left out of the export; those who did not disclose are a group of their own, never compared.
 */
import { adverseImpact } from "../assessment/statistics/index.ts";
import type { FairnessGroups } from "./fairness-groups.ts";
import { type ApplicationProgress, FUNNEL_STEPS, type FunnelStep, furthestStepOf } from "./funnel-steps.ts";

export const IMPACT_MINIMUM_CONSIDERED = 30;

export const IMPACT_STAGES = [
  { id: "screening", from: "submitted", to: "screening" },
  { id: "interview_scheduling", from: "screening", to: "interview_scheduling" },
  { id: "interviewed", from: "interview_scheduling", to: "interviewed" },
  { id: "offered", from: "interviewed", to: "offered" },
  { id: "hired", from: "offered", to: "hired" },
  { id: "overall", from: "submitted", to: "hired" },
] as const satisfies readonly { id: string; from: FunnelStep; to: FunnelStep }[];
export type ImpactStage = (typeof IMPACT_STAGES)[number];

export type ImpactGroupFigures =
  | { group: string; status: "not-enough-data" }
  | { group: string; status: "reference" | "undisclosed"; selected: number; considered: number; selectionRate: number }
  | {
      group: string;
      status: "compared";
      selected: number;
      considered: number;
      selectionRate: number;
      impactRatio: number | null;
      belowFourFifths: boolean | null;
      fisherExactP: number;
      impactRatioZ: number | null;
      impactRatioP: number | null;
    };

export type ImpactStageFigures = { stage: ImpactStage; referenceGroup: string | null; groups: ImpactGroupFigures[] };

/** Adverse impact at every stage for one grouping (gender or age band), groups in the order given. */
export function computeAdverseImpact(
  progress: readonly ApplicationProgress[],
  groups: ReadonlyMap<string, FairnessGroups>,
  dimension: keyof FairnessGroups,
  labels: readonly string[],
): ImpactStageFigures[] {
  const furthest = new Map(progress.map((p) => [p.applicationId, furthestStepOf(p)]));
  return IMPACT_STAGES.map((stage) => {
    const from = FUNNEL_STEPS.indexOf(stage.from);
    const to = FUNNEL_STEPS.indexOf(stage.to);
    const counts = new Map(labels.map((label) => [label, { selected: 0, considered: 0 }]));
    for (const p of progress) {
      const reached = furthest.get(p.applicationId) as number;
      const selected = reached >= to;
      const decided = selected || (p.state === "rejected" && reached >= from && reached < to);
      const label = groups.get(p.applicationId)?.[dimension];
      const cell = label ? counts.get(label) : undefined;
      if (!decided || !cell) continue;
      cell.considered += 1;
      if (selected) cell.selected += 1;
    }
    const result = adverseImpact(
      labels.map((group) => ({ group, ...(counts.get(group) as { selected: number; considered: number }) })),
      { minimumConsidered: IMPACT_MINIMUM_CONSIDERED, undisclosedGroup: "not-disclosed" },
    );
    return {
      stage,
      referenceGroup: result.referenceGroup,
      groups: result.groups.map((g): ImpactGroupFigures => {
        // Fewer than the minimum: no counts, no rate, whatever the group.
        if (g.considered < IMPACT_MINIMUM_CONSIDERED || g.status === "not-enough-data") return { group: g.group, status: "not-enough-data" };
        const shown = { group: g.group, selected: g.selected, considered: g.considered, selectionRate: g.selected / g.considered };
        if (g.status === "compared")
          return {
            ...shown,
            status: "compared",
            impactRatio: g.impactRatio,
            belowFourFifths: g.belowFourFifths,
            fisherExactP: g.fisherExactP,
            impactRatioZ: g.impactRatioZ,
            impactRatioP: g.impactRatioP,
          };
        return { ...shown, status: g.status };
      }),
    };
  });
}
