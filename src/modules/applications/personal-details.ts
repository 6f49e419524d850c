import { z } from "zod";
import { normaliseDigits, normaliseText, optionalTextField, textField } from "../../platform/text/japanese-input.ts";
import { PREFECTURES } from "../addresses/index.ts";
import { isEmail, nationalPhone, normaliseEmail, toE164 } from "../candidates/contact-details.ts";
import { latinName } from "../candidates/registration.ts";
import type { PersonalDetails } from "./schema.ts";

/** Countries offered for the address; the job is in Japan, so Japan is first and the default. */
export const ADDRESS_COUNTRIES = [
  { code: "JP", ja: "日本", en: "Japan" },
  { code: "OTHER", ja: "その他", en: "Other" },
] as const;

/** How candidates heard of the job (the seed's required question). */
export const HOW_HEARD = [
  { value: "jobSite", ja: "求人サイト", en: "A job site" },
  { value: "companySite", ja: "当社の採用ウェブサイト", en: "Our careers website" },
  { value: "sns", ja: "SNS", en: "Social media" },
  { value: "referral", ja: "知人・友人の紹介", en: "A friend or acquaintance" },
  { value: "helloWork", ja: "ハローワーク", en: "Hello Work" },
  { value: "advert", ja: "広告", en: "An advertisement" },
  { value: "other", ja: "その他", en: "Other" },
] as const;

const KATAKANA = /^[\u30A0-\u30FF\u3000 ・ー]+$/;

/** Hiragana typed into a katakana field becomes katakana (はなこ → ハナコ): the reading is what matters. */
export function toKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096\u309D\u309E]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/** The first year of each Japanese era, less one: 平成7年 is 1988 + 7. */
const ERAS: { names: string[]; base: number }[] = [
  { names: ["令和", "r"], base: 2018 },
  { names: ["平成", "h"], base: 1988 },
  { names: ["昭和", "s"], base: 1925 },
  { names: ["大正", "t"], base: 1911 },
  { names: ["明治", "m"], base: 1867 },
];

/**
 * A year as people in Japan write it: 西暦 (1995) or 和暦 (平成7, 平成7年, H7, 令和元年), full-width or not.
 * Returns the western year as digits, or the input (digits only) when it names no era.
 */
export function westernYear(raw: string): string {
  const text = normaliseText(raw).toLowerCase().replace(/\s/g, "").replace(/年$/, "");
  for (const era of ERAS) {
    const name = era.names.find((n) => text.startsWith(n));
    if (!name) continue;
    const rest = text.slice(name.length).replace(/^\./, "");
    const n = rest === "元" ? 1 : /^\d{1,2}$/.test(rest) ? Number(rest) : 0;
    return n > 0 ? String(era.base + n) : text;
  }
  return normaliseDigits(text);
}

/** A calendar date from year / month / day inputs (full-width digits and 和暦 years accepted), as YYYY-MM-DD, or null. */
export function dateFromParts(year: unknown, month: unknown, day: unknown): string | null | "empty" {
  const parts = [typeof year === "string" ? westernYear(year) : year, ...[month, day].map((p) => (typeof p === "string" ? normaliseDigits(p) : p))];
  if (parts.every((p) => p === "" || p === undefined)) return "empty";
  if (!parts.every((p) => typeof p === "string" && /^\d{1,4}$/.test(p))) return null;
  const [y, m, d] = (parts as string[]).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** Whole years between a birth date and a day (both YYYY-MM-DD), as Japanese law counts age. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

const optionalKanji = optionalTextField("form.invalid").pipe(z.string().max(40, "accounts.name.tooLong").optional());
const kana = (requiredKey: string) =>
  textField(requiredKey).pipe(
    z
      .string()
      .min(1, requiredKey)
      .max(40, "accounts.name.tooLong")
      .transform(toKatakana)
      .pipe(z.string().regex(KATAKANA, "applications.personal.kana.invalid")),
  );

/** Each field of STEP 1 on its own: what it must be when it is filled in. */
function personalFields() {
  return {
    familyNameLatin: latinName("accounts.familyNameLatin.required"),
    givenNameLatin: latinName("accounts.givenNameLatin.required"),
    middleNameLatin: optionalTextField("form.invalid").pipe(
      z
        .string()
        .max(40, "accounts.name.tooLong")
        .regex(/^[A-Za-z .'-]*$/, "accounts.nameLatin.invalid")
        .optional(),
    ),
    familyNameKanji: optionalKanji,
    givenNameKanji: optionalKanji,
    familyNameKana: kana("applications.personal.familyNameKana.required"),
    givenNameKana: kana("applications.personal.givenNameKana.required"),
    preferredName: optionalTextField("form.invalid").pipe(z.string().max(40, "accounts.name.tooLong").optional()),
    country: z.enum(["JP", "OTHER"], { error: "applications.personal.country.required" }),
    postalCode: textField("applications.personal.postalCode.required").pipe(
      z.string().min(1, "applications.personal.postalCode.required").max(12, "applications.personal.postalCode.invalid"),
    ),
    // The form offers the 47 prefectures or ーなしー: in Japan one of them is required, abroad it may be empty.
    prefecture: textField("applications.personal.prefecture.required").pipe(
      z.string().refine((v) => v === "" || PREFECTURES.some((p) => p.ja === v), "applications.personal.prefecture.required"),
    ),
    city: textField("applications.personal.city.required").pipe(
      z.string().min(1, "applications.personal.city.required").max(60, "applications.answer.tooLong"),
    ),
    address1: textField("applications.personal.address1.required").pipe(
      z.string().min(1, "applications.personal.address1.required").max(80, "applications.answer.tooLong"),
    ),
    address2: optionalTextField("form.invalid").pipe(z.string().max(80, "applications.answer.tooLong").optional()),
    address3: optionalTextField("form.invalid").pipe(z.string().max(80, "applications.answer.tooLong").optional()),
    email: textField("accounts.email.required").pipe(
      z.string().min(1, "accounts.email.required").transform(normaliseEmail).refine(isEmail, "accounts.email.invalid"),
    ),
    phoneType: z.enum(["mobile", "home"], { error: "applications.personal.phoneType.required" }),
    phone: textField("accounts.phone.required").pipe(z.string().min(1, "accounts.phone.required")),
    smsConsent: z.enum(["yes"]).optional(),
    feedbackConsent: z.enum(["yes"]).optional(),
    birthYear: z.unknown().optional(),
    birthMonth: z.unknown().optional(),
    birthDay: z.unknown().optional(),
    startYear: z.unknown().optional(),
    startMonth: z.unknown().optional(),
    startDay: z.unknown().optional(),
    howHeard: z.enum(HOW_HEARD.map((h) => h.value) as [string, ...string[]], { error: "applications.personal.howHeard.required" }),
  };
}

type Issue = { path: string; message: string };

/**
 * The STEP 1 rules that read more than one input (the postal code and prefecture by country, the phone
 * number, the dates from their parts), on the raw input, so they are reported with every other mistake.
 * A rule waits while its inputs are empty; `complete` says whether empty required parts are mistakes.
 */
function personalCrossIssues(raw: Record<string, unknown>, today: string, complete: boolean): Issue[] {
  const text = (v: unknown) => (typeof v === "string" ? normaliseText(v) : "");
  const issues: Issue[] = [];
  const country = raw.country === "OTHER" ? "OTHER" : "JP";
  const postal = normaliseDigits(text(raw.postalCode));
  if (country === "JP" && text(raw.postalCode) && !/^\d{7}$/.test(postal))
    issues.push({ path: "postalCode", message: "applications.personal.postalCode.invalid" });
  if (country === "JP" && complete && !PREFECTURES.some((p) => p.ja === text(raw.prefecture)))
    issues.push({ path: "prefecture", message: "applications.personal.prefecture.required" });
  if (text(raw.phone) && !toE164(text(raw.phone), "JP")) issues.push({ path: "phone", message: "accounts.phone.invalid" });
  const birth = dateFromParts(raw.birthYear, raw.birthMonth, raw.birthDay);
  if (birth === "empty") {
    if (complete) issues.push({ path: "birthYear", message: "applications.personal.birthDate.required" });
  } else if (birth === null || birth > today || ageOn(birth, today) > 110)
    issues.push({ path: "birthYear", message: "applications.personal.birthDate.invalid" });
  const start = dateFromParts(raw.startYear, raw.startMonth, raw.startDay);
  if (start === null) issues.push({ path: "startYear", message: "applications.personal.startDate.invalid" });
  else if (start !== "empty" && start < today) issues.push({ path: "startYear", message: "applications.personal.startDate.past" });
  return issues;
}

/** STEP 1 personal details, as the seed's form asks them; `crossChecks` reports the rules across fields. */
export function personalDetailsSchema(today: string) {
  const schema = z.object(personalFields()).transform((form): PersonalDetails => {
    const birth = dateFromParts(form.birthYear, form.birthMonth, form.birthDay);
    const start = dateFromParts(form.startYear, form.startMonth, form.startDay);
    return {
      familyNameLatin: form.familyNameLatin,
      givenNameLatin: form.givenNameLatin,
      middleNameLatin: form.middleNameLatin,
      familyNameKanji: form.familyNameKanji,
      givenNameKanji: form.givenNameKanji,
      familyNameKana: form.familyNameKana,
      givenNameKana: form.givenNameKana,
      preferredName: form.preferredName,
      country: form.country,
      postalCode: form.country === "JP" ? normaliseDigits(form.postalCode) : normaliseText(form.postalCode),
      prefecture: form.prefecture,
      city: form.city,
      address1: form.address1,
      address2: form.address2,
      address3: form.address3,
      email: form.email,
      phoneType: form.phoneType,
      phone: toE164(form.phone, "JP") ?? "",
      smsConsent: form.smsConsent === "yes",
      feedbackConsent: form.feedbackConsent === "yes",
      birthDate: typeof birth === "string" && birth !== "empty" ? birth : "",
      earliestStart: typeof start === "string" && start !== "empty" ? start : undefined,
      howHeard: form.howHeard,
    };
  });
  return { schema, crossChecks: (raw: Record<string, unknown>) => personalCrossIssues(raw, today, true) };
}

/** What 保存する keeps of STEP 1: every field that is filled in and valid, and the mistakes in the others. */
export type PersonalDraft = { values: Record<string, string>; errors: Issue[] };

/**
 * 保存する on STEP 1: each filled-in field is checked on its own and kept when valid; empty fields wait
 * (only 保存して続行する asks for every required one). Values are kept as the form shows them.
 */
export function readPersonalDraft(raw: Record<string, unknown>, today: string): PersonalDraft {
  const fields = personalFields();
  const values: Record<string, string> = {};
  const errors: Issue[] = [];
  for (const [name, schema] of Object.entries(fields)) {
    const value = raw[name];
    if (typeof value !== "string" || normaliseText(value) === "") continue;
    const parsed = (schema as z.ZodType).safeParse(value);
    if (parsed.success) values[name] = typeof parsed.data === "string" ? parsed.data : normaliseText(value);
    else errors.push({ path: name, message: parsed.error.issues[0]?.message ?? "form.invalid" });
  }
  for (const issue of personalCrossIssues(raw, today, false)) {
    errors.push(issue);
    // A date's parts are kept or dropped together, so the date never half changes.
    const dropped =
      issue.path === "birthYear"
        ? ["birthYear", "birthMonth", "birthDay"]
        : issue.path === "startYear"
          ? ["startYear", "startMonth", "startDay"]
          : [issue.path];
    for (const name of dropped) delete values[name];
  }
  if (values.postalCode && /^\d{7}$/.test(normaliseDigits(values.postalCode))) values.postalCode = formatPostalCode(normaliseDigits(values.postalCode));
  if (values.phone) values.phone = nationalPhone(toE164(values.phone, "JP") ?? values.phone);
  return { values, errors };
}

/** A seven-digit postal code as it is written: 100-0001. */
export function formatPostalCode(digits: string): string {
  return /^\d{7}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3)}` : digits;
}

/** The form values that show stored personal details again (dates split into their parts). */
export function personalDetailsFormValues(p: PersonalDetails): Record<string, string> {
  const [by = "", bm = "", bd = ""] = p.birthDate ? p.birthDate.split("-") : [];
  const [sy = "", sm = "", sd = ""] = p.earliestStart ? p.earliestStart.split("-") : [];
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) if (typeof v === "string") values[k] = v;
  values.phone = nationalPhone(p.phone);
  if (p.country === "JP") values.postalCode = formatPostalCode(p.postalCode);
  if (p.smsConsent) values.smsConsent = "yes";
  if (p.feedbackConsent) values.feedbackConsent = "yes";
  return {
    ...values,
    birthYear: by,
    birthMonth: String(Number(bm) || ""),
    birthDay: String(Number(bd) || ""),
    startYear: sy,
    startMonth: String(Number(sm) || ""),
    startDay: String(Number(sd) || ""),
  };
}
