import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { birthDatesOf } from "../../../modules/applications/application-store.ts";
import { type AuthDeps, checkFlowCode, clearThrottle, finishFlow, flowCandidate, openFlow, sendFlowCode } from "../../../modules/candidates/auth-flows.ts";
import { findCandidateByIdentifier } from "../../../modules/candidates/candidate-repo.ts";
import { maskDestination } from "../../../modules/candidates/contact-details.ts";
import { resetPin } from "../../../modules/candidates/profile.ts";
import { newPinIssues } from "../../../modules/candidates/registration.ts";
import type { AuthFlow, Candidate } from "../../../modules/candidates/schema.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { type FieldError, withError } from "../../../platform/http/form.ts";
import { noticeFromQuery } from "../../../platform/http/notices.ts";
import { sessionCookieName } from "../../../platform/http/surface-session.ts";
import { hashSecret } from "../../../platform/security/pin-hashing.ts";
import { PIN_RESETS } from "../../rate-limits.ts";
import { PUBLIC } from "../../route-access.ts";
import type { MessageKey } from "../messages.ts";
import { blankForm, type Form, parseForm } from "../page.ts";
import { authDepsOf, codeError, loadFlow, readIdentifier, throttleError, ZCodeSchema, ZPinSchema } from "../sign-in/flow-forms.ts";
import { PinResetCodePage, PinResetStartPage } from "./views.tsx";

const NOTICES = {
  sent: "accounts.code.sent",
  wait: "accounts.code.wait",
} as const satisfies Record<string, MessageKey>;

const EXPIRED = "/pin-reset?notice=expired";

const ZResetSchema = z.object({ code: ZCodeSchema.shape.code, pin: ZPinSchema.shape.pin, pinConfirm: ZPinSchema.shape.pin });

/** 暗証番号をお忘れですか？: a code to the registered e-mail address, then a new PIN; every session ends. */
export async function pinResetRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const auth: AuthDeps = authDepsOf(deps);

  app.get("/pin-reset", PUBLIC, async (_req, reply) => reply.page(<PinResetStartPage form={blankForm} />));

  app.post("/pin-reset", { config: { ...PUBLIC.config, rateLimit: PIN_RESETS } }, async (req, reply) => {
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

  /**
   * Where the code went, told alike whether or not the account exists: the identifier as typed, masked. For a
   * mobile number the page says "the e-mail address registered with 090 ****5678", never the address itself.
   */
  function destinationOf(flow: AuthFlow): { kind: "email" | "sms"; masked: string } {
    const kind = flow.identifier.includes("@") ? "email" : "sms";
    return { kind, masked: maskDestination(kind, flow.identifier) };
  }

  function render(reply: FastifyReply, flow: AuthFlow, view: { form: Form; notice: FieldError<MessageKey> | null }, status = 200) {
    return reply.page(
      <PinResetCodePage flowId={flow.id} destination={destinationOf(flow)} form={view.form} notice={view.notice?.key ?? null} noticeVars={view.notice?.vars} />,
      status,
    );
  }

  app.get("/pin-reset/:flow", PUBLIC, async (req, reply) => {
    const flow = await loadFlow(auth, req, "pin_reset");
    if (!flow) return reply.seeOther(EXPIRED);
    const notice = noticeFromQuery(req.query, NOTICES);
    return render(reply, flow, { form: blankForm, notice: notice ? { key: notice } : null });
  });

  app.post("/pin-reset/:flow", PUBLIC, async (req, reply) => {
    const flow = await loadFlow(auth, req, "pin_reset");
    if (!flow) return reply.seeOther(EXPIRED);
    const candidate = await flowCandidate(auth, flow);
    // Looked up for an unknown account too (it finds none), so both take the same time.
    const birthDates = await birthDatesOf(deps.db, candidate?.id ?? flow.id);
    // The code, the new PIN's own rules and its re-entry are all reported in one answer. Whether the PIN is
    // the account's birth date or phone number is told only with the right code: otherwise anyone who knows
    // an e-mail address could try dates here until the page named one.
    const parsed = parseForm(ZResetSchema, req.body, (raw) => newPinIssues(raw, { phone: null }));
    if (!parsed.ok) return render(reply, flow, { form: parsed.form, notice: null }, 400);
    const withOwner = (owner: Candidate) => parseForm(ZResetSchema, req.body, (raw) => newPinIssues(raw, { phone: owner.phone, birthDates }));
    const result = await checkFlowCode(auth, flow, parsed.data.code, (owner) => withOwner(owner).ok);
    if (!result.ok && result.reason === "declined") {
      const refused = withOwner(result.candidate);
      return render(reply, flow, { form: refused.ok ? blankForm : refused.form, notice: null }, 400);
    }
    if (!result.ok) return render(reply, flow, { form: withError(blankForm, "code", codeError(result).key), notice: null }, 400);
    await resetPin(deps.db, { candidate: result.candidate, pinHash: await hashSecret(parsed.data.pin), now: deps.now(), orgName: deps.config.orgName });
    await clearThrottle(auth, result.candidate.id);
    await finishFlow(auth, flow.id);
    deps.nudgeOutbox();
    // Every session of the account has ended on the server; this browser's cookie goes too.
    if (req.cookies[sessionCookieName(deps.config, "candidate")]) reply.clearCookie(sessionCookieName(deps.config, "candidate"), { path: "/" });
    return reply.seeOther("/login?notice=pinReset");
  });

  app.post("/pin-reset/:flow/send", PUBLIC, async (req, reply) => {
    const flow = await loadFlow(auth, req, "pin_reset");
    if (!flow) return reply.seeOther(EXPIRED);
    const sent = await sendFlowCode(auth, flow, "email");
    if (sent.ok) return reply.seeOther(`/pin-reset/${flow.id}?notice=sent`);
    return render(reply, flow, { form: blankForm, notice: throttleError(sent) }, 429);
  });
}
