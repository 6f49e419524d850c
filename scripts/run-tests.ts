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

const ci = process.env.CI === "true" || process.env.CI === "1";
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(chromium);
const pgUrl = process.env.TEST_DATABASE_URL;
const referenceR = probeReferenceR();
const htmlChecker = probeHtmlChecker();
const extraArgs = process.argv.slice(2);
const reports = mkdtempSync(path.join(tmpdir(), "portal-tests-"));

type Totals = { passed: number; failed: number; skipped: number };
const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
const skippedRuns: string[] = [];
let failedRuns = 0;

function run(name: string, args: string[], env: NodeJS.ProcessEnv): void {
  const report = path.join(reports, `${name}.json`);
  console.log(`\n=== ${name}`);
  const result = spawnSync("npx", ["vitest", "run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extraArgs], {
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
  }
  if (result.status !== 0) failedRuns += 1;
}

const build = spawnSync("npx", ["tsx", "scripts/build-client.ts"], { stdio: "inherit" });
if (build.status !== 0) process.exit(1);

run("unit and integration (PGlite)", ["--project", "main"], { TEST_DATABASE_URL: "" });

if (pgUrl) run("integration (PostgreSQL)", ["--project", "main", ".int.test."], { TEST_DATABASE_URL: pgUrl });
else if (ci) {
  console.error("CI: TEST_DATABASE_URL is not set, so the PostgreSQL run cannot happen. Failing.");
  failedRuns += 1;
} else skippedRuns.push("integration tests on PostgreSQL (set TEST_DATABASE_URL=postgres://… to a server you can create databases on)");

if (hasChromium) run("browser journeys (Chromium)", ["--project", "e2e"], { CHROMIUM_PATH: chromium });
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
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(failedRuns > 0 || totals.failed > 0 ? 1 : 0);
