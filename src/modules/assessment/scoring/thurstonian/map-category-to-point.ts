import type { PairPoint } from "../../bank/item-bank-schema.ts";
import type { PairCategory } from "./map-point-to-category.ts";

/** The answer point a category stands for: the inverse of mapPointToCategory. */
export function mapCategoryToPoint(category: PairCategory): PairPoint {
  if (category === 0) return 2;
  if (category === 1) return 1;
  if (category === 2) return -1;
  return -2;
}
