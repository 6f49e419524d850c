/**
 * How long items take to read: the typical time, for the assessment's length as the intro page
 * promises it, and the plausible minimum, for the "answered too fast" integrity signal.
 *
 * Both count characters (Unicode code points, spaces and punctuation included) of what the candidate
 * must read, divide by a reading speed, and add the audio and a fixed time for choosing:
 *
 *   typical  = characters / typical speed + audio + decision time
 *   minimum  = characters / fast speed    + audio (or the transcript at the fast speed) + floor
 *
 * Speeds, in characters per minute. Typical: 500 for Japanese (a native adult reading carefully, as in
 * a test) and 1,300 for English (about 230 words a minute). Fast: three times that, 1,500 and 3,900,
 * the pace of skimming, which nobody can keep up while weighing 4–6 options. A situation's text is its
 * scenario, question and every option; a pair's, its two statements. A situation's audio counts once
 * at its length; when the candidate read the transcript instead, the transcript counts as text.
 * Decision time: 15 s per situation (two choices among 4–6 options), 6 s per pair. Floor: 3 s per
 * situation (two clicks and a glance), 1.5 s per pair.
 *
 * The minimum is a signal for reviewers, never a verdict: an answer faster than it is listed, not
 * rejected or scored down.
 */
import type { Item, ItemBank, Locale, Page, SituationItem } from "./item-bank-schema.ts";
import { orderItems } from "./order-items.ts";

export const TYPICAL_CHARS_PER_MINUTE: Readonly<Record<Locale, number>> = { ja: 500, en: 1300 };
export const FAST_CHARS_PER_MINUTE: Readonly<Record<Locale, number>> = { ja: 1500, en: 3900 };
export const DECISION_SECONDS = { situation: 15, pair: 6 } as const;
export const FLOOR_SECONDS = { situation: 3, pair: 1.5 } as const;
/** A page of instructions: its reading time plus this, for finding and pressing the button. */
export const PAGE_SECONDS = 5;

const LOCALES: readonly Locale[] = ["ja", "en"];

/** Characters as a reader meets them: Unicode code points, so 「返品」 is 4 and "return" is 6. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** The characters a candidate must read to answer an item (without the audio transcript). */
export function itemReadingLength(item: Item, locale: Locale): number {
  if (item.exercise === "workstyle") return item.statements.reduce((sum, s) => sum + textLength(s.text[locale]), 0);
  return textLength(item.scenario[locale]) + textLength(item.question[locale]) + item.options.reduce((sum, o) => sum + textLength(o.label[locale]), 0);
}

function transcriptLength(item: SituationItem, locale: Locale): number {
  return item.media ? textLength(item.media.transcript[locale]) : 0;
}

export interface MinimumAnswerTimeOptions {
  /** The language the candidate took the assessment in; without it, the faster of the two. */
  locale?: Locale;
  /** The clip's length in seconds; without it, the transcript read at the fast speed stands in. */
  audioSeconds?: number;
  /** The candidate showed the transcript: it is read as text instead of listened to. */
  transcriptUsed?: boolean;
}

/** The plausible minimum time to answer an item, in milliseconds, by the rule at the top of this file. */
export function minimumAnswerMs(item: Item, options: MinimumAnswerTimeOptions = {}): number {
  const locales = options.locale ? [options.locale] : LOCALES;
  const fastest = Math.min(
    ...locales.map((locale) => {
      const fast = FAST_CHARS_PER_MINUTE[locale] / 60;
      if (item.exercise === "workstyle") return itemReadingLength(item, locale) / fast + FLOOR_SECONDS.pair;
      let audio = 0;
      if (item.media) {
        const readTranscript = transcriptLength(item, locale) / fast;
        audio = options.transcriptUsed || options.audioSeconds === undefined ? readTranscript : options.audioSeconds;
      }
      return itemReadingLength(item, locale) / fast + audio + FLOOR_SECONDS.situation;
    }),
  );
  return Math.round(fastest * 1000);
}

/** The typical time a native reader needs for an item, in seconds. */
export function typicalItemSeconds(item: Item, locale: Locale, audioSeconds = 0): number {
  const perSecond = TYPICAL_CHARS_PER_MINUTE[locale] / 60;
  if (item.exercise === "workstyle") return itemReadingLength(item, locale) / perSecond + DECISION_SECONDS.pair;
  const audio = item.media ? audioSeconds || transcriptLength(item, locale) / perSecond : 0;
  return itemReadingLength(item, locale) / perSecond + audio + DECISION_SECONDS.situation;
}

/** The characters on a page of text (headings, paragraphs, list items and their terms, survey questions). */
export function pageReadingLength(page: Page & { questions?: { text: Record<Locale, string> }[] }, locale: Locale): number {
  let n = textLength(page.title[locale]);
  for (const block of page.body) {
    if (block.type === "list") for (const entry of block.items) n += (entry.term ? textLength(entry.term[locale]) : 0) + textLength(entry.text[locale]);
    else n += textLength(block.text[locale]);
  }
  for (const q of page.questions ?? []) n += textLength(q.text[locale]);
  return n;
}

export interface AssessmentTimeEstimate {
  locale: Locale;
  /** Seconds per situations part, items only. */
  situationParts: { 1: number; 2: number };
  situations: number;
  pairs: number;
  /** Every page around the exercises, the audio-check clip included. */
  pages: number;
  total: number;
  /** The total in whole minutes, rounded to the nearest minute. */
  totalMinutes: number;
}

/**
 * How long a native reader takes for the whole assessment, by the typical-time rule above. `audioSeconds`
 * gives each clip's length by its `src` (0 or missing: the transcript's reading time stands in).
 */
export function estimateAssessmentTime(bank: ItemBank, locale: Locale, audioSeconds: ReadonlyMap<string, number> = new Map()): AssessmentTimeEstimate {
  const situationParts = { 1: 0, 2: 0 };
  let pairs = 0;
  for (const item of orderItems(bank)) {
    const seconds = typicalItemSeconds(item, locale, item.exercise === "situations" && item.media ? (audioSeconds.get(item.media.src) ?? 0) : 0);
    if (item.exercise === "situations") situationParts[item.part] += seconds;
    else pairs += seconds;
  }
  const { pages } = bank;
  const allPages: Page[] = [
    pages.intro,
    pages.tips,
    ...pages.roleOverview,
    pages.situationsInstructions,
    pages.audioCheck,
    pages.autoAdvance,
    ...pages.partIntros,
    pages.workstyleInstructions,
    pages.completion,
    pages.survey,
  ];
  const perSecond = TYPICAL_CHARS_PER_MINUTE[locale] / 60;
  let pageSeconds = allPages.reduce((sum, page) => sum + pageReadingLength(page, locale) / perSecond + PAGE_SECONDS, 0);
  pageSeconds += audioSeconds.get(pages.audioCheck.media.src) ?? 0;
  const situations = situationParts[1] + situationParts[2];
  const total = situations + pairs + pageSeconds;
  return { locale, situationParts, situations, pairs, pages: pageSeconds, total, totalMinutes: Math.round(total / 60) };
}
