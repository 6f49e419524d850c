import { describe, expect, it } from "vitest";
import { bandOf, integritySignalsOf, scoreOf } from "./assessment-summary.ts";

describe("what the pipeline reads of an assessment result", () => {
  it("finds the score where the result keeps it, and none in a shape it does not know", () => {
    expect(scoreOf({ situations: { score: 73.5 } })).toBe(73.5);
    expect(scoreOf({ score: 41 })).toBe(41);
    expect(scoreOf({ total: 12 })).toBe(12);
    for (const unknown of [null, undefined, 5, "80", [], { situations: { score: "high" } }, { situations: null }, { score: Number.NaN }]) {
      expect(scoreOf(unknown)).toBeNull();
    }
  });

  it("puts scores in bands at 70 and 40", () => {
    expect([bandOf(70), bandOf(69.9), bandOf(40), bandOf(39.9), bandOf(null)]).toEqual(["high", "middle", "middle", "low", "none"]);
  });

  it("names the integrity signals worth a reviewer's look, and nothing for an ordinary attempt", () => {
    expect(integritySignalsOf({ focusLosses: 1, pastes: 0, fastAnswers: [], longRun: false, accountsSharingDevice: 0, transcriptsUsed: ["s-01"] })).toEqual([]);
    expect(
      integritySignalsOf({ focusLosses: 4, pastes: 2, fastAnswers: ["s-03"], longRun: true, accountsSharingDevice: 1, identicalAnswerPatternWith: 2 }),
    ).toEqual(["pastes", "fastAnswers", "longRun", "accountsSharingDevice", "identicalAnswerPatternWith", "focusLosses"]);
    for (const unknown of [null, "x", [], { pastes: "many" }]) expect(integritySignalsOf(unknown)).toEqual([]);
  });
});
