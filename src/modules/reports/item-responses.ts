/**
 * The situations of one bank version as the item reports read them: one row per completed attempt, one
 * column per scored situation in bank order.
 *
 * - score: the item's score by the scoring rule (0–1, the mean of the picks given), null when unanswered;
 * - best / worst: the option picked as most / least effective, null when not picked;
 * - correct: the item dichotomised for DIF: 1 when the best pick is the keyed best option (the one the
 *   keying panel rated highest), 0 when another option was picked as best, null without a best pick.
 *
 * And per row, for the DIF by language: the interface language every answered scored situation was given
 * in, or null when the candidate answered them in both languages (switching mid-test) or an answer's
 * language was not recorded.
 *
 * An answer given to another version of the item is not this item's answer and counts as unanswered, as
 * in scoring. Pilot items are left out: they count towards no score.
 */
import { type ItemBank, orderItems, type SituationItem } from "../assessment/bank/index.ts";
import { isScored, readStoredAnswer, scoreSituationItem } from "../assessment/scoring/index.ts";
import type { CompletedAttempt } from "./read-completed-attempts.ts";

export type ItemResponses = {
  items: SituationItem[];
  /** The keyed best and worst option of each item. */
  keys: { best: string; worst: string }[];
  /** The application each row's attempt was taken for (never exported: it is how groups are joined in). */
  applicationIds: string[];
  scores: (number | null)[][];
  best: (string | null)[][];
  worst: (string | null)[][];
  correct: (0 | 1 | null)[][];
  languages: ("ja" | "en" | null)[];
};

/** The keyed best (highest rated) and worst (lowest rated) options of a situation. */
export function keyedOptionsOf(item: SituationItem): { best: string; worst: string } {
  const ratings = Object.entries(item.key.effectiveness);
  const best = ratings.reduce((a, b) => (b[1] > a[1] ? b : a));
  const worst = ratings.reduce((a, b) => (b[1] < a[1] ? b : a));
  return { best: best[0], worst: worst[0] };
}

/** The scored situations' responses of a set of completed attempts. */
export function itemResponsesOf(bank: ItemBank, attempts: readonly CompletedAttempt[]): ItemResponses {
  const items = orderItems(bank).filter((i): i is SituationItem => i.exercise === "situations" && isScored(i));
  const keys = items.map(keyedOptionsOf);
  const responses: ItemResponses = { items, keys, applicationIds: [], scores: [], best: [], worst: [], correct: [], languages: [] };
  for (const attempt of attempts) {
    const given = new Set<"ja" | "en" | null>();
    const picks = items.map((item) => {
      const stored = attempt.answers.get(item.id);
      if (!stored || stored.itemVersion !== item.version) return null;
      const answer = readStoredAnswer(item, stored.answer);
      if (!answer || !("best" in answer)) return null;
      given.add(stored.locale);
      return { best: answer.best, worst: answer.worst };
    });
    responses.languages.push(given.size === 1 ? ([...given][0] ?? null) : null);
    responses.applicationIds.push(attempt.applicationId);
    responses.scores.push(items.map((item, i) => (picks[i] ? (scoreSituationItem(item, picks[i]!)?.score ?? null) : null)));
    responses.best.push(picks.map((p) => p?.best ?? null));
    responses.worst.push(picks.map((p) => p?.worst ?? null));
    responses.correct.push(picks.map((p, i) => (p?.best == null ? null : p.best === keys[i]?.best ? 1 : 0)));
  }
  return responses;
}
