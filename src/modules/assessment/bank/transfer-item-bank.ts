import { copyFile, mkdir, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { listMedia } from "./check-item-bank-references.ts";
import { ItemBankError } from "./item-bank-error.ts";
import type { BankManifest, Item, ItemBank } from "./item-bank-schema.ts";
import { checkAudioFiles, loadItemBank, MANIFEST_FILE } from "./load-item-bank.ts";
import { validateItemBank } from "./parse-item-bank.ts";

/**
 * The whole bank as one plain JSON value (items inline, audio by relative path), for review,
 * translation or moving a bank between installations. A deep copy: changing it never changes the bank.
 */
export function exportItemBank(bank: ItemBank): ItemBank {
  return JSON.parse(JSON.stringify(bank)) as ItemBank;
}

export interface ImportItemBankOptions {
  /** The bank folder to write: bank.json, items/*.json and, with `audioFrom`, audio/. */
  dir: string;
  /** A bank folder to copy the audio from; without it the audio must already be in `dir`. */
  audioFrom?: string;
}

/**
 * Validates an exported bank completely (shape, references, audio) before writing anything, then writes
 * it as a bank folder and loads it back, so what is returned is exactly what the portal will read.
 */
export async function importItemBank(json: unknown, options: ImportItemBankOptions): Promise<ItemBank> {
  const validation = validateItemBank(json);
  if (!validation.ok) throw new ItemBankError(validation.problems);
  const bank = validation.bank;
  const audioDir = options.audioFrom ?? options.dir;
  const audioProblems = await checkAudioFiles(bank, audioDir);
  if (audioProblems.length > 0) throw new ItemBankError(audioProblems);

  await writeItemBank(bank, options.dir);
  if (options.audioFrom && resolve(options.audioFrom) !== resolve(options.dir)) {
    await mkdir(join(options.dir, "audio"), { recursive: true });
    const sources = new Set(listMedia(bank).map((m) => m.media.src));
    for (const src of sources) await copyFile(join(options.audioFrom, src), join(options.dir, src));
  }
  return loadItemBank(options.dir);
}

/** The item file each item is written to: one per situations part, one for the work-style pairs. */
export function itemFileFor(item: Item): string {
  return item.exercise === "situations" ? `items/situations-part-${item.part}.json` : "items/workstyle.json";
}

async function writeItemBank(bank: ItemBank, dir: string): Promise<void> {
  const { items, ...rest } = exportItemBank(bank);
  // Every file is written, even an empty one, so a re-import replaces the previous content of each.
  const files = new Map<string, Item[]>();
  for (const file of ["items/situations-part-1.json", "items/situations-part-2.json", "items/workstyle.json"]) files.set(file, []);
  for (const item of items) files.get(itemFileFor(item))?.push(item);

  const manifest: BankManifest = { ...rest, itemFiles: [...files.keys()] };
  await mkdir(join(dir, "items"), { recursive: true });
  for (const [file, list] of files) await writeJsonAtomically(join(dir, file), list);
  await writeJsonAtomically(join(dir, MANIFEST_FILE), manifest);
}

async function writeJsonAtomically(path: string, value: unknown): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, formatBankJson(value), "utf8");
  await rename(temporary, path);
}

const LINE_WIDTH = 120;

/**
 * The one way bank files are laid out: two-space indents, with a small value (a `{ "ja": …, "en": … }`
 * text, an option, a key's ratings) kept on one line when it fits. Content files are written this way
 * by import, so exporting and re-importing an unchanged bank leaves git with nothing to show.
 */
export function formatBankJson(value: unknown): string {
  return `${layout(value, "", 0)}\n`;
}

/** Values nested deeper than this always break over lines, so items and pages stay easy to scan. */
const ONE_LINE_DEPTH = 2;

function layout(value: unknown, indent: string, prefixLength: number): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (depth(value) <= ONE_LINE_DEPTH) {
    const line = oneLine(value);
    if (indent.length + prefixLength + displayWidth(line) + 1 <= LINE_WIDTH) return line;
  }
  const isArray = Array.isArray(value);
  const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
  const entries = fieldsOf(value);
  if (entries.length === 0) return `${open}${close}`;
  const inner = `${indent}  `;
  const lines = entries.map(([key, v]) => {
    const label = key === null ? "" : `${JSON.stringify(key)}: `;
    return `${inner}${label}${layout(v, inner, label.length)}`;
  });
  return `${open}\n${lines.join(",\n")}\n${indent}${close}`;
}

function oneLine(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const parts = fieldsOf(value).map(([key, v]) => `${key === null ? "" : `${JSON.stringify(key)}: `}${oneLine(v)}`);
  if (Array.isArray(value)) return `[${parts.join(", ")}]`;
  return parts.length === 0 ? "{}" : `{ ${parts.join(", ")} }`;
}

/** Columns on screen: kana, kanji and full-width forms take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

function depth(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  return 1 + Math.max(0, ...fieldsOf(value).map(([, v]) => depth(v)));
}

function fieldsOf(value: object): [string | null, unknown][] {
  if (Array.isArray(value)) return value.map((v): [null, unknown] => [null, v]);
  return Object.entries(value).filter(([, v]) => v !== undefined);
}
