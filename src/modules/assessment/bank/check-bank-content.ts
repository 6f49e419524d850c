/**
 * Content rules that a bank can break while every field is well formed: answer cues in how the options
 * are written, too few items behind a subscore, a key that barely separates its options, and a promised
 * length that no longer matches the bank. `npm run content:check` fails on every problem listed here;
 * the loader does not apply these rules, so a small test bank can still load.
 *
 * Length cues. A candidate who always picks the longest option must not do well: the longest option
 * may be the keyed best one in at most 35 % of the situations, and across all options of the bank the
 * correlation between an option's length (characters) and its effectiveness rating must lie within
 * ±0.2, in each language. The same correlation within items (lengths and ratings centred on their item's
 * means) is held to the same bound, because a bank-wide correlation near zero can still hide a cue
 * inside each item.
 */

import type { BankProblem } from "./item-bank-error.ts";
import { formatJsonPath } from "./item-bank-error.ts";
import type { ItemBank, Locale, SituationItem } from "./item-bank-schema.ts";
import { isPresented } from "./order-items.ts";
import { estimateAssessmentTime, textLength } from "./reading-time.ts";

export const MAX_LONGEST_BEST_SHARE = 0.35;
export const MAX_LENGTH_RATING_CORRELATION = 0.2;
export const MIN_SCORED_ITEMS_PER_COMPETENCY = 8;
/** The keyed best (and worst) option must be rated at least this far from the next one. */
export const MIN_KEY_MARGIN = 0.5;

export interface LengthCueFigures {
  locale: Locale;
  situations: number;
  /**
   * Share of situations whose keyed best option is the longest: what always picking the longest option
   * would get right. An item where k options tie for longest, the best among them, counts 1/k.
   */
  longestIsBest: number;
  /** The same for the keyed worst option and the shortest one; reported, not a rule. */
  shortestIsWorst: number;
  /** Pearson correlation of option length and rating over every option of every situation. */
  correlation: number;
  /** The same over lengths and ratings centred on their item's means. */
  withinItemCorrelation: number;
}

export interface BankContentReport {
  problems: BankProblem[];
  warnings: string[];
  lengthCues: LengthCueFigures[];
  /** Scored situations per competency, in the bank's order. */
  competencies: { competencyId: string; scored: number; pilot: number }[];
}

/** Pearson's r of two equally long lists; 0 when either does not vary. */
export function correlation(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return 0;
  const mean = (v: readonly number[]) => v.slice(0, n).reduce((a, b) => a + b, 0) / n;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** The length cues of a set of situations in one language. */
export function measureLengthCues(items: readonly SituationItem[], locale: Locale): LengthCueFigures {
  const lengths: number[] = [];
  const ratings: number[] = [];
  const centredLengths: number[] = [];
  const centredRatings: number[] = [];
  let longestIsBest = 0;
  let shortestIsWorst = 0;
  for (const item of items) {
    const rows = item.options.map((o) => ({ length: textLength(o.label[locale]), rating: item.key.effectiveness[o.id] ?? 0 }));
    const longest = Math.max(...rows.map((r) => r.length));
    const shortest = Math.min(...rows.map((r) => r.length));
    const best = Math.max(...rows.map((r) => r.rating));
    const worst = Math.min(...rows.map((r) => r.rating));
    // "Pick the longest" breaks ties at random: with k options tied for longest, it finds the best one
    // k times less often.
    const longestRows = rows.filter((r) => r.length === longest);
    const shortestRows = rows.filter((r) => r.length === shortest);
    if (longestRows.some((r) => r.rating === best)) longestIsBest += 1 / longestRows.length;
    if (shortestRows.some((r) => r.rating === worst)) shortestIsWorst += 1 / shortestRows.length;
    const meanLength = rows.reduce((a, r) => a + r.length, 0) / rows.length;
    const meanRating = rows.reduce((a, r) => a + r.rating, 0) / rows.length;
    for (const r of rows) {
      lengths.push(r.length);
      ratings.push(r.rating);
      centredLengths.push(r.length - meanLength);
      centredRatings.push(r.rating - meanRating);
    }
  }
  const share = (count: number) => (items.length === 0 ? 0 : count / items.length);
  return {
    locale,
    situations: items.length,
    longestIsBest: share(longestIsBest),
    shortestIsWorst: share(shortestIsWorst),
    correlation: correlation(lengths, ratings),
    withinItemCorrelation: correlation(centredLengths, centredRatings),
  };
}

/** Minutes promised in page text ("全体で45分", "takes about 45 minutes"), with where they were found. */
function promisedMinutes(bank: ItemBank): { minutes: number; path: string }[] {
  const found: { minutes: number; path: string }[] = [];
  const pages = bank.pages;
  const named: [string, { body: ItemBank["pages"]["intro"]["body"] }][] = [
    ["intro", pages.intro],
    ["tips", pages.tips],
    ["situationsInstructions", pages.situationsInstructions],
    ["autoAdvance", pages.autoAdvance],
    ["completion", pages.completion],
  ];
  for (const [name, page] of named) {
    page.body.forEach((block, b) => {
      if (block.type === "list") return;
      for (const [locale, pattern] of [
        ["ja", /全体で(?:約)?(\d+)分/g],
        ["en", /takes about (\d+) minutes/g],
      ] as const) {
        for (const match of block.text[locale].matchAll(pattern)) {
          found.push({ minutes: Number(match[1]), path: formatJsonPath(["pages", name, "body", b, "text", locale]) });
        }
      }
    });
  }
  return found;
}

/**
 * Applies the content rules above to a valid bank. `audioSeconds` (clip lengths by src) makes the time
 * estimate exact; without it transcripts stand in for the audio.
 */
export function checkBankContent(bank: ItemBank, audioSeconds: ReadonlyMap<string, number> = new Map()): BankContentReport {
  const problems: BankProblem[] = [];
  const warnings: string[] = [];
  const situations = bank.items.filter((i): i is SituationItem => i.exercise === "situations" && isPresented(i));

  const lengthCues = (["ja", "en"] as const).map((locale) => measureLengthCues(situations, locale));
  for (const cue of lengthCues) {
    const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
    if (cue.longestIsBest > MAX_LONGEST_BEST_SHARE)
      problems.push({
        path: "items",
        message: `(${cue.locale}) the keyed best option is the longest in ${pct(cue.longestIsBest)} of the situations; at most ${pct(MAX_LONGEST_BEST_SHARE)} are allowed, or picking the longest option pays`,
      });
    if (Math.abs(cue.correlation) > MAX_LENGTH_RATING_CORRELATION)
      problems.push({
        path: "items",
        message: `(${cue.locale}) option length and effectiveness rating correlate at r = ${cue.correlation.toFixed(2)} across the bank; it must lie within ±${MAX_LENGTH_RATING_CORRELATION}`,
      });
    if (Math.abs(cue.withinItemCorrelation) > MAX_LENGTH_RATING_CORRELATION)
      problems.push({
        path: "items",
        message: `(${cue.locale}) within items, option length and effectiveness rating correlate at r = ${cue.withinItemCorrelation.toFixed(2)}; it must lie within ±${MAX_LENGTH_RATING_CORRELATION}`,
      });
  }

  const competencies = bank.competencies.map((c) => ({
    competencyId: c.id,
    scored: situations.filter((i) => i.scored && i.status === "live" && i.competencies[0] === c.id).length,
    pilot: situations.filter((i) => i.status === "pilot" && i.competencies[0] === c.id).length,
  }));
  competencies.forEach((c, index) => {
    if (c.scored < MIN_SCORED_ITEMS_PER_COMPETENCY)
      problems.push({
        path: formatJsonPath(["competencies", index, "id"]),
        message: `competency ${c.competencyId} has ${c.scored} scored situations; a subscore needs at least ${MIN_SCORED_ITEMS_PER_COMPETENCY} to mean anything`,
      });
  });

  bank.items.forEach((item, index) => {
    if (item.exercise !== "situations" || !isPresented(item)) return;
    const ratings = Object.values(item.key.effectiveness).sort((a, b) => b - a);
    const [first = 0, second = 0] = ratings;
    const [last = 0, nextToLast = 0] = [...ratings].reverse();
    if (first - second < MIN_KEY_MARGIN)
      problems.push({
        path: formatJsonPath(["items", index, "key", "effectiveness"]),
        message: `item ${item.id}: its best option is rated only ${(first - second).toFixed(1)} above the next; the key needs a margin of at least ${MIN_KEY_MARGIN}`,
      });
    if (nextToLast - last < MIN_KEY_MARGIN)
      problems.push({
        path: formatJsonPath(["items", index, "key", "effectiveness"]),
        message: `item ${item.id}: its worst option is rated only ${(nextToLast - last).toFixed(1)} below the next; the key needs a margin of at least ${MIN_KEY_MARGIN}`,
      });
  });

  const estimate = estimateAssessmentTime(bank, "ja", audioSeconds);
  for (const promise of promisedMinutes(bank)) {
    if (promise.minutes !== bank.estimatedMinutes)
      problems.push({
        path: promise.path,
        message: `promises ${promise.minutes} minutes, but estimatedMinutes is ${bank.estimatedMinutes}`,
      });
  }
  const drift = Math.abs(estimate.totalMinutes - bank.estimatedMinutes);
  if (drift > Math.max(3, bank.estimatedMinutes * 0.1))
    warnings.push(
      `estimatedMinutes is ${bank.estimatedMinutes}, but the bank's content comes to about ${estimate.totalMinutes} minutes for a native reader; update it and the intro page`,
    );

  return { problems, warnings, lengthCues, competencies };
}
