import type { z } from "zod";

/**
 * What a form page renders from: the values to show again and each field's error, as a catalogue key or,
 * when the message needs values filled in, as the finished sentence in the page's language.
 */
export type FormState = {
  values: Record<string, string>;
  errors: Record<string, string>;
};

export const emptyForm: FormState = { values: {}, errors: {} };

export type FormResult<T> = { ok: true; data: T } | { ok: false; form: FormState };

/** Fields never written back into a page, whatever the form. */
const SECRET_FIELDS = /pin|password|code|_csrf/i;

/**
 * Parses an urlencoded body with a zod schema whose messages are catalogue keys. A field sent twice
 * arrives as an array and fails the schema like any wrong type.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const raw = isRecord(body) ? body : {};
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? "_form");
    if (!errors[name]) errors[name] = issue.message.includes(".") ? issue.message : "form.invalid";
  }
  return { ok: false, form: { values: echoValues(raw), errors } };
}

/** The submitted values that may be shown again: plain strings only, secrets left out. */
export function echoValues(raw: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (SECRET_FIELDS.test(name)) continue;
    if (typeof value === "string") values[name] = value.slice(0, 500);
  }
  return values;
}

/** A form state with one error added, for rules checked after the schema (uniqueness, lockouts). */
export function withError(form: FormState, name: string, key: string): FormState {
  return { values: form.values, errors: { ...form.errors, [name]: key } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
