import { describe, expect, it } from "vitest";
import { readStoredScore } from "./read-stored-score.ts";

describe("reading a stored assessment score", () => {
  it("reads today's score: situations 0–100 with competencies, work-style θ and SE by trait, the model as the scoring version", () => {
    const summary = readStoredScore({
      bankId: "csa-ja",
      bankVersion: 2,
      situations: { score: 71.25, answered: 24, partial: 1, missing: 0 },
      competencies: [{ competencyId: "understanding-and-explaining", score: 68, answered: 12, partial: 0, missing: 0 }],
      workStyle: { model: "thurstonian-graded-1", converged: true, answered: 60, missing: 0 },
      traits: [{ traitId: "composure", theta: -0.31, se: 0.42, pairs: 20, missing: 0 }],
      answered: 84,
      missing: 0,
      usedItemIds: ["cs-1", "ws-1"],
      rejected: [{ itemId: "cs-9", reason: "unknownItem" }],
    });
    expect(summary).toMatchObject({ bankId: "csa-ja", bankVersion: 2, scoringVersion: "thurstonian-graded-1", converged: true, answered: 84, missing: 0 });
    expect(summary.groups.map((g) => g.key)).toEqual(["situations", "competencies", "traits"]);
    expect(summary.groups[0]?.scales).toEqual([{ id: "situations", score: 71.25, theta: null, se: null, tScore: null, band: null, answered: 24, missing: 0 }]);
    expect(summary.groups[2]?.scales).toEqual([{ id: "composure", score: null, theta: -0.31, se: 0.42, tScore: null, band: null, answered: 20, missing: 0 }]);
  });

  it("reads T-scores, bands and a named scoring version of a later score, under whatever key it groups them", () => {
    const summary = readStoredScore({
      scoringVersion: "irt-bands-2",
      scales: [
        { id: "composure", theta: 0.5, se: 0.3, t: 55, band: "B" },
        { id: "judgement", θ: 1.1, standardError: 0.25, tScore: 61, level: 4 },
      ],
    });
    expect(summary.scoringVersion).toBe("irt-bands-2");
    expect(summary.groups).toEqual([
      {
        key: "scales",
        scales: [
          { id: "composure", score: null, theta: 0.5, se: 0.3, tScore: 55, band: "B", answered: null, missing: null },
          { id: "judgement", score: null, theta: 1.1, se: 0.25, tScore: 61, band: "4", answered: null, missing: null },
        ],
      },
    ]);
  });

  it("lists the known groups first, whatever order the database hands the keys back in", () => {
    const summary = readStoredScore({ zeta: [{ id: "z", score: 1 }], traits: [{ traitId: "a", theta: 0 }], situations: { score: 50 } });
    expect(summary.groups.map((g) => g.key)).toEqual(["situations", "traits", "zeta"]);
  });

  it("never throws on a score it cannot read, and shows nothing it does not understand", () => {
    for (const stored of [null, undefined, "text", 42, [], [1, 2], { traits: "none" }, { situations: { score: "high" } }, { traits: [null, 3] }]) {
      const summary = readStoredScore(stored);
      expect(summary.groups).toEqual([]);
      expect(summary.scoringVersion).toBeNull();
    }
    expect(readStoredScore({ traits: [{ theta: Number.NaN }, { traitId: "x", theta: Number.POSITIVE_INFINITY }] }).groups).toEqual([]);
  });
});
