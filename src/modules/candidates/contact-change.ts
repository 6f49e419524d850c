import { type AuthDeps, checkFlowPin, finishFlow, openFlow, type SendOutcome, sendFlowCode } from "./auth-flows.ts";
import { isEmail, isPhoneCountry, normaliseEmail, toE164 } from "./contact-details.ts";
import { takenContacts } from "./registration.ts";
import type { AuthFlow, Candidate } from "./schema.ts";

export type ContactKind = "email" | "phone";

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
  input: { candidate: Candidate; kind: ContactKind; value: string; phoneCountry: string; pin: string; address: string; browserKey: string },
): Promise<ContactChangeRequest> {
  const { candidate, kind } = input;
  let newEmail: string | null = null;
  let newPhone: string | null = null;
  if (kind === "email") {
    newEmail = normaliseEmail(input.value);
    if (!newEmail) return { ok: false, field: kind, problem: "required" };
    if (!isEmail(newEmail)) return { ok: false, field: kind, problem: "invalid" };
    if (newEmail === candidate.email) return { ok: false, field: kind, problem: "same" };
  } else {
    newPhone = toE164(input.value, isPhoneCountry(input.phoneCountry) ? input.phoneCountry : "JP");
    if (!newPhone) return { ok: false, field: kind, problem: input.value ? "invalid" : "required" };
    if (newPhone === candidate.phone) return { ok: false, field: kind, problem: "same" };
  }
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
