/**
 * Differential item functioning of the situations by Mantel–Haenszel, with the ETS A/B/C classes, for each
 * comparison of a focal group with its reference group (statistics/mantel-haenszel-dif.ts).
 *
 * - Items are dichotomised by the rule in item-responses.ts: 1 when the best pick is the keyed best option.
 * - The matching score is the number of scored situations answered that way (the studied item included),
 *   over candidates with a best pick on every scored situation; one stratum per score.
 * - A comparison is shown only when both groups have at least 100 such candidates; otherwise neither its
 *   figures nor its group sizes are given.
 * - Candidates who did not disclose (or whose age is unknown) are in neither group of the gender or age
 *   comparisons.
 * - Language: the interface language the candidate answered the scored situations in, English against
 *   Japanese. Someone who answered them in both languages, or whose answers' language was not recorded,
 *   is in neither group (item-responses.ts).
 */
import { type MantelHaenszelDif, mantelHaenszelDif } from "../assessment/statistics/index.ts";
import type { AgeGroup, FairnessGroups, GenderGroup } from "./fairness-groups.ts";
import type { ItemResponses } from "./item-responses.ts";

export const DIF_MINIMUM_PER_GROUP = 100;

/** The interface language a candidate answered the situations in. */
export type LanguageGroup = "ja" | "en";

export type DifComparison =
  | { id: "gender-female"; dimension: "gender"; reference: GenderGroup; focal: GenderGroup }
  | { id: "age-30-44" | "age-45-plus"; dimension: "age"; reference: AgeGroup; focal: AgeGroup }
  | { id: "language-en"; dimension: "language"; reference: LanguageGroup; focal: LanguageGroup };

/** Women against men; each older age band against those under 30; English against Japanese. */
export const DIF_COMPARISONS: readonly DifComparison[] = [
  { id: "gender-female", dimension: "gender", reference: "male", focal: "female" },
  { id: "age-30-44", dimension: "age", reference: "under-30", focal: "30-44" },
  { id: "age-45-plus", dimension: "age", reference: "under-30", focal: "45-plus" },
  { id: "language-en", dimension: "language", reference: "ja", focal: "en" },
];

/** One matching-score stratum of one item: right and wrong answers of each group. */
export type DifStratum = { itemId: string; matching: number; referenceRight: number; referenceWrong: number; focalRight: number; focalWrong: number };

export type DifComparisonResult =
  | { comparison: DifComparison; status: "not-enough-data"; minimum: number }
  | {
      comparison: DifComparison;
      status: "shown";
      referenceCount: number;
      focalCount: number;
      items: { itemId: string; result: MantelHaenszelDif }[];
      /** The strata every figure was computed from: those holding both groups. */
      strata: DifStratum[];
    };

/** The DIF of every scored situation for every comparison, from the cohort's responses and group labels. */
export function computeDif(responses: ItemResponses, groups: ReadonlyMap<string, FairnessGroups>): DifComparisonResult[] {
  const complete = responses.correct.flatMap((row, r) => (row.every((c) => c !== null) ? [r] : []));
  const matching = new Map(complete.map((r) => [r, (responses.correct[r] as (0 | 1)[]).reduce<number>((a, b) => a + b, 0)]));
  return DIF_COMPARISONS.map((comparison): DifComparisonResult => {
    const groupOf = (r: number): "reference" | "focal" | null => {
      const label = comparison.dimension === "language" ? responses.languages[r] : groups.get(responses.applicationIds[r] as string)?.[comparison.dimension];
      return label === comparison.reference ? "reference" : label === comparison.focal ? "focal" : null;
    };
    const labelled = complete.map((r) => ({ r, group: groupOf(r) }));
    const referenceCount = labelled.filter((l) => l.group === "reference").length;
    const focalCount = labelled.filter((l) => l.group === "focal").length;
    if (referenceCount < DIF_MINIMUM_PER_GROUP || focalCount < DIF_MINIMUM_PER_GROUP)
      return { comparison, status: "not-enough-data", minimum: DIF_MINIMUM_PER_GROUP };
    const strata: DifStratum[] = [];
    const items = responses.items.map((item, i) => {
      const answers = labelled.map(({ r, group }) => ({
        correct: (responses.correct[r] as (0 | 1)[])[i] as 0 | 1,
        matchingScore: matching.get(r) as number,
        group,
      }));
      const cells = new Map<number, DifStratum>();
      for (const a of answers) {
        if (!a.group) continue;
        const cell = cells.get(a.matchingScore) ?? {
          itemId: item.id,
          matching: a.matchingScore,
          referenceRight: 0,
          referenceWrong: 0,
          focalRight: 0,
          focalWrong: 0,
        };
        if (a.group === "reference") cell[a.correct ? "referenceRight" : "referenceWrong"] += 1;
        else cell[a.correct ? "focalRight" : "focalWrong"] += 1;
        cells.set(a.matchingScore, cell);
      }
      for (const cell of [...cells.values()].sort((a, b) => a.matching - b.matching)) {
        if (cell.referenceRight + cell.referenceWrong > 0 && cell.focalRight + cell.focalWrong > 0) strata.push(cell);
      }
      return { itemId: item.id, result: mantelHaenszelDif(answers, { minimumPerGroup: DIF_MINIMUM_PER_GROUP }) };
    });
    return { comparison, status: "shown", referenceCount, focalCount, items, strata };
  });
}
