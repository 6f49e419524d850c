/**
 * Checks how well the work-style scoring recovers known traits.
 *
 *   npx tsx scripts/simulate-assessment.ts [dir] [--n 1000] [--seed 7] [--json]
 *
 * Draws N candidates with known traits from the bank's prior MVN(0, Φ), answers every presented pair
 * under the Thurstonian model with the bank's parameters, scores each candidate with the portal's own
 * scoreAssessment, and prints per-trait recovery, reliability and SE, top-20 % selection accuracy on the
 * mean of the traits, and the spread of the trait sums (zero for an ipsative score).
 */
import { parseArgs } from "node:util";
import { loadItemBank } from "../src/modules/assessment/bank/load-item-bank.ts";
import { simulateRecovery } from "../src/modules/assessment/calibration/simulate-recovery.ts";

const DEFAULT_DIR = "content/assessments/csa-ja";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      n: { type: "string", default: "1000" },
      seed: { type: "string", default: "7" },
      json: { type: "boolean", default: false },
    },
  });
  const candidates = Number(values.n);
  const seed = Number(values.seed);
  if (!Number.isInteger(candidates) || candidates < 10 || !Number.isInteger(seed) || seed < 0) {
    console.error("--n must be a whole number ≥ 10 and --seed a whole number ≥ 0");
    return 2;
  }
  const bank = await loadItemBank(positionals[0] ?? DEFAULT_DIR);
  const report = simulateRecovery(bank, { candidates, seed });
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
    return 0;
  }
  const f = (v: number) => v.toFixed(3);
  console.log(`${report.candidates} simulated candidates, seed ${report.seed}, ${report.scoredPairs} scored pairs, model ${report.model}`);
  console.log("trait                 recovery  reliability  mean SE");
  for (const t of report.traits) console.log(`  ${t.traitId.padEnd(20)}  ${f(t.recovery)}     ${f(t.reliability)}        ${f(t.meanSe)}`);
  console.log(`mean recovery (correlation of estimate with true trait): ${f(report.meanRecovery)}`);
  console.log(`top 20 % on the mean of the traits: ${(report.topFifthAccuracy * 100).toFixed(1)} % of the true top 20 % selected (chance: 20 %)`);
  console.log(
    `sum of estimated traits: SD ${f(report.traitSum.sd)} across candidates (0 would mean ipsative), correlation with the true sum ${f(report.traitSum.correlationWithTrue)}`,
  );
  console.log(`scoring time: ${report.msPerCandidate.toFixed(2)} ms per candidate`);
  return 0;
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
