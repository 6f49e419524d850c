import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { measureAudioDuration } from "./audio-duration.ts";
import { checkItemBankReferences, listMedia } from "./check-item-bank-references.ts";
import { type BankProblem, bankErrorMap, formatJsonPath, ItemBankError, problemsFromZodIssues } from "./item-bank-error.ts";
import { BankManifestSchema, type ItemBank, ItemBankSchema } from "./item-bank-schema.ts";

/** The file in a bank folder that names the bank and lists its item files. */
export const MANIFEST_FILE = "bank.json";

/** Where each item of the assembled bank came from, so problems can point into the right file. */
interface ItemSource {
  file: string;
  index: number;
}

export interface LoadItemBankOptions {
  /** Skip the audio-file check; only for the script that generates the audio. */
  skipAudioCheck?: boolean;
}

/**
 * Reads a bank folder (`bank.json`, the item files it lists, and the audio they use) and validates all
 * of it, throwing an ItemBankError that lists every problem with its file and JSON path.
 */
export async function loadItemBank(dir: string, options: LoadItemBankOptions = {}): Promise<ItemBank> {
  const assembled = await assembleItemBank(dir);
  if ("problems" in assembled) throw new ItemBankError(assembled.problems);
  const { json, sources } = assembled;

  const parsed = ItemBankSchema.safeParse(json, { error: bankErrorMap });
  if (!parsed.success) throw new ItemBankError(locateProblems(problemsFromZodIssues(parsed.error.issues), sources, json));

  const audioProblems = options.skipAudioCheck ? [] : await checkAudioFiles(parsed.data, dir);
  const problems = [...checkItemBankReferences(parsed.data), ...audioProblems];
  if (problems.length > 0) throw new ItemBankError(locateProblems(problems, sources, json));
  return parsed.data;
}

/** Clip lengths in seconds by `src`, measured while a bank's audio was checked. */
const clipSeconds = new WeakMap<ItemBank, Map<string, number>>();

/**
 * The length of each of the bank's clips in seconds, by `src`, as measured when the bank was loaded
 * from disk (or its audio checked). Empty for a bank parsed without its audio: callers then fall back
 * to the transcript, as the reading-time rules do.
 */
export function audioSecondsOf(bank: ItemBank): ReadonlyMap<string, number> {
  return clipSeconds.get(bank) ?? new Map();
}

/** Checks that every audio file the bank names exists under `dir` and is a playable MP3 or Ogg file. */
export async function checkAudioFiles(bank: ItemBank, dir: string): Promise<BankProblem[]> {
  const problems: BankProblem[] = [];
  const seconds = new Map<string, number>();
  clipSeconds.set(bank, seconds);
  for (const { media, path } of listMedia(bank)) {
    const at = formatJsonPath([...path, "src"]);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(dir, media.src));
    } catch {
      problems.push({ path: at, message: `audio file ${media.src} does not exist in ${dir} (run: npx tsx scripts/content-audio.ts)` });
      continue;
    }
    const duration = measureAudioDuration(bytes);
    if (duration === null) problems.push({ path: at, message: `audio file ${media.src} is not a readable MP3 or Ogg file` });
    else seconds.set(media.src, duration);
  }
  return problems;
}

type Assembled = { json: Record<string, unknown>; sources: ItemSource[] } | { problems: BankProblem[] };

/** Joins bank.json and its item files into one bank object, as an export would hold it. */
async function assembleItemBank(dir: string): Promise<Assembled> {
  const manifest = await readJsonFile(dir, MANIFEST_FILE);
  if ("problem" in manifest) return { problems: [manifest.problem] };
  if (typeof manifest.value !== "object" || manifest.value === null || Array.isArray(manifest.value)) {
    return { problems: [{ file: MANIFEST_FILE, path: "", message: "must be a JSON object" }] };
  }
  const { itemFiles: rawItemFiles, ...rest } = manifest.value as Record<string, unknown>;
  if ("items" in rest) {
    return { problems: [{ file: MANIFEST_FILE, path: "items", message: "items belong in the files listed in itemFiles, not in bank.json" }] };
  }
  const itemFiles = BankManifestSchema.shape.itemFiles.safeParse(rawItemFiles, { error: bankErrorMap });
  if (!itemFiles.success) {
    return { problems: problemsFromZodIssues(itemFiles.error.issues, ["itemFiles"]).map((p) => ({ ...p, file: MANIFEST_FILE })) };
  }

  const problems: BankProblem[] = [];
  const items: unknown[] = [];
  const sources: ItemSource[] = [];
  for (const file of itemFiles.data) {
    const content = await readJsonFile(dir, file);
    if ("problem" in content) {
      problems.push(content.problem);
      continue;
    }
    if (!Array.isArray(content.value)) {
      problems.push({ file, path: "", message: "must be a JSON array of items" });
      continue;
    }
    content.value.forEach((item, index) => {
      items.push(item);
      sources.push({ file, index });
    });
  }
  if (problems.length > 0) return { problems };
  return { json: { ...rest, items }, sources };
}

async function readJsonFile(dir: string, file: string): Promise<{ value: unknown } | { problem: BankProblem }> {
  let text: string;
  try {
    text = await readFile(join(dir, file), "utf8");
  } catch {
    return { problem: { file, path: "", message: `cannot read ${join(dir, file)}` } };
  }
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { problem: { file, path: "", message: `is not valid JSON: ${(error as Error).message}` } };
  }
}

/** Rewrites `items[17].options[2]` as `items/situations-part-2.json [3].options[2]`, and the rest as bank.json. */
function locateProblems(problems: readonly BankProblem[], sources: readonly ItemSource[], json: Record<string, unknown>): BankProblem[] {
  const items = Array.isArray(json.items) ? json.items : [];
  return problems.map((problem) => {
    const match = /^items\[(\d+)\](.*)$/.exec(problem.path);
    const source = match ? sources[Number(match[1])] : undefined;
    if (!match || !source) return { ...problem, file: MANIFEST_FILE };
    const item: unknown = items[Number(match[1])];
    const id = typeof item === "object" && item !== null && typeof (item as { id?: unknown }).id === "string" ? (item as { id: string }).id : null;
    const message = id && !problem.message.includes(id) ? `item ${id}: ${problem.message}` : problem.message;
    const rest = match[2] ?? "";
    return { file: source.file, path: `[${source.index}]${rest}`, message };
  });
}
