import type { AudioCheckPage, Item, ItemBank, Page, PairItem, SituationItem, SurveyPage } from "./item-bank-schema.ts";

/** Draft items are not ready and retired ones are withdrawn; live and pilot items are shown. */
export function isPresented(item: Item): boolean {
  return item.status === "live" || item.status === "pilot";
}

/**
 * The fixed presentation order: part 1 situations, part 2 situations, then the work-style pairs, each
 * in bank order. Every candidate sees the same order, so item statistics stay comparable and
 * "resume at the first unanswered item" is well defined.
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

export type AssessmentStep =
  | { kind: "page"; page: Page }
  | { kind: "audio-check"; page: AudioCheckPage }
  | { kind: "item"; item: Item /** 1-based place within its exercise, for "3 / 13". */; number: number; total: number }
  | { kind: "survey"; page: SurveyPage };

/**
 * Every page of the assessment in order. Auto-advance is explained before the first question (WCAG
 * 3.2.2); a part's or exercise's introduction is left out when it has no items to introduce.
 */
export function assessmentSteps(bank: ItemBank): AssessmentStep[] {
  const { pages } = bank;
  const items = orderItems(bank);
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
