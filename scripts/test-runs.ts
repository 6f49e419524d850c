/**
 * The decisions of `npm test` (scripts/run-tests.ts) that need no process to make: which command-line
 * arguments are file filters, which files each run gets, and what a run's Vitest JSON report adds up to.
 */
import path from "node:path";

/**
 * One Vitest run of the suite: a project, optionally narrowed to files whose path contains `only`; `isolated`
 * runs each file in a process of its own (the config lets a fork's files share its modules).
 */
export type TestRun = { name: string; project: string; only?: string; isolated?: boolean };

/** A test file as `vitest list --filesOnly --json` names it. */
export type ListedFile = { file: string; projectName?: string };

/** Vitest options that take their value as the next argument (`--name=value` is always one argument). */
const OPTIONS_WITH_A_VALUE = new Set([
  "-t",
  "--testNamePattern",
  "--shard",
  "--reporter",
  "--outputFile",
  "--bail",
  "--retry",
  "--maxWorkers",
  "--minWorkers",
  "--testTimeout",
  "--hookTimeout",
  "--pool",
  "--sequence.seed",
  "--exclude",
]);

/** Splits what follows `npm test --` into Vitest options (kept for every run) and file filters. */
export function splitArguments(args: readonly string[]): { options: string[]; filters: string[] } {
  const options: string[] = [];
  const filters: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("-")) filters.push(arg);
    else {
      options.push(arg);
      if (OPTIONS_WITH_A_VALUE.has(arg) && i + 1 < args.length) options.push(args[++i]!);
    }
  }
  return { options, filters };
}

/**
 * The files a run gets when the command line names some: those of its project that Vitest matched to the
 * filters, narrowed to the run's own kind of file, as paths relative to the root. None means the run has
 * nothing to do (an e2e filter for the unit run, say), rather than a run that finds "no test files".
 */
export function filesForRun(run: TestRun, matched: readonly ListedFile[], root: string): string[] {
  return matched
    .filter((f) => f.projectName === run.project)
    .map((f) => path.relative(root, f.file).split(path.sep).join("/"))
    .filter((file) => run.only === undefined || file.includes(run.only))
    .sort();
}

/** The Vitest arguments of a run: its project and kind of file, or the exact files the filters chose for it. */
export function vitestArguments(run: TestRun, files: readonly string[] | null, options: readonly string[]): string[] {
  const selection = files ?? (run.only === undefined ? [] : [run.only]);
  return ["--project", run.project, ...(run.isolated ? ["--isolate"] : []), ...selection, ...options];
}

/** The parts of Vitest's JSON report (`--reporter=json`) that the summary reads. */
export type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { status: string; fullName?: string; failureMessages?: string[] }[];
  }[];
};

/** A test file that failed without any of its tests failing: its setup, an import, a hook, or its teardown. */
export type BrokenFile = { file: string; message: string };

/** A test that failed, with the first line of why: listed again at the end, where a long log is cut. */
export type FailedTest = { file: string; test: string; message: string };

export type RunSummary = { passed: number; failed: number; skipped: number; brokenFiles: BrokenFile[]; failedTests: FailedTest[] };

/**
 * What a run's report adds up to. A file that failed while none of its tests did (a failed `beforeAll`, an
 * import that throws) counts as broken: Vitest reports its tests as skipped, or reports none at all.
 */
export function summariseReport(report: VitestReport, root: string): RunSummary {
  const relative = (file: string) => path.relative(root, file).split(path.sep).join("/");
  const broken = report.testResults.filter((file) => file.status === "failed" && !file.assertionResults.some((test) => test.status === "failed"));
  // The tests of a broken file did not run because of it; they are not skipped on purpose.
  const notRun = broken.flatMap((file) => file.assertionResults).filter((test) => test.status === "skipped" || test.status === "pending").length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: Math.max(0, report.numPendingTests + report.numTodoTests - notRun),
    brokenFiles: broken.map((file) => ({
      file: relative(file.name),
      message: (file.message ?? "").split("\n")[0]!.trim() || "failed outside its tests",
    })),
    failedTests: report.testResults.flatMap((file) =>
      file.assertionResults
        .filter((test) => test.status === "failed")
        .map((test) => ({
          file: relative(file.name),
          test: test.fullName ?? "",
          message: (test.failureMessages?.[0] ?? "").split("\n")[0]!.trim(),
        })),
    ),
  };
}
