import type { ItemBank } from "../assessment/bank/index.ts";
import type { CompletedAttempt } from "./read-completed-attempts.ts";

/** The assessment's parts as the reports time them: the two parts of the situations, then the work-style pairs. */
export const ASSESSMENT_PARTS = ["situations-1", "situations-2", "workstyle"] as const;
export type AssessmentPart = (typeof ASSESSMENT_PARTS)[number];

/**
 * Seconds each completed attempt spent answering each part: the sum over the part's items of the time from
 * an item's first showing to its first answer (`ms_to_answer`), so time on text pages and breaks between
 * items is left out. A part with no timed answer is null. One row an attempt, nothing that names anyone:
 * the export, and the source of the medians.
 */
export function partTimeRowsOf(bank: ItemBank, attempts: readonly CompletedAttempt[]): Record<AssessmentPart, number | null>[] {
  const partOf = new Map<string, AssessmentPart>(
    bank.items.map((item) => [item.id, item.exercise === "workstyle" ? "workstyle" : item.part === 1 ? "situations-1" : "situations-2"]),
  );
  return attempts.map((attempt) => {
    const totals: Record<AssessmentPart, number | null> = { "situations-1": null, "situations-2": null, workstyle: null };
    for (const answer of attempt.answers.values()) {
      const part = partOf.get(answer.itemId);
      if (!part || answer.msToAnswer === null) continue;
      totals[part] = (totals[part] ?? 0) + answer.msToAnswer;
    }
    for (const part of ASSESSMENT_PARTS) if (totals[part] !== null) totals[part] = (totals[part] as number) / 1000;
    return totals;
  });
}
