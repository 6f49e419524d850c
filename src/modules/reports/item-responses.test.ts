import { describe, expect, it } from "vitest";
import { newItemBankJson } from "../assessment/bank/item-bank-factory.ts";
import { parseItemBank } from "../assessment/bank/parse-item-bank.ts";
import { itemResponsesOf } from "./item-responses.ts";
import type { CompletedAttempt, StoredAnswer } from "./read-completed-attempts.ts";

// Factory bank (ratings a b c d): s1 6 4 2.5 1, s2 1.5 5.5 3 4.5, s3 2 3 5 1; s4 is a pilot, s5 a draft.
const bank = parseItemBank(newItemBankJson());

function attempt(answers: Record<string, string | null>, version = 1, locales: Record<string, StoredAnswer["locale"]> = {}): CompletedAttempt {
  const map = new Map<string, StoredAnswer>(
    Object.entries(answers).map(([itemId, answer]) => [
      itemId,
      { itemId, itemVersion: version, answer, msToAnswer: 1000, locale: itemId in locales ? (locales[itemId] ?? null) : "ja" },
    ]),
  );
  return { attemptId: "x", applicationId: "app", bankVersion: bank.version, answers: map };
}

describe("the situations as the item reports read them", () => {
  it("keep the scored situations in bank order, with their keyed best and worst options", () => {
    const responses = itemResponsesOf(bank, []);
    expect(responses.items.map((i) => i.id)).toEqual(["s1", "s2", "s3"]);
    expect(responses.keys).toEqual([
      { best: "a", worst: "d" },
      { best: "b", worst: "a" },
      { best: "c", worst: "d" },
    ]);
  });

  it("score by the scoring rule, and dichotomise as 1 when the best pick is the keyed best", () => {
    const responses = itemResponsesOf(bank, [attempt({ s1: "best=a;worst=d", s2: "best=d;worst=a", s3: "c", s4: "best=a;worst=b" })]);
    expect(responses.scores[0]?.[0]).toBe(1);
    expect(responses.scores[0]?.[1]).toBeCloseTo((0.8 + 1) / 2, 12);
    // A bare option id from an older attempt is a best pick alone.
    expect(responses.best[0]).toEqual(["a", "d", "c"]);
    expect(responses.worst[0]).toEqual(["d", "a", null]);
    expect(responses.correct[0]).toEqual([1, 0, 1]);
  });

  it("treat a worst pick alone, no answer, or an answer to another item version as no best pick", () => {
    const responses = itemResponsesOf(bank, [attempt({ s1: "worst=d", s2: null }), attempt({ s1: "best=a;worst=d" }, 2)]);
    expect(responses.correct).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    expect(responses.scores[0]?.[0]).toBe(1);
    expect(responses.scores[1]).toEqual([null, null, null]);
  });

  it("give each row the language its scored situations were answered in, or none when it switched or was not recorded", () => {
    const all = { s1: "best=a;worst=d", s2: "best=b;worst=a", s3: "best=c;worst=d" };
    const responses = itemResponsesOf(bank, [
      attempt(all),
      attempt(all, 1, { s1: "en", s2: "en", s3: "en" }),
      // The pilot s4 and the unanswered s2 do not count towards the language.
      attempt({ s1: "best=a", s2: null, s3: "best=c", s4: "best=a" }, 1, { s1: "en", s2: "ja", s3: "en", s4: "ja" }),
      attempt(all, 1, { s2: "en" }),
      attempt(all, 1, { s3: null }),
    ]);
    expect(responses.languages).toEqual(["ja", "en", "en", null, null]);
  });
});
