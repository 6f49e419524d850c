import { describe, expect, it } from "vitest";
import { adverseImpact, type GroupImpact } from "./adverse-impact.ts";

const find = (groups: GroupImpact[], group: string) => groups.find((g) => g.group === group);

describe("adverseImpact", () => {
  it("compares every group with the highest-rate group", () => {
    const result = adverseImpact([
      { group: "women", selected: 12, considered: 40 },
      { group: "men", selected: 48, considered: 80 },
      { group: "not-disclosed", selected: 9, considered: 10 },
    ]);
    expect(result.referenceGroup).toBe("men");
    expect(find(result.groups, "men")).toEqual({ group: "men", selected: 48, considered: 80, selectionRate: 0.6, status: "reference" });
    const women = find(result.groups, "women");
    expect(women?.status).toBe("compared");
    if (women?.status !== "compared") return;
    expect(women.selectionRate).toBe(0.3);
    expect(women.impactRatio).toBeCloseTo(0.5, 15);
    expect(women.belowFourFifths).toBe(true);
    // Morris & Lobsenz: ln .5 / √.0375 (worked in impact-ratio-z-test.test.ts).
    expect(women.impactRatioZ).toBeCloseTo(-3.5794, 4);
    expect(women.fisherExactP).toBeGreaterThan(0);
    expect(women.fisherExactP).toBeLessThan(0.01);
  });

  it("keeps the undisclosed group apart even when its rate is the highest", () => {
    const result = adverseImpact([
      { group: "a", selected: 20, considered: 50 },
      { group: "not-disclosed", selected: 45, considered: 50 },
    ]);
    expect(result.referenceGroup).toBe("a");
    expect(find(result.groups, "not-disclosed")).toEqual({ group: "not-disclosed", selected: 45, considered: 50, selectionRate: 0.9, status: "undisclosed" });
  });

  it("reports a small group's rate but does not compare it, nor let it be the reference", () => {
    const result = adverseImpact([
      { group: "large", selected: 30, considered: 100 },
      { group: "small", selected: 29, considered: 29 },
    ]);
    expect(result.referenceGroup).toBe("large");
    expect(find(result.groups, "small")).toMatchObject({ status: "not-enough-data", selectionRate: 1 });
  });

  it("takes the minimum from the options", () => {
    const result = adverseImpact(
      [
        { group: "large", selected: 30, considered: 100 },
        { group: "small", selected: 4, considered: 20 },
      ],
      { minimumConsidered: 20 },
    );
    expect(find(result.groups, "small")?.status).toBe("compared");
  });

  it("never compares a group nobody was considered in, even with no minimum", () => {
    const result = adverseImpact(
      [
        { group: "a", selected: 5, considered: 10 },
        { group: "empty", selected: 0, considered: 0 },
      ],
      { minimumConsidered: 0 },
    );
    expect(result.referenceGroup).toBe("a");
    expect(find(result.groups, "empty")).toMatchObject({ status: "not-enough-data", selectionRate: null });
  });

  it("does not flag a ratio of exactly four fifths", () => {
    // .40 / .50 = .8 exactly (in floating point 0.4/0.5 may round either way).
    const result = adverseImpact([
      { group: "ref", selected: 50, considered: 100 },
      { group: "other", selected: 40, considered: 100 },
      { group: "lower", selected: 39, considered: 100 },
    ]);
    expect(find(result.groups, "other")).toMatchObject({ status: "compared", belowFourFifths: false });
    expect(find(result.groups, "lower")).toMatchObject({ status: "compared", belowFourFifths: true });
  });

  it("uses a named reference group, and refuses one that cannot be a reference", () => {
    const selections = [
      { group: "a", selected: 10, considered: 50 },
      { group: "b", selected: 20, considered: 50 },
      { group: "not-disclosed", selected: 5, considered: 40 },
    ];
    const result = adverseImpact(selections, { referenceGroup: "a" });
    expect(result.referenceGroup).toBe("a");
    expect(find(result.groups, "b")).toMatchObject({ status: "compared", impactRatio: 2, belowFourFifths: false });
    expect(() => adverseImpact(selections, { referenceGroup: "not-disclosed" })).toThrow(RangeError);
    expect(() => adverseImpact(selections, { referenceGroup: "c" })).toThrow(RangeError);
  });

  it("has no ratio when even the reference selected nobody, and nothing to compare without a large group", () => {
    const none = adverseImpact([
      { group: "a", selected: 0, considered: 40 },
      { group: "b", selected: 0, considered: 60 },
    ]);
    expect(none.referenceGroup).toBe("a");
    expect(find(none.groups, "b")).toMatchObject({ status: "compared", impactRatio: null, belowFourFifths: null, fisherExactP: 1, impactRatioZ: null });
    const small = adverseImpact([
      { group: "a", selected: 3, considered: 10 },
      { group: "b", selected: 1, considered: 12 },
    ]);
    expect(small.referenceGroup).toBeNull();
    expect(small.groups.map((g) => g.status)).toEqual(["not-enough-data", "not-enough-data"]);
  });

  it("refuses impossible counts and a group listed twice", () => {
    expect(() => adverseImpact([{ group: "a", selected: 5, considered: 4 }])).toThrow(RangeError);
    expect(() => adverseImpact([{ group: "a", selected: -1, considered: 4 }])).toThrow(RangeError);
    expect(() =>
      adverseImpact([
        { group: "a", selected: 1, considered: 40 },
        { group: "a", selected: 2, considered: 40 },
      ]),
    ).toThrow(RangeError);
  });
});
