import { describe, expect, it } from "vitest";
import { newItemBankJson } from "../assessment/bank/item-bank-factory.ts";
import { parseItemBank } from "../assessment/bank/parse-item-bank.ts";
import { computeDif } from "./compute-dif.ts";
import type { FairnessGroups } from "./fairness-groups.ts";
import { itemResponsesOf } from "./item-responses.ts";
import type { CompletedAttempt, StoredAnswer } from "./read-completed-attempts.ts";

const bank = parseItemBank(newItemBankJson());

function attempts(count: number, start: number, answers: (i: number) => Record<string, string>): CompletedAttempt[] {
  return Array.from({ length: count }, (_, k) => {
    const i = start + k;
    const map = new Map<string, StoredAnswer>(
      Object.entries(answers(i)).map(([itemId, answer]) => [itemId, { itemId, itemVersion: 1, answer, msToAnswer: 1 }]),
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
});
