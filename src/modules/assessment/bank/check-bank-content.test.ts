import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkBankContent, correlation, MIN_SCORED_ITEMS_PER_COMPETENCY } from "./check-bank-content.ts";
import { generatedBank } from "./item-bank-factory.ts";
import { audioSecondsOf, loadItemBank } from "./load-item-bank.ts";
import { parseItemBank } from "./parse-item-bank.ts";

const DEMO_DIR = fileURLToPath(new URL("../../../../content/assessments/csa-ja", import.meta.url));

const t = (ja: string, en: string) => ({ ja, en });

describe("correlation", () => {
  it("is Pearson's r, and 0 when a list does not vary", () => {
    expect(correlation([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(correlation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    // x 1 2 3 4, y 1 3 2 4: sxy = 4, sxx = syy = 5 → 0.8
    expect(correlation([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    expect(correlation([2, 2, 2], [1, 2, 3])).toBe(0);
  });
});

describe("checkBankContent", () => {
  it("passes the demo bank, and prints figures within the limits in both languages", async () => {
    const bank = await loadItemBank(DEMO_DIR);
    const report = checkBankContent(bank, audioSecondsOf(bank));
    expect(report.problems).toEqual([]);
    expect(report.warnings).toEqual([]);
    for (const cue of report.lengthCues) {
      expect(cue.longestIsBest, cue.locale).toBeLessThanOrEqual(0.35);
      expect(Math.abs(cue.correlation), cue.locale).toBeLessThanOrEqual(0.2);
      expect(Math.abs(cue.withinItemCorrelation), cue.locale).toBeLessThanOrEqual(0.2);
    }
    for (const c of report.competencies) expect(c.scored, c.competencyId).toBeGreaterThanOrEqual(MIN_SCORED_ITEMS_PER_COMPETENCY);
  });

  it("fails a generated bank whose longest option is always the best, in both languages", () => {
    // Ratings 6, 4, 2.5, 1: the better the option, the longer its text.
    const bank = parseItemBank(generatedBank(24, [6, 4, 2.5, 1], (i, rating) => t("丁寧".repeat(rating * 4 + i), "polite ".repeat(rating * 3))));
    const report = checkBankContent(bank);
    const messages = report.problems.map((p) => p.message);
    for (const locale of ["ja", "en"]) {
      expect(messages).toContainEqual(expect.stringMatching(new RegExp(`^\\(${locale}\\) the keyed best option is the longest in 100 %`)));
      expect(messages).toContainEqual(
        expect.stringMatching(new RegExp(`^\\(${locale}\\) option length and effectiveness rating correlate at r = (0\\.9\\d|1\\.00) across`)),
      );
    }
    expect(report.lengthCues.map((c) => c.longestIsBest)).toEqual([1, 1]);
  });

  it("fails a bank whose shortest option is always the best: the correlation limit works both ways", () => {
    const bank = parseItemBank(generatedBank(24, [6, 4, 2.5, 1], (_, rating) => t("短".repeat(30 - rating * 4), "x".repeat(60 - rating * 8))));
    const messages = checkBankContent(bank).problems.map((p) => p.message);
    expect(messages).toContainEqual(expect.stringMatching(/^\(ja\) option length and effectiveness rating correlate at r = -1\.00/));
    expect(messages).not.toContainEqual(expect.stringContaining("is the longest"));
  });

  it("passes a generated bank without length cues, and fails it once a competency has fewer than 8 scored items", () => {
    // Every option equally long: no cue at all, 8 items for each of the three competencies.
    const fair = generatedBank(24, [6, 4, 2.5, 1], (i) => t(`対応${"あいうえ"[i]}`, `Reply ${"abcd"[i]}`));
    expect(checkBankContent(parseItemBank(fair)).problems).toEqual([]);
    const short = generatedBank(23, [6, 4, 2.5, 1], (i) => t(`対応${"あいうえ"[i]}`, `Reply ${"abcd"[i]}`));
    expect(checkBankContent(parseItemBank(short)).problems).toEqual([
      { path: "competencies[2].id", message: "competency ownership has 7 scored situations; a subscore needs at least 8 to mean anything" },
    ]);
  });

  it("fails a key whose best or worst option barely stands out", () => {
    const bank = parseItemBank(generatedBank(24, [6, 5.7, 2.5, 1.2, 1], (i) => t(`対応${"あいうえお"[i]}`, `Reply ${"abcde"[i]}`)));
    const messages = checkBankContent(bank).problems.map((p) => p.message);
    expect(messages).toContainEqual(expect.stringContaining("item g1: its best option is rated only 0.3 above the next"));
    expect(messages).toContainEqual(expect.stringContaining("item g1: its worst option is rated only 0.2 below the next"));
  });

  it("fails a page that promises another length than estimatedMinutes", () => {
    const json = generatedBank(24, [6, 4, 2.5, 1], (i) => t(`対応${"あいうえ"[i]}`, `Reply ${"abcd"[i]}`));
    json.estimatedMinutes = 2;
    json.pages.intro.body.push({ type: "paragraph", text: t("全体で30分ほどかかります。", "The whole assessment takes about 30 minutes.") });
    const report = checkBankContent(parseItemBank(json));
    expect(report.problems).toEqual([
      { path: "pages.intro.body[1].text.ja", message: "promises 30 minutes, but estimatedMinutes is 2" },
      { path: "pages.intro.body[1].text.en", message: "promises 30 minutes, but estimatedMinutes is 2" },
    ]);
  });
});
