import { type AuthDeps, checkFlowPin, finishFlow, openFlow, type SendOutcome, sendFlowCode } from "./auth-flows.ts";
import type { SignedInCandidate } from "./candidate-session.ts";
import { isEmail, isPhoneCountry, normaliseEmail, toE164 } from "./contact-details.ts";
import { takenContacts } from "./registration.ts";
import type { AuthFlow } from "./schema.ts";

export type ContactKind = "email" | "phone";

export type NewContact = { ok: true; email: string | null; phone: string | null } | { ok: false; problem: "required" | "invalid" | "same" };

/**
 * The new e-mail address or phone number on its own, as typed: present, well formed and not the account's
 * own. It needs no PIN and no other account, so a form can report it beside its other mistakes at once.
 */
export function checkNewContact(candidate: SignedInCandidate, input: { kind: ContactKind; value: string; phoneCountry: string }): NewContact {
  if (input.kind === "email") {
    const email = normaliseEmail(input.value);
    if (!email) return { ok: false, problem: "required" };
    if (!isEmail(email)) return { ok: false, problem: "invalid" };
    return email === candidate.email ? { ok: false, problem: "same" } : { ok: true, email, phone: null };
  }
  const phone = toE164(input.value, isPhoneCountry(input.phoneCountry) ? input.phoneCountry : "JP");
  if (!phone) return { ok: false, problem: input.value.trim() ? "invalid" : "required" };
  return phone === candidate.phone ? { ok: false, problem: "same" } : { ok: true, email: null, phone };
}

export type ContactChangeRequest =
  | { ok: true; flow: AuthFlow }
  | { ok: false; field: ContactKind; problem: "required" | "invalid" | "same" | "taken" }
  | { ok: false; field: "pin"; problem: "wrong" | "locked" }
  | { ok: false; field: ContactKind; problem: "throttled"; sent: Exclude<SendOutcome, { ok: true }> };

/**
 * The first step of changing the e-mail address or phone: the new value must be well formed and new, the
 * current PIN right, and only then is it checked against other accounts (so the form cannot be used to find
 * out whose address is registered without the PIN), and a code goes to the new address.
 */
export async function requestContactChange(
  auth: AuthDeps,
  input: { candidate: SignedInCandidate; kind: ContactKind; value: string; phoneCountry: string; pin: string; address: string; browserKey: string },
): Promise<ContactChangeRequest> {
  const { candidate, kind } = input;
  const contact = checkNewContact(candidate, input);
  if (!contact.ok) return { ok: false, field: kind, problem: contact.problem };
  const { email: newEmail, phone: newPhone } = contact;
  const flow = await openFlow(auth, {
    kind: "contact_change",
    identifier: candidate.email,
    candidateId: candidate.id,
    browserKey: input.browserKey,
    returnTo: null,
    state: "pin",
    newEmail,
    newPhone,
  });
  const pin = await checkFlowPin(auth, flow, { pin: input.pin, address: input.address });
  if (!pin.ok) {
    await finishFlow(auth, flow.id);
    return { ok: false, field: "pin", problem: pin.reason };
  }
  const taken = await takenContacts(auth.db, { email: newEmail ?? undefined, phone: newPhone ?? undefined, exceptId: candidate.id });
  if (taken.length > 0) {
    await finishFlow(auth, flow.id);
    return { ok: false, field: kind, problem: "taken" };
  }
  const sent = await sendFlowCode(auth, flow, newEmail ? "email" : "sms");
  if (!sent.ok) {
    await finishFlow(auth, flow.id);
    return { ok: false, field: kind, problem: "throttled", sent };
  }
  return { ok: true, flow };
}
