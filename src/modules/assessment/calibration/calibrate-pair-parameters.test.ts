import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { ItemBank, PairItem } from "../bank/item-bank-schema.ts";
import { loadItemBank } from "../bank/load-item-bank.ts";
import { orderItems } from "../bank/order-items.ts";
import { isScored } from "../scoring/item-answer.ts";
import { factorCholesky } from "../scoring/thurstonian/factor-cholesky.ts";
import type { PairCategory } from "../scoring/thurstonian/map-point-to-category.ts";
import { type PairModel, readThurstonianModel } from "../scoring/thurstonian/read-thurstonian-model.ts";
import { calibratePairParameters } from "./calibrate-pair-parameters.ts";
import { createSeededRandom } from "./create-seeded-random.ts";
import { designPairParameters } from "./design-pair-parameters.ts";
import { drawCategory } from "./draw-category.ts";
import { drawTraits } from "./draw-traits.ts";

const DEMO_DIR = fileURLToPath(new URL("../../../../content/assessments/csa-ja", import.meta.url));

let bank: ItemBank;
let pairs: PairItem[];

beforeAll(async () => {
  bank = await loadItemBank(DEMO_DIR);
  pairs = orderItems(bank).filter((i): i is PairItem => i.exercise === "workstyle");
});

/** Simulated answers from design values, and a start that knows only each statement's keying. */
function simulate(seed: number, respondents: number) {
  const random = createSeededRandom(seed);
  const design = designPairParameters(bank, pairs, random);
  const skeleton = readThurstonianModel(bank, pairs);
  const lower = factorCholesky(skeleton.prior);
  if (!lower) throw new Error("prior not positive definite");
  const responses: PairCategory[][] = Array.from({ length: respondents }, () => {
    const eta = drawTraits(lower, random);
    return design.map((pair) => drawCategory(pair, eta, random));
  });
  const start = skeleton.pairs.map(
    (pair): PairModel => ({
      ...pair,
      left: { ...pair.left, loading: Math.sign(pair.left.loading) * 0.7, uniqueness: 0.51 },
      right: { ...pair.right, loading: Math.sign(pair.right.loading) * 0.7, uniqueness: 0.51 },
      thresholds: [-0.8, 0, 0.8],
    }),
  );
  return { design, model: { ...skeleton, pairs: start }, responses };
}

describe("designPairParameters", () => {
  it("gives loadings of 0.6–0.9 in each statement's keying direction, unit-variance utilities and rising thresholds", () => {
    const design = designPairParameters(bank, pairs, createSeededRandom(1));
    design.forEach((pair, l) => {
      const item = pairs[l] as PairItem;
      item.statements.forEach((statement, side) => {
        const parameters = side === 0 ? pair.left : pair.right;
        const sign = item.key.statements[statement.id]?.sign ?? 0;
        expect(Math.sign(parameters.loading)).toBe(sign);
        expect(Math.abs(parameters.loading)).toBeGreaterThanOrEqual(0.6);
        expect(Math.abs(parameters.loading)).toBeLessThanOrEqual(0.9);
        expect(parameters.uniqueness + parameters.loading ** 2).toBeCloseTo(1, 12);
      });
      expect(pair.thresholds[0]).toBeLessThan(pair.thresholds[1]);
      expect(pair.thresholds[1]).toBeLessThan(pair.thresholds[2]);
    });
  });
});

describe("calibratePairParameters", () => {
  it("recovers the design values from simulated answers, starting from keying alone", () => {
    const { design, model, responses } = simulate(11, 800);
    const result = calibratePairParameters(model, responses, { scored: pairs.map(isScored), maxIterations: 25, tolerance: 0.003 });
    const estimated = result.pairs.flatMap((p) => [p.left.loading, p.right.loading]);
    const truth = design.flatMap((p) => [p.left.loading, p.right.loading]);
    const rmse = Math.sqrt(estimated.reduce((s, v, i) => s + (v - (truth[i] as number)) ** 2, 0) / truth.length);
    expect(rmse).toBeLessThan(0.08);
    const thresholdError = Math.sqrt(
      result.pairs.reduce((s, p, l) => s + p.thresholds.reduce((t, g, c) => t + (g - ((design[l] as PairModel).thresholds[c] as number)) ** 2, 0), 0) /
        (3 * design.length),
    );
    expect(thresholdError).toBeLessThan(0.1);
    for (const p of result.pairs) expect(p.left.uniqueness + p.left.loading ** 2).toBeCloseTo(1, 12);
  });

  it("gives the same parameters for the same seed", () => {
    const run = () => {
      const { model, responses } = simulate(5, 150);
      return calibratePairParameters(model, responses, { scored: pairs.map(isScored), maxIterations: 2 });
    };
    expect(run()).toEqual(run());
  });
});
