import { describe, expect, it } from "vitest";
import { attemptSeed, resumeStep, stepsOf, tooFastItemIds } from "./attempts.ts";
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

describe("tooFastItemIds with the language of each answer", () => {
  it("holds an answer to the reading time in the language it was given in", () => {
    const ja = minimumAnswerMs(item("p1"), { locale: "ja" });
    const en = minimumAnswerMs(item("p1"), { locale: "en" });
    const [fast, slow] = ja < en ? (["ja", "en"] as const) : (["en", "ja"] as const);
    const between = Math.round((ja + en) / 2);
    const answer = (locale: "ja" | "en" | null) => [{ itemId: "p1", msToAnswer: between, transcriptUsed: false, locale }];
    expect(tooFastItemIds(bank, answer(slow))).toEqual(["p1"]);
    expect(tooFastItemIds(bank, answer(fast))).toEqual([]);
    // Without its language, the faster reading is the rule: no flag.
    expect(tooFastItemIds(bank, answer(null))).toEqual([]);
  });
});

describe("resumeStep", () => {
  const steps = stepsOf(bank, 7);
  const items = steps.flatMap((s, i) => (s.kind === "item" ? [{ i, item: s.item }] : []));
  const whole = (id: string) => (bank.items.find((x) => x.id === id)?.exercise === "situations" ? "best=a;worst=b" : "1");

  it("is the furthest step reached when everything before it is answered", () => {
    const furthest = items[3]!.i;
    const answers = new Map(items.slice(0, 3).map(({ item: it }) => [it.id, { answer: whole(it.id) }]));
    expect(resumeStep(steps, { furthestStep: furthest }, answers)).toBe(furthest);
  });

  it("goes back to a question with one pick only", () => {
    const situation = items.find(({ item: it }) => it.exercise === "situations")!;
    const answers = new Map(items.slice(0, 3).map(({ item: it }) => [it.id, { answer: whole(it.id) }]));
    answers.set(situation.item.id, { answer: "worst=c" });
    expect(resumeStep(steps, { furthestStep: items[3]!.i }, answers)).toBe(situation.i);
  });

  it("never goes past the completion page", () => {
    expect(resumeStep(steps, { furthestStep: steps.length - 1 }, new Map(items.map(({ item: it }) => [it.id, { answer: whole(it.id) }])))).toBe(
      steps.length - 2,
    );
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
