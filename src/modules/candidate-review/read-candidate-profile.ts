import { may, type StaffPrincipal } from "../access/policy.ts";
import type { Application } from "../applications/schema.ts";
import type { Candidate } from "../candidates/schema.ts";

/** E-mail, phone, postal address and date of birth: for members whose role grants contact details. */
export type ContactDetails = {
  accountEmail: string;
  accountPhone: string;
  email: string | null;
  phone: string | null;
  phoneType: "mobile" | "home" | null;
  postalCode: string | null;
  prefecture: string | null;
  city: string | null;
  addressLines: string[];
  birthDate: string | null;
};

/** Who the candidate is, as a reviewer needs it; `contact` is null for anyone not allowed contact details. */
export type CandidateProfile = {
  kanji: string | null;
  kana: string | null;
  latin: string;
  preferredName: string | null;
  country: string | null;
  earliestStart: string | null;
  howHeard: string | null;
  consents: { contact: boolean; sms: boolean | null; feedback: boolean | null };
  /** When the candidate stopped all contact: the office's e-mails are not sent to them. */
  contactStoppedAt: Date | null;
  contact: ContactDetails | null;
};

function joined(...parts: (string | undefined | null)[]): string | null {
  const text = parts.filter((p): p is string => Boolean(p?.trim())).join(" ");
  return text === "" ? null : text;
}

/**
 * The profile shown on the candidate page: the names from STEP 1 (the account's before STEP 1 is saved), and
 * the contact details only when the policy lets this member see them, so a view cannot show what it never got.
 */
export function readCandidateProfile(input: { application: Application; candidate: Candidate; principal: StaffPrincipal }): CandidateProfile {
  const { application, candidate } = input;
  const p = application.personal;
  const resource = { kind: "profile", candidateId: candidate.id, jobIds: [application.jobId] } as const;
  const contact: ContactDetails | null = may(input.principal, "viewContactDetails", resource)
    ? {
        accountEmail: candidate.email,
        accountPhone: candidate.phone,
        email: p?.email ?? null,
        phone: p?.phone ?? null,
        phoneType: p?.phoneType ?? null,
        postalCode: p?.postalCode ?? null,
        prefecture: p?.prefecture ?? null,
        city: p?.city ?? null,
        addressLines: [p?.address1, p?.address2, p?.address3].filter((l): l is string => Boolean(l?.trim())),
        birthDate: p?.birthDate ?? null,
      }
    : null;
  return {
    kanji: p ? joined(p.familyNameKanji, p.givenNameKanji) : joined(candidate.familyName, candidate.givenName),
    kana: p ? joined(p.familyNameKana, p.givenNameKana) : null,
    latin: (p ? joined(p.familyNameLatin, p.givenNameLatin, p.middleNameLatin) : null) ?? `${candidate.familyNameLatin} ${candidate.givenNameLatin}`,
    preferredName: p?.preferredName?.trim() || null,
    country: p?.country ?? null,
    earliestStart: p?.earliestStart ?? null,
    howHeard: p?.howHeard ?? null,
    consents: { contact: candidate.contactConsent, sms: p ? p.smsConsent : null, feedback: p ? p.feedbackConsent : null },
    contactStoppedAt: candidate.contactStoppedAt,
    contact,
  };
}
