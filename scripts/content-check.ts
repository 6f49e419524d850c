/**
 * Validates an assessment item bank and prints what is in it; exports and imports banks as one JSON file.
 *
 *   npx tsx scripts/content-check.ts [dir]                      validate and print counts (exit 1 if invalid)
 *   npx tsx scripts/content-check.ts [dir] --export out.json    write the whole bank as one JSON file
 *   npx tsx scripts/content-check.ts --import in.json --to dir [--audio-from bankdir]
 *                                                               validate a JSON bank, then write it as a folder
 *
 * The default dir is content/assessments/csa-ja. An import checks everything (shape, references, the
 * work-style design rules and audio, taken from --audio-from or else from the target folder) before it
 * writes a single file.
 *
 * Besides the bank's shape, references and audio, two sets of rules must hold, and any breach exits 1:
 * the content rules of check-bank-content.ts (answer cues in option length, items per competency, key
 * margins, the promised length) and the work-style design of check-work-style-design.ts (at least 60
 * scored pairs, a third of them mixed-keyed, every trait on both sides with both keyings).
 */
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { checkBankContent, MAX_LENGTH_RATING_CORRELATION, MAX_LONGEST_BEST_SHARE } from "../src/modules/assessment/bank/check-bank-content.ts";
import { MAX_DESIRABILITY_GAP } from "../src/modules/assessment/bank/check-item-bank-references.ts";
import {
  checkWorkStyleDesign,
  MIN_SCORED_PAIRS,
  READING_CHARS_PER_MINUTE,
  SECONDS_PER_DECISION,
} from "../src/modules/assessment/bank/check-work-style-design.ts";
import { describeBankProblems, ItemBankError } from "../src/modules/assessment/bank/item-bank-error.ts";
import type { ItemBank } from "../src/modules/assessment/bank/item-bank-schema.ts";
import { audioSecondsOf, loadItemBank } from "../src/modules/assessment/bank/load-item-bank.ts";
import { validateItemBank } from "../src/modules/assessment/bank/parse-item-bank.ts";
import { estimateAssessmentTime } from "../src/modules/assessment/bank/reading-time.ts";
import { summarizeItemBank } from "../src/modules/assessment/bank/summarize-item-bank.ts";
import { exportItemBank, formatBankJson, importItemBank } from "../src/modules/assessment/bank/transfer-item-bank.ts";

const DEFAULT_DIR = "content/assessments/csa-ja";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      export: { type: "string" },
      import: { type: "string" },
      to: { type: "string" },
      "audio-from": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log("usage: content-check.ts [dir] [--export out.json] | --import in.json --to dir [--audio-from bankdir]");
    return 0;
  }

  if (values.import !== undefined) {
    if (!values.to) {
      console.error("--import needs --to <dir>: the bank folder to write");
      return 2;
    }
    let json: unknown;
    try {
      json = JSON.parse(await readFile(values.import, "utf8"));
    } catch (error) {
      console.error(`cannot read ${values.import} as JSON: ${(error as Error).message}`);
      return 1;
    }
    const validation = validateItemBank(json);
    if (validation.ok && !designHolds(validation.bank)) return 1;
    const bank = await importItemBank(json, { dir: values.to, audioFrom: values["audio-from"] });
    console.log(`imported ${bank.bankId} version ${bank.version} into ${values.to}`);
    printSummary(bank, values.to);
    return checkContent(bank);
  }

  const dir = positionals[0] ?? DEFAULT_DIR;
  const bank = await loadItemBank(dir);
  if (values.export !== undefined) {
    await writeFile(values.export, formatBankJson(exportItemBank(bank)), "utf8");
    console.log(`exported ${bank.bankId} version ${bank.version} to ${values.export}`);
  }
  printSummary(bank, dir);
  const contentHolds = checkContent(bank) === 0;
  return designHolds(bank) && contentHolds ? 0 : 1;
}

/** Prints the work-style design figures and any rule they break; false when one is broken. */
function designHolds(bank: ItemBank): boolean {
  const { design, problems } = checkWorkStyleDesign(bank);
  console.log("work-style design:");
  console.log(`  scored pairs             ${design.scoredPairs} (at least ${MIN_SCORED_PAIRS})`);
  console.log(`  mixed-keyed pairs        ${design.mixedPairs} (${(design.mixedShare * 100).toFixed(1)} %, at least 33.3 %)`);
  console.log(`  max desirability gap     ${design.maxDesirabilityGap} (at most ${MAX_DESIRABILITY_GAP})`);
  console.log(
    `  estimated minutes        ${design.estimatedMinutes} (reading at ${READING_CHARS_PER_MINUTE} characters a minute, ${SECONDS_PER_DECISION} s a decision)`,
  );
  const { calibration } = bank.workStyleModel;
  console.log(
    `  item parameters          ${bank.workStyleModel.model}, calibrated on ${calibration.respondents} ${calibration.data} respondents (seed ${calibration.seed}, ${calibration.iterations} rounds${calibration.converged ? "" : ", NOT converged"})`,
  );
  if (problems.length === 0) return true;
  console.error(describeBankProblems(problems).replace("The item bank is invalid", "The work-style exercise breaks its design rules"));
  return false;
}

/** Prints the content figures and returns 1 when a content rule is broken. */
function checkContent(bank: ItemBank): number {
  const clips = audioSecondsOf(bank);
  const report = checkBankContent(bank, clips);
  const pct = (x: number) => `${(x * 100).toFixed(0).padStart(3)} %`;
  const r = (x: number) => (x < 0 ? "" : "+") + x.toFixed(2);
  console.log(
    `answer cues in option length (presented situations; limits: longest is best ≤ ${pct(MAX_LONGEST_BEST_SHARE).trim()}, |r| ≤ ${MAX_LENGTH_RATING_CORRELATION}):`,
  );
  for (const cue of report.lengthCues) {
    console.log(
      `  ${cue.locale}  longest is best ${pct(cue.longestIsBest)}   shortest is worst ${pct(cue.shortestIsWorst)}   r(length, rating) ${r(cue.correlation)}   within items ${r(cue.withinItemCorrelation)}`,
    );
  }
  console.log("scored situations per competency (at least 8 each):");
  const width = Math.max(...report.competencies.map((c) => c.competencyId.length));
  for (const c of report.competencies) console.log(`  ${c.competencyId.padEnd(width)}  ${c.scored} scored, ${c.pilot} pilot`);

  console.log("time for a native reader (500 ja / 1,300 en characters a minute, audio, 15 s a situation, 6 s a pair, 5 s a page):");
  for (const locale of ["ja", "en"] as const) {
    const e = estimateAssessmentTime(bank, locale, clips);
    const min = (seconds: number) => `${(seconds / 60).toFixed(1)} min`;
    console.log(
      `  ${locale}  situations ${min(e.situations)} (part 1 ${min(e.situationParts[1])}, part 2 ${min(e.situationParts[2])})   pairs ${min(e.pairs)}   pages ${min(e.pages)}   total ${min(e.total)}`,
    );
  }
  const audioTotal = [...clips.values()].reduce((a, b) => a + b, 0);
  console.log(`  audio: ${clips.size} clips, ${audioTotal.toFixed(1)} s in all; estimatedMinutes in bank.json: ${bank.estimatedMinutes}`);

  for (const warning of report.warnings) console.log(`warning: ${warning}`);
  if (report.problems.length > 0) {
    console.error(describeBankProblems(report.problems).replace("The item bank is invalid", "The item bank breaks the content rules"));
    return 1;
  }
  return 0;
}

function printSummary(bank: ItemBank, dir: string): void {
  const s = summarizeItemBank(bank);
  const traitNames = new Map(bank.traits.map((t) => [t.id, t.name.en]));
  const table = (rows: [string, string | number][]) => {
    const width = Math.max(...rows.map(([label]) => label.length));
    for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
  };

  console.log(`${s.bankId} version ${s.version} (${dir}): valid, ${bank.items.length} items`);
  console.log("items per exercise:");
  table([
    ["situations", s.exercises.situations],
    ["workstyle", s.exercises.workstyle],
  ]);
  console.log("situations per part:");
  table([
    ["part 1", s.parts[1]],
    ["part 2", s.parts[2]],
  ]);
  console.log("items per status:");
  table([...Object.entries(s.statuses), ["scored", s.scored], ["unscored", s.unscored]]);
  console.log("situations per competency:");
  table(s.competencies.map((c) => [c.competencyId, c.items]));
  console.log("work-style statements per trait (both statements of each pair):");
  table(
    s.traits.map((t) => [
      `${t.traitId} (${traitNames.get(t.traitId) ?? ""})`,
      `${t.statements}   left ${t.left} / right ${t.right}   keyed + ${t.positive} / - ${t.negative}`,
    ]),
  );
  console.log("audio:");
  table([
    ["items with audio", s.withAudio],
    ["audio check clip", bank.pages.audioCheck.media.src],
  ]);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ItemBankError) console.error(error.message);
    else console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
