import path from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const esbuild = { jsx: "automatic" as const, jsxImportSource: "preact" };

/**
 * The test files that take longest, longest first (as timed in CI on a 2-core machine). Started first, none
 * of them is left running alone on one fork while the other has nothing to do. Vitest would order by the
 * durations it recorded in an earlier run, but a clean clone (CI) has none, and ordered by file size the
 * longest browser journeys came last.
 */
const LONGEST_FIRST = [
  "test/e2e/candidate-pages.e2e.ts",
  "test/e2e/assessment-crash-embedded.e2e.ts",
  "test/e2e/office.e2e.ts",
  "test/e2e/journey.e2e.ts",
  "test/e2e/office-journey.e2e.ts",
  "test/e2e/assessment-player.e2e.ts",
  "test/e2e/assessment-keyboard.e2e.ts",
  "test/e2e/assessment-crash-postgres.e2e.ts",
  "test/e2e/office-privacy.e2e.ts",
  "test/e2e/office-staff.e2e.ts",
  "test/e2e/office-candidate-page.e2e.ts",
];

/** Vitest's order, with the files of LONGEST_FIRST ahead of all others, in its order. */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const known = LONGEST_FIRST.indexOf(
        path
          .relative(import.meta.dirname, file.moduleId)
          .split(path.sep)
          .join("/"),
      );
      return known === -1 ? LONGEST_FIRST.length : known;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  esbuild,
  test: {
    pool: "forks",
    sequence: { sequencer: LongestFirst },
    // The test files of a fork share its modules instead of importing them again for each file: the unit and
    // integration runs take about 40 % less. What a file keeps lives beside its own portal or database
    // (test/fuzz-portal.ts, listOfThePortal); --expose-gc lets a memory test measure what is live. The browser
    // journeys run one file per process (scripts/run-tests.ts passes --isolate).
    poolOptions: { forks: { maxForks: 2, minForks: 1, isolate: false, execArgv: ["--expose-gc"] } },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        esbuild,
        test: {
          name: "main",
          setupFiles: ["test/fast-check-seed.ts"],
          // One migrated database per run; every test file's fresh database is a copy of it.
          globalSetup: ["test/database-template.ts"],
          include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
          // The slowest tests take half a minute on a busy machine, whose speed swings 2–3× with load.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        esbuild,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.e2e.{ts,tsx}"],
          globalSetup: ["test/database-template.ts"],
          // A journey takes a minute on a quiet machine; its speed swings 2–3× with load.
          testTimeout: 300_000,
          hookTimeout: 120_000,
          // Two files at a time (the root's two forks, one per core): each has its own portal, database and Chromium.
        },
      },
    ],
  },
});
