import { describe, expect, it } from "vitest";
import { interpolate, negotiateLocale } from "./catalogue.ts";
import { catalogues } from "./messages.ts";

describe("message catalogues", () => {
  const ja = catalogues.ja;
  const en = catalogues.en;

  it("have the same keys in Japanese and English", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it("have no empty message in either language", () => {
    for (const [key, text] of [...Object.entries(ja), ...Object.entries(en)]) expect(text.trim(), key).not.toBe("");
  });

  it("use the same placeholders in both languages", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(ja)) expect(names(en[key] ?? ""), key).toEqual(names(ja[key] ?? ""));
  });

  it("keeps the English side free of Japanese text", () => {
    for (const [key, text] of Object.entries(en)) expect(/[\u3040-\u30ff\u4e00-\u9faf]/.test(text), `${key}: ${text}`).toBe(false);
  });
});

describe("interpolate", () => {
  it("fills known placeholders and leaves unknown ones visible", () => {
    expect(interpolate("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
});

describe("negotiateLocale", () => {
  it("prefers the user's choice, then Accept-Language, then Japanese", () => {
    expect(negotiateLocale("en", "ja")).toBe("en");
    expect(negotiateLocale(undefined, "en-US,en;q=0.9,ja;q=0.8")).toBe("en");
    expect(negotiateLocale(undefined, "fr-FR, ja;q=0.5, en;q=0.4")).toBe("ja");
    expect(negotiateLocale(undefined, "fr-FR")).toBe("ja");
    expect(negotiateLocale("xx", undefined)).toBe("ja");
  });
});
