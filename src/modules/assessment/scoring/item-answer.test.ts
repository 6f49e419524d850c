import { describe, expect, it } from "vitest";
import { newItemBankJson } from "../bank/item-bank-factory.ts";
import type { SituationItem } from "../bank/item-bank-schema.ts";
import { parseItemBank } from "../bank/parse-item-bank.ts";
import { encodeItemAnswer, encodeSituationPicks, parseSituationPicks, readAnswerForm, readItemAnswer, readStoredAnswer } from "./item-answer.ts";

const bank = parseItemBank(newItemBankJson());
const item = (id: string) => {
  const found = bank.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};
const s1 = item("s1") as SituationItem;

describe("encodeSituationPicks and parseSituationPicks", () => {
  it("write best first, worst second, and leave out a missing pick", () => {
    expect(encodeSituationPicks({ best: "a", worst: "c" })).toBe("best=a;worst=c");
    expect(encodeSituationPicks({ best: "a", worst: null })).toBe("best=a");
    expect(encodeSituationPicks({ best: null, worst: "c" })).toBe("worst=c");
    expect(encodeSituationPicks({ best: null, worst: null })).toBeNull();
  });

  it("read back what they write, keys in either order, and a bare option id as a best pick", () => {
    for (const picks of [
      { best: "a", worst: "c" },
      { best: "a", worst: null },
      { best: null, worst: "c" },
    ]) {
      expect(parseSituationPicks(encodeSituationPicks(picks) ?? "")).toEqual(picks);
    }
    expect(parseSituationPicks("worst=c;best=a")).toEqual({ best: "a", worst: "c" });
    expect(parseSituationPicks(" best=a ; worst=c ")).toEqual({ best: "a", worst: "c" });
    expect(parseSituationPicks("b")).toEqual({ best: "b", worst: null });
  });

  it("refuse what is not a pick text", () => {
    for (const text of ["", ";", "best=", "best=a;best=b", "most=a", "best=A", "best=a;worst=c;", "best=a,worst=c", "best:a", "a;b"]) {
      expect(parseSituationPicks(text), text).toBeNull();
    }
  });
});

describe("readAnswerForm", () => {
  it("reads a situation's best and worst fields, either of them alone", () => {
    expect(readAnswerForm(s1, { best: "a", worst: "d" })).toEqual({ itemId: "s1", itemVersion: 1, best: "a", worst: "d" });
    expect(readAnswerForm(s1, { best: "b", worst: "" })).toEqual({ itemId: "s1", itemVersion: 1, best: "b", worst: null });
    expect(readAnswerForm(s1, { worst: "c" })).toEqual({ itemId: "s1", itemVersion: 1, best: null, worst: "c" });
  });

  it("refuses no pick, the same option twice, unknown options and repeated fields", () => {
    for (const body of [
      {},
      { best: "", worst: "" },
      { best: "a", worst: "a" },
      { best: "z", worst: "a" },
      { best: "a", worst: "constructor" },
      { best: ["a", "b"], worst: "c" },
      { best: 1, worst: "c" },
      { answer: "a" },
    ]) {
      expect(readAnswerForm(s1, body), JSON.stringify(body)).toBeNull();
    }
  });

  it("reads a pair's answer field as one of the four points", () => {
    expect(readAnswerForm(item("p1"), { answer: "+2" })).toEqual({ itemId: "p1", itemVersion: 1, point: 2 });
    expect(readAnswerForm(item("p1"), { answer: "0" })).toBeNull();
    expect(readAnswerForm(item("p1"), { best: "a" })).toBeNull();
  });
});

describe("readStoredAnswer and encodeItemAnswer", () => {
  it("round-trip every kind of answer through the answer column", () => {
    const answers = [
      { itemId: "s1", itemVersion: 1, best: "a", worst: "d" },
      { itemId: "s1", itemVersion: 1, best: "a", worst: null },
      { itemId: "s1", itemVersion: 1, best: null, worst: "d" },
    ];
    for (const answer of answers) expect(readStoredAnswer(s1, encodeItemAnswer(answer))).toEqual(answer);
    expect(readStoredAnswer(item("p1"), encodeItemAnswer({ itemId: "p1", itemVersion: 1, point: -1 }))).toEqual({ itemId: "p1", itemVersion: 1, point: -1 });
  });

  it("reads a bare option id, as a one-choice form stored it, as a best pick alone", () => {
    expect(readStoredAnswer(s1, "b")).toEqual({ itemId: "s1", itemVersion: 1, best: "b", worst: null });
    expect(encodeItemAnswer({ itemId: "s1", optionId: "b" })).toBe("best=b");
  });

  it("gives null for nothing stored and for a text that does not fit the item", () => {
    for (const text of [null, undefined, "", "best=z", "best=a;worst=a", "-2"]) expect(readStoredAnswer(s1, text), String(text)).toBeNull();
    expect(readStoredAnswer(item("p1"), "best=a")).toBeNull();
  });
});

describe("readItemAnswer (one submitted value)", () => {
  it("accepts one of a situation's option ids and nothing else", () => {
    expect(readItemAnswer(item("s1"), "b")).toEqual({ itemId: "s1", itemVersion: 1, optionId: "b" });
    for (const raw of ["z", "", "B", 1, null, undefined, ["a"], "constructor", "best=a"]) expect(readItemAnswer(item("s1"), raw)).toBeNull();
  });

  it("accepts the four pair points, from a form field or JSON", () => {
    expect(readItemAnswer(item("p1"), "-2")).toEqual({ itemId: "p1", itemVersion: 1, point: -2 });
    expect(readItemAnswer(item("p1"), "+1")).toEqual({ itemId: "p1", itemVersion: 1, point: 1 });
    expect(readItemAnswer(item("p1"), 2)).toEqual({ itemId: "p1", itemVersion: 1, point: 2 });
    for (const raw of ["0", 0, "3", "-3", "1.5", "", "a", null, "1e0", -1.0001]) expect(readItemAnswer(item("p1"), raw)).toBeNull();
  });
});
