import { describe, expect, it } from "vitest";
import { hashText, randomFor, shuffled, xorshift32 } from "./seeded-random.ts";

describe("hashText (32-bit FNV-1a)", () => {
  it("matches the published FNV-1a test values", () => {
    expect(hashText("")).toBe(0x811c9dc5);
    expect(hashText("a")).toBe(0xe40c292c);
    expect(hashText("foobar")).toBe(0xbf9cf968);
  });
});

describe("xorshift32", () => {
  it("steps the state with shifts 13, 17 and 5", () => {
    // State 1: 1 ^ (1 << 13) = 8193; 8193 ^ (8193 >>> 17) = 8193; 8193 ^ (8193 << 5) = 270369.
    const next = xorshift32(1);
    expect(next()).toBe(270369 / 2 ** 32);
  });

  it("never gets stuck on a zero seed and stays in [0, 1)", () => {
    const next = xorshift32(0);
    const values = Array.from({ length: 1000 }, next);
    expect(new Set(values).size).toBe(1000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});

describe("randomFor and shuffled", () => {
  it("give the same sequence for the same seed and scope, and another for another scope", () => {
    const a = Array.from({ length: 5 }, randomFor(42, "part-1"));
    expect(Array.from({ length: 5 }, randomFor(42, "part-1"))).toEqual(a);
    expect(Array.from({ length: 5 }, randomFor(42, "part-2"))).not.toEqual(a);
    expect(Array.from({ length: 5 }, randomFor(43, "part-1"))).not.toEqual(a);
  });

  it("shuffles into a permutation and leaves the input alone", () => {
    const list = ["a", "b", "c", "d", "e"];
    const out = shuffled(list, randomFor(7, "x"));
    expect([...out].sort()).toEqual(list);
    expect(list).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("puts every element first about equally often over many seeds", () => {
    const counts = new Map<string, number>();
    const runs = 8000;
    for (let seed = 0; seed < runs; seed += 1) {
      const first = shuffled(["a", "b", "c", "d"], randomFor(seed, "options/x"))[0] ?? "";
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    // Expected 2000 each; a fair shuffle stays well within ±150 (about 3.5 standard deviations).
    for (const id of ["a", "b", "c", "d"]) expect(Math.abs((counts.get(id) ?? 0) - runs / 4), id).toBeLessThan(150);
  });
});
