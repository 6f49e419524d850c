import { describe, expect, it } from "vitest";
import { candidateMailMessages } from "../modules/candidate-mail/messages.ts";
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
