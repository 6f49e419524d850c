/**
 * Invented test responses for the statistics' tests: a seeded generator, so every run sees the same
 * candidates, and an item-response model, so the data behave like a real test (items that measure the
 * same ability correlate; a weak item does not; a DIF item is harder for one group at equal ability).
 */
import type { ItemDefinition } from "./analyse-items.ts";

/** Uniform numbers in [0, 1) from Marsaglia's xorshift32: reproducible from the seed alone. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/** A standard normal deviate by the Box–Muller transform. */
export function normalDeviate(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export interface InventedTestOptions {
  seed: number;
  candidates: number;
  items: number;
  /** Right/wrong items with four options (default), or situations rated 1–4. */
  kind?: "right-wrong" | "rated";
  /** Share of scores left missing, at random. */
  missingShare?: number;
  /** Items (by index) that do not measure the ability at all. */
  weakItems?: readonly number[];
  /** An item (by index) that is harder for the focal group at equal ability, and by how much (ability SDs). */
  difItem?: number;
  difSize?: number;
  /** Share of candidates in the focal group; the focal group's mean ability is 0.3 SD lower. */
  focalShare?: number;
  /** Items (by index) with a distractor almost nobody chooses. */
  rareDistractorItems?: readonly number[];
}

export interface InventedTest {
  items: ItemDefinition[];
  scores: (number | null)[][];
  choices: (string | null)[][] | undefined;
  groups: ("reference" | "focal")[];
}

const OPTIONS = ["a", "b", "c", "d"];
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** Responses of invented candidates to an invented test, by a two-parameter logistic model. */
export function inventTest(options: InventedTestOptions): InventedTest {
  const random = seededRandom(options.seed);
  const kind = options.kind ?? "right-wrong";
  const weak = new Set(options.weakItems ?? []);
  const rare = new Set(options.rareDistractorItems ?? []);
  const parameters = Array.from({ length: options.items }, (_, j) => ({
    discrimination: weak.has(j) ? 0 : 0.8 + 1.2 * random(),
    difficulty: -1.5 + 3 * random(),
    key: OPTIONS[Math.floor(random() * 4)] as string,
  }));
  const items: ItemDefinition[] = parameters.map((p, j) =>
    kind === "right-wrong" ? { id: `item${j + 1}`, options: OPTIONS, key: p.key } : { id: `item${j + 1}` },
  );
  const scores: (number | null)[][] = [];
  const choices: (string | null)[][] = [];
  const groups: ("reference" | "focal")[] = [];
  for (let c = 0; c < options.candidates; c++) {
    const group = random() < (options.focalShare ?? 0.3) ? "focal" : "reference";
    const ability = normalDeviate(random) - (group === "focal" ? 0.3 : 0);
    const scoreRow: (number | null)[] = [];
    const choiceRow: (string | null)[] = [];
    parameters.forEach((p, j) => {
      const shift = j === options.difItem && group === "focal" ? (options.difSize ?? 1) : 0;
      const location = 1.7 * p.discrimination * (ability - p.difficulty - shift);
      let score: number;
      let choice: string;
      if (kind === "rated") {
        // Ratings 1–4: one step up for each of three thresholds passed (graded response model).
        score = 1 + [-1, 0, 1].filter((t) => random() < logistic(location - 1.7 * p.discrimination * t)).length;
        choice = "";
      } else {
        score = random() < logistic(location) ? 1 : 0;
        const distractors = OPTIONS.filter((o) => o !== p.key);
        const weights = rare.has(j) ? [0.5, 0.49, 0.01] : [1 / 3, 1 / 3, 1 / 3];
        let draw = random();
        let index = 0;
        while (index < 2 && draw >= (weights[index] as number)) draw -= weights[index++] as number;
        choice = score === 1 ? p.key : (distractors[index] as string);
      }
      const missing = random() < (options.missingShare ?? 0);
      scoreRow.push(missing ? null : score);
      choiceRow.push(missing ? null : choice);
    });
    scores.push(scoreRow);
    choices.push(choiceRow);
    groups.push(group);
  }
  return { items, scores, choices: kind === "right-wrong" ? choices : undefined, groups };
}
