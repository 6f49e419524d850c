import { describe, expect, it } from "vitest";
import { createSeededRandom } from "./create-seeded-random.ts";

describe("createSeededRandom", () => {
  it("repeats its sequence for the same seed and not for another", () => {
    const draw = (seed: number) => {
      const random = createSeededRandom(seed);
      return Array.from({ length: 5 }, () => [random.uniform(), random.normal()]);
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it("draws uniforms in [0, 1) and standard normals", () => {
    const random = createSeededRandom(1);
    const n = 20000;
    const uniforms = Array.from({ length: n }, () => random.uniform());
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniforms)).toBeLessThan(1);
    const normals = Array.from({ length: n }, () => random.normal());
    const mean = normals.reduce((a, b) => a + b, 0) / n;
    const variance = normals.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
  });
});
