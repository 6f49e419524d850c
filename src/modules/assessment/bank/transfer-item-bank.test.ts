import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ItemBankError } from "./item-bank-error.ts";
import { loadItemBank } from "./load-item-bank.ts";
import { exportItemBank, importItemBank } from "./transfer-item-bank.ts";

const DEMO_DIR = fileURLToPath(new URL("../../../../content/assessments/csa-ja", import.meta.url));

let target: string;

beforeEach(async () => {
  target = await mkdtemp(join(tmpdir(), "item-bank-import-"));
});

afterEach(async () => {
  await rm(target, { recursive: true, force: true });
});

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe("exportItemBank and importItemBank", () => {
  it("round-trips the demo bank: export, import into a new folder, load gives the same bank", async () => {
    const original = await loadItemBank(DEMO_DIR);
    const exported = JSON.parse(JSON.stringify(exportItemBank(original)));
    const imported = await importItemBank(exported, { dir: target, audioFrom: DEMO_DIR });
    expect(imported).toEqual(original);
    expect(await loadItemBank(target)).toEqual(original);
    expect(await exists(join(target, "audio", "audio-check.mp3"))).toBe(true);
  });

  it("writes the demo bank's files byte for byte as they are committed, so a re-import shows no diff", async () => {
    const original = await loadItemBank(DEMO_DIR);
    await importItemBank(exportItemBank(original), { dir: target, audioFrom: DEMO_DIR });
    for (const file of ["bank.json", "items/situations-part-1.json", "items/situations-part-2.json", "items/workstyle.json"]) {
      expect(await readFile(join(target, file), "utf8"), file).toBe(await readFile(join(DEMO_DIR, file), "utf8"));
    }
  });

  it("exports a copy that cannot change the loaded bank", async () => {
    const original = await loadItemBank(DEMO_DIR);
    const exported = exportItemBank(original);
    exported.title.ja = "changed";
    expect(original.title.ja).not.toBe("changed");
  });

  it("writes nothing when the bank is invalid", async () => {
    const exported = exportItemBank(await loadItemBank(DEMO_DIR));
    exported.items[0] = { ...exported.items[0], competencies: ["no-such-competency"] } as (typeof exported.items)[0];
    await expect(importItemBank(exported, { dir: target, audioFrom: DEMO_DIR })).rejects.toThrow(ItemBankError);
    expect(await exists(join(target, "bank.json"))).toBe(false);
  });

  it("refuses a bank whose audio is in neither the target folder nor audioFrom", async () => {
    const exported = exportItemBank(await loadItemBank(DEMO_DIR));
    const error = await importItemBank(exported, { dir: target }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ItemBankError);
    expect((error as ItemBankError).problems.map((p) => p.path)).toContain("pages.audioCheck.media.src");
    expect(await exists(join(target, "bank.json"))).toBe(false);
  });
});
