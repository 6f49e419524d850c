import { copyFile, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type BankProblem, ItemBankError } from "./item-bank-error.ts";
import { newItemBankJson } from "./item-bank-factory.ts";
import { loadItemBank } from "./load-item-bank.ts";
import { importItemBank } from "./transfer-item-bank.ts";

const DEMO_AUDIO = fileURLToPath(new URL("../../../../content/assessments/csa-ja/audio/audio-check.mp3", import.meta.url));

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "item-bank-"));
  // The factory bank names audio/s1.mp3 and audio/check.mp3; any real MP3 will do.
  await mkdir(join(dir, "audio"));
  await copyFile(DEMO_AUDIO, join(dir, "audio", "s1.mp3"));
  await copyFile(DEMO_AUDIO, join(dir, "audio", "check.mp3"));
  await importItemBank(newItemBankJson(), { dir });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function problemsLoading(folder: string): Promise<readonly BankProblem[]> {
  try {
    await loadItemBank(folder);
  } catch (error) {
    if (error instanceof ItemBankError) return error.problems;
    throw error;
  }
  throw new Error("expected the bank to be rejected");
}

async function editJson(file: string, edit: (json: never) => void): Promise<void> {
  const path = join(dir, file);
  const json = JSON.parse(await readFile(path, "utf8"));
  edit(json as never);
  await writeFile(path, JSON.stringify(json, null, 2));
}

describe("loadItemBank", () => {
  it("reads bank.json with the item files it lists", async () => {
    const bank = await loadItemBank(dir);
    expect(bank.bankId).toBe("test-bank");
    expect(bank.items.map((i) => i.id)).toEqual(["s1", "s2", "s5", "s3", "s4", "p1", "p2", "p3", "p4", "p5"]);
  });

  it("points a missing audio file at the item file and the item's place in it", async () => {
    await unlink(join(dir, "audio", "s1.mp3"));
    expect(await problemsLoading(dir)).toEqual([
      {
        file: "items/situations-part-1.json",
        path: "[0].media.src",
        message: expect.stringContaining("audio file audio/s1.mp3 does not exist"),
      },
    ]);
  });

  it("rejects an audio file that is not audio", async () => {
    await writeFile(join(dir, "audio", "check.mp3"), "<html>not found</html>");
    expect(await problemsLoading(dir)).toEqual([
      { file: "bank.json", path: "pages.audioCheck.media.src", message: expect.stringContaining("not a readable MP3 or Ogg file") },
    ]);
  });

  it("names the item file, the place in it and the item id for a shape problem", async () => {
    await editJson("items/situations-part-2.json", (items: { question?: unknown }[]) => {
      delete items[1]?.question;
    });
    expect(await problemsLoading(dir)).toEqual([
      { file: "items/situations-part-2.json", path: "[1].question", message: "item s4: is required (expected object)" },
    ]);
  });

  it("keeps problems outside the items in bank.json", async () => {
    await editJson("bank.json", (bank: { pages: { intro: { title?: unknown } } }) => {
      delete bank.pages.intro.title;
    });
    expect(await problemsLoading(dir)).toEqual([{ file: "bank.json", path: "pages.intro.title", message: expect.stringContaining("is required") }]);
  });

  it("reports a file that is not valid JSON", async () => {
    await writeFile(join(dir, "items", "workstyle.json"), "[{ oops");
    expect(await problemsLoading(dir)).toEqual([{ file: "items/workstyle.json", path: "", message: expect.stringContaining("is not valid JSON") }]);
  });

  it("reports an item file that bank.json lists but that does not exist", async () => {
    await unlink(join(dir, "items", "workstyle.json"));
    expect(await problemsLoading(dir)).toEqual([{ file: "items/workstyle.json", path: "", message: expect.stringContaining("cannot read") }]);
  });

  it("refuses items written into bank.json itself", async () => {
    await editJson("bank.json", (bank: Record<string, unknown>) => {
      bank.items = [];
    });
    expect(await problemsLoading(dir)).toEqual([{ file: "bank.json", path: "items", message: expect.stringContaining("itemFiles") }]);
  });

  it("refuses an item file outside the items folder", async () => {
    await editJson("bank.json", (bank: { itemFiles: string[] }) => {
      bank.itemFiles.push("../../etc/passwd");
    });
    expect(await problemsLoading(dir)).toEqual([{ file: "bank.json", path: "itemFiles[3]", message: expect.stringContaining("items/<name>.json") }]);
  });

  it("reports a missing folder readably", async () => {
    expect(await problemsLoading(join(dir, "nowhere"))).toEqual([{ file: "bank.json", path: "", message: expect.stringContaining("cannot read") }]);
  });
});
