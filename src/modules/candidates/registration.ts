import { randomUUID } from "node:crypto";
import { eq, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../platform/db/database.ts";
import { normaliseDigits, normaliseText, textField } from "../../platform/text/japanese-input.ts";
import { type ConsentSource, recordConsent } from "../privacy/consents.ts";
import { isEmail, isPhoneCountry, normaliseEmail, toE164 } from "./contact-details.ts";
import { checkPin } from "./pin-policy.ts";
import { type Candidate, candidates } from "./schema.ts";
import { isTimeZone } from "./time-zones.ts";

const LATIN_NAME = /^[A-Za-z][A-Za-z .'-]*$/;

/** A name written in kanji or kana (any script), at most 40 characters. */
export const kanjiName = (requiredKey: string) => textField(requiredKey).pipe(z.string().min(1, requiredKey).max(40, "accounts.name.tooLong"));

/** A name in the Latin alphabet, as on a passport or residence card. */
export const latinName = (requiredKey: string) =>
  textField(requiredKey).pipe(z.string().min(1, requiredKey).max(40, "accounts.name.tooLong").regex(LATIN_NAME, "accounts.nameLatin.invalid"));

const emailField = textField("accounts.email.required").pipe(
  z.string().min(1, "accounts.email.required").transform(normaliseEmail).refine(isEmail, "accounts.email.invalid"),
);

const countryField = z.string({ error: "accounts.phoneCountry.invalid" }).refine(isPhoneCountry, "accounts.phoneCountry.invalid");

const pinField = (requiredKey: string) =>
  z.preprocess((v) => (typeof v === "string" ? normaliseDigits(v) : v), z.string({ error: requiredKey }).min(1, requiredKey));

/** The seed's account form: names in kanji and alphabet, e-mail and phone twice, time zone, PIN twice, consent. */
export const ZRegistrationSchema = z
  .object({
    familyName: kanjiName("accounts.familyName.required"),
    givenName: kanjiName("accounts.givenName.required"),
    familyNameLatin: latinName("accounts.familyNameLatin.required"),
    givenNameLatin: latinName("accounts.givenNameLatin.required"),
    email: emailField,
    emailConfirm: textField("accounts.emailConfirm.required").pipe(z.string().min(1, "accounts.emailConfirm.required").transform(normaliseEmail)),
    phoneCountry: countryField,
    phone: textField("accounts.phone.required").pipe(z.string().min(1, "accounts.phone.required")),
    phoneConfirmCountry: countryField,
    phoneConfirm: textField("accounts.phoneConfirm.required").pipe(z.string().min(1, "accounts.phoneConfirm.required")),
    timeZone: z.string({ error: "accounts.timeZone.required" }).refine(isTimeZone, "accounts.timeZone.required"),
    pin: pinField("accounts.pin.required"),
    pinConfirm: pinField("accounts.pinConfirm.required"),
    contactConsent: z.enum(["yes", "no"], { error: "accounts.contactConsent.required" }),
  })
  .transform((form) => ({
    givenName: form.givenName,
    familyName: form.familyName,
    givenNameLatin: form.givenNameLatin,
    familyNameLatin: form.familyNameLatin,
    email: form.email,
    // registrationCrossChecks has refused an invalid number before this output is used.
    phone: toE164(form.phone, isPhoneCountry(form.phoneCountry) ? form.phoneCountry : "JP") ?? "",
    timeZone: form.timeZone,
    pin: form.pin,
    contactConsent: form.contactConsent === "yes",
  }));

const text = (value: unknown): string => (typeof value === "string" ? normaliseText(value) : "");
const digitsOf = (value: unknown): string => (typeof value === "string" ? normaliseDigits(value) : "");

/**
 * The registration rules that involve two fields, checked on the raw input even when other fields are
 * wrong: the phone number against its country, each re-entry against the first entry, the PIN against the
 * rules and the phone number. A rule whose first field is empty or malformed waits (that field has its own error).
 */
export function registrationCrossChecks(raw: Record<string, unknown>): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const country = typeof raw.phoneCountry === "string" && isPhoneCountry(raw.phoneCountry) ? raw.phoneCountry : null;
  const phoneText = text(raw.phone);
  const phone = country && phoneText ? toE164(phoneText, country) : null;
  if (country && phoneText && !phone) issues.push({ path: "phone", message: "accounts.phone.invalid" });
  const confirmCountry = typeof raw.phoneConfirmCountry === "string" && isPhoneCountry(raw.phoneConfirmCountry) ? raw.phoneConfirmCountry : null;
  const confirmText = text(raw.phoneConfirm);
  if (phone && confirmCountry && confirmText && toE164(confirmText, confirmCountry) !== phone) {
    issues.push({ path: "phoneConfirm", message: "accounts.phoneConfirm.mismatch" });
  }
  const email = normaliseEmail(text(raw.email));
  const emailConfirm = normaliseEmail(text(raw.emailConfirm));
  if (email && isEmail(email) && emailConfirm && emailConfirm !== email) issues.push({ path: "emailConfirm", message: "accounts.emailConfirm.mismatch" });
  issues.push(...newPinIssues(raw, { phone }));
  return issues;
}

/**
 * A new PIN and its re-entry (`pin`, `pinConfirm`) checked together on the raw input: the PIN against the
 * rules, the phone number (E.164) and the birth dates when known, then the re-entry against it.
 */
export function newPinIssues(
  raw: Record<string, unknown>,
  context: { phone: string | null; birthDates?: readonly string[] },
): { path: string; message: string }[] {
  const pin = digitsOf(raw.pin);
  const pinConfirm = digitsOf(raw.pinConfirm);
  if (!pin) return [];
  const problem = checkPin(pin, { phoneDigits: context.phone?.replace(/\D/g, "") ?? null, birthDates: context.birthDates });
  if (problem) return [{ path: "pin", message: `accounts.pin.${problem}` }];
  return pinConfirm && pinConfirm !== pin ? [{ path: "pinConfirm", message: "accounts.pinConfirm.mismatch" }] : [];
}

export type TRegistration = z.output<typeof ZRegistrationSchema>;

export type RegistrationOutcome = { ok: true; candidate: Candidate } | { ok: false; taken: ("email" | "phone")[] };

/**
 * Creates a candidate account; e-mail and phone must belong to no other account. The consents the form gives
 * (the privacy notice, and contact by e-mail when 「はい」) are recorded in the same transaction, with `source`.
 */
export async function registerCandidate(
  db: Db,
  input: TRegistration & { locale: string },
  deps: { now: Date; hashSecret: (pin: string) => Promise<string>; source: ConsentSource },
): Promise<RegistrationOutcome> {
  const taken = await takenContacts(db, { email: input.email, phone: input.phone });
  if (taken.length > 0) return { ok: false, taken };
  const pinHash = await deps.hashSecret(input.pin);
  try {
    const candidate = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(candidates)
        .values({
          id: randomUUID(),
          email: input.email,
          phone: input.phone,
          familyName: input.familyName,
          givenName: input.givenName,
          familyNameLatin: input.familyNameLatin,
          givenNameLatin: input.givenNameLatin,
          timeZone: input.timeZone,
          pinHash,
          contactConsent: input.contactConsent,
          locale: input.locale,
          createdAt: deps.now,
          updatedAt: deps.now,
        })
        .returning();
      const consent = { candidateId: created!.id, source: deps.source, now: deps.now, decision: "given" } as const;
      await recordConsent(tx, { ...consent, purpose: "privacy_notice" });
      if (input.contactConsent) await recordConsent(tx, { ...consent, purpose: "contact_email" });
      return created!;
    });
    return { ok: true, candidate };
  } catch (error) {
    // Two registrations racing for one address: the unique index decides, and the loser is told plainly.
    const again = await takenContacts(db, { email: input.email, phone: input.phone });
    if (again.length > 0) return { ok: false, taken: again };
    throw error;
  }
}

/** Which of these contact details already belong to an account (other than `exceptId`). */
export async function takenContacts(db: Db, input: { email?: string; phone?: string; exceptId?: string }): Promise<("email" | "phone")[]> {
  const conditions = [];
  if (input.email) conditions.push(eq(candidates.email, input.email));
  if (input.phone) conditions.push(eq(candidates.phone, input.phone));
  if (conditions.length === 0) return [];
  const rows = await db
    .select({ id: candidates.id, email: candidates.email, phone: candidates.phone })
    .from(candidates)
    .where(or(...conditions));
  const others = rows.filter((r) => r.id !== input.exceptId);
  const taken: ("email" | "phone")[] = [];
  if (input.email && others.some((r) => r.email === input.email)) taken.push("email");
  if (input.phone && others.some((r) => r.phone === input.phone)) taken.push("phone");
  return taken;
}
