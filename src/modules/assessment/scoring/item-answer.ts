/**
 * Answers as the domain knows them, how they are written into the `answer` text column, and how they
 * are read back from a form or from that column.
 *
 * A situation is answered with two picks: the most effective option (`best`) and the least effective
 * one (`worst`), different options. Either may be missing: one pick alone is a partial answer, none at
 * all is no answer. Stored as `best=a;worst=c`, `best=a` or `worst=c` (keys in that order, `;` between,
 * option ids as the bank spells them); a bare option id such as `a`, what a one-choice form posts, is
 * read as `best=a`. A work-style pair is answered with one of four points, stored as `-2`, `-1`, `1`, `2`.
 */
import { ID_PATTERN, type Item, type ItemBank, type PairItem, type PairPoint, type SituationItem } from "../bank/item-bank-schema.ts";

/** A situation's two picks, by option id; null where the candidate has not picked. */
export interface SituationPicks {
  best: string | null;
  worst: string | null;
}

/** A situation answered with its most and least effective options (one of them may be missing). */
export interface SituationAnswer extends SituationPicks {
  itemId: string;
  /** The item version the candidate saw; when given, an answer to another version is not scored. */
  itemVersion?: number;
}

/** One option alone, as a one-choice form posts it: scored as a best pick with no worst pick. */
export interface SingleChoiceAnswer {
  itemId: string;
  itemVersion?: number;
  optionId: string;
}

/** A pair answered on the four-point scale: -2 / -1 lean to the left statement, 1 / 2 to the right one. */
export interface PairAnswer {
  itemId: string;
  itemVersion?: number;
  point: PairPoint;
}

export type ItemAnswer = SituationAnswer | SingleChoiceAnswer | PairAnswer;

export type RejectionReason =
  | "unknown-item"
  | "not-presented"
  | "version-mismatch"
  | "wrong-format"
  | "unknown-option"
  | "same-option"
  | "no-pick"
  | "invalid-point";

/** An answer that could not be used, with the reason, so bad data is reported rather than silently dropped. */
export interface RejectedAnswer {
  itemId: string;
  reason: RejectionReason;
}

/** The four answers to a pair, left to right. */
export const PAIR_POINTS: readonly PairPoint[] = [-2, -1, 1, 2];

/** The canonical text of a situation's picks (`best=a;worst=c`, `best=a`, `worst=c`), or null with no pick. */
export function encodeSituationPicks(picks: SituationPicks): string | null {
  const parts: string[] = [];
  if (picks.best !== null) parts.push(`best=${picks.best}`);
  if (picks.worst !== null) parts.push(`worst=${picks.worst}`);
  return parts.length > 0 ? parts.join(";") : null;
}

/**
 * Reads the text of a situation's picks, syntax only: the canonical form, its keys in either order, or a
 * bare option id (a best pick alone). Null for anything else: unknown keys, a key twice, an empty text.
 */
export function parseSituationPicks(text: string): SituationPicks | null {
  const trimmed = text.trim();
  if (ID_PATTERN.test(trimmed)) return { best: trimmed, worst: null };
  const picks: SituationPicks = { best: null, worst: null };
  const seen = new Set<string>();
  for (const part of trimmed.split(";")) {
    const match = /^(best|worst)=([a-z0-9-]+)$/.exec(part.trim());
    if (!match || seen.has(match[1] as string) || !ID_PATTERN.test(match[2] as string)) return null;
    seen.add(match[1] as string);
    picks[match[1] as "best" | "worst"] = match[2] as string;
  }
  return seen.size > 0 ? picks : null;
}

/** The text stored in the `answer` column for an answer. */
export function encodeItemAnswer(answer: SituationAnswer | SingleChoiceAnswer | PairAnswer): string {
  if ("point" in answer) return String(answer.point);
  const picks = "optionId" in answer ? { best: answer.optionId, worst: null } : answer;
  const text = encodeSituationPicks(picks);
  if (text === null) throw new Error(`answer to ${answer.itemId} has no pick to store`);
  return text;
}

/** Why a situation's picks do not fit its item, or null when they do. */
export function checkSituationPicks(item: SituationItem, picks: SituationPicks): "unknown-option" | "same-option" | "no-pick" | null {
  if (picks.best === null && picks.worst === null) return "no-pick";
  const ids = new Set(item.options.map((o) => o.id));
  if ((picks.best !== null && !ids.has(picks.best)) || (picks.worst !== null && !ids.has(picks.worst))) return "unknown-option";
  if (picks.best !== null && picks.best === picks.worst) return "same-option";
  return null;
}

function situationAnswer(item: SituationItem, picks: SituationPicks | null): SituationAnswer | null {
  if (!picks || checkSituationPicks(item, picks) !== null) return null;
  return { itemId: item.id, itemVersion: item.version, best: picks.best, worst: picks.worst };
}

function pairAnswer(item: PairItem, raw: unknown): PairAnswer | null {
  const point = typeof raw === "string" && /^[+-]?\d$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof point !== "number" || !PAIR_POINTS.includes(point as PairPoint)) return null;
  return { itemId: item.id, itemVersion: item.version, point: point as PairPoint };
}

/** A form field's option id: a non-empty string; an empty field means "not picked". Anything else is invalid. */
function formPick(value: unknown): string | null | undefined {
  if (value === undefined || value === null || value === "") return null;
  return typeof value === "string" ? value.trim() : undefined;
}

/**
 * Reads a submitted form as an answer to `item`, or null when it is not a valid answer. A situation
 * reads the `best` and `worst` fields (option ids; either may be empty, not both; never the same
 * option); a pair reads the `answer` field (-2, -1, 1, 2, "+1" allowed).
 */
export function readAnswerForm(item: Item, body: Readonly<Record<string, unknown>>): SituationAnswer | PairAnswer | null {
  if (item.exercise === "workstyle") return pairAnswer(item, body.answer);
  const best = formPick(body.best);
  const worst = formPick(body.worst);
  if (best === undefined || worst === undefined) return null;
  return situationAnswer(item, { best, worst });
}

/** Whether an answer is whole: a pair's point, or both picks of a situation. One pick alone is partial. */
export function isCompleteAnswer(answer: SituationAnswer | PairAnswer | null): boolean {
  if (!answer) return false;
  return "point" in answer || (answer.best !== null && answer.worst !== null);
}

/** Reads the `answer` column back as an answer to `item`, or null when it holds nothing valid for it. */
export function readStoredAnswer(item: Item, text: string | null | undefined): SituationAnswer | PairAnswer | null {
  if (typeof text !== "string") return null;
  if (item.exercise === "workstyle") return pairAnswer(item, text);
  return situationAnswer(item, parseSituationPicks(text));
}

/**
 * Reads one submitted value as an answer to `item`: an option id of a situation (a best pick alone) or
 * a pair's point. For a form with a single `answer` field; a situation's two picks come through
 * `readAnswerForm`, stored answers through `readStoredAnswer`.
 */
export function readItemAnswer(item: Item, raw: unknown): SingleChoiceAnswer | PairAnswer | null {
  if (item.exercise === "workstyle") return pairAnswer(item, raw);
  if (typeof raw !== "string" || !item.options.some((o) => o.id === raw)) return null;
  return { itemId: item.id, itemVersion: item.version, optionId: raw };
}

export interface MatchedAnswers {
  situations: Map<string, { item: SituationItem } & SituationPicks>;
  pairs: Map<string, { item: PairItem; point: PairPoint }>;
  rejected: RejectedAnswer[];
}

/**
 * Pairs each answer with its item. Scoring never throws on odd data: an answer that does not fit its
 * item is listed in `rejected`. When an item was answered more than once, the last answer counts,
 * matching the "change your answer" rule of the assessment.
 */
export function matchAnswers(bank: ItemBank, answers: readonly ItemAnswer[]): MatchedAnswers {
  const items = new Map(bank.items.map((item) => [item.id, item]));
  const matched: MatchedAnswers = { situations: new Map(), pairs: new Map(), rejected: [] };
  const reject = (itemId: string, reason: RejectionReason) => matched.rejected.push({ itemId, reason });

  for (const answer of answers) {
    const item = items.get(answer.itemId);
    if (!item) {
      reject(answer.itemId, "unknown-item");
      continue;
    }
    if (item.status !== "live" && item.status !== "pilot") {
      reject(item.id, "not-presented");
      continue;
    }
    if (answer.itemVersion !== undefined && answer.itemVersion !== item.version) {
      reject(item.id, "version-mismatch");
      continue;
    }
    if (item.exercise === "situations") {
      if ("point" in answer) {
        reject(item.id, "wrong-format");
        continue;
      }
      const picks: SituationPicks = "optionId" in answer ? { best: answer.optionId, worst: null } : { best: answer.best, worst: answer.worst };
      const problem = checkSituationPicks(item, picks);
      if (problem) reject(item.id, problem);
      else matched.situations.set(item.id, { item, ...picks });
      continue;
    }
    if (!("point" in answer)) reject(item.id, "wrong-format");
    else if (!PAIR_POINTS.includes(answer.point)) reject(item.id, "invalid-point");
    else matched.pairs.set(item.id, { item, point: answer.point });
  }
  return matched;
}

/** An item counts towards scores only when it is live and marked scored; pilot items ride along unscored. */
export function isScored(item: Item): boolean {
  return item.status === "live" && item.scored;
}
