import { z } from "zod";
import { normaliseDigits, normaliseText, optionalTextField, textField } from "../../platform/text/japanese-input.ts";
import { PREFECTURES } from "../addresses/index.ts";
import { isEmail, normaliseEmail, toE164 } from "../candidates/contact-details.ts";
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

/** A calendar date from year / month / day inputs (full-width digits accepted), as YYYY-MM-DD, or null. */
export function dateFromParts(year: unknown, month: unknown, day: unknown): string | null | "empty" {
  const parts = [year, month, day].map((p) => (typeof p === "string" ? normaliseDigits(p) : p));
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
  textField(requiredKey).pipe(z.string().min(1, requiredKey).max(40, "accounts.name.tooLong").regex(KATAKANA, "applications.personal.kana.invalid"));

/** STEP 1 personal details, as the seed's form asks them. */
export function personalDetailsSchema(today: string) {
  return z
    .object({
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
    })
    .transform((form, ctx): PersonalDetails => {
      const digits = normaliseDigits(form.postalCode);
      if (form.country === "JP" && !/^\d{7}$/.test(digits))
        ctx.addIssue({ code: "custom", path: ["postalCode"], message: "applications.personal.postalCode.invalid" });
      if (form.country === "JP" && !PREFECTURES.some((p) => p.ja === form.prefecture))
        ctx.addIssue({ code: "custom", path: ["prefecture"], message: "applications.personal.prefecture.required" });
      const phone = toE164(form.phone, "JP");
      if (!phone) ctx.addIssue({ code: "custom", path: ["phone"], message: "accounts.phone.invalid" });
      const birth = dateFromParts(form.birthYear, form.birthMonth, form.birthDay);
      if (birth === "empty") ctx.addIssue({ code: "custom", path: ["birthYear"], message: "applications.personal.birthDate.required" });
      else if (birth === null || birth > today || ageOn(birth, today) > 110)
        ctx.addIssue({ code: "custom", path: ["birthYear"], message: "applications.personal.birthDate.invalid" });
      const start = dateFromParts(form.startYear, form.startMonth, form.startDay);
      if (start === null) ctx.addIssue({ code: "custom", path: ["startYear"], message: "applications.personal.startDate.invalid" });
      else if (start !== "empty" && start < today) ctx.addIssue({ code: "custom", path: ["startYear"], message: "applications.personal.startDate.past" });
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
        postalCode: form.country === "JP" ? digits : normaliseText(form.postalCode),
        prefecture: form.prefecture,
        city: form.city,
        address1: form.address1,
        address2: form.address2,
        address3: form.address3,
        email: form.email,
        phoneType: form.phoneType,
        phone: phone ?? "",
        smsConsent: form.smsConsent === "yes",
        feedbackConsent: form.feedbackConsent === "yes",
        birthDate: typeof birth === "string" && birth !== "empty" ? birth : "",
        earliestStart: typeof start === "string" && start !== "empty" ? start : undefined,
        howHeard: form.howHeard,
      };
    });
}

/** The form values that show stored personal details again (dates split into their parts). */
export function personalDetailsFormValues(p: PersonalDetails): Record<string, string> {
  const [by = "", bm = "", bd = ""] = p.birthDate ? p.birthDate.split("-") : [];
  const [sy = "", sm = "", sd = ""] = p.earliestStart ? p.earliestStart.split("-") : [];
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) if (typeof v === "string") values[k] = v;
  values.phone = p.phone.startsWith("+81") ? `0${p.phone.slice(3)}` : p.phone;
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
