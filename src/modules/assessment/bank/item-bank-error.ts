import type { z } from "zod";

/** One thing wrong with an item bank, located precisely enough for a content author to fix it. */
export interface BankProblem {
  /** The file the problem is in, relative to the bank folder, when the bank came from disk. */
  file?: string;
  /** A JSON path inside that file (or inside the whole bank), e.g. `[3].options[1].id`. */
  path: string;
  message: string;
}

/** Thrown when an item bank does not validate; `problems` lists every problem found, not just the first. */
export class ItemBankError extends Error {
  readonly code = "ITEM_BANK_INVALID";
  readonly problems: readonly BankProblem[];

  constructor(problems: readonly BankProblem[]) {
    super(describeBankProblems(problems));
    this.name = "ItemBankError";
    this.problems = problems;
  }
}

/** Renders the problems as a short readable report, one per line. */
export function describeBankProblems(problems: readonly BankProblem[]): string {
  const noun = problems.length === 1 ? "problem" : "problems";
  const lines = problems.map((p) => `  - ${p.file ? `${p.file} ` : ""}${p.path || "(top level)"}: ${p.message}`);
  return [`The item bank is invalid (${problems.length} ${noun}):`, ...lines].join("\n");
}

/** Writes a path the way a person would type it into a JSON viewer: `items[3].options[1].id`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Plainer words than zod's defaults for the mistakes content authors make most. */
export const bankErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type" && issue.input === undefined) return `is required (expected ${issue.expected})`;
  return undefined;
};

/** Turns zod's issues into bank problems, one per unknown key so each can be found and fixed. */
export function problemsFromZodIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): BankProblem[] {
  const problems: BankProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) problems.push({ path: formatJsonPath([...path, key]), message: "is not a known field (check the spelling)" });
      continue;
    }
    problems.push({ path: formatJsonPath(path), message: issue.message });
  }
  return problems;
}
