/**
 * Classical item analysis of a scored test (see README.md for the formulas and references).
 *
 * Missing scores (null) are handled in two ways, on purpose:
 * - Each item's own figures (answered, mean, SD, option shares) use every candidate who has a score
 *   (or a choice) on that item: they describe the item and need nothing else.
 * - Everything that involves the total score (item–rest correlation, α, α if deleted, ω, SEM, the
 *   high-scoring group) uses only the candidates with a score on every item (listwise). A total over
 *   fewer items is not the same score, and a covariance matrix pieced together from different people
 *   need not be a covariance matrix at all (α can exceed 1, the factor fit can fail). psych::alpha's
 *   default is pairwise; the check against R hands R the complete candidates, where the two agree.
 *
 * Weak-item flags (thresholds adjustable):
 * - "low-item-rest-correlation": corrected item–total (item–rest) r below .15. Such an item barely
 *   separates stronger from weaker candidates, and a negative r means it works against the rest.
 * - "no-variance": everyone (complete cases) scored the same, so there is no correlation to compute.
 * - "rarely-chosen-option": an option chosen by under 5% of those who answered the item. A distractor
 *   nobody picks makes the item easier to guess; a key nobody picks suggests a miskeyed or unfair item.
 * - "distractor-beats-key": in the high-scoring group (the top 27% of complete candidates by total,
 *   Kelley 1939, with everyone tied at the cut included) some other option is chosen more often than the
 *   key, which usually means the key is wrong or the item is ambiguous.
 */
import { covarianceMatrix } from "./covariance-matrix.ts";
import { cronbachAlpha } from "./cronbach-alpha.ts";
import { fitOneFactor, omegaTotal } from "./one-factor-model.ts";

export interface ItemDefinition {
  id: string;
  /** The options offered, in the order to report them (multiple-choice items). */
  options?: readonly string[];
  /** The keyed option: the correct one, or the most effective one for a rated situation. */
  key?: string;
}

export interface ItemAnalysisInput {
  items: readonly ItemDefinition[];
  /** One row per candidate, one column per item in the order of `items`; null where there is no score. */
  scores: readonly (readonly (number | null)[])[];
  /** The option each candidate chose, same shape as `scores`; null where none. */
  choices?: readonly (readonly (string | null)[])[];
}

export interface ItemAnalysisRules {
  /** Flag items whose item–rest correlation is below this (default .15). */
  minimumItemRestCorrelation?: number;
  /** Flag options chosen by fewer than this share of those who answered (default .05). */
  rareOptionShare?: number;
  /** Share of complete candidates, by total, who form the high-scoring group (default .27). */
  highScoringShare?: number;
}

export type ItemFlag = "low-item-rest-correlation" | "no-variance" | "rarely-chosen-option" | "distractor-beats-key";

export interface OptionStatistics {
  optionId: string;
  isKey: boolean;
  chosen: number;
  /** chosen / candidates who chose any option on this item. */
  share: number;
  /** How many of the high-scoring group chose it. */
  chosenByHighScorers: number;
  rarelyChosen: boolean;
  /** A distractor chosen by more of the high-scoring group than the key. */
  beatsKeyAmongHighScorers: boolean;
}

export interface ItemStatistics {
  itemId: string;
  /** Candidates with a score on this item. */
  answered: number;
  mean: number | null;
  /** Sample SD (n − 1), of those who answered. */
  sd: number | null;
  /** Null when no choices were given for this item. */
  options: OptionStatistics[] | null;
  /** Pearson r of the item with the total of the other items (complete candidates). */
  itemRestCorrelation: number | null;
  /** Cronbach's α of the other items (complete candidates; needs 3 items or more). */
  alphaIfDeleted: number | null;
  flags: ItemFlag[];
}

export interface ScaleStatistics {
  candidates: number;
  /** Candidates with a score on every item: the basis of everything below. */
  completeCandidates: number;
  items: number;
  totalMean: number | null;
  totalSd: number | null;
  alpha: number | null;
  /** McDonald's ω total from a one-factor minres fit; null with under 3 items or a constant item. */
  omegaTotal: number | null;
  loadings: number[] | null;
  heywoodCase: boolean;
  /** Standard error of measurement, SD_total · √(1 − α). */
  standardErrorOfMeasurement: number | null;
  /** Total score at or above which a complete candidate belongs to the high-scoring group. */
  highScoringCutoff: number | null;
  highScorers: number;
}

export interface ItemAnalysis {
  scale: ScaleStatistics;
  items: ItemStatistics[];
}

function checkShape(input: ItemAnalysisInput): void {
  const k = input.items.length;
  input.scores.forEach((row, r) => {
    if (row.length !== k) throw new RangeError(`scores row ${r} has ${row.length} items, expected ${k}`);
    for (const value of row) if (value !== null && !Number.isFinite(value)) throw new RangeError(`scores row ${r} holds ${value}`);
  });
  if (input.choices && input.choices.length !== input.scores.length) {
    throw new RangeError(`choices has ${input.choices.length} rows, scores ${input.scores.length}`);
  }
  input.choices?.forEach((row, r) => {
    if (row.length !== k) throw new RangeError(`choices row ${r} has ${row.length} items, expected ${k}`);
  });
}

function describeItem(values: readonly number[]): { mean: number | null; sd: number | null } {
  const n = values.length;
  if (n === 0) return { mean: null, sd: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, sd: null };
  const sumSquares = values.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(sumSquares / (n - 1)) };
}

/** Per-item statistics, reliability (α, ω, SEM) and weak-item flags for a scored test. */
export function analyseItems(input: ItemAnalysisInput, rules: ItemAnalysisRules = {}): ItemAnalysis {
  checkShape(input);
  const minimumR = rules.minimumItemRestCorrelation ?? 0.15;
  const rareShare = rules.rareOptionShare ?? 0.05;
  const highShare = rules.highScoringShare ?? 0.27;
  const k = input.items.length;

  const completeRows: number[] = [];
  input.scores.forEach((row, r) => {
    if (row.every((v) => v !== null)) completeRows.push(r);
  });
  const complete = completeRows.map((r) => input.scores[r] as number[]);
  const totals = complete.map((row) => row.reduce((a, b) => a + b, 0));

  const covariance = complete.length >= 2 && k > 0 ? covarianceMatrix(complete) : null;
  const sumAll = covariance ? covariance.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0) : null;
  const alpha = covariance ? cronbachAlpha(covariance) : null;

  // Item–rest r and α if deleted from the same matrix: Var(rest) = ΣC − 2·Σⱼ Cᵢⱼ + Cᵢᵢ, Cov(item, rest) = Σⱼ Cᵢⱼ − Cᵢᵢ.
  const restFigures = input.items.map((_, i) => {
    if (!covariance || sumAll === null || k < 2) return { r: null, alphaIfDeleted: null };
    const row = covariance[i] as number[];
    const rowSum = row.reduce((a, b) => a + b, 0);
    const itemVariance = row[i] as number;
    const restVariance = sumAll - 2 * rowSum + itemVariance;
    const r = itemVariance > 0 && restVariance > 0 ? (rowSum - itemVariance) / Math.sqrt(itemVariance * restVariance) : null;
    const others = covariance.filter((_, a) => a !== i).map((line) => line.filter((_, b) => b !== i));
    return { r, alphaIfDeleted: k >= 3 ? cronbachAlpha(others) : null };
  });

  let omega: number | null = null;
  let loadings: number[] | null = null;
  let heywoodCase = false;
  if (covariance && k >= 3 && covariance.every((row, i) => (row[i] as number) > 0)) {
    const sds = covariance.map((row, i) => Math.sqrt(row[i] as number));
    const correlation = covariance.map((row, i) => row.map((c, j) => (i === j ? 1 : c / ((sds[i] as number) * (sds[j] as number)))));
    const fit = fitOneFactor(correlation);
    loadings = fit.loadings;
    heywoodCase = fit.heywoodCase;
    omega = omegaTotal(fit);
  }

  const totalSummary = describeItem(totals);
  const standardErrorOfMeasurement = alpha !== null && totalSummary.sd !== null ? totalSummary.sd * Math.sqrt(1 - alpha) : null;

  // The high-scoring group: the top share of complete candidates by total, everyone tied at the cut included.
  const sortedTotals = [...totals].sort((a, b) => b - a);
  const highScoringCutoff = sortedTotals.length > 0 ? (sortedTotals[Math.max(0, Math.ceil(highShare * sortedTotals.length) - 1)] as number) : null;
  const highRows = highScoringCutoff === null ? [] : completeRows.filter((_, c) => (totals[c] as number) >= highScoringCutoff);

  const items = input.items.map((item, i): ItemStatistics => {
    const values = input.scores.flatMap((row) => (row[i] === null ? [] : [row[i] as number]));
    const { mean, sd } = describeItem(values);
    const { r, alphaIfDeleted } = restFigures[i] as { r: number | null; alphaIfDeleted: number | null };
    const options = input.choices ? optionStatistics(item, input.choices, i, highRows, rareShare) : null;
    const flags: ItemFlag[] = [];
    const completeVariance = covariance ? ((covariance[i] as number[])[i] as number) : null;
    if (completeVariance === 0) flags.push("no-variance");
    else if (r !== null && r < minimumR) flags.push("low-item-rest-correlation");
    if (options?.some((o) => o.rarelyChosen)) flags.push("rarely-chosen-option");
    if (options?.some((o) => o.beatsKeyAmongHighScorers)) flags.push("distractor-beats-key");
    return { itemId: item.id, answered: values.length, mean, sd, options, itemRestCorrelation: r, alphaIfDeleted, flags };
  });

  return {
    scale: {
      candidates: input.scores.length,
      completeCandidates: complete.length,
      items: k,
      totalMean: totalSummary.mean,
      totalSd: totalSummary.sd,
      alpha,
      omegaTotal: omega,
      loadings,
      heywoodCase,
      standardErrorOfMeasurement,
      highScoringCutoff,
      highScorers: highRows.length,
    },
    items,
  };
}

function optionStatistics(
  item: ItemDefinition,
  choices: readonly (readonly (string | null)[])[],
  column: number,
  highRows: readonly number[],
  rareShare: number,
): OptionStatistics[] | null {
  const chosen = new Map<string, number>();
  for (const id of item.options ?? []) chosen.set(id, 0);
  let answered = 0;
  for (const row of choices) {
    const choice = row[column];
    if (choice === null || choice === undefined) continue;
    answered += 1;
    chosen.set(choice, (chosen.get(choice) ?? 0) + 1);
  }
  if (answered === 0 && !item.options) return null;
  const byHighScorers = new Map<string, number>();
  for (const r of highRows) {
    const choice = (choices[r] as readonly (string | null)[])[column];
    if (choice !== null && choice !== undefined) byHighScorers.set(choice, (byHighScorers.get(choice) ?? 0) + 1);
  }
  const keyByHighScorers = item.key === undefined ? null : (byHighScorers.get(item.key) ?? 0);
  return [...chosen.entries()].map(([optionId, count]) => {
    const high = byHighScorers.get(optionId) ?? 0;
    const isKey = optionId === item.key;
    return {
      optionId,
      isKey,
      chosen: count,
      share: answered > 0 ? count / answered : 0,
      chosenByHighScorers: high,
      rarelyChosen: answered > 0 && count / answered < rareShare,
      beatsKeyAmongHighScorers: !isKey && keyByHighScorers !== null && high > keyByHighScorers,
    };
  });
}
