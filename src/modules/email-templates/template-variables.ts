/** The values an e-mail template may insert, written `{name}` in its subject and body. */
export const TEMPLATE_VARIABLES = ["name", "job", "jobId", "reference", "org", "helpEmail"] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Record<TemplateVariable, string>;

const PLACEHOLDER = /\{([^{}\s]{0,40})\}/g;

/** What is wrong with a template's text: placeholders it does not know, and braces that open or close nothing. */
export type TemplateTextProblems = { unknown: string[]; strayBrace: boolean };

/** Finds unknown `{…}` placeholders and stray braces; an empty result means the text can be sent. */
export function findTemplateTextProblems(text: string): TemplateTextProblems {
  const unknown = new Set<string>();
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name!)) unknown.add(`{${name}}`);
  }
  const rest = text.replace(PLACEHOLDER, "");
  return { unknown: [...unknown], strayBrace: rest.includes("{") || rest.includes("}") };
}

/** A template's text with its placeholders filled; a value never spans lines (it may land in a subject). */
export function fillTemplate(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as TemplateVariable].replace(/\s+/g, " ").trim() : whole,
  );
}
