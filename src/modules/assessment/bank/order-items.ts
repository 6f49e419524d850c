import type { AudioCheckPage, Item, ItemBank, Page, PairItem, SituationItem, SurveyPage } from "./item-bank-schema.ts";
import { randomFor, shuffled } from "./seeded-random.ts";

/** Draft items are not ready and retired ones are withdrawn; live and pilot items are shown. */
export function isPresented(item: Item): boolean {
  return item.status === "live" || item.status === "pilot";
}

/**
 * The bank order of the items shown: part 1 situations, part 2 situations, then the work-style pairs,
 * each in file order. Item review, reports and statistics list items this way; a candidate sees the
 * order of `orderItemsForAttempt`.
 */
export function orderItems(bank: ItemBank): Item[] {
  const shown = bank.items.filter(isPresented);
  const situations = shown.filter((i): i is SituationItem => i.exercise === "situations");
  return [
    ...situations.filter((i) => i.part === 1),
    ...situations.filter((i) => i.part === 2),
    ...shown.filter((i): i is PairItem => i.exercise === "workstyle"),
  ];
}

/**
 * One attempt's item order: part 1 situations, part 2 situations, then the pairs, as in `orderItems`,
 * but each block shuffled with the attempt's seed, pilot items mixed in among live ones. Blocks never
 * mix: an item stays in its part and exercise, so the part introductions and instructions stay where
 * they are. The same seed always gives the same order, so an attempt resumes, and can be reviewed, in
 * the order it was taken. Shuffling spreads position effects (fatigue, warming up, a hard item just
 * before) over all items instead of always loading them onto the same ones.
 */
export function orderItemsForAttempt(bank: ItemBank, seed: number): Item[] {
  const shown = orderItems(bank);
  const situations = shown.filter((i): i is SituationItem => i.exercise === "situations");
  return [
    ...shuffled(
      situations.filter((i) => i.part === 1),
      randomFor(seed, "situations-part-1"),
    ),
    ...shuffled(
      situations.filter((i) => i.part === 2),
      randomFor(seed, "situations-part-2"),
    ),
    ...shuffled(
      shown.filter((i): i is PairItem => i.exercise === "workstyle"),
      randomFor(seed, "workstyle"),
    ),
  ];
}

/**
 * The order in which one attempt shows a situation's options, as option ids. Each item draws its own
 * order from the attempt seed and the item id, so a candidate cannot learn "the best answer is usually
 * second", and two candidates rarely see the same layout. A pair's two statements keep their sides: the
 * bank balances every trait over left and right, and shuffling sides would undo that.
 */
export function optionOrder(item: SituationItem, seed: number): string[] {
  return shuffled(
    item.options.map((o) => o.id),
    randomFor(seed, `options/${item.id}`),
  );
}

export type AssessmentStep =
  | { kind: "page"; page: Page }
  | { kind: "audio-check"; page: AudioCheckPage }
  | { kind: "item"; item: Item /** 1-based place within its exercise, for "3 / 13". */; number: number; total: number }
  | { kind: "survey"; page: SurveyPage };

/**
 * Every page of the assessment in order. Auto-advance is explained before the first question (WCAG
 * 3.2.2); a part's or exercise's introduction is left out when it has no items to introduce. With an
 * attempt's seed the items come in that attempt's order (`orderItemsForAttempt`); without one, in bank
 * order. The pages themselves never move.
 */
export function assessmentSteps(bank: ItemBank, seed?: number): AssessmentStep[] {
  const { pages } = bank;
  const items = seed === undefined ? orderItems(bank) : orderItemsForAttempt(bank, seed);
  const situations = items.filter((i): i is SituationItem => i.exercise === "situations");
  const pairs = items.filter((i): i is PairItem => i.exercise === "workstyle");
  const asSteps = (list: readonly Item[], offset: number, total: number): AssessmentStep[] =>
    list.map((item, i) => ({ kind: "item", item, number: offset + i + 1, total }));
  const part1 = situations.filter((i) => i.part === 1);
  const part2 = situations.filter((i) => i.part === 2);

  const steps: AssessmentStep[] = [
    { kind: "page", page: pages.intro },
    { kind: "page", page: pages.tips },
    ...pages.roleOverview.map((page): AssessmentStep => ({ kind: "page", page })),
  ];
  if (situations.length > 0) {
    steps.push({ kind: "page", page: pages.situationsInstructions }, { kind: "audio-check", page: pages.audioCheck });
  }
  if (items.length > 0) steps.push({ kind: "page", page: pages.autoAdvance });
  if (part1.length > 0) steps.push({ kind: "page", page: pages.partIntros[0] }, ...asSteps(part1, 0, situations.length));
  if (part2.length > 0) steps.push({ kind: "page", page: pages.partIntros[1] }, ...asSteps(part2, part1.length, situations.length));
  if (pairs.length > 0) steps.push({ kind: "page", page: pages.workstyleInstructions }, ...asSteps(pairs, 0, pairs.length));
  steps.push({ kind: "page", page: pages.completion }, { kind: "survey", page: pages.survey });
  return steps;
}
