/** Why a typed postal code could not be read as seven digits. */
export type PostalCodeProblem = "empty" | "not-seven-digits";

/** A postal code as seven ASCII digits ("1000001"), or why the input is not one. */
export type PostalCodeReading = { ok: true; postalCode: string } | { ok: false; reason: PostalCodeProblem };

// Anything longer is not a postal code with decoration, and NFKC on a huge string is wasted work.
const MAX_INPUT_LENGTH = 32;
// Hyphen look-alikes Japanese keyboards produce (NFKC has already turned "－" and "﹣" into "-"): hyphen,
// non-breaking hyphen, figure dash, en and em dash, horizontal bar, minus sign, katakana prolonged sound mark,
// box-drawing lines.
const HYPHENS = /[-‐‑‒–—―−ー─━]/g;
// "〒" is often typed or pasted in front of the code; spaces (NFKC turns the ideographic one into ASCII) are dropped.
const DECORATION = /[〒\s]/g;

/** Reads "１００－０００１", "〒100-0001" or "100 0001" as "1000001": NFKC, then hyphens, spaces and 〒 removed. */
export function normalisePostalCode(input: string): PostalCodeReading {
  if (input.length > MAX_INPUT_LENGTH) return { ok: false, reason: "not-seven-digits" };
  const digits = input.normalize("NFKC").replace(HYPHENS, "").replace(DECORATION, "");
  if (digits === "") return { ok: false, reason: "empty" };
  if (!/^[0-9]{7}$/.test(digits)) return { ok: false, reason: "not-seven-digits" };
  return { ok: true, postalCode: digits };
}
