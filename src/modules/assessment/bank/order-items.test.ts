import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { newItemBankJson } from "./item-bank-factory.ts";
import { loadItemBank } from "./load-item-bank.ts";
import { assessmentSteps, orderItems } from "./order-items.ts";
import { parseItemBank } from "./parse-item-bank.ts";

const DEMO_DIR = fileURLToPath(new URL("../../../../content/assessments/csa-ja", import.meta.url));

describe("orderItems", () => {
  it("gives part 1, then part 2, then the pairs; pilots included, draft and retired left out", () => {
    const json = newItemBankJson();
    // Put a part 2 item first in the file: the order comes from the part, not the file.
    json.items.unshift(...json.items.splice(2, 1));
    const bank = parseItemBank(json);
    expect(orderItems(bank).map((i) => i.id)).toEqual(["s1", "s2", "s3", "s4", "p1", "p2", "p3", "p4"]);
  });

  it("is the same on every call (no shuffling)", async () => {
    const bank = await loadItemBank(DEMO_DIR);
    expect(orderItems(bank).map((i) => i.id)).toEqual(orderItems(bank).map((i) => i.id));
  });
});

describe("assessmentSteps", () => {
  it("runs intro → tips → role → instructions → audio check → auto-advance → parts → work style → completion → survey", () => {
    const bank = parseItemBank(newItemBankJson());
    const names = assessmentSteps(bank).map((step) => (step.kind === "item" ? `${step.item.id} ${step.number}/${step.total}` : step.page.id));
    expect(names).toEqual([
      "intro",
      "tips",
      "role-1",
      "role-2",
      "situations-instructions",
      "audio-check",
      "auto-advance",
      "part-1",
      "s1 1/4",
      "s2 2/4",
      "part-2",
      "s3 3/4",
      "s4 4/4",
      "workstyle-instructions",
      "p1 1/4",
      "p2 2/4",
      "p3 3/4",
      "p4 4/4",
      "completion",
      "survey",
    ]);
  });

  it("explains auto-advance before the first question of the demo bank", async () => {
    const steps = assessmentSteps(await loadItemBank(DEMO_DIR));
    const autoAdvance = steps.findIndex((s) => s.kind === "page" && s.page.id === "auto-advance");
    const firstItem = steps.findIndex((s) => s.kind === "item");
    expect(autoAdvance).toBeGreaterThan(-1);
    expect(autoAdvance).toBeLessThan(firstItem);
    expect(steps.at(-1)?.kind).toBe("survey");
  });
});
