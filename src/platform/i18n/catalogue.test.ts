import { describe, expect, it } from "vitest";
import { defineMessages, interpolate, keyGuard, mergeMessages, negotiateLocale } from "./catalogue.ts";

describe("mergeMessages", () => {
  it("refuses one key with two different texts", () => {
    const a = defineMessages({ "x.title": "一" }, { "x.title": "One" });
    const b = defineMessages({ "x.title": "二" }, { "x.title": "Two" });
    expect(() => mergeMessages(a, b)).toThrow(/x\.title/);
    expect(mergeMessages(a, a).ja["x.title"]).toBe("一");
  });
});

describe("keyGuard", () => {
  it("accepts only the catalogue's own keys, not inherited names", () => {
    const isKey = keyGuard(defineMessages({ "x.title": "一" }, { "x.title": "One" }));
    expect(isKey("x.title")).toBe(true);
    expect(isKey("x.other")).toBe(false);
    expect(isKey("toString")).toBe(false);
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
