import { z } from "zod";

/** Hyphen-like characters people type in Japanese input: full-width, katakana long mark, minus signs. */
const HYPHENS = /[‐‑‒–—―−－ー─━ｰ]/g;
// Control characters other than tab and newlines never belong in a form value.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to match them
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** NFKC (full-width digits and letters to ASCII, half-width kana to full-width), control characters removed, trimmed. */
export function normaliseText(value: string): string {
  // A lone surrogate (possible in JSON bodies) is not text: it becomes U+FFFD, as browsers do in forms.
  return value.toWellFormed().normalize("NFKC").replace(CONTROL, "").trim();
}

/**
 * Prose as written (a job description, say): control characters removed and trimmed, but no NFKC, which
 * would turn the full-width brackets and punctuation of Japanese prose into ASCII.
 */
export function normaliseProse(value: string): string {
  return value.toWellFormed().normalize("NFC").replace(CONTROL, "").trim();
}

/** Digits only: NFKC first, then hyphens, spaces and parentheses dropped. */
export function normaliseDigits(value: string): string {
  return normaliseText(value)
    .replace(HYPHENS, "")
    .replace(/[\s()\-.]/g, "");
}

/** A zod string field that is normalised before it is checked; a missing or non-string value gives `requiredKey`. */
export function textField(requiredKey: string) {
  return z.preprocess((v) => (typeof v === "string" ? normaliseText(v) : v), z.string({ error: requiredKey }));
}

/** A text field that may be left empty; empty becomes undefined. */
export function optionalTextField(invalidKey: string) {
  return z.preprocess((v) => (typeof v === "string" ? normaliseText(v) || undefined : v), z.string({ error: invalidKey }).optional());
}
