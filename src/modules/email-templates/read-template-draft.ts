import { isMoveTarget } from "../pipeline/move-targets.ts";
import type { TemplateDraft } from "./template-store.ts";
import { findTemplateTextProblems } from "./template-variables.ts";

/** The longest text each kind of field takes. */
export const TEMPLATE_LIMITS = { name: 100, subject: 200, body: 5000 } as const;

export const TEMPLATE_FIELDS = ["nameJa", "nameEn", "subjectJa", "subjectEn", "bodyJa", "bodyEn"] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number] | "stage";

/** What is wrong with one field of a template. */
export type TemplateProblem =
  | { code: "required" }
  | { code: "tooLong"; max: number }
  | { code: "unknownVariables"; names: string[] }
  | { code: "strayBrace" }
  | { code: "stage" };

export type TemplateDraftResult = { ok: true; draft: TemplateDraft } | { ok: false; problems: Partial<Record<TemplateField, TemplateProblem>> };

// Control characters other than tab and newline never belong in an e-mail's text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to match them
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * A field's text as typed, without control characters. Not NFKC: the office's own 全角 punctuation and
 * spaces (（）：and the ideographic space) are part of how a Japanese letter is written.
 */
function cleaned(raw: string, multiline: boolean): string {
  const text = raw.toWellFormed().replace(/\r\n?/g, "\n").replace(CONTROL, "");
  return (multiline ? text.replace(/[ \t]+$/gm, "") : text.replace(/\s+/g, " ")).trim();
}

function limitOf(field: (typeof TEMPLATE_FIELDS)[number]): number {
  return field.startsWith("name") ? TEMPLATE_LIMITS.name : field.startsWith("subject") ? TEMPLATE_LIMITS.subject : TEMPLATE_LIMITS.body;
}

/**
 * Reads an edited template: every text in both languages, within its length, with only the variables the
 * portal fills (an unknown `{…}` would reach a candidate as it was typed, so it is refused here), and a
 * stage it can be used for, or none.
 */
export function readTemplateDraft(input: Record<string, unknown>): TemplateDraftResult {
  const problems: Partial<Record<TemplateField, TemplateProblem>> = {};
  const text = {} as Record<(typeof TEMPLATE_FIELDS)[number], string>;
  for (const field of TEMPLATE_FIELDS) {
    const raw = typeof input[field] === "string" ? (input[field] as string) : "";
    // Body text keeps its line breaks; everything else is one line.
    const value = cleaned(raw, field.startsWith("body"));
    text[field] = value;
    if (value === "") problems[field] = { code: "required" };
    else if (value.length > limitOf(field)) problems[field] = { code: "tooLong", max: limitOf(field) };
    else if (!field.startsWith("name")) {
      const found = findTemplateTextProblems(value);
      if (found.unknown.length > 0) problems[field] = { code: "unknownVariables", names: found.unknown };
      else if (found.strayBrace) problems[field] = { code: "strayBrace" };
    }
  }
  const stage = input.stage === "" || input.stage === undefined ? null : input.stage;
  if (stage !== null && !isMoveTarget(stage)) problems.stage = { code: "stage" };
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    draft: {
      stage: isMoveTarget(stage) ? stage : null,
      name: { ja: text.nameJa, en: text.nameEn },
      subject: { ja: text.subjectJa, en: text.subjectEn },
      body: { ja: text.bodyJa, en: text.bodyEn },
      active: input.active === "yes",
    },
  };
}
