import { describe, expect, it } from "vitest";
import { readStoredResult } from "./read-stored-result.ts";

describe("reading an attempt's normed result", () => {
  it("keeps each scale's raw value, T-score and ±1 SE band, the band and the norm it stands on", () => {
    const result = readStoredResult({
      bankId: "csa-ja",
      bankVersion: 2,
      scoringVersion: 2,
      norm: { version: 3, attempts: 120, provisional: true, computedAt: "2026-11-29T00:00:00.000Z" },
      band: "typical",
      scales: {
        situations: { raw: 71.5, t: 54.2, se: 4.1, low: 50.1, high: 58.3 },
        "competency:resolution": { raw: 80, t: 61, se: 7, low: 54, high: 68 },
        "trait:composure": { raw: 0.4, t: null, se: null, low: null, high: null },
      },
    });
    expect(result).toEqual({
      norm: { version: 3, attempts: 120, provisional: true },
      band: "typical",
      scales: [
        { kind: "situations", id: "", raw: 71.5, t: 54.2, low: 50.1, high: 58.3 },
        { kind: "competency", id: "resolution", raw: 80, t: 61, low: 54, high: 68 },
        { kind: "trait", id: "composure", raw: 0.4, t: null, low: null, high: null },
      ],
    });
  });

  it("reads a result without a norm yet, and leaves out what it does not understand", () => {
    const result = readStoredResult({ norm: null, band: "excellent", scales: { situations: { raw: 60 }, "mood:x": { t: 50 }, oops: 7 } });
    expect(result).toEqual({ norm: null, band: null, scales: [{ kind: "situations", id: "", raw: 60, t: null, low: null, high: null }] });
  });

  it("is null for anything that is not a result", () => {
    for (const stored of [null, undefined, "x", 7, [], {}, { scales: [] }, { scales: { situations: "high" } }]) expect(readStoredResult(stored)).toBeNull();
  });
});
