import { describe, expect, it } from "vitest";
import { PAIR_POINTS } from "../item-answer.ts";
import { mapCategoryToPoint } from "./map-category-to-point.ts";
import { mapPointToCategory } from "./map-point-to-category.ts";

describe("mapPointToCategory", () => {
  it("orders the answers from right 最も (0) to left 最も (3)", () => {
    expect(PAIR_POINTS.map(mapPointToCategory)).toEqual([3, 2, 1, 0]);
  });

  it("is undone by mapCategoryToPoint", () => {
    for (const point of PAIR_POINTS) expect(mapCategoryToPoint(mapPointToCategory(point))).toBe(point);
  });
});
