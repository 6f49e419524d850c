import type { ItemBank, PairItem } from "../bank/item-bank-schema.ts";
import { orderItems } from "../bank/order-items.ts";
import type { ItemAnswer } from "../scoring/item-answer.ts";
import { scoreAssessment } from "../scoring/score-assessment.ts";
import { factorCholesky } from "../scoring/thurstonian/factor-cholesky.ts";
import { mapCategoryToPoint } from "../scoring/thurstonian/map-category-to-point.ts";
import { readThurstonianModel } from "../scoring/thurstonian/read-thurstonian-model.ts";
import { createSeededRandom } from "./create-seeded-random.ts";
import { drawCategory } from "./draw-category.ts";
import { drawTraits } from "./draw-traits.ts";

export interface TraitRecovery {
  traitId: string;
  /** Correlation of the estimated with the true trait over the simulated candidates. */
  recovery: number;
  /** var(θ̂) / (var(θ̂) + mean SE²). */
  reliability: number;
  meanSe: number;
}

export interface SimulationReport {
  candidates: number;
  seed: number;
  model: string;
  scoredPairs: number;
  traits: TraitRecovery[];
  meanRecovery: number;
  /** The composite is the unweighted mean of the traits; the share of the true top 20 % that the estimates also put in their top 20 %. */
  topFifthAccuracy: number;
  /** The sum of a candidate's estimated traits: a fully ipsative score would give every candidate the same sum (SD 0). */
  traitSum: { sd: number; correlationWithTrue: number };
  /** Mean time to score one candidate with scoreAssessment, in milliseconds. */
  msPerCandidate: number;
}

/** Scores simulated candidates with known traits through scoreAssessment and compares the scores with the truth. */
export function simulateRecovery(bank: ItemBank, options: { candidates: number; seed: number }): SimulationReport {
  // Every presented pair is answered, as a candidate would; scoreAssessment itself decides what counts.
  const presented = orderItems(bank).filter((i): i is PairItem => i.exercise === "workstyle");
  const model = readThurstonianModel(bank, presented);
  const lower = factorCholesky(model.prior);
  if (!lower) throw new Error("the trait correlation matrix is not positive definite");
  const random = createSeededRandom(options.seed);
  const truth: number[][] = [];
  const estimates: number[][] = [];
  const errors: number[][] = [];
  let scoringMs = 0;
  let modelName = "";
  for (let c = 0; c < options.candidates; c++) {
    const eta = drawTraits(lower, random);
    const answers: ItemAnswer[] = model.pairs.map((pair, l) => ({
      itemId: pair.itemId,
      itemVersion: (presented[l] as PairItem).version,
      point: mapCategoryToPoint(drawCategory(pair, eta, random)),
    }));
    const started = performance.now();
    const score = scoreAssessment(bank, answers);
    scoringMs += performance.now() - started;
    modelName = score.workStyle.model;
    truth.push(eta);
    estimates.push(score.traits.map((t) => t.theta));
    errors.push(score.traits.map((t) => t.se));
  }

  const column = (rows: number[][], j: number) => rows.map((row) => row[j] as number);
  const traits = model.traitIds.map((traitId, j) => {
    const estimated = column(estimates, j);
    const meanSquaredSe = mean(column(errors, j).map((se) => se * se));
    return {
      traitId,
      recovery: correlate(estimated, column(truth, j)),
      reliability: variance(estimated) / (variance(estimated) + meanSquaredSe),
      meanSe: mean(column(errors, j)),
    };
  });
  const trueSums = truth.map((row) => row.reduce((a, b) => a + b, 0));
  const estimatedSums = estimates.map((row) => row.reduce((a, b) => a + b, 0));
  return {
    candidates: options.candidates,
    seed: options.seed,
    model: modelName,
    scoredPairs: bank.items.filter((i) => i.exercise === "workstyle" && i.status === "live" && i.scored).length,
    traits,
    meanRecovery: mean(traits.map((t) => t.recovery)),
    topFifthAccuracy: shareOfTopAgreeing(trueSums, estimatedSums, 0.2),
    traitSum: { sd: Math.sqrt(variance(estimatedSums)), correlationWithTrue: correlate(estimatedSums, trueSums) },
    msPerCandidate: scoringMs / Math.max(1, options.candidates),
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function variance(values: readonly number[]): number {
  const m = mean(values);
  return values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1);
}

function correlate(x: readonly number[], y: readonly number[]): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((v, i) => {
    const dy = (y[i] as number) - my;
    sxy += (v - mx) * dy;
    sxx += (v - mx) ** 2;
    syy += dy * dy;
  });
  return sxy / Math.sqrt(sxx * syy);
}

/** The share of the true top `share` that the estimates also rank in their top `share` (the mean of the traits ranks the same as their sum). */
function shareOfTopAgreeing(truth: readonly number[], estimate: readonly number[], share: number): number {
  const k = Math.max(1, Math.round(truth.length * share));
  const top = (values: readonly number[]) => new Set([...values.keys()].sort((a, b) => (values[b] as number) - (values[a] as number) || a - b).slice(0, k));
  const trueTop = top(truth);
  let both = 0;
  for (const i of top(estimate)) if (trueTop.has(i)) both++;
  return both / k;
}
