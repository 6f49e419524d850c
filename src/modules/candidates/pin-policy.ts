/**
 * What makes a 6-digit PIN acceptable. Six digits give a million choices, but people pick a few
 * thousand of them; refusing the obvious ones is what makes throttling meaningful (NIST SP 800-63B).
 */

/** PINs that appear on every list of the most chosen ones and are not caught by the rules below. */
const COMMON_PINS = new Set([
  "121212",
  "123123",
  "112233",
  "111222",
  "110110",
  "520520",
  "147258",
  "159753",
  "123321",
  "654456",
  "696969",
  "131313",
  "252525",
  "101010",
  "007007",
  "789456",
  "456123",
  // Number sequences written out: even and odd numbers, Fibonacci, counting by tens.
  "246810",
  "135790",
  "112358",
  "102030",
  "010203",
  "203040",
]);

export type PinProblem = "format" | "trivial" | "birthDate" | "phone";

/** Checks a candidate's chosen PIN; their birth dates (YYYY-MM-DD) and phone number are refused when known. */
export function checkPin(pin: string, context: { birthDates?: readonly string[]; phoneDigits?: string | null } = {}): PinProblem | null {
  if (!/^\d{6}$/.test(pin)) return "format";
  if (isTrivialPin(pin)) return "trivial";
  if ((context.birthDates ?? []).some((date) => birthDateForms(date).includes(pin))) return "birthDate";
  if (context.phoneDigits && context.phoneDigits.length >= 6 && context.phoneDigits.endsWith(pin)) return "phone";
  return null;
}

/**
 * All one digit, digits stepping by the same amount (123456, 987654, 135791, 246802: wrapping 9→0), a
 * repeated pair or triple, or a well-known choice.
 */
export function isTrivialPin(pin: string): boolean {
  const d = [...pin].map(Number);
  const steps = d.slice(1).map((x, i) => (x - (d[i] ?? 0) + 10) % 10);
  if (steps.every((s) => s === steps[0])) return true;
  if (pin.slice(0, 2).repeat(3) === pin || pin.slice(0, 3).repeat(2) === pin) return true;
  return COMMON_PINS.has(pin);
}

/** The six-digit ways people write a birth date: YYMMDD, MMDDYY, DDMMYY, and the year with month or day. */
function birthDateForms(isoDate: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return [];
  const [, yyyy = "", mm = "", dd = ""] = m;
  const yy = yyyy.slice(2);
  return [`${yy}${mm}${dd}`, `${mm}${dd}${yy}`, `${dd}${mm}${yy}`, `${yyyy}${mm}`, `${mm}${yyyy}`, `${dd}${mm}${yyyy.slice(0, 2)}`];
}
