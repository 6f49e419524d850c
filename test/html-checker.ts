import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

export type HtmlChecker = { available: true; jar: string } | { available: false; reason: string };

/**
 * Whether the Nu HTML Checker can run here: its jar comes with the npm package vnu-jar (a dev dependency),
 * the Java runtime from the system (Debian: default-jre-headless). If not, why not, in words for a person
 * reading the test summary.
 */
export function probeHtmlChecker(): HtmlChecker {
  let jar: string;
  try {
    jar = String(createRequire(import.meta.url)("vnu-jar"));
  } catch {
    return { available: false, reason: "the vnu-jar package is not installed (npm ci)" };
  }
  if (!existsSync(jar)) return { available: false, reason: `no vnu.jar at ${jar}` };
  const java = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (java.error || java.status !== 0) return { available: false, reason: "no Java runtime on PATH" };
  return { available: true, jar };
}

/** One message of the checker about one file. */
export type CheckerMessage = { type: string; subType?: string; url: string; message: string; extract?: string; lastLine?: number };

/** Checks HTML files in one run of the checker (starting Java once is most of its cost); every error and warning. */
export function checkHtmlFiles(jar: string, files: string[]): CheckerMessage[] {
  if (files.length === 0) return [];
  const run = spawnSync("java", ["-Xss4m", "-jar", jar, "--format", "json", "--also-check-svg", ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  // The checker writes its JSON report to standard error, and exits 1 when it found anything.
  const report = JSON.parse(run.stderr || "{}") as { messages?: CheckerMessage[] };
  return (report.messages ?? []).filter((m) => m.type === "error" || (m.type === "info" && m.subType === "warning") || m.type === "non-document-error");
}
