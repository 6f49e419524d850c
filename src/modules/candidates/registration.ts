import { randomUUID } from "node:crypto";
import { eq, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../platform/db/database.ts";
import { normaliseDigits, textField } from "../../platform/text/japanese-input.ts";
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
    givenName: kanjiName("accounts.givenName.required"),
    familyName: kanjiName("accounts.familyName.required"),
    givenNameLatin: latinName("accounts.givenNameLatin.required"),
    familyNameLatin: latinName("accounts.familyNameLatin.required"),
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
  .transform((form, ctx) => {
    const phone = toE164(form.phone, form.phoneCountry);
    if (!phone) ctx.addIssue({ code: "custom", path: ["phone"], message: "accounts.phone.invalid" });
    const phoneConfirm = toE164(form.phoneConfirm, form.phoneConfirmCountry);
    if (phone && phoneConfirm !== phone) ctx.addIssue({ code: "custom", path: ["phoneConfirm"], message: "accounts.phoneConfirm.mismatch" });
    if (form.emailConfirm !== form.email) ctx.addIssue({ code: "custom", path: ["emailConfirm"], message: "accounts.emailConfirm.mismatch" });
    const pinProblem = checkPin(form.pin, { phoneDigits: phone?.replace(/\D/g, "") ?? null });
    if (pinProblem) ctx.addIssue({ code: "custom", path: ["pin"], message: `accounts.pin.${pinProblem}` });
    else if (form.pinConfirm !== form.pin) ctx.addIssue({ code: "custom", path: ["pinConfirm"], message: "accounts.pinConfirm.mismatch" });
    return {
      givenName: form.givenName,
      familyName: form.familyName,
      givenNameLatin: form.givenNameLatin,
      familyNameLatin: form.familyNameLatin,
      email: form.email,
      phone: phone ?? "",
      timeZone: form.timeZone,
      pin: form.pin,
      contactConsent: form.contactConsent === "yes",
    };
  });

export type TRegistration = z.output<typeof ZRegistrationSchema>;

export type RegistrationOutcome = { ok: true; candidate: Candidate } | { ok: false; taken: ("email" | "phone")[] };

/** Creates a candidate account; e-mail and phone must belong to no other account. */
export async function registerCandidate(
  db: Db,
  input: TRegistration & { locale: string },
  deps: { now: Date; hashSecret: (pin: string) => Promise<string> },
): Promise<RegistrationOutcome> {
  const taken = await takenContacts(db, { email: input.email, phone: input.phone });
  if (taken.length > 0) return { ok: false, taken };
  const pinHash = await deps.hashSecret(input.pin);
  try {
    const [candidate] = await db
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
    return { ok: true, candidate: candidate! };
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
