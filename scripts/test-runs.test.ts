import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { filesForRun, type ListedFile, splitArguments, summariseReport, type TestRun, type VitestReport, vitestArguments } from "./test-runs.ts";

const root = path.resolve(import.meta.dirname, "..");

describe("what npm test makes of its command line", () => {
  it("keeps options (and the values of those that take one) apart from file filters", () => {
    expect(splitArguments(["src/web/candidate/jobs", "-t", "job list", "--bail=1", "test/e2e/journey", "--shard", "1/2", "--silent"])).toEqual({
      options: ["-t", "job list", "--bail=1", "--shard", "1/2", "--silent"],
      filters: ["src/web/candidate/jobs", "test/e2e/journey"],
    });
  });

  const runs: Record<string, TestRun> = {
    pglite: { name: "unit and integration (PGlite)", project: "main" },
    postgres: { name: "integration (PostgreSQL)", project: "main", only: ".int.test." },
    e2e: { name: "browser journeys (Chromium)", project: "e2e", isolated: true },
  };
  const at = (file: string) => path.join(root, file);

  it("gives a filter's files only to the runs they belong to", () => {
    const matched: ListedFile[] = [{ file: at("test/e2e/journey.e2e.ts"), projectName: "e2e" }];
    expect(filesForRun(runs.pglite!, matched, root)).toEqual([]);
    expect(filesForRun(runs.postgres!, matched, root)).toEqual([]);
    expect(filesForRun(runs.e2e!, matched, root)).toEqual(["test/e2e/journey.e2e.ts"]);
  });

  it("gives the PostgreSQL run only the integration files among those the filters match", () => {
    const matched: ListedFile[] = [
      { file: at("src/web/candidate/jobs/jobs.int.test.ts"), projectName: "main" },
      { file: at("src/web/candidate/jobs/job-posting-ld.test.ts"), projectName: "main" },
    ];
    expect(filesForRun(runs.pglite!, matched, root)).toEqual(["src/web/candidate/jobs/job-posting-ld.test.ts", "src/web/candidate/jobs/jobs.int.test.ts"]);
    expect(filesForRun(runs.postgres!, matched, root)).toEqual(["src/web/candidate/jobs/jobs.int.test.ts"]);
    expect(filesForRun(runs.e2e!, matched, root)).toEqual([]);
  });

  it("passes a run its project and kind of file, or exactly the files chosen for it, with the options", () => {
    expect(vitestArguments(runs.postgres!, null, ["-t", "x"])).toEqual(["--project", "main", ".int.test.", "-t", "x"]);
    expect(vitestArguments(runs.pglite!, null, [])).toEqual(["--project", "main"]);
    expect(vitestArguments(runs.postgres!, ["src/a.int.test.ts"], [])).toEqual(["--project", "main", "src/a.int.test.ts"]);
    expect(vitestArguments(runs.e2e!, ["test/e2e/journey.e2e.ts"], ["--bail=1"])).toEqual([
      "--project",
      "e2e",
      "--isolate",
      "test/e2e/journey.e2e.ts",
      "--bail=1",
    ]);
  });
});

describe("what a run's report adds up to", () => {
  it("counts a file whose setup or import failed as failed, not as zero or skipped tests (a real Vitest report)", () => {
    const fixtures = path.join(import.meta.dirname, "fixtures/broken-test-files");
    const out = mkdtempSync(path.join(tmpdir(), "portal-report-"));
    try {
      const report = path.join(out, "report.json");
      const vitest = spawnSync(
        process.execPath,
        [path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--root", fixtures, "--reporter=json", `--outputFile.json=${report}`],
        { encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } },
      );
      expect(vitest.status, vitest.stderr).toBe(1);
      const summary = summariseReport(JSON.parse(readFileSync(report, "utf8")) as VitestReport, fixtures);
      expect(summary.passed).toBe(2);
      expect(summary.failed).toBe(1);
      // Only the test skipped on purpose; the two behind the failed beforeAll never ran.
      expect(summary.skipped).toBe(1);
      expect(summary.brokenFiles.map((b) => b.file).sort()).toEqual(["import-throws.fixture.ts", "setup-fails.fixture.ts"]);
      expect(summary.brokenFiles.find((b) => b.file === "setup-fails.fixture.ts")?.message).toContain("the database did not open");
      expect(summary.brokenFiles.find((b) => b.file === "import-throws.fixture.ts")?.message).toContain("a module that cannot load");
      expect(summary.failedTests).toEqual([{ file: "fails.fixture.ts", test: "fails", message: expect.stringContaining("expected 1 to be 2") }]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it("counts a file whose teardown failed after its tests passed as failed", () => {
    const report: VitestReport = {
      numPassedTests: 1,
      numFailedTests: 0,
      numPendingTests: 0,
      numTodoTests: 0,
      testResults: [
        { name: path.join(root, "src/a.int.test.ts"), status: "failed", message: "afterAll: close failed\n  at …", assertionResults: [{ status: "passed" }] },
      ],
    };
    expect(summariseReport(report, root)).toEqual({
      passed: 1,
      failed: 0,
      skipped: 0,
      brokenFiles: [{ file: "src/a.int.test.ts", message: "afterAll: close failed" }],
      failedTests: [],
    });
  });
});
