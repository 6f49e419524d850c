import { spawnSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generatedBank } from "../src/modules/assessment/bank/item-bank-factory.ts";
import { importItemBank } from "../src/modules/assessment/bank/transfer-item-bank.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DEMO_DIR = join(ROOT, "content/assessments/csa-ja");

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "content-check-"));
  await mkdir(join(dir, "audio"));
  // The generated banks only name the audio-check clip; any real MP3 will do.
  await copyFile(join(DEMO_DIR, "audio", "audio-check.mp3"), join(dir, "audio", "check.mp3"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const contentCheck = (folder: string) =>
  spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/content-check.ts"), folder], { encoding: "utf8", cwd: ROOT });

describe("npm run content:check", () => {
  it("passes the demo bank and prints the length figures in both languages", () => {
    const run = contentCheck(DEMO_DIR);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ {2}ja {2}longest is best /m);
    expect(run.stdout).toMatch(/^ {2}en {2}longest is best /m);
  });

  it("fails a bank whose longest option is always the best, naming the rule broken", async () => {
    const json = generatedBank(24, [6, 4, 2.5, 1], (i, rating) => ({ ja: "丁寧".repeat(rating * 4 + i), en: "polite ".repeat(rating * 3) }));
    await importItemBank(json, { dir });
    const run = contentCheck(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("The item bank breaks the content rules");
    expect(run.stderr).toContain("(ja) the keyed best option is the longest in 100 %");
    expect(run.stderr).toContain("(en) option length and effectiveness rating correlate");
  });
});
