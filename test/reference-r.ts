import { spawnSync } from "node:child_process";

export type ReferenceR = { available: true } | { available: false; reason: string };

/**
 * Whether R with the psych package can run here, for the assessment statistics' check against R
 * (src/modules/assessment/statistics/statistics.r-check.test.ts); if not, why not, in words for a
 * person reading the test summary.
 */
export function probeReferenceR(): ReferenceR {
  const probe = spawnSync("Rscript", ["--vanilla", "-e", "quit(status = if (requireNamespace('psych', quietly = TRUE)) 0 else 3)"], {
    encoding: "utf8",
  });
  if (probe.error) return { available: false, reason: "no Rscript on PATH" };
  if (probe.status === 3) return { available: false, reason: "R is installed without the psych package" };
  if (probe.status !== 0) return { available: false, reason: `Rscript failed: ${probe.stderr.trim()}` };
  return { available: true };
}
