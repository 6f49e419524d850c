import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { newItemBankJson } from "./item-bank-factory.ts";
import type { Locale } from "./item-bank-schema.ts";
import { loadItemBank } from "./load-item-bank.ts";
import { optionOrder } from "./order-items.ts";
import { parseItemBank } from "./parse-item-bank.ts";
import { publicItemView } from "./public-item-view.ts";

const DEMO_DIR = fileURLToPath(new URL("../../../../content/assessments/csa-ja", import.meta.url));

/** Every property name anywhere in a value. */
function keysIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysIn(v, found);
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      found.add(k);
      keysIn(v, found);
    }
  }
  return found;
}

const SECRET_KEYS = [
  "key",
  "effectiveness",
  "rationale",
  "sign",
  "traitId",
  "desirability",
  "loading",
  "uniqueness",
  "thresholds",
  "scored",
  "status",
  "competencies",
  "reading",
];

describe("publicItemView", () => {
  it("never carries scoring keys, trait keying, status or authoring fields, for any demo item in either language", async () => {
    const bank = await loadItemBank(DEMO_DIR);
    for (const item of bank.items) {
      for (const [locale, seed] of [
        ["ja", undefined],
        ["en", undefined],
        ["ja", 31337],
      ] as [Locale, number | undefined][]) {
        const view = publicItemView(item, locale, { seed });
        const keys = keysIn(view);
        for (const secret of SECRET_KEYS) expect(keys.has(secret), `${item.id} ${locale} has ${secret}`).toBe(false);
        const text = JSON.stringify(view);
        expect(text).not.toMatch(/"(key|effectiveness|sign|traitId|rationale|desirability|loading|uniqueness|thresholds)"/);
        // Neither the trait ids nor a trait's keying may be reconstructed from the payload.
        for (const trait of bank.traits) expect(text, `${item.id} leaks ${trait.id}`).not.toContain(`"${trait.id}"`);
      }
    }
  });

  it("shows a situation in the chosen language, with its audio and transcript", () => {
    const bank = parseItemBank(newItemBankJson());
    const s1 = bank.items[0];
    if (!s1) throw new Error("factory bank has no s1");
    expect(publicItemView(s1, "en")).toEqual({
      id: "s1",
      version: 1,
      exercise: "situations",
      format: "single-choice",
      part: 1,
      scenario: "The s1 situation",
      media: { src: "audio/s1.mp3", transcript: "Where is my parcel?", maxPlays: 2 },
      question: "Most effective?",
      options: [
        { id: "a", label: "Option A" },
        { id: "b", label: "Option B" },
        { id: "c", label: "Option C" },
        { id: "d", label: "Option D" },
      ],
    });
    const ja = publicItemView(s1, "ja");
    expect(ja.exercise === "situations" && ja.media?.transcript).toBe("荷物はどこですか。");
  });

  it("presents a situation's options in the attempt's seeded order, and carries no rating", () => {
    const bank = parseItemBank(newItemBankJson());
    const s2 = bank.items.find((i) => i.id === "s2");
    if (s2?.exercise !== "situations") throw new Error("factory bank has no s2");
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const view = publicItemView(s2, "en", { seed });
      if (view.exercise !== "situations") throw new Error("expected a situation view");
      expect(view.options.map((o) => o.id)).toEqual(optionOrder(s2, seed));
      for (const o of view.options) expect(o).toEqual({ id: o.id, label: `Option ${o.id.toUpperCase()}` });
    }
    const orders = new Set([1, 2, 3, 4, 5, 6].map((seed) => optionOrder(s2, seed).join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it("shows a pair as its two statements, left first", () => {
    const bank = parseItemBank(newItemBankJson());
    const p1 = bank.items.find((i) => i.id === "p1");
    if (!p1) throw new Error("factory bank has no p1");
    expect(publicItemView(p1, "ja")).toEqual({
      id: "p1",
      version: 1,
      exercise: "workstyle",
      format: "paired-statements",
      statements: [
        { id: "a", text: "p1 左" },
        { id: "b", text: "p1 右" },
      ],
    });
  });
});
