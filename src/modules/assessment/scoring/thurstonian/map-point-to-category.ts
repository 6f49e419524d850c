import type { PairPoint } from "../../bank/item-bank-schema.ts";

/**
 * The four answers to a pair as ordered categories of the latent difference y* = t_left − t_right:
 * 0 = +2 (right, 私に最も該当する), 1 = +1 (right, 私に良く該当する), 2 = −1 (left, 私に良く該当する),
 * 3 = −2 (left, 私に最も該当する). A higher category means the left statement was preferred more.
 */
export type PairCategory = 0 | 1 | 2 | 3;

/** The ordered category of a stored answer point (see PairCategory). */
export function mapPointToCategory(point: PairPoint): PairCategory {
  // Stored points run left to right (−2, −1, +1, +2) while categories run from "right most" to "left
  // most", so the order is reversed: the side is the sign and the strength the size.
  if (point === 2) return 0;
  if (point === 1) return 1;
  if (point === -1) return 2;
  return 3;
}
