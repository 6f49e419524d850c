import { describe, expect, it } from "vitest";
import { KeptValues } from "./kept-values.ts";

describe("KeptValues", () => {
  it("works a value out once per key and gives the kept one after", () => {
    const kept = new KeptValues<string>(10);
    const made: string[] = [];
    const make = (key: string) => () => {
      made.push(key);
      return key.toUpperCase();
    };
    expect(kept.of("a", make("a"))).toBe("A");
    expect(kept.of("a", make("a"))).toBe("A");
    expect(kept.of("b", make("b"))).toBe("B");
    expect(made).toEqual(["a", "b"]);
    expect(kept.get("a")).toBe("A");
    expect(kept.get("c")).toBeUndefined();
  });

  it("keeps at most its limit, forgetting the one kept longest, and works a forgotten one out again", () => {
    const kept = new KeptValues<number>(3);
    for (const [i, key] of ["a", "b", "c", "d"].entries()) kept.keep(key, i);
    expect(kept.size).toBe(3);
    expect(["a", "b", "c", "d"].map((key) => kept.get(key))).toEqual([undefined, 1, 2, 3]);
    // Keeping a key again replaces its value without forgetting another.
    kept.keep("c", 20);
    expect(["b", "c", "d"].map((key) => kept.get(key))).toEqual([1, 20, 3]);
    let made = 0;
    expect(
      kept.of("a", () => {
        made += 1;
        return 0;
      }),
    ).toBe(0);
    expect(made).toBe(1);
    expect(kept.get("b")).toBeUndefined();
    expect(kept.size).toBe(3);
  });

  it("refuses a limit that could keep nothing", () => {
    expect(() => new KeptValues(0)).toThrow("KeptValues keeps at least one value, not 0");
  });
});
