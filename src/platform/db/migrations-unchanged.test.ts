import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../project-root.ts";

/**
 * Migrations are forward-only: a database applies each file once, by its position in the journal, so a file
 * edited after it was committed never reaches the databases that already ran it (and may break them).
 */

const MIGRATIONS = path.join(PROJECT_ROOT, "migrations");
const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, "meta/_journal.json"), "utf8")) as { entries: { idx: number; when: number; tag: string }[] };
const inGit = existsSync(path.join(PROJECT_ROOT, ".git"));

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: PROJECT_ROOT, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
}

describe("committed migrations", () => {
  it("are listed in the journal in order, one entry per file, each later than the one before", () => {
    const files = readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql"));
    expect(journal.entries.map((e) => `${e.tag}.sql`)).toEqual(files.sort());
    expect(journal.entries.map((e) => e.idx)).toEqual(journal.entries.map((_e, i) => i));
    for (let i = 1; i < journal.entries.length; i++) expect(journal.entries[i]!.when).toBeGreaterThan(journal.entries[i - 1]!.when);
  });

  // A clean clone has the history; an unpacked tarball has none, and then there is nothing to compare with.
  it.runIf(inGit || process.env.CI)("are byte for byte what they were in the commit that added them", () => {
    const tracked = git("ls-files", "migrations/*.sql").split("\n").filter(Boolean);
    expect(tracked.length).toBeGreaterThan(0);
    for (const file of tracked) {
      const added = git("log", "--diff-filter=A", "--format=%H", "--", file).trim().split("\n").pop();
      if (!added) continue;
      expect(readFileSync(path.join(PROJECT_ROOT, file), "utf8"), `${file} changed after commit ${added.slice(0, 8)}`).toBe(git("show", `${added}:${file}`));
    }
  });
});
