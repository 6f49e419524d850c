import { describe, expect, it } from "vitest";
import { newItemBankJson } from "../bank/item-bank-factory.ts";
import { parseItemBank } from "../bank/parse-item-bank.ts";
import { readItemAnswer } from "./item-answer.ts";

const bank = parseItemBank(newItemBankJson());
const item = (id: string) => {
  const found = bank.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};

describe("readItemAnswer", () => {
  it("accepts one of a situation's option ids and nothing else", () => {
    expect(readItemAnswer(item("s1"), "b")).toEqual({ itemId: "s1", itemVersion: 1, optionId: "b" });
    for (const raw of ["z", "", "B", 1, null, undefined, ["a"], "constructor"]) expect(readItemAnswer(item("s1"), raw)).toBeNull();
  });

  it("accepts the four pair points, from a form field or JSON", () => {
    expect(readItemAnswer(item("p1"), "-2")).toEqual({ itemId: "p1", itemVersion: 1, point: -2 });
    expect(readItemAnswer(item("p1"), "+1")).toEqual({ itemId: "p1", itemVersion: 1, point: 1 });
    expect(readItemAnswer(item("p1"), 2)).toEqual({ itemId: "p1", itemVersion: 1, point: 2 });
    for (const raw of ["0", 0, "3", "-3", "1.5", "", "a", null, "1e0", -1.0001]) expect(readItemAnswer(item("p1"), raw)).toBeNull();
  });
});
