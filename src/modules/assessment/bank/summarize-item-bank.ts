import type { ItemBank, ItemStatus } from "./item-bank-schema.ts";

export interface TraitBalance {
  traitId: string;
  /** Statements keyed to the trait, over all pairs (a pair counts once for each of its two traits). */
  statements: number;
  left: number;
  right: number;
  positive: number;
  negative: number;
}

export interface ItemBankSummary {
  bankId: string;
  version: number;
  exercises: { situations: number; workstyle: number };
  parts: { 1: number; 2: number };
  statuses: Record<ItemStatus, number>;
  scored: number;
  unscored: number;
  withAudio: number;
  competencies: { competencyId: string; items: number }[];
  traits: TraitBalance[];
}

/**
 * Counts for content review: items per exercise, part, status and competency, items with audio, and how
 * each trait is spread over left/right positions and positive/negative keying. A forced-choice bank
 * needs every trait on both sides and with both signs, or position and wording habits leak into scores.
 */
export function summarizeItemBank(bank: ItemBank): ItemBankSummary {
  const summary: ItemBankSummary = {
    bankId: bank.bankId,
    version: bank.version,
    exercises: { situations: 0, workstyle: 0 },
    parts: { 1: 0, 2: 0 },
    statuses: { draft: 0, pilot: 0, live: 0, retired: 0 },
    scored: 0,
    unscored: 0,
    withAudio: 0,
    competencies: bank.competencies.map((c) => ({ competencyId: c.id, items: 0 })),
    traits: bank.traits.map((t) => ({ traitId: t.id, statements: 0, left: 0, right: 0, positive: 0, negative: 0 })),
  };
  const competencies = new Map(summary.competencies.map((c) => [c.competencyId, c]));
  const traits = new Map(summary.traits.map((t) => [t.traitId, t]));

  for (const item of bank.items) {
    summary.exercises[item.exercise] += 1;
    summary.statuses[item.status] += 1;
    if (item.scored) summary.scored += 1;
    else summary.unscored += 1;
    for (const id of item.competencies) {
      const entry = competencies.get(id);
      if (entry) entry.items += 1;
    }
    if (item.exercise === "situations") {
      summary.parts[item.part] += 1;
      if (item.media) summary.withAudio += 1;
      continue;
    }
    item.statements.forEach((statement, position) => {
      const keying = Object.hasOwn(item.key.statements, statement.id) ? item.key.statements[statement.id] : undefined;
      const trait = keying ? traits.get(keying.traitId) : undefined;
      if (!keying || !trait) return;
      trait.statements += 1;
      if (position === 0) trait.left += 1;
      else trait.right += 1;
      if (keying.sign > 0) trait.positive += 1;
      else trait.negative += 1;
    });
  }
  return summary;
}
