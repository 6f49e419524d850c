import { describe, expect, it } from "vitest";
import { nextMorningInTokyo } from "./next-morning.ts";

describe("nextMorningInTokyo", () => {
  it("is 09:00 the next day in Tokyo after an evening decision", () => {
    expect(nextMorningInTokyo(new Date("2026-11-30T20:15:00+09:00")).toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });

  it("is the same morning before 09:00, and the next one at 09:00 exactly", () => {
    expect(nextMorningInTokyo(new Date("2026-12-01T06:00:00+09:00")).toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(nextMorningInTokyo(new Date("2026-12-01T09:00:00+09:00")).toISOString()).toBe("2026-12-02T00:00:00.000Z");
  });

  it("crosses a year end", () => {
    expect(nextMorningInTokyo(new Date("2026-12-31T23:59:00+09:00")).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});
