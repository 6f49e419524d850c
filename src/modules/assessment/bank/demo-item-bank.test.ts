import { execFileSync } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { measureAudioDuration } from "./audio-duration.ts";
import { listMedia } from "./check-item-bank-references.ts";
import { checkWorkStyleDesign } from "./check-work-style-design.ts";
import type { ItemBank, PairItem, SituationItem } from "./item-bank-schema.ts";
import { audioSecondsOf, loadItemBank } from "./load-item-bank.ts";
import { estimateAssessmentTime } from "./reading-time.ts";
import { summarizeItemBank } from "./summarize-item-bank.ts";

const DEMO_DIR = fileURLToPath(new URL("../../../../content/assessments/csa-ja", import.meta.url));

/** soxi's reading when sox is installed, as a second opinion on the header parser; null otherwise. */
function soxiSeconds(file: string): number | null {
  try {
    return Number(execFileSync("soxi", ["-D", file], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    return null;
  }
}

let bank: ItemBank;
let situations: SituationItem[];
let pilotSituations: SituationItem[];
let pairs: PairItem[];

beforeAll(async () => {
  bank = await loadItemBank(DEMO_DIR);
  const scored = bank.items.filter((i) => i.status === "live" && i.scored);
  situations = scored.filter((i): i is SituationItem => i.exercise === "situations");
  pilotSituations = bank.items.filter((i): i is SituationItem => i.exercise === "situations" && i.status === "pilot");
  pairs = scored.filter((i): i is PairItem => i.exercise === "workstyle");
});

describe("the demo bank (content/assessments/csa-ja)", () => {
  it("loads and validates", () => {
    expect(bank.bankId).toBe("csa-ja");
    expect(bank.version).toBe(2);
    expect(bank.resultValidityMonths).toBe(6);
  });

  it("has at least 24 scored situations and 6 pilot ones over two parts, at least 8 with audio", () => {
    expect(situations.length).toBeGreaterThanOrEqual(24);
    expect(pilotSituations.length).toBeGreaterThanOrEqual(6);
    for (const part of [1, 2]) {
      expect(situations.filter((i) => i.part === part).length, `part ${part}`).toBeGreaterThanOrEqual(12);
      expect(pilotSituations.filter((i) => i.part === part).length, `part ${part} pilots`).toBeGreaterThanOrEqual(3);
    }
    expect([...situations, ...pilotSituations].filter((i) => i.media).length).toBeGreaterThanOrEqual(8);
  });

  it("gives every situation at least 4 options, each rated 1–6, one clear best, one clear worst, and a rationale", () => {
    for (const item of [...situations, ...pilotSituations]) {
      expect(item.options.length, item.id).toBeGreaterThanOrEqual(4);
      const ratings = item.options.map((o) => item.key.effectiveness[o.id]);
      expect(
        ratings.every((r) => r !== undefined && r >= 1 && r <= 6),
        item.id,
      ).toBe(true);
      const sorted = (ratings as number[]).sort((a, b) => b - a);
      expect((sorted[0] ?? 0) - (sorted[1] ?? 0), `${item.id} best margin`).toBeGreaterThanOrEqual(0.5);
      expect((sorted.at(-2) ?? 0) - (sorted.at(-1) ?? 0), `${item.id} worst margin`).toBeGreaterThanOrEqual(0.5);
      for (const locale of ["ja", "en"] as const) {
        // The rationale speaks about every option by its id, each at the start of a sentence.
        for (const option of item.options)
          expect(item.key.rationale[locale], `${item.id} ${locale} ${option.id}`).toMatch(new RegExp(`(^|[。.] ?)${option.id} `));
      }
    }
  });

  it("takes about 22 minutes for a native reader of the situations, and the bank promises the whole length", () => {
    const estimate = estimateAssessmentTime(bank, "ja", audioSecondsOf(bank));
    expect(estimate.situations / 60).toBeGreaterThanOrEqual(21);
    expect(estimate.situations / 60).toBeLessThanOrEqual(23);
    expect(Math.abs(bank.estimatedMinutes - estimate.total / 60)).toBeLessThanOrEqual(3);
  });

  it("has at least 60 scored pairs over 5–6 traits and meets every work-style design rule", () => {
    expect(pairs.length).toBeGreaterThanOrEqual(60);
    const traits = new Set(pairs.flatMap((p) => Object.values(p.key.statements).map((k) => k.traitId)));
    expect(traits.size).toBeGreaterThanOrEqual(5);
    expect(traits.size).toBeLessThanOrEqual(6);
    expect(bank.traits.length).toBe(traits.size);
    expect(checkWorkStyleDesign(bank).problems).toEqual([]);
  });

  it("uses new ids for the v2 pairs, each at version 1", () => {
    for (const item of bank.items.filter((i) => i.exercise === "workstyle")) {
      expect(item.id).toMatch(/^ws2-\d{2}$/);
      expect(item.version).toBe(1);
    }
  });

  it("holds parameters calibrated on simulated data, every statement loading in its keying's direction", () => {
    expect(bank.workStyleModel.calibration).toMatchObject({ data: "simulated", respondents: 5000, converged: true });
    for (const item of pairs) {
      for (const key of Object.values(item.key.statements)) {
        expect(Math.sign(key.loading), item.id).toBe(key.sign);
        expect(Math.abs(key.loading), item.id).toBeGreaterThan(0.3);
        expect(key.uniqueness + key.loading ** 2, item.id).toBeCloseTo(1, 2);
      }
    }
  });

  it("puts every trait on both sides and with both keying signs among the scored pairs", () => {
    const scoredOnly = { ...bank, items: pairs };
    for (const trait of summarizeItemBank(scoredOnly).traits) {
      expect(trait.left, `${trait.traitId} on the left`).toBeGreaterThan(0);
      expect(trait.right, `${trait.traitId} on the right`).toBeGreaterThan(0);
      expect(trait.positive, `${trait.traitId} keyed +`).toBeGreaterThan(0);
      expect(trait.negative, `${trait.traitId} keyed -`).toBeGreaterThan(0);
    }
  });

  it("never scores a pilot item", () => {
    const pilots = bank.items.filter((i) => i.status === "pilot");
    expect(pilots.every((i) => !i.scored)).toBe(true);
  });

  it("has three broad competencies, each the primary competency of at least 8 scored situations", () => {
    expect(bank.competencies).toHaveLength(3);
    for (const c of bank.competencies) {
      expect(situations.filter((i) => i.competencies[0] === c.id).length, c.id).toBeGreaterThanOrEqual(8);
    }
    for (const item of [...situations, ...pilotSituations]) expect(item.competencies, item.id).toHaveLength(1);
  });

  it("has a five-question survey, 2–4 role pages and a kana reading for every clip", () => {
    expect(bank.pages.survey.questions).toHaveLength(5);
    expect(bank.pages.roleOverview.length).toBeGreaterThanOrEqual(2);
    expect(bank.pages.roleOverview.length).toBeLessThanOrEqual(4);
    for (const { media } of listMedia(bank)) expect(media.reading, media.src).toBeTruthy();
  });

  it("has an audio-check clip of about 3 seconds", async () => {
    const file = join(DEMO_DIR, bank.pages.audioCheck.media.src);
    const seconds = measureAudioDuration(await readFile(file));
    expect(seconds).toBeGreaterThanOrEqual(2.5);
    expect(seconds).toBeLessThanOrEqual(3.5);
    const soxi = soxiSeconds(file);
    if (soxi !== null) expect(Math.abs(soxi - (seconds ?? 0))).toBeLessThan(0.1);
  });

  it("keeps the audio small and without files nobody uses", async () => {
    const used = new Set(listMedia(bank).map((m) => m.media.src));
    const files = await readdir(join(DEMO_DIR, "audio"));
    expect(files.map((f) => `audio/${f}`).sort()).toEqual([...used].sort());
    let total = 0;
    for (const f of files) total += await stat(join(DEMO_DIR, "audio", f)).then((s) => s.size);
    expect(total).toBeLessThan(1.5 * 1024 * 1024);
  });

  it("names no organisation: the organisation's name is configuration", async () => {
    const text = JSON.stringify(bank);
    expect(text).not.toMatch(/amazon|アマゾン/i);
  });
});
