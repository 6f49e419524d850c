import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { checkWorkStyleDesign, MIN_SCORED_PAIRS } from "./check-work-style-design.ts";
import type { ItemBank, PairItem } from "./item-bank-schema.ts";
import { loadItemBank } from "./load-item-bank.ts";

const DEMO_DIR = fileURLToPath(new URL("../../../../content/assessments/csa-ja", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

let demo: ItemBank;

beforeAll(async () => {
  demo = await loadItemBank(DEMO_DIR);
});

/** A deep copy of the demo bank with `edit` applied to its scored pairs. */
function brokenBank(edit: (pairs: PairItem[]) => void): ItemBank {
  const bank = structuredClone(demo);
  edit(bank.items.filter((i): i is PairItem => i.exercise === "workstyle" && i.status === "live" && i.scored));
  return bank;
}

const mixed = (item: PairItem) => {
  const [left, right] = item.statements.map((s) => item.key.statements[s.id]?.sign);
  return left !== right;
};

describe("checkWorkStyleDesign", () => {
  it("passes the demo bank and reports its figures", () => {
    const { design, problems } = checkWorkStyleDesign(demo);
    expect(problems).toEqual([]);
    expect(design.scoredPairs).toBeGreaterThanOrEqual(MIN_SCORED_PAIRS);
    expect(design.mixedShare).toBeGreaterThanOrEqual(1 / 3);
    expect(design.maxDesirabilityGap).toBeLessThanOrEqual(0.5);
    expect(design.estimatedMinutes).toBeGreaterThan(10);
    expect(design.estimatedMinutes).toBeLessThan(14);
  });

  it("fails a bank with fewer than 60 scored pairs", () => {
    const bank = brokenBank((pairs) => {
      for (const p of pairs.slice(0, 5)) Object.assign(p, { status: "pilot", scored: false });
    });
    expect(checkWorkStyleDesign(bank).problems).toContainEqual({ path: "items", message: expect.stringContaining("it needs at least 60") });
  });

  it("fails a bank where fewer than a third of the pairs are mixed-keyed", () => {
    const bank = brokenBank((pairs) => {
      // Retire mixed pairs until fewer than a third of the scored ones are mixed.
      const mixedPairs = pairs.filter(mixed);
      for (const p of mixedPairs.slice(0, mixedPairs.length - 18)) Object.assign(p, { status: "retired", scored: false });
    });
    const { design, problems } = checkWorkStyleDesign(bank);
    expect(design.mixedShare).toBeLessThan(1 / 3);
    expect(problems).toContainEqual({ path: "items", message: expect.stringContaining("at least a third must be") });
  });

  it("fails a bank where a trait is never keyed −, or never on one side", () => {
    const bank = brokenBank((pairs) => {
      for (const p of pairs) {
        for (const s of p.statements) {
          const key = p.key.statements[s.id];
          if (key?.traitId === "composure" && key.sign < 0) Object.assign(p, { status: "retired", scored: false });
        }
        const right = p.key.statements[p.statements[1].id];
        if (right?.traitId === "adaptability") Object.assign(p, { status: "retired", scored: false });
      }
    });
    const messages = checkWorkStyleDesign(bank).problems.map((p) => p.message);
    expect(messages).toContainEqual(expect.stringMatching(/^trait composure is never keyed −/));
    expect(messages).toContainEqual(expect.stringMatching(/^trait adaptability is never on the right/));
  });
});

describe("npm run content:check", () => {
  const run = promisify(execFile);
  const check = async (edit: (pairs: Record<string, unknown>[]) => void) => {
    const dir = await mkdtemp(join(tmpdir(), "bank-"));
    try {
      await cp(DEMO_DIR, dir, { recursive: true });
      const file = join(dir, "items", "workstyle.json");
      const pairs = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>[];
      edit(pairs);
      await writeFile(file, JSON.stringify(pairs));
      return await run(process.execPath, ["--import", "tsx", "scripts/content-check.ts", dir], { cwd: ROOT }).then(
        ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  const key = (pair: Record<string, unknown>) => pair.key as { statements: Record<string, Record<string, unknown>>; thresholds?: number[] };

  it("prints the work-style counts and passes the demo bank", async () => {
    const result = await check(() => {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/scored pairs\s+64/);
    expect(result.stdout).toMatch(/mixed-keyed pairs\s+26 \(40\.6 %/);
    expect(result.stdout).toMatch(/max desirability gap\s+0\.4/);
    expect(result.stdout).toMatch(/estimated minutes\s+\d+\.\d/);
  });

  it("fails the build for a statement without its desirability rating or IRT parameters", async () => {
    const result = await check((pairs) => {
      delete key(pairs[0] as Record<string, unknown>).statements.a?.desirability;
      delete key(pairs[1] as Record<string, unknown>).statements.b?.loading;
      delete key(pairs[2] as Record<string, unknown>).statements.a?.uniqueness;
      delete key(pairs[3] as Record<string, unknown>).thresholds;
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("[0].key.statements.a.desirability: item ws2-01: is required");
    expect(result.stderr).toContain("[1].key.statements.b.loading: item ws2-02: is required");
    expect(result.stderr).toContain("[2].key.statements.a.uniqueness: item ws2-03: is required");
    expect(result.stderr).toContain("[3].key.thresholds: item ws2-04: is required");
  });

  it("fails the build for paired statements too far apart in desirability, or thresholds out of order", async () => {
    const result = await check((pairs) => {
      const third = key(pairs[2] as Record<string, unknown>).statements;
      if (third.a && third.b) third.b.desirability = (third.a.desirability as number) + 0.6;
      key(pairs[3] as Record<string, unknown>).thresholds = [0.5, 0, 1];
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\[2\]\.key\.statements: the statements of item ws2-03 differ by 0\.6 in desirability/);
    expect(result.stderr).toContain("[3].key.thresholds: the thresholds of item ws2-04 (0.5, 0, 1) must increase");
  });

  it("fails the build when the design rules are broken", async () => {
    const result = await check((pairs) => {
      for (const p of pairs.slice(0, 10)) Object.assign(p, { status: "pilot", scored: false });
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("The work-style exercise breaks its design rules");
    expect(result.stderr).toContain("the work-style exercise has 54 scored pairs; it needs at least 60");
  });
});
