import type { Item, ItemBank, PairItem, PairPoint, SituationItem } from "../bank/item-bank-schema.ts";

/** A situation answered by choosing one option. */
export interface SituationAnswer {
  itemId: string;
  /** The item version the candidate saw; when given, an answer to another version is not scored. */
  itemVersion?: number;
  optionId: string;
}

/** A pair answered on the four-point scale: -2 / -1 lean to the left statement, 1 / 2 to the right one. */
export interface PairAnswer {
  itemId: string;
  itemVersion?: number;
  point: PairPoint;
}

export type ItemAnswer = SituationAnswer | PairAnswer;

export type RejectionReason = "unknown-item" | "not-presented" | "version-mismatch" | "wrong-format" | "unknown-option" | "invalid-point";

/** An answer that could not be used, with the reason, so bad data is reported rather than silently dropped. */
export interface RejectedAnswer {
  itemId: string;
  reason: RejectionReason;
}

/** The four answers to a pair, left to right. */
export const PAIR_POINTS: readonly PairPoint[] = [-2, -1, 1, 2];

/** Reads a submitted value (a form field or JSON) as an answer to `item`, or null when it is not one of its choices. */
export function readItemAnswer(item: Item, raw: unknown): ItemAnswer | null {
  if (item.exercise === "situations") {
    if (typeof raw !== "string" || !item.options.some((o) => o.id === raw)) return null;
    return { itemId: item.id, itemVersion: item.version, optionId: raw };
  }
  const point = typeof raw === "string" && /^[+-]?\d$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof point !== "number" || !PAIR_POINTS.includes(point as PairPoint)) return null;
  return { itemId: item.id, itemVersion: item.version, point: point as PairPoint };
}

export interface MatchedAnswers {
  situations: Map<string, { item: SituationItem; optionId: string }>;
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
      if (!("optionId" in answer)) reject(item.id, "wrong-format");
      else if (!Object.hasOwn(item.key.effectiveness, answer.optionId)) reject(item.id, "unknown-option");
      else matched.situations.set(item.id, { item, optionId: answer.optionId });
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
