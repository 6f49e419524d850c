import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { newItemBankJson } from "../../bank/item-bank-factory.ts";
import type { ItemBank, PairItem } from "../../bank/item-bank-schema.ts";
import { loadItemBank } from "../../bank/load-item-bank.ts";
import { parseItemBank } from "../../bank/parse-item-bank.ts";
import { computeCategoryProbabilities } from "./compute-category-probabilities.ts";
import { estimateTraitScores } from "./estimate-trait-scores.ts";
import type { PairCategory } from "./map-point-to-category.ts";
import { readThurstonianModel, type ThurstonianModel } from "./read-thurstonian-model.ts";

const DEMO_DIR = fileURLToPath(new URL("../../../../../content/assessments/csa-ja", import.meta.url));

/** The log posterior written out from the category probabilities, independently of the scorer's derivatives. */
function logPosterior(model: ThurstonianModel, categories: readonly (PairCategory | null)[], eta: readonly number[]): number {
  let sum = 0;
  model.pairs.forEach((pair, l) => {
    const c = categories[l];
    if (c !== null && c !== undefined) sum += Math.log(computeCategoryProbabilities(pair, eta)[c]);
  });
  const quadratic = eta.reduce((s, ei, i) => s + ei * model.priorPrecision[i]!.reduce((t, p, j) => t + p * eta[j]!, 0), 0);
  return sum - 0.5 * quadratic;
}

let demo: ItemBank;
let model: ThurstonianModel;
/** A fixed, varied answer pattern over the demo bank's scored pairs. */
let pattern: PairCategory[];

beforeAll(async () => {
  demo = await loadItemBank(DEMO_DIR);
  const scored = demo.items.filter((i): i is PairItem => i.exercise === "workstyle" && i.status === "live" && i.scored);
  model = readThurstonianModel(demo, scored);
  pattern = scored.map((_, l) => ((l * 7 + (l >> 2)) % 4) as PairCategory);
});

describe("computeCategoryProbabilities", () => {
  it("gives four probabilities that sum to 1 and shift to the left statement as its trait rises", () => {
    const pair = model.pairs[0]!;
    const low = computeCategoryProbabilities(
      pair,
      model.traitIds.map(() => 0),
    );
    expect(low.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (const p of low) expect(p).toBeGreaterThan(0);
    const eta = model.traitIds.map(() => 0);
    eta[pair.left.trait] = 2 * Math.sign(pair.left.loading);
    const high = computeCategoryProbabilities(pair, eta);
    expect(high[3]).toBeGreaterThan(low[3]);
    expect(high[0]).toBeLessThan(low[0]);
  });
});

describe("estimateTraitScores", () => {
  it("finds the posterior mode: no small move in any direction raises the independently computed log posterior", () => {
    const estimate = estimateTraitScores(model, pattern);
    expect(estimate.converged).toBe(true);
    const best = logPosterior(model, pattern, estimate.theta);
    const h = 1e-4;
    estimate.theta.forEach((_, j) => {
      for (const step of [h, -h]) {
        const moved = estimate.theta.map((t, i) => (i === j ? t + step : t));
        expect(logPosterior(model, pattern, moved)).toBeLessThan(best);
      }
      // The numerical gradient at the mode is zero.
      const plus = logPosterior(
        model,
        pattern,
        estimate.theta.map((t, i) => (i === j ? t + h : t)),
      );
      const minus = logPosterior(
        model,
        pattern,
        estimate.theta.map((t, i) => (i === j ? t - h : t)),
      );
      expect(Math.abs((plus - minus) / (2 * h))).toBeLessThan(1e-5);
    });
  });

  it("reports as information the negative Hessian of the log posterior, and SEs from its inverse", () => {
    const estimate = estimateTraitScores(model, pattern);
    const h = 1e-3;
    const at = (moves: [number, number][]) =>
      logPosterior(
        model,
        pattern,
        estimate.theta.map((t, i) => t + moves.reduce((s, [k, d]) => s + (k === i ? d : 0), 0)),
      );
    for (const [i, j] of [
      [0, 0],
      [2, 2],
      [0, 3],
      [1, 5],
    ] as [number, number][]) {
      const second =
        (at([
          [i, h],
          [j, h],
        ]) -
          at([
            [i, h],
            [j, -h],
          ]) -
          at([
            [i, -h],
            [j, h],
          ]) +
          at([
            [i, -h],
            [j, -h],
          ])) /
        (4 * h * h);
      expect(estimate.information[i]![j]).toBeCloseTo(-second, 3);
    }
    for (const se of estimate.se) {
      expect(se).toBeGreaterThan(0.15);
      expect(se).toBeLessThan(0.6);
    }
  });

  it("gives the prior mean and prior SD without answers", () => {
    const estimate = estimateTraitScores(
      model,
      model.pairs.map(() => null),
    );
    expect(estimate.theta).toEqual(model.traitIds.map(() => 0));
    expect(estimate.se).toEqual(model.traitIds.map(() => 1));
    expect(estimate.iterations).toBe(0);
  });

  it("skips unanswered pairs: scoring with gaps equals scoring a model without those pairs", () => {
    const gaps = pattern.map((c, l) => (l % 3 === 0 ? null : c));
    const withGaps = estimateTraitScores(model, gaps);
    const kept = model.pairs.filter((_, l) => l % 3 !== 0);
    const reduced = estimateTraitScores(
      { ...model, pairs: kept },
      gaps.filter((c) => c !== null),
    );
    for (const [j, t] of withGaps.theta.entries()) expect(t).toBeCloseTo(reduced.theta[j]!, 12);
    // Fewer answers, less information: every SE grows.
    const full = estimateTraitScores(model, pattern);
    for (const [j, se] of withGaps.se.entries()) expect(se).toBeGreaterThan(full.se[j]!);
  });

  it("is deterministic and keeps extreme answer patterns finite", () => {
    expect(estimateTraitScores(model, pattern)).toEqual(estimateTraitScores(model, pattern));
    for (const c of [0, 3] as PairCategory[]) {
      const estimate = estimateTraitScores(
        model,
        model.pairs.map(() => c),
      );
      expect(estimate.converged).toBe(true);
      for (const v of [...estimate.theta, ...estimate.se]) expect(Number.isFinite(v)).toBe(true);
    }
  });

  it("scores 60+ pairs over 6 traits in well under 10 ms", () => {
    expect(model.pairs.length).toBeGreaterThanOrEqual(60);
    expect(model.traitIds).toHaveLength(6);
    estimateTraitScores(model, pattern);
    const runs = 200;
    const started = performance.now();
    for (let r = 0; r < runs; r++) estimateTraitScores(model, pattern);
    expect((performance.now() - started) / runs).toBeLessThan(5);
  });

  it("works on a bank whose traits are listed in another order in the correlation matrix", () => {
    const json = newItemBankJson();
    const { traitCorrelations } = json.workStyleModel;
    traitCorrelations.traits = ["detail", "calm", "care"];
    traitCorrelations.matrix = [
      [1, 0.2, 0.1],
      [0.2, 1, 0.3],
      [0.1, 0.3, 1],
    ];
    const reordered = parseItemBank(json);
    const original = parseItemBank(newItemBankJson());
    const pairs = (bank: ItemBank) => bank.items.filter((i): i is PairItem => i.exercise === "workstyle" && i.status === "live");
    expect(readThurstonianModel(reordered, pairs(reordered)).prior).toEqual(readThurstonianModel(original, pairs(original)).prior);
  });
});
