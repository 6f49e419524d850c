/**
 * Item statistics of the situations of one bank version (README.md of the statistics module has the
 * formulas): each item's score mean and SD, the corrected item–total (item–rest) correlation, α if the item
 * were dropped, the shares choosing each option as best and as worst, and the scale's α, ω and SEM.
 *
 * Flags for weak items, all from `analyseItems`:
 * - low-item-rest-correlation (r < .15) and no-variance: the item does not separate stronger candidates;
 * - key-rarely-best / key-rarely-worst: the keyed best (worst) option is picked as best (worst) by under
 *   5% of those who picked one, which suggests a miskeyed item. The other options' rare picks are not
 *   flagged: with a best and a worst pick, a poor option is rarely chosen as best by design;
 * - distractor-beats-key-best / -worst: in the high-scoring group another option is picked as best (worst)
 *   more often than the keyed one: usually a wrong key or an ambiguous item.
 */
import { analyseItems, type OptionStatistics, type ScaleStatistics } from "../assessment/statistics/index.ts";
import type { ItemResponses } from "./item-responses.ts";

export type SituationFlag =
  | "low-item-rest-correlation"
  | "no-variance"
  | "key-rarely-best"
  | "key-rarely-worst"
  | "distractor-beats-key-best"
  | "distractor-beats-key-worst";

export type SituationStatistics = {
  itemId: string;
  answered: number;
  mean: number | null;
  sd: number | null;
  itemRestCorrelation: number | null;
  alphaIfDeleted: number | null;
  best: OptionStatistics[];
  worst: OptionStatistics[];
  flags: SituationFlag[];
};

export type SituationsAnalysis = { scale: ScaleStatistics; items: SituationStatistics[] };

/** Analyses the situations' responses: best picks against the keyed best, worst picks against the keyed worst. */
export function analyseSituations(responses: ItemResponses): SituationsAnalysis {
  const definitions = (key: "best" | "worst") =>
    responses.items.map((item, i) => ({ id: item.id, options: item.options.map((o) => o.id), key: responses.keys[i]?.[key] }));
  const byBest = analyseItems({ items: definitions("best"), scores: responses.scores, choices: responses.best });
  const byWorst = analyseItems({ items: definitions("worst"), scores: responses.scores, choices: responses.worst });
  return {
    scale: byBest.scale,
    items: byBest.items.map((item, i) => {
      const worst = byWorst.items[i];
      const best = item.options ?? [];
      const worstOptions = worst?.options ?? [];
      const flags: SituationFlag[] = item.flags.filter(
        (f): f is "low-item-rest-correlation" | "no-variance" => f === "low-item-rest-correlation" || f === "no-variance",
      );
      if (best.some((o) => o.isKey && o.rarelyChosen)) flags.push("key-rarely-best");
      if (worstOptions.some((o) => o.isKey && o.rarelyChosen)) flags.push("key-rarely-worst");
      if (best.some((o) => o.beatsKeyAmongHighScorers)) flags.push("distractor-beats-key-best");
      if (worstOptions.some((o) => o.beatsKeyAmongHighScorers)) flags.push("distractor-beats-key-worst");
      return {
        itemId: item.itemId,
        answered: item.answered,
        mean: item.mean,
        sd: item.sd,
        itemRestCorrelation: item.itemRestCorrelation,
        alphaIfDeleted: item.alphaIfDeleted,
        best,
        worst: worstOptions,
        flags,
      };
    }),
  };
}
