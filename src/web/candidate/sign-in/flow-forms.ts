import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { type AuthDeps, type CodeCheck, type FlowKind, findFlow, type SendOutcome } from "../../../modules/candidates/auth-flows.ts";
import { parseIdentifier } from "../../../modules/candidates/contact-details.ts";
import type { AuthFlow } from "../../../modules/candidates/schema.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { type FieldError, withError } from "../../../platform/http/form.ts";
import { verifySecret } from "../../../platform/security/pin-hashing.ts";
import { normaliseDigits, textField } from "../../../platform/text/japanese-input.ts";
import type { MessageKey } from "../messages.ts";
import { type Form, parseForm } from "../page.ts";

/** What the sign-in, PIN-reset and contact-change flows need from the portal. */
export function authDepsOf(deps: AppDeps): AuthDeps {
  return { db: deps.db, now: deps.now, secret: deps.config.secret, orgName: deps.config.orgName, verifySecret, nudgeOutbox: deps.nudgeOutbox };
}

/** The flow a URL names, if it is of this kind, still open, and started in this browser. */
export function loadFlow(auth: AuthDeps, req: FastifyRequest, kind: FlowKind): Promise<AuthFlow | null> {
  return findFlow(auth, { id: (req.params as { flow: string }).flow, kind, browserKey: req.browserKey });
}

const digits = (v: unknown) => (typeof v === "string" ? normaliseDigits(v) : v);

export const ZIdentifierSchema = z.object({
  identifier: textField("accounts.login.identifier.required").pipe(
    z.string().min(1, "accounts.login.identifier.required").max(254, "accounts.login.identifier.invalid"),
  ),
});
export const ZPinSchema = z.object({
  pin: z.preprocess(digits, z.string({ error: "accounts.pin.required" }).min(1, "accounts.pin.required").max(12, "accounts.pin.format")),
});
export const ZCodeSchema = z.object({
  code: z.preprocess(digits, z.string({ error: "accounts.code.required" }).min(1, "accounts.code.required").max(12, "accounts.code.wrong")),
});
export const ZChannelSchema = z.object({ channel: z.enum(["email", "sms"], { error: "accounts.channel.required" }) });

/** The e-mail address or mobile number typed on the sign-in and PIN-reset forms, or the form to show again. */
export function readIdentifier(body: unknown): { identifier: ReturnType<typeof parseIdentifier>; form: Form } {
  const parsed = parseForm(ZIdentifierSchema, body);
  if (!parsed.ok) return { identifier: null, form: parsed.form };
  const identifier = parseIdentifier(parsed.data.identifier);
  const values = { identifier: parsed.data.identifier };
  return { identifier, form: identifier ? { values, errors: {} } : withError({ values, errors: {} }, "identifier", "accounts.login.identifier.invalid") };
}

/** Why a code was not accepted, as the code field's error. */
export function codeError(check: Exclude<CodeCheck, { ok: true }>): FieldError<MessageKey> {
  return { key: check.reason === "wrong" ? "accounts.code.wrong" : check.reason === "expired" ? "accounts.code.expired" : "accounts.code.exhausted" };
}

/** Why no code was sent (the resend throttle), with the wait filled in. */
export function throttleError(sent: Exclude<SendOutcome, { ok: true }>): FieldError<MessageKey> {
  return sent.reason === "tooSoon" ? { key: "accounts.code.tooSoon", vars: { seconds: sent.waitSeconds } } : { key: "accounts.code.tooMany" };
}

/** Whole minutes until a lock ends, at least one. */
export function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
