import { describe, expect, it } from "vitest";
import { newItemBankJson } from "../assessment/bank/item-bank-factory.ts";
import { parseItemBank } from "../assessment/bank/parse-item-bank.ts";
import { computeDif } from "./compute-dif.ts";
import type { FairnessGroups } from "./fairness-groups.ts";
import { itemResponsesOf } from "./item-responses.ts";
import type { CompletedAttempt, StoredAnswer } from "./read-completed-attempts.ts";

const bank = parseItemBank(newItemBankJson());

function attempts(
  count: number,
  start: number,
  answers: (i: number) => Record<string, string>,
  localeOf: (i: number, itemId: string) => StoredAnswer["locale"] = () => "ja",
): CompletedAttempt[] {
  return Array.from({ length: count }, (_, k) => {
    const i = start + k;
    const map = new Map<string, StoredAnswer>(
      Object.entries(answers(i)).map(([itemId, answer]) => [itemId, { itemId, itemVersion: 1, answer, msToAnswer: 1, locale: localeOf(i, itemId) }]),
    );
    return { attemptId: `t${i}`, applicationId: `app-${i}`, bankVersion: bank.version, answers: map };
  });
}

const mixed = (i: number) => ({ s1: i % 2 ? "best=a" : "best=b", s2: i % 3 ? "best=b" : "best=c", s3: i % 5 ? "best=c" : "best=a" });

describe("DIF of the situations", () => {
  it("shows nothing, not even group sizes, when a group has fewer than 100 complete candidates", () => {
    const all = attempts(250, 0, mixed);
    const groups = new Map<string, FairnessGroups>(all.map((a, i) => [a.applicationId, { gender: i < 160 ? "male" : "female", age: "under-30" }]));
    const [gender] = computeDif(itemResponsesOf(bank, all), groups);
    expect(gender).toEqual({ comparison: expect.objectContaining({ id: "gender-female" }), status: "not-enough-data", minimum: 100 });
  });

  it("matches on the number of keyed best picks, over candidates with a best pick on every situation, and keeps the shared strata", () => {
    const all = [...attempts(240, 0, mixed), ...attempts(20, 1000, () => ({ s1: "best=a", s2: "worst=a", s3: "best=c" }))];
    const groups = new Map<string, FairnessGroups>(
      all.map((a, i) => [a.applicationId, { gender: i % 2 ? "female" : "male", age: i % 4 === 3 ? "not-disclosed" : "30-44" }]),
    );
    const [gender, age30] = computeDif(itemResponsesOf(bank, all), groups);
    if (gender?.status !== "shown") throw new Error("expected the gender comparison");
    // The 20 without a best pick on s2 are left out; nobody under 30, so the age comparisons are not shown.
    expect(gender.referenceCount + gender.focalCount).toBe(240);
    expect(gender.items.map((i) => i.itemId)).toEqual(["s1", "s2", "s3"]);
    for (const s of gender.strata) {
      expect(s.referenceRight + s.referenceWrong).toBeGreaterThan(0);
      expect(s.focalRight + s.focalWrong).toBeGreaterThan(0);
      expect(s.matching).toBeGreaterThanOrEqual(0);
      expect(s.matching).toBeLessThanOrEqual(3);
    }
    expect(age30?.status).toBe("not-enough-data");
  });

  it("compares those who answered in English with those who answered in Japanese, leaving out who switched or went unrecorded", () => {
    // 0–119 answered in Japanese, 120–239 in English; 240–259 switched after s1; 260–279 have no language recorded.
    const localeOf = (i: number, itemId: string): StoredAnswer["locale"] =>
      i < 120 ? "ja" : i < 240 ? "en" : i < 260 ? (itemId === "s1" ? "ja" : "en") : null;
    const all = attempts(280, 0, mixed, localeOf);
    const groups = new Map<string, FairnessGroups>(all.map((a) => [a.applicationId, { gender: "not-disclosed", age: "not-disclosed" }]));
    const language = computeDif(itemResponsesOf(bank, all), groups).find((c) => c.comparison.id === "language-en");
    if (language?.status !== "shown") throw new Error("expected the language comparison");
    expect([language.comparison.reference, language.comparison.focal]).toEqual(["ja", "en"]);
    expect([language.referenceCount, language.focalCount]).toEqual([120, 120]);
    expect(language.items.every((i) => i.result.status === "estimated")).toBe(true);

    const fewEnglish = attempts(200, 0, mixed, (i) => (i < 101 ? "ja" : i < 200 ? "en" : null));
    const few = computeDif(itemResponsesOf(bank, fewEnglish), groups).find((c) => c.comparison.id === "language-en");
    expect(few?.status).toBe("not-enough-data");
  });
});
