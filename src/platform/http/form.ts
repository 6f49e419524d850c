import type { z } from "zod";
import type { Vars } from "../i18n/catalogue.ts";

/** A field's error: a catalogue key, with the values its message needs (a wait in seconds, say). */
export type FieldError<K extends string> = { key: K; vars?: Vars };

/** What a form page renders from: the values to show again and each field's error. */
export type FormState<K extends string> = {
  values: Record<string, string>;
  errors: Partial<Record<string, FieldError<K>>>;
};

/** A form with nothing typed and nothing wrong. */
export const emptyForm: FormState<never> = { values: {}, errors: {} };

export type FormResult<T, K extends string> = { ok: true; data: T } | { ok: false; form: FormState<K> };

/** Fields never written back into a page, whatever the form. */
const SECRET_FIELDS = /pin|password|code|_csrf/i;

/** A rule that needs more than one field (a re-entry that must match, a PIN that must not be the phone number). */
export type CrossFieldCheck = (raw: Record<string, unknown>) => { path: string; message: string }[];

/**
 * A form parser for one catalogue: zod schemas name their messages by key, and a message that is not a key
 * of the catalogue (a schema's default text) becomes the catalogue's generic "invalid" message, so a raw
 * text or key can never reach the page.
 *
 * `crossChecks` run on the raw input whether or not the fields passed, so a form reports every mistake in
 * one answer instead of revealing them one round at a time; a field keeps its own error when it has one.
 */
export function formParser<K extends string>(isKey: (value: string) => value is K, invalid: K) {
  return function parseForm<S extends z.ZodType>(schema: S, body: unknown, crossChecks?: CrossFieldCheck): FormResult<z.output<S>, K> {
    const raw = isRecord(body) ? body : {};
    const result = schema.safeParse(raw);
    const cross = crossChecks ? crossChecks(raw) : [];
    if (result.success && cross.length === 0) return { ok: true, data: result.data };
    const errors: Partial<Record<string, FieldError<K>>> = {};
    const issues = [...(result.success ? [] : result.error.issues.map((i) => ({ path: String(i.path[0] ?? "_form"), message: i.message }))), ...cross];
    for (const issue of issues) {
      if (!errors[issue.path]) errors[issue.path] = { key: isKey(issue.message) ? issue.message : invalid };
    }
    return { ok: false, form: { values: echoValues(raw), errors } };
  };
}

/** The submitted values that may be shown again: plain strings only, secrets left out. */
export function echoValues(raw: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (!isRecord(raw)) return values;
  for (const [name, value] of Object.entries(raw)) {
    if (SECRET_FIELDS.test(name)) continue;
    if (typeof value === "string") values[name] = value.slice(0, 500);
  }
  return values;
}

/** A form state with one error added, for rules checked after the schema (uniqueness, lockouts). */
export function withError<K extends string>(form: FormState<K>, name: string, key: K, vars?: Vars): FormState<K> {
  return { values: form.values, errors: { ...form.errors, [name]: vars ? { key, vars } : { key } } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
