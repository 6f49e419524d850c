import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { LocalisedText } from "./schema.ts";

/** An item bank a job's assessment may use: its id, version and title as `bank.json` states them. */
export type AssessmentBankChoice = { bankId: string; version: number; title: LocalisedText };

/**
 * The item banks in a content folder (one sub-folder each with a `bank.json`), for the job editor's choice.
 * Only the manifest's id, version and title are read; the bank itself is checked when it is loaded to be used.
 */
export async function listAssessmentBankChoices(dir: string): Promise<AssessmentBankChoice[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const banks: AssessmentBankChoice[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const manifest = await readFile(path.join(dir, entry.name, "bank.json"), "utf8").catch(() => null);
    if (!manifest) continue;
    const { bankId, version, title } = JSON.parse(manifest) as Partial<AssessmentBankChoice>;
    if (typeof bankId === "string" && typeof version === "number" && title?.ja && title.en) banks.push({ bankId, version, title });
  }
  return banks;
}
