import type { BankProblem } from "./item-bank-error.ts";
import type { ItemBank, PairItem } from "./item-bank-schema.ts";
import { orderItems } from "./order-items.ts";
import { summarizeItemBank } from "./summarize-item-bank.ts";

/** Fewer scored pairs than this leave the trait scores too imprecise to use. */
export const MIN_SCORED_PAIRS = 60;
/** Pairs that set a positively keyed statement against a negatively keyed one carry the scores' overall level. */
export const MIN_MIXED_SHARE = 1 / 3;
/** Reading speed of a native reader of Japanese, characters per minute. */
export const READING_CHARS_PER_MINUTE = 500;
/** Time to weigh two statements and pick one of four positions, once they are read. */
export const SECONDS_PER_DECISION = 4;

/** The figures a reviewer needs to judge a work-style exercise. */
export interface WorkStyleDesign {
  /** Live, scored pairs. */
  scoredPairs: number;
  /** Scored pairs whose statements are keyed in opposite directions. */
  mixedPairs: number;
  mixedShare: number;
  /** The largest desirability difference between the two statements of any presented pair. */
  maxDesirabilityGap: number;
  /** Reading time of the instructions and every presented pair, plus a few seconds per decision. */
  estimatedMinutes: number;
}

/**
 * The rules a work-style exercise must meet before it is used (content-check fails the build on any):
 * at least 60 scored pairs, at least a third of them mixed-keyed, and every trait on both sides with both
 * keyings. Small test banks need not meet them, so they are not part of loading a bank.
 */
export function checkWorkStyleDesign(bank: ItemBank): { design: WorkStyleDesign; problems: BankProblem[] } {
  const problems: BankProblem[] = [];
  const scored = bank.items.filter((i): i is PairItem => i.exercise === "workstyle" && i.status === "live" && i.scored);
  const presented = orderItems(bank).filter((i): i is PairItem => i.exercise === "workstyle");
  const keys = (item: PairItem) => item.statements.map((s) => (Object.hasOwn(item.key.statements, s.id) ? item.key.statements[s.id] : undefined));
  const mixedPairs = scored.filter((item) => {
    const [left, right] = keys(item);
    return left !== undefined && right !== undefined && left.sign !== right.sign;
  }).length;
  const mixedShare = scored.length > 0 ? mixedPairs / scored.length : 0;
  const gaps = presented.map((item) => {
    const [left, right] = keys(item);
    return left && right ? Math.abs(left.desirability - right.desirability) : 0;
  });
  const design: WorkStyleDesign = {
    scoredPairs: scored.length,
    mixedPairs,
    mixedShare,
    maxDesirabilityGap: Math.round(Math.max(0, ...gaps) * 1000) / 1000,
    estimatedMinutes: estimateMinutes(bank, presented),
  };

  if (scored.length < MIN_SCORED_PAIRS) {
    problems.push({ path: "items", message: `the work-style exercise has ${scored.length} scored pairs; it needs at least ${MIN_SCORED_PAIRS}` });
  }
  if (mixedShare < MIN_MIXED_SHARE) {
    problems.push({
      path: "items",
      message: `${mixedPairs} of ${scored.length} scored pairs are mixed-keyed (a + statement against a − statement); at least a third must be, or the trait scores lose their overall level`,
    });
  }
  for (const t of summarizeItemBank({ ...bank, items: scored }).traits) {
    const missing = [t.left === 0 && "on the left", t.right === 0 && "on the right", t.positive === 0 && "keyed +", t.negative === 0 && "keyed −"].filter(
      Boolean,
    );
    if (missing.length > 0) {
      problems.push({
        path: "traits",
        message: `trait ${t.traitId} is never ${missing.join(", never ")} among the scored pairs; every trait needs both sides and both keyings, or position and wording habits leak into its score`,
      });
    }
  }
  return { design, problems };
}

/** Minutes to read the instructions, the pair prompt once and every presented pair, and decide each pair. */
function estimateMinutes(bank: ItemBank, presented: readonly PairItem[]): number {
  const instructions = bank.pages.workstyleInstructions.body.reduce((sum, block) => {
    if (block.type === "list") return sum + block.items.reduce((s, item) => s + item.text.ja.length + (item.term?.ja.length ?? 0), 0);
    return sum + block.text.ja.length;
  }, bank.pages.workstyleInstructions.title.ja.length);
  const statements = presented.reduce((sum, item) => sum + item.statements[0].text.ja.length + item.statements[1].text.ja.length, 0);
  const reading = (instructions + bank.pairPrompt.ja.length + statements) / READING_CHARS_PER_MINUTE;
  return Math.round((reading + (presented.length * SECONDS_PER_DECISION) / 60) * 10) / 10;
}
