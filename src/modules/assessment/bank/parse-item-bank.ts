import { checkItemBankReferences } from "./check-item-bank-references.ts";
import { type BankProblem, bankErrorMap, ItemBankError, problemsFromZodIssues } from "./item-bank-error.ts";
import { type ItemBank, ItemBankSchema } from "./item-bank-schema.ts";

export type ItemBankValidation = { ok: true; bank: ItemBank; problems: [] } | { ok: false; problems: BankProblem[] };

/**
 * Checks a whole bank (items inline) without touching the disk. Shape problems are reported first; the
 * rules between parts of the bank are checked only once the shape is right, because a reference check
 * on a half-parsed bank would report noise.
 */
export function validateItemBank(json: unknown): ItemBankValidation {
  const parsed = ItemBankSchema.safeParse(json, { error: bankErrorMap });
  if (!parsed.success) return { ok: false, problems: problemsFromZodIssues(parsed.error.issues) };
  const problems = checkItemBankReferences(parsed.data);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, bank: parsed.data, problems: [] };
}

/** Parses a whole bank (items inline), throwing an ItemBankError that lists every problem. */
export function parseItemBank(json: unknown): ItemBank {
  const result = validateItemBank(json);
  if (!result.ok) throw new ItemBankError(result.problems);
  return result.bank;
}
