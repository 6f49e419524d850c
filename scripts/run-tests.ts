/**
 * `npm test`: the whole suite. Unit and integration tests on embedded PGlite; the integration tests again
 * on PostgreSQL when TEST_DATABASE_URL names a server; the browser journeys when Chromium is installed,
 * with the Nu HTML Checker on every page when Java is there for it; the assessment statistics checked
 * against R when R with psych is installed (inside the first run). In CI (CI=true) a missing PostgreSQL,
 * Chromium, Java or R is a failure, never a silent skip.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { probeHtmlChecker } from "../test/html-checker.ts";
import { probeReferenceR } from "../test/reference-r.ts";
import {
  type BrokenFile,
  type FailedTest,
  filesForRun,
  type ListedFile,
  splitArguments,
  summariseReport,
  type TestRun,
  type VitestReport,
  vitestArguments,
} from "./test-runs.ts";

const root = path.resolve(import.meta.dirname, "..");
const ci = process.env.CI === "true" || process.env.CI === "1";
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(chromium);
const pgUrl = process.env.TEST_DATABASE_URL;
const referenceR = probeReferenceR();
const htmlChecker = probeHtmlChecker();
const { options, filters } = splitArguments(process.argv.slice(2));
const reports = mkdtempSync(path.join(tmpdir(), "portal-tests-"));

const totals = { passed: 0, failed: 0, skipped: 0 };
const brokenFiles: (BrokenFile & { run: string })[] = [];
const failedTests: (FailedTest & { run: string })[] = [];
const skippedRuns: string[] = [];
const unmatchedRuns: string[] = [];
let failedRuns = 0;

/** With file filters on the command line: every file Vitest matches to them, in any project. */
function matchedFiles(): ListedFile[] | null {
  if (filters.length === 0) return null;
  const list = path.join(reports, "files.json");
  const listed = spawnSync("npx", ["vitest", "list", "--filesOnly", `--json=${list}`, ...filters], { stdio: "inherit" });
  if (listed.status !== 0 || !existsSync(list)) {
    console.error("Could not list the test files the filters match.");
    process.exit(1);
  }
  return JSON.parse(readFileSync(list, "utf8")) as ListedFile[];
}
const matched = matchedFiles();
if (matched?.length === 0) {
  console.error(`No test file matches ${filters.join(" ")}.`);
  process.exit(1);
}

function run(testRun: TestRun, env: NodeJS.ProcessEnv): void {
  const files = matched && filesForRun(testRun, matched, root);
  if (files?.length === 0) {
    unmatchedRuns.push(testRun.name);
    return;
  }
  const report = path.join(reports, `${testRun.name}.json`);
  console.log(`\n=== ${testRun.name}`);
  const args = ["vitest", "run", ...vitestArguments(testRun, files, options), "--reporter=default", "--reporter=json", `--outputFile.json=${report}`];
  const result = spawnSync("npx", args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) failedRuns += 1;
  if (!existsSync(report)) {
    // Vitest stopped before any test file ran (a global setup that failed, a broken config).
    if (result.status === 0) failedRuns += 1;
    console.error(`${testRun.name}: Vitest wrote no report, so none of its tests ran.`);
    return;
  }
  const summary = summariseReport(JSON.parse(readFileSync(report, "utf8")) as VitestReport, root);
  totals.passed += summary.passed;
  totals.failed += summary.failed;
  totals.skipped += summary.skipped;
  brokenFiles.push(...summary.brokenFiles.map((b) => ({ ...b, run: testRun.name })));
  failedTests.push(...summary.failedTests.map((f) => ({ ...f, run: testRun.name })));
}

const build = spawnSync("npx", ["tsx", "scripts/build-client.ts"], { stdio: "inherit" });
if (build.status !== 0) process.exit(1);

run({ name: "unit and integration (PGlite)", project: "main" }, { TEST_DATABASE_URL: "" });

if (pgUrl) run({ name: "integration (PostgreSQL)", project: "main", only: ".int.test." }, { TEST_DATABASE_URL: pgUrl });
else if (ci) {
  console.error("CI: TEST_DATABASE_URL is not set, so the PostgreSQL run cannot happen. Failing.");
  failedRuns += 1;
} else skippedRuns.push("integration tests on PostgreSQL (set TEST_DATABASE_URL=postgres://… to a server you can create databases on)");

if (hasChromium) run({ name: "browser journeys (Chromium)", project: "e2e", isolated: true }, { CHROMIUM_PATH: chromium });
else if (ci) {
  console.error(`CI: Chromium is missing at ${chromium}. Failing.`);
  failedRuns += 1;
} else skippedRuns.push(`browser journeys (no Chromium at ${chromium})`);

// The HTML check lives in the browser run's files, which fail it themselves in CI; it is named here too.
if (hasChromium && !htmlChecker.available) {
  if (ci) {
    console.error(`CI: ${htmlChecker.reason}, so the pages cannot be checked with the Nu HTML Checker. Failing.`);
    failedRuns += 1;
  } else skippedRuns.push(`the Nu HTML Checker on every page (${htmlChecker.reason})`);
}

// The R check lives in the first run's test files, which fail it themselves in CI; it is named here too.
if (!referenceR.available) {
  if (ci) {
    console.error(`CI: ${referenceR.reason}, so the assessment statistics cannot be checked against R. Failing.`);
    failedRuns += 1;
  } else skippedRuns.push(`assessment statistics checked against R (${referenceR.reason})`);
}

if (skippedRuns.length > 0) {
  console.log("\nSkipped on this machine:");
  for (const s of skippedRuns) console.log(`- ${s}`);
  console.log(
    "Install what they need with: npm run setup:system   (Debian: chromium, fonts-noto-cjk, default-jre-headless, postgresql, r-base-core, r-cran-psych)",
  );
}
if (unmatchedRuns.length > 0) console.log(`\nNot run, no file of theirs matches ${filters.join(" ")}: ${unmatchedRuns.join("; ")}`);
if (brokenFiles.length > 0) {
  console.log(`\nTest files that FAILED outside their tests (setup, an import, a hook): ${brokenFiles.length}`);
  for (const b of brokenFiles) console.log(`- ${b.run}: ${b.file}: ${b.message}`);
}
if (failedTests.length > 0) {
  console.log(`\nTests that FAILED: ${failedTests.length}`);
  for (const f of failedTests) console.log(`- ${f.run}: ${f.file}: ${f.test}: ${f.message}`);
}
const broken = brokenFiles.length > 0 ? `, ${brokenFiles.length} test file(s) failed outside their tests` : "";
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed${broken}${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(failedRuns > 0 || totals.failed > 0 || brokenFiles.length > 0 ? 1 : 0);
