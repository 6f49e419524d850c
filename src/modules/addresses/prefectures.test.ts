import { describe, expect, it } from "vitest";
import { PREFECTURES } from "./prefectures.ts";

describe("PREFECTURES", () => {
  it("lists the 47 prefectures with JIS codes 01 to 47, Hokkaido first and Okinawa last", () => {
    expect(PREFECTURES).toHaveLength(47);
    expect(PREFECTURES.map((prefecture) => prefecture.code)).toEqual(Array.from({ length: 47 }, (_, index) => String(index + 1).padStart(2, "0")));
    expect(PREFECTURES[0]).toEqual({ code: "01", ja: "北海道", en: "Hokkaido" });
    expect(PREFECTURES[12]).toEqual({ code: "13", ja: "東京都", en: "Tokyo" });
    expect(PREFECTURES[46]).toEqual({ code: "47", ja: "沖縄県", en: "Okinawa" });
  });

  it("has unique names ending in 都, 道, 府 or 県", () => {
    expect(new Set(PREFECTURES.map((prefecture) => prefecture.ja)).size).toBe(47);
    expect(new Set(PREFECTURES.map((prefecture) => prefecture.en)).size).toBe(47);
    for (const prefecture of PREFECTURES) expect(prefecture.ja).toMatch(/[都道府県]$/);
  });

  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(PREFECTURES)).toBe(true);
    expect(Object.isFrozen(PREFECTURES[0])).toBe(true);
  });
});
