import { describe, expect, it } from "vitest";
import { newItemBankJson } from "./item-bank-factory.ts";
import { parseItemBank } from "./parse-item-bank.ts";
import { estimateAssessmentTime, itemReadingLength, minimumAnswerMs, textLength, typicalItemSeconds } from "./reading-time.ts";

const bank = parseItemBank(newItemBankJson());
const item = (id: string) => {
  const found = bank.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};

// s1 in Japanese: scenario 「s1 の場面」 6 + question 「最も効果的なのは？」 9 + four options
// 「選択肢A」… 4 × 4 = 31 characters; transcript 「荷物はどこですか。」 9.
// In English: "The s1 situation" 16 + "Most effective?" 15 + "Option A"… 4 × 8 = 63; transcript 19.
describe("textLength and itemReadingLength", () => {
  it("count code points, so kana, kanji, emoji and spaces are one each", () => {
    expect(textLength("返品")).toBe(2);
    expect(textLength("a b")).toBe(3);
    expect(textLength("🌐")).toBe(1);
  });

  it("count a situation's scenario, question and options, and a pair's two statements", () => {
    expect(itemReadingLength(item("s1"), "ja")).toBe(31);
    expect(itemReadingLength(item("s1"), "en")).toBe(63);
    expect(itemReadingLength(item("p1"), "ja")).toBe(8); // 「p1 左」「p1 右」
  });
});

describe("minimumAnswerMs", () => {
  it("is text at the fast speed, plus the audio, plus the floor", () => {
    // ja: 31 / (1500 / 60) = 1.24 s + audio 2.5 s + floor 3 s = 6.74 s
    expect(minimumAnswerMs(item("s1"), { locale: "ja", audioSeconds: 2.5 })).toBe(6740);
    // en: 63 / (3900 / 60) = 0.9692 s + 2.5 s + 3 s = 6.4692 s
    expect(minimumAnswerMs(item("s1"), { locale: "en", audioSeconds: 2.5 })).toBe(6469);
  });

  it("reads the transcript instead of the audio when the candidate used it, or when the clip's length is unknown", () => {
    // ja: 1.24 s + transcript 9 / 25 = 0.36 s + 3 s = 4.6 s
    expect(minimumAnswerMs(item("s1"), { locale: "ja", audioSeconds: 2.5, transcriptUsed: true })).toBe(4600);
    expect(minimumAnswerMs(item("s1"), { locale: "ja" })).toBe(4600);
  });

  it("takes the faster language when the candidate's is not known", () => {
    expect(minimumAnswerMs(item("s1"), { audioSeconds: 2.5 })).toBe(6469);
  });

  it("gives a pair its two statements and a floor of 1.5 s", () => {
    // ja: 8 / 25 = 0.32 s + 1.5 s = 1.82 s;  en: "p1 left" 7 + "p1 right" 8 = 15 / 65 = 0.2308 s + 1.5 s
    expect(minimumAnswerMs(item("p1"), { locale: "ja" })).toBe(1820);
    expect(minimumAnswerMs(item("p1"))).toBe(1731);
  });
});

describe("typicalItemSeconds and estimateAssessmentTime", () => {
  it("time a situation at 500 characters a minute, plus its audio and 15 s to decide", () => {
    // 31 / (500 / 60) = 3.72 s + 3 s + 15 s
    expect(typicalItemSeconds(item("s1"), "ja", 3)).toBeCloseTo(21.72, 10);
    // Without the clip's length the transcript stands in: 9 / (500 / 60) = 1.08 s
    expect(typicalItemSeconds(item("s1"), "ja")).toBeCloseTo(19.8, 10);
    // A pair: 8 / (500 / 60) = 0.96 s + 6 s
    expect(typicalItemSeconds(item("p1"), "ja")).toBeCloseTo(6.96, 10);
  });

  it("adds up parts, pairs and pages, the draft and retired items left out", () => {
    const e = estimateAssessmentTime(bank, "ja", new Map([["audio/s1.mp3", 3]]));
    const part1 = typicalItemSeconds(item("s1"), "ja", 3) + typicalItemSeconds(item("s2"), "ja");
    const part2 = typicalItemSeconds(item("s3"), "ja") + typicalItemSeconds(item("s4"), "ja");
    expect(e.situationParts[1]).toBeCloseTo(part1, 10);
    expect(e.situationParts[2]).toBeCloseTo(part2, 10);
    expect(e.pairs).toBeCloseTo(
      ["p1", "p2", "p3", "p4"].reduce((sum, id) => sum + typicalItemSeconds(item(id), "ja"), 0),
      10,
    );
    expect(e.total).toBeCloseTo(e.situations + e.pairs + e.pages, 10);
    expect(e.pages).toBeGreaterThan(12 * 5); // twelve pages, 5 s each at least
  });
});
