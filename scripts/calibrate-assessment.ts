/**
 * Calibrates the work-style pairs' item parameters and writes them into the bank.
 *
 *   npx tsx scripts/calibrate-assessment.ts [dir] [--seed 1] [--respondents 5000] [--check]
 *
 * Until real attempts are available the data are simulated: design values (loadings 0.6–0.9 in each
 * statement's keying direction, uniqueness 1 − loading², thresholds around each pair's desirability
 * gap) generate the answers of a seeded sample drawn from the bank's trait correlations, and the
 * parameters are then estimated from those answers alone (see calibrate-pair-parameters.ts). The same
 * seed and sample size reproduce the same file. --check writes nothing and fails if the bank's
 * parameters are not what this run estimates.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { PairItem } from "../src/modules/assessment/bank/item-bank-schema.ts";
import { loadItemBank, MANIFEST_FILE } from "../src/modules/assessment/bank/load-item-bank.ts";
import { orderItems } from "../src/modules/assessment/bank/order-items.ts";
import { formatBankJson } from "../src/modules/assessment/bank/transfer-item-bank.ts";
import { calibratePairParameters } from "../src/modules/assessment/calibration/calibrate-pair-parameters.ts";
import { createSeededRandom } from "../src/modules/assessment/calibration/create-seeded-random.ts";
import { designPairParameters } from "../src/modules/assessment/calibration/design-pair-parameters.ts";
import { drawCategory } from "../src/modules/assessment/calibration/draw-category.ts";
import { drawTraits } from "../src/modules/assessment/calibration/draw-traits.ts";
import { isScored } from "../src/modules/assessment/scoring/item-answer.ts";
import { factorCholesky } from "../src/modules/assessment/scoring/thurstonian/factor-cholesky.ts";
import type { PairModel } from "../src/modules/assessment/scoring/thurstonian/read-thurstonian-model.ts";
import { readThurstonianModel } from "../src/modules/assessment/scoring/thurstonian/read-thurstonian-model.ts";

const DEFAULT_DIR = "content/assessments/csa-ja";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      seed: { type: "string", default: "1" },
      respondents: { type: "string", default: "5000" },
      check: { type: "boolean", default: false },
    },
  });
  const dir = positionals[0] ?? DEFAULT_DIR;
  const seed = Number(values.seed);
  const respondents = Number(values.respondents);
  if (!Number.isInteger(seed) || seed < 0 || !Number.isInteger(respondents) || respondents < 100) {
    console.error("--seed must be a whole number ≥ 0 and --respondents a whole number ≥ 100");
    return 2;
  }

  const bank = await loadItemBank(dir);
  // Pilot pairs are calibrated too (that is what they are shown for), against scores from the live ones.
  const pairs = orderItems(bank).filter((i): i is PairItem => i.exercise === "workstyle");
  const random = createSeededRandom(seed);
  const design = designPairParameters(bank, pairs, random);
  const skeleton = readThurstonianModel(bank, pairs);
  const priorLower = factorCholesky(skeleton.prior);
  if (!priorLower) throw new Error("the trait correlation matrix is not positive definite");
  const responses = Array.from({ length: respondents }, () => {
    const eta = drawTraits(priorLower, random);
    return design.map((pair) => drawCategory(pair, eta, random));
  });

  // Start from keying alone, as with real data: nothing of the design values is known to the estimator.
  const start = skeleton.pairs.map(
    (pair): PairModel => ({
      ...pair,
      left: { ...pair.left, loading: Math.sign(pair.left.loading) * 0.7, uniqueness: 0.51 },
      right: { ...pair.right, loading: Math.sign(pair.right.loading) * 0.7, uniqueness: 0.51 },
      thresholds: [-0.8, 0, 0.8],
    }),
  );
  console.log(`calibrating ${pairs.length} pairs on ${respondents} simulated respondents (seed ${seed})`);
  const started = performance.now();
  const result = calibratePairParameters({ ...skeleton, pairs: start }, responses, {
    scored: pairs.map(isScored),
    onRound: ({ iteration, maxChange }) => console.log(`  round ${iteration}: largest change ${maxChange.toFixed(4)}`),
  });
  console.log(
    `${result.converged ? "converged" : "did NOT converge"} after ${result.iterations} rounds in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  reportRecovery(design, result.pairs);

  const round = (value: number) => Math.round(value * 1000) / 1000;
  const estimates = new Map(
    result.pairs.map((pair) => {
      const left = round(pair.left.loading);
      const right = round(pair.right.loading);
      return [
        pair.itemId,
        {
          left: { loading: left, uniqueness: round(1 - left * left) },
          right: { loading: right, uniqueness: round(1 - right * right) },
          thresholds: pair.thresholds.map(round),
        },
      ];
    }),
  );
  const calibration = { data: "simulated", seed, respondents, iterations: result.iterations, converged: result.converged };

  const manifestPath = join(dir, MANIFEST_FILE);
  const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as { itemFiles: string[]; workStyleModel: { calibration: unknown } };
  const changed = new Map<string, string>();
  manifest.workStyleModel.calibration = calibration;
  changed.set(manifestPath, formatBankJson(manifest));
  for (const file of manifest.itemFiles) {
    const path = join(dir, file);
    const items = JSON.parse(await readFile(path, "utf8")) as RawPair[];
    for (const item of items) {
      const estimate = estimates.get(item.id);
      if (!estimate || item.exercise !== "workstyle") continue;
      const [left, right] = item.statements;
      Object.assign(item.key.statements[left.id] ?? {}, estimate.left);
      Object.assign(item.key.statements[right.id] ?? {}, estimate.right);
      item.key.thresholds = estimate.thresholds;
    }
    changed.set(path, formatBankJson(items));
  }

  const differing: string[] = [];
  for (const [path, text] of changed) if ((await readFile(path, "utf8")) !== text) differing.push(path);
  if (values.check) {
    if (differing.length > 0) {
      console.error(`the bank's parameters are not this calibration's output: ${differing.join(", ")} would change`);
      return 1;
    }
    console.log("the bank's parameters are this calibration's output");
    return 0;
  }
  for (const path of differing) await writeFile(path, changed.get(path) as string, "utf8");
  console.log(differing.length > 0 ? `wrote ${differing.join(", ")}` : "the bank already holds these parameters");
  await loadItemBank(dir);
  return 0;
}

interface RawPair {
  id: string;
  exercise: string;
  statements: [{ id: string }, { id: string }];
  key: { statements: Record<string, object>; thresholds: number[] };
}

/** How close the estimates came to the values that generated the data: the calibration's own check. */
function reportRecovery(design: readonly PairModel[], estimated: readonly PairModel[]): void {
  const loadings = design.flatMap((pair, l) => {
    const e = estimated[l] as PairModel;
    return [
      [pair.left.loading, e.left.loading],
      [pair.right.loading, e.right.loading],
    ];
  });
  const thresholds = design.flatMap((pair, l) => pair.thresholds.map((g, c) => [g, (estimated[l] as PairModel).thresholds[c] as number]));
  const summary = (rows: number[][]) => {
    const rmse = Math.sqrt(rows.reduce((s, [a, b]) => s + ((a as number) - (b as number)) ** 2, 0) / rows.length);
    const bias = rows.reduce((s, [a, b]) => s + Math.abs(b as number) - Math.abs(a as number), 0) / rows.length;
    return `RMSE ${rmse.toFixed(3)}, mean |estimate| − |design| ${bias >= 0 ? "+" : ""}${bias.toFixed(3)}`;
  };
  console.log(`loadings against design values:   ${summary(loadings)}`);
  console.log(`thresholds against design values: ${summary(thresholds)}`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
