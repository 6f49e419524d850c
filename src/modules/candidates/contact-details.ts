import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { normaliseDigits, normaliseText } from "../../platform/text/japanese-input.ts";

/** Dial codes offered on the forms; Japan first and the default. */
export const PHONE_COUNTRIES: { country: CountryCode; dial: string; ja: string; en: string }[] = [
  { country: "JP", dial: "+81", ja: "日本", en: "Japan" },
  { country: "US", dial: "+1", ja: "アメリカ合衆国", en: "United States" },
  { country: "GB", dial: "+44", ja: "イギリス", en: "United Kingdom" },
  { country: "KR", dial: "+82", ja: "韓国", en: "South Korea" },
  { country: "CN", dial: "+86", ja: "中国", en: "China" },
  { country: "TW", dial: "+886", ja: "台湾", en: "Taiwan" },
  { country: "PH", dial: "+63", ja: "フィリピン", en: "Philippines" },
  { country: "VN", dial: "+84", ja: "ベトナム", en: "Vietnam" },
  { country: "BR", dial: "+55", ja: "ブラジル", en: "Brazil" },
  { country: "IN", dial: "+91", ja: "インド", en: "India" },
];

const COUNTRY_CODES = new Set(PHONE_COUNTRIES.map((c) => c.country as string));

/** Is this one of the dial codes the forms offer? */
export function isPhoneCountry(value: string): value is CountryCode {
  return COUNTRY_CODES.has(value);
}

/**
 * A phone number in E.164 (+819012345678), or null when it is not a valid number for that country.
 * Full-width digits, hyphens, spaces and a leading 0 are all accepted, as people type them.
 */
export function toE164(raw: string, country: CountryCode = "JP"): string | null {
  const digits = normaliseText(raw).startsWith("+") ? `+${normaliseDigits(raw).replace(/^\+/, "")}` : normaliseDigits(raw);
  if (!/^\+?\d{4,17}$/.test(digits)) return null;
  const parsed = parsePhoneNumberFromString(digits, country);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * A stored number (E.164) as people in Japan write it: 090-1234-5678 for a Japanese number, the
 * international form (+1 202-555-0100) for any other; anything unreadable is returned as it is.
 */
export function nationalPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === "JP" ? parsed.formatNational() : parsed.formatInternational();
}

/** E-mail addresses compare without case: the stored form is NFKC and lower case. */
export function normaliseEmail(raw: string): string {
  return normaliseText(raw).toLowerCase();
}

// Pragmatic check: one @, a dot in the domain, no spaces; the code sent to it is the real proof.
const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:.]{2,}$/;

/** Is this a plausible e-mail address (after normalisation)? */
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value) && !value.includes("..");
}

/** What someone typed to sign in: an e-mail address or a mobile number (Japan unless they type +). */
export function parseIdentifier(raw: string): { kind: "email"; value: string } | { kind: "phone"; value: string } | null {
  const text = normaliseText(raw);
  if (text.includes("@")) {
    const email = normaliseEmail(text);
    return isEmail(email) ? { kind: "email", value: email } : null;
  }
  const phone = toE164(text, "JP");
  return phone ? { kind: "phone", value: phone } : null;
}

/** Shows an address without giving it away: t***@example.jp, +81 ****5678. */
export function maskDestination(channel: "email" | "sms", value: string): string {
  if (channel === "email") {
    const [local = "", domain = ""] = value.split("@");
    return `${local.slice(0, 1)}***@${domain}`;
  }
  return `${value.slice(0, 3)} ****${value.slice(-4)}`;
}
