import type { DocumentRefusal } from "./document-verdict.ts";

/** What a formula can make us refuse. */
export type FormulaRefusal = Extract<DocumentRefusal, "office-dde" | "office-external-link">;

// Functions that start or call into a program on the reader's computer (real-time data servers, DLL calls).
const PROGRAM_FUNCTIONS = /(?:^|[^\w.])(?:_xlfn\.)?(?:RTD|CALL|REGISTER|REGISTER\.ID|EXEC)\s*\(/i;
// Fetches a URL whenever the sheet is recalculated, which is on opening.
const WEB_FUNCTIONS = /(?:^|[^\w.])(?:_xlfn\.)?WEBSERVICE\s*\(/i;

/**
 * Judges one cell formula or defined name. A `|` outside string literals and quoted sheet names is a DDE
 * reference (`cmd|' /c calc'!A0`: program, topic, item); Excel has no operator spelled that way.
 */
export function judgeFormula(formula: string): FormulaRefusal | undefined {
  const bare = formula.replace(/"(?:[^"]|"")*"?|'(?:[^']|'')*'?/g, " ");
  if (bare.includes("|") || PROGRAM_FUNCTIONS.test(bare)) return "office-dde";
  if (WEB_FUNCTIONS.test(bare)) return "office-external-link";
  return undefined;
}
