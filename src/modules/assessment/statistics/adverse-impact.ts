/**
 * Adverse impact at one selection stage (see README.md): each group's selection rate against the
 * highest-rate group's, with the four-fifths rule of the Uniform Guidelines (29 CFR 1607.4(D)), Fisher's
 * exact test and the Z test of the impact ratio (Morris & Lobsenz 2000).
 *
 * - The reference group is the group with the highest selection rate among those with enough people
 *   considered (a group of 3 who were all selected would otherwise set the bar for everyone); the caller
 *   may name it instead. Ties go to the group listed first.
 * - The "not disclosed" group is reported with its rate and nothing else: it is never the reference and
 *   never compared, because it mixes people of every group.
 * - A group with fewer people considered than the minimum (30 by default) gets its rate but no
 *   comparison: "not enough data".
 */
import { fisherExactTwoSidedP } from "./fisher-exact-test.ts";
import { impactRatioZTest } from "./impact-ratio-z-test.ts";

export interface GroupSelection {
  group: string;
  selected: number;
  considered: number;
}

export interface AdverseImpactOptions {
  /** The group label of people who did not disclose their group (default "not-disclosed"). */
  undisclosedGroup?: string;
  /** Fewest people considered for a group to be compared (default 30). */
  minimumConsidered?: number;
  /** Compare against this group instead of the highest-rate one. */
  referenceGroup?: string;
}

interface GroupRate {
  group: string;
  selected: number;
  considered: number;
  /** selected / considered, or null when nobody was considered. */
  selectionRate: number | null;
}

export type GroupImpact =
  | (GroupRate & { status: "reference" })
  | (GroupRate & { status: "undisclosed" })
  | (GroupRate & { status: "not-enough-data" })
  | (GroupRate & {
      status: "compared";
      /** The group's selection rate over the reference group's; null when the reference selected nobody. */
      impactRatio: number | null;
      /** Impact ratio below 4/5; null when there is no ratio. */
      belowFourFifths: boolean | null;
      /** Fisher's exact test of the group against the reference, two-sided. */
      fisherExactP: number;
      /** Morris & Lobsenz Z of ln(impact ratio) and its two-sided p; null when ln(IR) or its SE does not exist. */
      impactRatioZ: number | null;
      impactRatioP: number | null;
    });

export interface AdverseImpact {
  /** The group every other group is compared with; null when no group has enough data. */
  referenceGroup: string | null;
  groups: GroupImpact[];
}

function checkCounts({ group, selected, considered }: GroupSelection): void {
  if (!Number.isInteger(considered) || considered < 0) throw new RangeError(`${group}: considered must be a whole number ≥ 0, got ${considered}`);
  if (!Number.isInteger(selected) || selected < 0 || selected > considered) {
    throw new RangeError(`${group}: selected must be a whole number from 0 to ${considered}, got ${selected}`);
  }
}

/** Selection rates, impact ratios, four-fifths flags and significance tests for each group at one stage. */
export function adverseImpact(selections: readonly GroupSelection[], options: AdverseImpactOptions = {}): AdverseImpact {
  const undisclosed = options.undisclosedGroup ?? "not-disclosed";
  const minimum = options.minimumConsidered ?? 30;
  for (const s of selections) checkCounts(s);
  const labels = selections.map((s) => s.group);
  const duplicate = labels.find((label, i) => labels.indexOf(label) !== i);
  if (duplicate !== undefined) throw new RangeError(`group ${duplicate} is listed twice`);

  // Nobody considered means no rate at all, whatever minimum the caller set.
  const eligible = selections.filter((s) => s.group !== undisclosed && s.considered >= Math.max(minimum, 1));
  let reference: GroupSelection | undefined;
  if (options.referenceGroup !== undefined) {
    reference = eligible.find((s) => s.group === options.referenceGroup);
    if (!reference) throw new RangeError(`reference group ${options.referenceGroup} is not listed, is the undisclosed group or has too few people considered`);
  } else {
    // Compare a/n > b/m as a·m > b·n, in whole numbers, so equal rates tie exactly.
    for (const s of eligible) if (!reference || s.selected * reference.considered > reference.selected * s.considered) reference = s;
  }

  const groups = selections.map((s): GroupImpact => {
    const rate: GroupRate = { ...s, selectionRate: s.considered > 0 ? s.selected / s.considered : null };
    if (s.group === undisclosed) return { ...rate, status: "undisclosed" };
    if (s === reference) return { ...rate, status: "reference" };
    if (!reference || !eligible.includes(s)) return { ...rate, status: "not-enough-data" };
    const ref = reference;
    const impactRatio = ref.selected > 0 ? s.selected / s.considered / (ref.selected / ref.considered) : null;
    // IR < 4/5 ⇔ 5·sel·N_ref < 4·sel_ref·N, in whole numbers, so a ratio of exactly .8 is never flagged by rounding.
    const belowFourFifths = impactRatio === null ? null : 5 * s.selected * ref.considered < 4 * ref.selected * s.considered;
    const z = impactRatioZTest(s, ref);
    return {
      ...rate,
      status: "compared",
      impactRatio,
      belowFourFifths,
      fisherExactP: fisherExactTwoSidedP({ a: s.selected, b: s.considered - s.selected, c: ref.selected, d: ref.considered - ref.selected }),
      impactRatioZ: z?.z ?? null,
      impactRatioP: z?.p ?? null,
    };
  });
  return { referenceGroup: reference?.group ?? null, groups };
}
