import { describe, expect, it } from "vitest";
import { attemptSeed, tooFastItemIds } from "./attempts.ts";
import { newItemBankJson } from "./bank/item-bank-factory.ts";
import { parseItemBank } from "./bank/parse-item-bank.ts";
import { minimumAnswerMs } from "./bank/reading-time.ts";

const bank = parseItemBank(newItemBankJson());
const item = (id: string) => {
  const found = bank.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};

describe("tooFastItemIds", () => {
  it("lists the answers given faster than their item's plausible minimum, in either language", () => {
    // The bank was parsed without its audio, so the transcript stands in for s1's clip.
    const s1 = minimumAnswerMs(item("s1"));
    const p1 = minimumAnswerMs(item("p1"));
    const answers = [
      { itemId: "s1", msToAnswer: s1 - 1, transcriptUsed: false },
      { itemId: "s2", msToAnswer: 60_000, transcriptUsed: false },
      { itemId: "p1", msToAnswer: p1, transcriptUsed: false },
      { itemId: "p2", msToAnswer: 200, transcriptUsed: false },
      { itemId: "p3", msToAnswer: null, transcriptUsed: false },
      { itemId: "gone", msToAnswer: 1, transcriptUsed: false },
    ];
    expect(tooFastItemIds(bank, answers)).toEqual(["s1", "p2"]);
  });
});

describe("attemptSeed", () => {
  it("is the same for the same attempt and differs between attempts", () => {
    const id = "6f1d3c1e-2a4b-4c5d-8e9f-0a1b2c3d4e5f";
    expect(attemptSeed({ id })).toBe(attemptSeed({ id }));
    expect(attemptSeed({ id })).not.toBe(attemptSeed({ id: "6f1d3c1e-2a4b-4c5d-8e9f-0a1b2c3d4e60" }));
    expect(Number.isInteger(attemptSeed({ id }))).toBe(true);
  });
});
