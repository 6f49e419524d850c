import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { newItemBankJson } from "./item-bank-factory.ts";
import type { Item, SituationItem } from "./item-bank-schema.ts";
import { loadItemBank } from "./load-item-bank.ts";
import { assessmentSteps, optionOrder, orderItems, orderItemsForAttempt } from "./order-items.ts";
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

  it("is the same on every call (bank order, no shuffling)", async () => {
    const bank = await loadItemBank(DEMO_DIR);
    expect(orderItems(bank).map((i) => i.id)).toEqual(orderItems(bank).map((i) => i.id));
  });
});

const ids = (items: readonly Item[]) => items.map((i) => i.id);
const block = (items: readonly Item[]) => items.map((i) => (i.exercise === "situations" ? `part-${i.part}` : "pairs"));

describe("orderItemsForAttempt", () => {
  it("gives the same order for the same seed, every time", async () => {
    const bank = await loadItemBank(DEMO_DIR);
    expect(ids(orderItemsForAttempt(bank, 12345))).toEqual(ids(orderItemsForAttempt(bank, 12345)));
  });

  it("shuffles within part 1, part 2 and the pairs, never across them, with the same items as the bank order", async () => {
    const bank = await loadItemBank(DEMO_DIR);
    const fixed = orderItems(bank);
    const orders = [1, 2, 3, 4, 5].map((seed) => orderItemsForAttempt(bank, seed));
    for (const order of orders) {
      expect(block(order)).toEqual(block(fixed));
      expect([...ids(order)].sort()).toEqual([...ids(fixed)].sort());
    }
    expect(new Set(orders.map((o) => ids(o).join())).size).toBe(5);
    expect(orders.some((o) => ids(o).join() !== ids(fixed).join())).toBe(true);
  });

  it("mixes pilot items among live ones, and leaves draft and retired items out", () => {
    const bank = parseItemBank(newItemBankJson());
    const places = new Set<number>();
    for (let seed = 0; seed < 50; seed += 1) {
      const order = ids(orderItemsForAttempt(bank, seed));
      expect(order).not.toContain("s5");
      expect(order).not.toContain("p5");
      // Part 2 holds s3 (live) and s4 (pilot), at places 2 and 3.
      places.add(order.indexOf("s4"));
    }
    expect(places).toEqual(new Set([2, 3]));
  });
});

describe("optionOrder", () => {
  it("is a permutation of the item's options, the same for the same seed", async () => {
    const bank = await loadItemBank(DEMO_DIR);
    for (const item of orderItems(bank)) {
      if (item.exercise !== "situations") continue;
      const order = optionOrder(item, 99);
      expect([...order].sort()).toEqual(item.options.map((o) => o.id).sort());
      expect(optionOrder(item, 99)).toEqual(order);
    }
  });

  it("spreads the keyed best option over the positions, within an attempt and over many", async () => {
    const bank = await loadItemBank(DEMO_DIR);
    const situations = orderItems(bank).filter((i): i is SituationItem => i.exercise === "situations");
    const bestOf = (item: SituationItem) => Object.entries(item.key.effectiveness).sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
    const pooled = new Map<number, number>();
    for (let seed = 1; seed <= 100; seed += 1) {
      const positions = situations.map((item) => optionOrder(item, seed).indexOf(bestOf(item)));
      expect(new Set(positions).size, `seed ${seed}`).toBeGreaterThan(1);
      for (const at of positions) pooled.set(at, (pooled.get(at) ?? 0) + 1);
    }
    // Four positions in every demo item: each should hold the best option about a quarter of the time.
    const total = situations.length * 100;
    for (const at of [0, 1, 2, 3]) {
      expect((pooled.get(at) ?? 0) / total, `position ${at}`).toBeGreaterThan(0.2);
      expect((pooled.get(at) ?? 0) / total, `position ${at}`).toBeLessThan(0.3);
    }
  });

  it("puts the keyed best option in each position about equally often over many attempts", async () => {
    const bank = await loadItemBank(DEMO_DIR);
    const item = orderItems(bank).find((i): i is SituationItem => i.exercise === "situations" && i.options.length === 4);
    if (!item) throw new Error("the demo bank has no four-option situation");
    const best = Object.entries(item.key.effectiveness).sort((a, b) => b[1] - a[1])[0]?.[0];
    const positions = [0, 0, 0, 0];
    for (let seed = 0; seed < 4000; seed += 1) {
      const at = optionOrder(item, seed).indexOf(best ?? "");
      positions[at] = (positions[at] ?? 0) + 1;
    }
    for (const count of positions) expect(Math.abs(count - 1000)).toBeLessThan(120);
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

  it("keeps every page where it is when an attempt's seed reorders the items", async () => {
    const bank = await loadItemBank(DEMO_DIR);
    const shape = (seed?: number) => assessmentSteps(bank, seed).map((s) => (s.kind === "item" ? `${s.item.exercise}/${s.number}/${s.total}` : s.page.id));
    expect(shape(777)).toEqual(shape());
    const items = (seed: number) => assessmentSteps(bank, seed).flatMap((s) => (s.kind === "item" ? [s.item.id] : []));
    expect(items(777)).toEqual(ids(orderItemsForAttempt(bank, 777)));
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
