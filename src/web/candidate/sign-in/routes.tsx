import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  type AuthDeps,
  checkFlowCode,
  checkFlowPin,
  clearThrottle,
  findFlow,
  finishFlow,
  flowCandidate,
  openFlow,
  sendFlowCode,
  setFlowState,
} from "../../../modules/candidates/auth-flows.ts";
import { findCandidateById, findCandidateByIdentifier } from "../../../modules/candidates/candidate-repo.ts";
import { isEmail, isPhoneCountry, maskDestination, normaliseEmail, parseIdentifier, toE164 } from "../../../modules/candidates/contact-details.ts";
import { checkPin } from "../../../modules/candidates/pin-policy.ts";
import { applyContactChange, resetPin, updateProfile, ZProfileSchema } from "../../../modules/candidates/profile.ts";
import { registerCandidate, takenContacts, ZRegistrationSchema } from "../../../modules/candidates/registration.ts";
import type { AuthFlow } from "../../../modules/candidates/schema.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { echoValues, emptyForm, type FormState, parseForm, withError } from "../../../platform/http/form.ts";
import { noticeFromQuery } from "../../../platform/http/notices.ts";
import { clearSessionCookie, safeReturnTo, setSessionCookie } from "../../../platform/http/request-context.ts";
import type { MessageKey } from "../../../platform/i18n/messages.ts";
import { hashSecret, verifySecret } from "../../../platform/security/pin-hashing.ts";
import { endSession, startSession } from "../../../platform/security/sessions.ts";
import { normaliseDigits, textField } from "../../../platform/text/japanese-input.ts";
import { ContactChangePage, ProfilePage } from "../profile/views.tsx";
import { ChannelPage, CodePage, LoginHelpPage, LoginPage, PinPage, PinResetCodePage, PinResetStartPage, RegisterPage } from "./views.tsx";

/** Notices a redirect may ask for, by a short name in the query: never free text from the URL. */
const NOTICES = {
  registered: "accounts.register.done",
  expired: "accounts.login.expired",
  signedOut: "accounts.signedOut",
  pinReset: "accounts.reset.done",
  saved: "accounts.profile.saved",
  contactChanged: "accounts.profile.contactChanged",
  sent: "accounts.code.sent",
  wait: "accounts.code.wait",
} as const satisfies Record<string, MessageKey>;

function noticeFrom(query: unknown): MessageKey | null {
  return noticeFromQuery(query, NOTICES);
}

function returnToOf(req: FastifyRequest): string | null {
  return safeReturnTo((req.query as { return_to?: unknown }).return_to);
}

const ZIdentifierSchema = z.object({
  identifier: textField("accounts.login.identifier.required").pipe(
    z.string().min(1, "accounts.login.identifier.required").max(254, "accounts.login.identifier.invalid"),
  ),
});
const ZPinSchema = z.object({
  pin: z.preprocess(
    (v) => (typeof v === "string" ? normaliseDigits(v) : v),
    z.string({ error: "accounts.pin.required" }).min(1, "accounts.pin.required").max(12, "accounts.pin.format"),
  ),
});
const ZCodeSchema = z.object({
  code: z.preprocess(
    (v) => (typeof v === "string" ? normaliseDigits(v) : v),
    z.string({ error: "accounts.code.required" }).min(1, "accounts.code.required").max(12, "accounts.code.wrong"),
  ),
});
const ZChannelSchema = z.object({ channel: z.enum(["email", "sms"], { error: "accounts.channel.required" }) });

/** The e-mail address or mobile number typed on the sign-in and PIN-reset forms, or the form to show again. */
function readIdentifier(body: unknown): { identifier: ReturnType<typeof parseIdentifier>; form: FormState } {
  const parsed = parseForm(ZIdentifierSchema, body);
  if (!parsed.ok) return { identifier: null, form: parsed.form };
  const identifier = parseIdentifier(parsed.data.identifier);
  const values = { identifier: parsed.data.identifier };
  return { identifier, form: identifier ? { values, errors: {} } : withError({ values, errors: {} }, "identifier", "accounts.login.identifier.invalid") };
}

/** The resend-throttle message with its wait filled in (form errors hold a key or a finished sentence). */
function throttleMessage(req: FastifyRequest, sent: { reason: "tooSoon"; waitSeconds: number } | { reason: "tooMany" }): string {
  return sent.reason === "tooSoon" ? req.t("accounts.code.tooSoon", { seconds: sent.waitSeconds }) : req.t("accounts.code.tooMany");
}

function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

/** Registration, sign-in with PIN and code, PIN reset, アカウント情報 and sign-out. */
export async function accountRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const auth: AuthDeps = {
    db: deps.db,
    now: deps.now,
    secret: deps.config.secret,
    orgName: deps.config.orgName,
    verifySecret,
    nudgeOutbox: deps.nudgeOutbox,
  };

  async function signIn(req: FastifyRequest, reply: FastifyReply, candidateId: string): Promise<void> {
    // A new id at every sign-in: a session id planted before sign-in never becomes a signed-in one.
    if (req.sessionId) await endSession(deps.db, req.sessionId);
    const id = await startSession(deps.db, { candidateId, now: deps.now() });
    setSessionCookie(reply, deps.config, id);
  }

  async function flowOr(req: FastifyRequest, reply: FastifyReply, kind: AuthFlow["kind"], restart: string): Promise<AuthFlow | null> {
    const flow = await findFlow(auth, { id: (req.params as { flow: string }).flow, kind, browserKey: req.browserKey });
    if (!flow) reply.seeOther(`${restart}${restart.includes("?") ? "&" : "?"}notice=expired`);
    return flow;
  }

  // ---- Registration -------------------------------------------------------------------------
  app.get("/register", async (req, reply) => reply.page(<RegisterPage form={emptyForm} returnTo={returnToOf(req)} />));

  app.post("/register", async (req, reply) => {
    const returnTo = returnToOf(req);
    const parsed = parseForm(ZRegistrationSchema, req.body);
    if (!parsed.ok) return reply.page(<RegisterPage form={parsed.form} returnTo={returnTo} />, 400);
    const outcome = await registerCandidate(deps.db, { ...parsed.data, locale: req.locale }, { now: deps.now(), hashSecret });
    if (!outcome.ok) {
      let form: FormState = { values: echoValues(req.body as Record<string, unknown>), errors: {} };
      if (outcome.taken.includes("email")) form = withError(form, "email", "accounts.email.taken");
      if (outcome.taken.includes("phone")) form = withError(form, "phone", "accounts.phone.taken");
      return reply.page(<RegisterPage form={form} returnTo={returnTo} />, 409);
    }
    const flow = await openFlow(auth, {
      kind: "login",
      identifier: outcome.candidate.email,
      candidateId: outcome.candidate.id,
      browserKey: req.browserKey,
      returnTo,
      state: "pin",
    });
    return reply.seeOther(`/login/${flow.id}/pin?notice=registered`);
  });

  // ---- Sign-in --------------------------------------------------------------------------------
  app.get("/login", async (req, reply) => {
    const returnTo = returnToOf(req);
    if (req.candidate) return reply.seeOther(returnTo ?? "/account");
    return reply.page(<LoginPage form={emptyForm} returnTo={returnTo} notice={noticeFrom(req.query)} />);
  });

  app.post("/login", async (req, reply) => {
    const returnTo = returnToOf(req);
    const { identifier, form } = readIdentifier(req.body);
    if (!identifier) return reply.page(<LoginPage form={form} returnTo={returnTo} notice={null} />, 400);
    const candidate = await findCandidateByIdentifier(deps.db, identifier);
    const flow = await openFlow(auth, {
      kind: "login",
      identifier: identifier.value,
      candidateId: candidate?.id ?? null,
      browserKey: req.browserKey,
      returnTo,
      state: "pin",
    });
    return reply.seeOther(`/login/${flow.id}/pin`);
  });

  app.get("/login/:flow/pin", async (req, reply) => {
    const flow = await flowOr(req, reply, "login", "/login");
    if (!flow) return reply;
    return reply.page(<PinPage flowId={flow.id} identifier={flow.identifier} form={emptyForm} notice={noticeFrom(req.query)} lockedMinutes={null} />);
  });

  app.post("/login/:flow/pin", async (req, reply) => {
    const flow = await flowOr(req, reply, "login", "/login");
    if (!flow) return reply;
    const parsed = parseForm(ZPinSchema, req.body);
    if (!parsed.ok) return reply.page(<PinPage flowId={flow.id} identifier={flow.identifier} form={parsed.form} notice={null} lockedMinutes={null} />, 400);
    const result = await checkFlowPin(auth, flow, parsed.data.pin);
    if (result.ok) {
      await setFlowState(auth, flow.id, "channel");
      return reply.seeOther(`/login/${flow.id}/send`);
    }
    if (result.reason === "locked") {
      return reply.page(
        <PinPage flowId={flow.id} identifier={flow.identifier} form={emptyForm} notice={null} lockedMinutes={minutesUntil(result.until, deps.now())} />,
        429,
      );
    }
    return reply.page(
      <PinPage flowId={flow.id} identifier={flow.identifier} form={withError(emptyForm, "pin", "accounts.pinStep.wrong")} notice={null} lockedMinutes={null} />,
      400,
    );
  });

  async function renderChannel(reply: FastifyReply, flow: AuthFlow, form: FormState, status = 200) {
    const candidate = await flowCandidate(auth, flow);
    if (!candidate) return reply.seeOther("/login?notice=expired");
    return reply.page(
      <ChannelPage flowId={flow.id} email={maskDestination("email", candidate.email)} phone={maskDestination("sms", candidate.phone)} form={form} />,
      status,
    );
  }

  app.get("/login/:flow/send", async (req, reply) => {
    const flow = await flowOr(req, reply, "login", "/login");
    if (!flow) return reply;
    if (flow.state === "pin") return reply.seeOther(`/login/${flow.id}/pin`);
    return renderChannel(reply, flow, emptyForm);
  });

  app.post("/login/:flow/send", async (req, reply) => {
    const flow = await flowOr(req, reply, "login", "/login");
    if (!flow) return reply;
    if (flow.state === "pin") return reply.seeOther(`/login/${flow.id}/pin`);
    const parsed = parseForm(ZChannelSchema, req.body);
    if (!parsed.ok) return renderChannel(reply, flow, parsed.form, 400);
    const sent = await sendFlowCode(auth, flow, parsed.data.channel);
    if (sent.ok) return reply.seeOther(`/login/${flow.id}/code?notice=sent`);
    if (flow.state === "code") {
      const refreshed = await findFlow(auth, { id: flow.id, kind: "login", browserKey: req.browserKey });
      return renderCode(
        reply,
        refreshed ?? flow,
        sent.reason === "tooSoon" ? { notice: "accounts.code.tooSoon", vars: { seconds: sent.waitSeconds } } : { notice: "accounts.code.tooMany" },
        emptyForm,
        429,
      );
    }
    const form = withError(emptyForm, "channel", throttleMessage(req, sent));
    return renderChannel(reply, flow, form, 429);
  });

  async function renderCode(
    reply: FastifyReply,
    flow: AuthFlow,
    message: { notice: MessageKey | null; vars?: Record<string, string | number> },
    form: FormState,
    status = 200,
  ) {
    const candidate = await flowCandidate(auth, flow);
    if (!candidate) return reply.seeOther("/login?notice=expired");
    const channel = flow.channel ?? "email";
    const destination = maskDestination(channel, channel === "email" ? candidate.email : candidate.phone);
    return reply.page(
      <CodePage
        action={`/login/${flow.id}/code`}
        sendAction={`/login/${flow.id}/send`}
        destination={destination}
        channel={channel}
        form={form}
        notice={message.notice}
        noticeVars={message.vars}
        allowChannelSwitch
        back={`/login/${flow.id}/send`}
      />,
      status,
    );
  }

  app.get("/login/:flow/code", async (req, reply) => {
    const flow = await flowOr(req, reply, "login", "/login");
    if (!flow) return reply;
    if (flow.state !== "code") return reply.seeOther(`/login/${flow.id}/${flow.state === "pin" ? "pin" : "send"}`);
    return renderCode(reply, flow, { notice: noticeFrom(req.query) }, emptyForm);
  });

  app.post("/login/:flow/code", async (req, reply) => {
    const flow = await flowOr(req, reply, "login", "/login");
    if (!flow) return reply;
    if (flow.state !== "code") return reply.seeOther(`/login/${flow.id}/${flow.state === "pin" ? "pin" : "send"}`);
    const parsed = parseForm(ZCodeSchema, req.body);
    if (!parsed.ok) return renderCode(reply, flow, { notice: null }, parsed.form, 400);
    const result = await checkFlowCode(auth, flow, parsed.data.code);
    if (!result.ok) {
      const key = result.reason === "wrong" ? "accounts.code.wrong" : result.reason === "expired" ? "accounts.code.expired" : "accounts.code.exhausted";
      return renderCode(reply, flow, { notice: null }, withError(emptyForm, "code", key), 400);
    }
    await finishFlow(auth, flow.id);
    await signIn(req, reply, result.candidate.id);
    return reply.seeOther(safeReturnTo(flow.returnTo) ?? "/account");
  });

  app.get("/login/help", async (_req, reply) => reply.page(<LoginHelpPage mailFrom={deps.config.mailFrom} />));

  app.post("/logout", async (req, reply) => {
    if (req.sessionId) await endSession(deps.db, req.sessionId);
    clearSessionCookie(reply, deps.config);
    return reply.seeOther("/login?notice=signedOut");
  });

  // ---- PIN reset ------------------------------------------------------------------------------
  app.get("/pin-reset", async (_req, reply) => reply.page(<PinResetStartPage form={emptyForm} />));

  app.post("/pin-reset", async (req, reply) => {
    const { identifier, form } = readIdentifier(req.body);
    if (!identifier) return reply.page(<PinResetStartPage form={form} />, 400);
    const candidate = await findCandidateByIdentifier(deps.db, identifier);
    const flow = await openFlow(auth, {
      kind: "pin_reset",
      identifier: identifier.value,
      candidateId: candidate?.id ?? null,
      browserKey: req.browserKey,
      returnTo: null,
      state: "code",
    });
    const sent = await sendFlowCode(auth, flow, "email");
    return reply.seeOther(sent.ok ? `/pin-reset/${flow.id}` : `/pin-reset/${flow.id}?notice=wait`);
  });

  async function resetDestination(flow: AuthFlow): Promise<string> {
    const candidate = await flowCandidate(auth, flow);
    return candidate
      ? maskDestination("email", candidate.email)
      : flow.identifier.includes("@")
        ? maskDestination("email", flow.identifier)
        : maskDestination("sms", flow.identifier);
  }

  app.get("/pin-reset/:flow", async (req, reply) => {
    const flow = await flowOr(req, reply, "pin_reset", "/pin-reset");
    if (!flow) return reply;
    return reply.page(<PinResetCodePage flowId={flow.id} destination={await resetDestination(flow)} form={emptyForm} notice={noticeFrom(req.query)} />);
  });

  const ZResetSchema = z.object({ code: ZCodeSchema.shape.code, pin: ZPinSchema.shape.pin, pinConfirm: ZPinSchema.shape.pin });

  app.post("/pin-reset/:flow", async (req, reply) => {
    const flow = await flowOr(req, reply, "pin_reset", "/pin-reset");
    if (!flow) return reply;
    const destination = await resetDestination(flow);
    const parsed = parseForm(ZResetSchema, req.body);
    if (!parsed.ok) return reply.page(<PinResetCodePage flowId={flow.id} destination={destination} form={parsed.form} notice={null} />, 400);
    const candidate = await flowCandidate(auth, flow);
    const problem = checkPin(parsed.data.pin, { phoneDigits: candidate?.phone.replace(/\D/g, "") ?? null });
    if (problem || parsed.data.pin !== parsed.data.pinConfirm) {
      const form = problem ? withError(emptyForm, "pin", `accounts.pin.${problem}`) : withError(emptyForm, "pinConfirm", "accounts.pinConfirm.mismatch");
      return reply.page(<PinResetCodePage flowId={flow.id} destination={destination} form={form} notice={null} />, 400);
    }
    const result = await checkFlowCode(auth, flow, parsed.data.code);
    if (!result.ok) {
      const key = result.reason === "wrong" ? "accounts.code.wrong" : result.reason === "expired" ? "accounts.code.expired" : "accounts.code.exhausted";
      return reply.page(<PinResetCodePage flowId={flow.id} destination={destination} form={withError(emptyForm, "code", key)} notice={null} />, 400);
    }
    await resetPin(deps.db, { candidate: result.candidate, pinHash: await hashSecret(parsed.data.pin), now: deps.now(), orgName: deps.config.orgName });
    await clearThrottle(auth, result.candidate.id);
    await finishFlow(auth, flow.id);
    deps.nudgeOutbox();
    if (req.sessionId) clearSessionCookie(reply, deps.config);
    return reply.seeOther("/login?notice=pinReset");
  });

  app.post("/pin-reset/:flow/send", async (req, reply) => {
    const flow = await flowOr(req, reply, "pin_reset", "/pin-reset");
    if (!flow) return reply;
    const sent = await sendFlowCode(auth, flow, "email");
    if (sent.ok) return reply.seeOther(`/pin-reset/${flow.id}?notice=sent`);
    const notice = sent.reason === "tooSoon" ? "accounts.code.tooSoon" : "accounts.code.tooMany";
    const vars = sent.reason === "tooSoon" ? { seconds: sent.waitSeconds } : undefined;
    return reply.page(<PinResetCodePage flowId={flow.id} destination={await resetDestination(flow)} form={emptyForm} notice={notice} noticeVars={vars} />, 429);
  });

  // ---- アカウント情報 --------------------------------------------------------------------------
  async function requireCandidate(req: FastifyRequest, reply: FastifyReply) {
    const candidate = req.candidate ? await findCandidateById(deps.db, req.candidate.id) : null;
    if (!candidate) reply.seeOther(`/login?return_to=${encodeURIComponent(req.url)}`);
    return candidate;
  }

  app.get("/account", async (req, reply) => {
    const candidate = await requireCandidate(req, reply);
    if (!candidate) return reply;
    return reply.page(<ProfilePage candidate={candidate} form={emptyForm} notice={noticeFrom(req.query)} />);
  });

  app.post("/account", async (req, reply) => {
    const candidate = await requireCandidate(req, reply);
    if (!candidate) return reply;
    const parsed = parseForm(ZProfileSchema, req.body);
    if (!parsed.ok) return reply.page(<ProfilePage candidate={candidate} form={parsed.form} notice={null} />, 400);
    await updateProfile(deps.db, { candidateId: candidate.id, profile: parsed.data, now: deps.now() });
    return reply.seeOther("/account?notice=saved");
  });

  function contactKind(req: FastifyRequest): "email" | "phone" {
    return (req.query as { kind?: unknown }).kind === "phone" ? "phone" : "email";
  }

  app.get("/account/contact", async (req, reply) => {
    const candidate = await requireCandidate(req, reply);
    if (!candidate) return reply;
    return reply.page(<ContactChangePage kind={contactKind(req)} form={emptyForm} />);
  });

  const ZContactChangeSchema = z.object({
    email: textField("accounts.email.required").optional(),
    phone: textField("accounts.phone.required").optional(),
    phoneCountry: z.string().optional(),
    pin: ZPinSchema.shape.pin,
  });

  app.post("/account/contact", async (req, reply) => {
    const candidate = await requireCandidate(req, reply);
    if (!candidate) return reply;
    const kind = contactKind(req);
    const parsed = parseForm(ZContactChangeSchema, req.body);
    if (!parsed.ok) return reply.page(<ContactChangePage kind={kind} form={parsed.form} />, 400);
    const values = { email: parsed.data.email ?? "", phone: parsed.data.phone ?? "", phoneCountry: parsed.data.phoneCountry ?? "JP" };
    let newEmail: string | null = null;
    let newPhone: string | null = null;
    if (kind === "email") {
      newEmail = normaliseEmail(values.email);
      if (!newEmail) return reply.page(<ContactChangePage kind={kind} form={withError({ values, errors: {} }, "email", "accounts.email.required")} />, 400);
      if (!isEmail(newEmail))
        return reply.page(<ContactChangePage kind={kind} form={withError({ values, errors: {} }, "email", "accounts.email.invalid")} />, 400);
      if (newEmail === candidate.email)
        return reply.page(<ContactChangePage kind={kind} form={withError({ values, errors: {} }, "email", "accounts.contactChange.same")} />, 400);
    } else {
      const country = isPhoneCountry(values.phoneCountry) ? values.phoneCountry : "JP";
      newPhone = toE164(values.phone, country);
      if (!newPhone)
        return reply.page(
          <ContactChangePage
            kind={kind}
            form={withError({ values, errors: {} }, "phone", values.phone ? "accounts.phone.invalid" : "accounts.phone.required")}
          />,
          400,
        );
      if (newPhone === candidate.phone)
        return reply.page(<ContactChangePage kind={kind} form={withError({ values, errors: {} }, "phone", "accounts.contactChange.same")} />, 400);
    }
    const taken = await takenContacts(deps.db, { email: newEmail ?? undefined, phone: newPhone ?? undefined, exceptId: candidate.id });
    if (taken.length > 0) {
      return reply.page(
        <ContactChangePage kind={kind} form={withError({ values, errors: {} }, kind, kind === "email" ? "accounts.email.taken" : "accounts.phone.taken")} />,
        409,
      );
    }
    const flow = await openFlow(auth, {
      kind: "contact_change",
      identifier: candidate.email,
      candidateId: candidate.id,
      browserKey: req.browserKey,
      returnTo: null,
      state: "pin",
      newEmail,
      newPhone,
    });
    const pin = await checkFlowPin(auth, flow, parsed.data.pin);
    if (!pin.ok) {
      await finishFlow(auth, flow.id);
      const form = withError({ values, errors: {} }, "pin", pin.reason === "locked" ? "accounts.pinStep.locked" : "accounts.pinStep.wrong");
      return reply.page(<ContactChangePage kind={kind} form={form} />, pin.reason === "locked" ? 429 : 400);
    }
    const sent = await sendFlowCode(auth, flow, newEmail ? "email" : "sms");
    if (!sent.ok) {
      await finishFlow(auth, flow.id);
      return reply.page(<ContactChangePage kind={kind} form={withError({ values, errors: {} }, kind, throttleMessage(req, sent))} />, 429);
    }
    return reply.seeOther(`/account/contact/${flow.id}`);
  });

  async function renderContactCode(
    reply: FastifyReply,
    flow: AuthFlow,
    form: FormState,
    notice: MessageKey | null,
    status = 200,
    vars?: Record<string, string | number>,
  ) {
    const channel = flow.newEmail ? "email" : "sms";
    return reply.page(
      <CodePage
        action={`/account/contact/${flow.id}`}
        sendAction={`/account/contact/${flow.id}/send`}
        destination={maskDestination(channel, flow.newEmail ?? flow.newPhone ?? "")}
        channel={channel}
        form={form}
        notice={notice}
        noticeVars={vars}
        title={undefined}
        allowChannelSwitch={false}
        back="/account"
        submitLabel={undefined}
      />,
      status,
    );
  }

  app.get("/account/contact/:flow", async (req, reply) => {
    const candidate = await requireCandidate(req, reply);
    if (!candidate) return reply;
    const flow = await flowOr(req, reply, "contact_change", "/account");
    if (!flow) return reply;
    if (flow.candidateId !== candidate.id) return reply.seeOther("/account");
    return renderContactCode(reply, flow, emptyForm, noticeFrom(req.query));
  });

  app.post("/account/contact/:flow", async (req, reply) => {
    const candidate = await requireCandidate(req, reply);
    if (!candidate) return reply;
    const flow = await flowOr(req, reply, "contact_change", "/account");
    if (!flow) return reply;
    if (flow.candidateId !== candidate.id) return reply.seeOther("/account");
    const parsed = parseForm(ZCodeSchema, req.body);
    if (!parsed.ok) return renderContactCode(reply, flow, parsed.form, null, 400);
    const result = await checkFlowCode(auth, flow, parsed.data.code);
    if (!result.ok) {
      const key = result.reason === "wrong" ? "accounts.code.wrong" : result.reason === "expired" ? "accounts.code.expired" : "accounts.code.exhausted";
      return renderContactCode(reply, flow, withError(emptyForm, "code", key), null, 400);
    }
    const taken = await applyContactChange(deps.db, {
      candidate,
      newEmail: flow.newEmail,
      newPhone: flow.newPhone,
      now: deps.now(),
      orgName: deps.config.orgName,
    });
    await finishFlow(auth, flow.id);
    deps.nudgeOutbox();
    if (taken)
      return reply.page(
        <ContactChangePage kind={taken} form={withError(emptyForm, taken, taken === "email" ? "accounts.email.taken" : "accounts.phone.taken")} />,
        409,
      );
    return reply.seeOther("/account?notice=contactChanged");
  });

  app.post("/account/contact/:flow/send", async (req, reply) => {
    const candidate = await requireCandidate(req, reply);
    if (!candidate) return reply;
    const flow = await flowOr(req, reply, "contact_change", "/account");
    if (!flow) return reply;
    if (flow.candidateId !== candidate.id) return reply.seeOther("/account");
    const sent = await sendFlowCode(auth, flow, flow.newEmail ? "email" : "sms");
    if (sent.ok) return reply.seeOther(`/account/contact/${flow.id}?notice=sent`);
    return renderContactCode(
      reply,
      flow,
      emptyForm,
      sent.reason === "tooSoon" ? "accounts.code.tooSoon" : "accounts.code.tooMany",
      429,
      sent.reason === "tooSoon" ? { seconds: sent.waitSeconds } : undefined,
    );
  });
}
