import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { newItemBankJson } from "../bank/item-bank-factory.ts";
import { loadItemBank } from "../bank/load-item-bank.ts";
import { orderItems } from "../bank/order-items.ts";
import { parseItemBank } from "../bank/parse-item-bank.ts";
import type { ItemAnswer } from "./item-answer.ts";
import { SCORING_VERSION, scoreAssessment } from "./score-assessment.ts";
import { scoreWorkStyle } from "./score-work-style.ts";

const bank = parseItemBank(newItemBankJson());

describe("scoreAssessment", () => {
  it("puts both exercises, the counts and the items used into one score named by bank version", () => {
    const score = scoreAssessment(bank, [
      { itemId: "s1", best: "b", worst: "d" }, // 0.6 and 1 → 0.8
      { itemId: "s2", best: "b", worst: null }, // best only: 1 (partial)
      { itemId: "s4", best: "a", worst: "b" }, // pilot
      { itemId: "p1", point: -2 },
      { itemId: "p2", point: 1 },
      { itemId: "p3", point: 1 },
      { itemId: "p4", point: 2 }, // pilot
    ]);
    expect(score.bankId).toBe("test-bank");
    expect(score.bankVersion).toBe(3);
    expect(score.scoringVersion).toBe(SCORING_VERSION);
    // Situations: (0.8 + 1) / 2 = 0.9 → 90; s3 missing.
    expect(score.situations).toEqual({ score: expect.closeTo(90, 10), answered: 2, partial: 1, missing: 1 });
    expect(score.competencies.map((c) => c.competencyId)).toEqual(["listening", "policy"]);
    expect(score.workStyle).toEqual({ model: "thurstonian-graded-1", converged: true, answered: 3, missing: 0 });
    // The trait scores are exactly what the work-style scorer gives for the same answers.
    expect(score.traits).toEqual(
      scoreWorkStyle(bank, [
        { itemId: "p1", point: -2 },
        { itemId: "p2", point: 1 },
        { itemId: "p3", point: 1 },
      ]).traits,
    );
    expect(score.traits.map((t) => t.traitId)).toEqual(["calm", "care", "detail"]);
    expect(score.answered).toBe(5);
    expect(score.missing).toBe(1);
    expect(score.usedItemIds).toEqual(["s1", "s2", "p1", "p2", "p3"]);
    expect(score.partialItemIds).toEqual(["s2"]);
    expect(score.missingItemIds).toEqual(["s3"]);
    expect(score.unscoredItemIds).toEqual(["s4", "p4"]);
    expect(score.rejected).toEqual([]);
  });

  it("reports answers it cannot use instead of throwing", () => {
    const answers = [
      { itemId: "nope", best: "a", worst: "b" },
      { itemId: "s5", best: "a", worst: "b" }, // draft: never shown
      { itemId: "p5", point: 1 }, // retired
      { itemId: "s1", itemVersion: 2, best: "a", worst: "b" }, // the bank has version 1
      { itemId: "s2", best: "z", worst: "a" },
      { itemId: "s2", optionId: "z" },
      { itemId: "s2", best: "c", worst: "c" },
      { itemId: "s2", best: null, worst: null },
      { itemId: "s3", point: 2 },
      { itemId: "p1", best: "a", worst: "b" },
      { itemId: "p2", point: 0 },
    ] as ItemAnswer[];
    const score = scoreAssessment(bank, answers);
    expect(score.rejected).toEqual([
      { itemId: "nope", reason: "unknown-item" },
      { itemId: "s5", reason: "not-presented" },
      { itemId: "p5", reason: "not-presented" },
      { itemId: "s1", reason: "version-mismatch" },
      { itemId: "s2", reason: "unknown-option" },
      { itemId: "s2", reason: "unknown-option" },
      { itemId: "s2", reason: "same-option" },
      { itemId: "s2", reason: "no-pick" },
      { itemId: "s3", reason: "wrong-format" },
      { itemId: "p1", reason: "wrong-format" },
      { itemId: "p2", reason: "invalid-point" },
    ]);
    expect(score.answered).toBe(0);
    expect(score.situations.score).toBeNull();
  });

  it("scores a complete attempt on the demo bank with every scored item used", async () => {
    const demo = await loadItemBank(fileURLToPath(new URL("../../../../content/assessments/csa-ja", import.meta.url)));
    // Always the first option as best, the last as worst, and always the strongest left answer.
    const answers: ItemAnswer[] = orderItems(demo).map((item) =>
      item.exercise === "situations"
        ? { itemId: item.id, best: item.options[0]?.id ?? "", worst: item.options.at(-1)?.id ?? "" }
        : { itemId: item.id, point: -2 },
    );
    const score = scoreAssessment(demo, answers);
    expect(score.missing).toBe(0);
    expect(score.rejected).toEqual([]);
    expect(score.unscoredItemIds).toHaveLength(demo.items.filter((i) => i.status === "pilot").length);
    expect(score.usedItemIds).toHaveLength(demo.items.filter((i) => i.status === "live" && i.scored).length);
    for (const c of score.competencies) expect(c.score).not.toBeNull();
    // Always the left side: the bank puts every trait left and right with both keyings, so no trait
    // runs away and every score stays near the middle, each with its SE.
    expect(score.workStyle.converged).toBe(true);
    for (const t of score.traits) {
      expect(Math.abs(t.theta), t.traitId).toBeLessThan(1);
      expect(t.se).toBeGreaterThan(0);
      expect(t.se).toBeLessThan(0.5);
    }
  });
});
