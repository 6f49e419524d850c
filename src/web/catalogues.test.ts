import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { candidateMailMessages } from "../modules/candidate-mail/messages.ts";
import { PROJECT_ROOT } from "../platform/project-root.ts";
import { candidateMessages } from "./candidate/messages.ts";
import { officeMessages } from "./office/messages.ts";

const CATALOGUES = { "candidate pages": candidateMessages, "candidate e-mails": candidateMailMessages, console: officeMessages } as const;

describe.each(Object.entries(CATALOGUES))("the %s catalogue", (_name, catalogue) => {
  const ja: Record<string, string> = catalogue.ja;
  const en: Record<string, string> = catalogue.en;

  it("has the same keys in Japanese and English", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it("has no empty message in either language", () => {
    for (const [key, text] of [...Object.entries(ja), ...Object.entries(en)]) expect(text.trim(), key).not.toBe("");
  });

  it("uses the same placeholders in both languages", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(ja)) expect(names(en[key] ?? ""), key).toEqual(names(ja[key] ?? ""));
  });

  it("keeps the English side free of Japanese text", () => {
    for (const [key, text] of Object.entries(en)) expect(/[\u3040-\u30ff\u4e00-\u9faf]/.test(text), `${key}: ${text}`).toBe(false);
  });
});

/** Every source file under src/, tests left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("message keys where they are used", () => {
  it("are never cast: a key the compiler has not checked would fail only when its page is shown", () => {
    const casts = sourceFiles(path.join(PROJECT_ROOT, "src")).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bas\s+(\w*MessageKey)\b/g)].map((m) => `${path.relative(PROJECT_ROOT, file)}: as ${m[1]}`),
    );
    expect(casts).toEqual([]);
  });
});
