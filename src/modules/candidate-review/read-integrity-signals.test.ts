import { describe, expect, it } from "vitest";
import { LONG_RUN } from "../assessment/attempts.ts";
import { readIntegritySignals } from "./read-integrity-signals.ts";

const bySignal = (stored: unknown) => new Map(readIntegritySignals(stored).signals.map((s) => [s.signal, s]));

describe("reading an attempt's integrity signals", () => {
  it("counts each signal, names its items, and marks those worth a look", () => {
    const signals = bySignal({
      focusLosses: 2,
      pastes: 0,
      fastAnswers: ["cs-1", "ws-4"],
      longestIdenticalRun: LONG_RUN - 1,
      longRun: false,
      accountsSharingDevice: 1,
      transcriptsUsed: ["cs-3"],
      identicalAnswerPatternWith: 0,
    });
    expect(signals.get("focusLosses")).toEqual({ signal: "focusLosses", count: 2, itemIds: [], observed: true });
    expect(signals.get("pastes")?.observed).toBe(false);
    expect(signals.get("fastAnswers")).toEqual({ signal: "fastAnswers", count: 2, itemIds: ["cs-1", "ws-4"], observed: true });
    expect(signals.get("longestIdenticalRun")?.observed).toBe(false);
    expect(signals.get("accountsSharingDevice")?.observed).toBe(true);
    expect(signals.get("identicalAnswerPatternWith")).toMatchObject({ count: 0, observed: false });
  });

  it("marks a long run of identical answers from the stored flag or the run itself", () => {
    expect(bySignal({ longestIdenticalRun: LONG_RUN }).get("longestIdenticalRun")?.observed).toBe(true);
    expect(bySignal({ longestIdenticalRun: 3, longRun: true }).get("longestIdenticalRun")?.observed).toBe(true);
  });

  it("never marks a transcript read, which is an accommodation", () => {
    expect(bySignal({ transcriptsUsed: ["cs-1", "cs-2"] }).get("transcriptsUsed")).toMatchObject({ count: 2, observed: false });
  });

  it("says a signal was not checked yet when the attempt has no reading, and keeps signals it does not know", () => {
    const reading = readIntegritySignals({ focusLosses: 0, typingRhythm: { irregular: true } });
    expect(reading.signals.find((s) => s.signal === "identicalAnswerPatternWith")).toMatchObject({ count: null, observed: false });
    expect(reading.other).toEqual([{ key: "typingRhythm", value: '{"irregular":true}' }]);
    for (const stored of [null, "x", [1], 7]) expect(readIntegritySignals(stored).signals.every((s) => s.count === null)).toBe(true);
  });
});
