import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { listOwnApplications } from "../../../modules/applications/application-store.ts";
import {
  type AuthDeps,
  checkFlowCode,
  checkFlowPin,
  finishFlow,
  flowCandidate,
  openFlow,
  sendFlowCode,
  setFlowState,
} from "../../../modules/candidates/auth-flows.ts";
import { findCandidateByIdentifier } from "../../../modules/candidates/candidate-repo.ts";
import { maskDestination } from "../../../modules/candidates/contact-details.ts";
import type { AuthFlow } from "../../../modules/candidates/schema.ts";
import { recordCandidateSignIn } from "../../../modules/privacy/sign-ins.ts";
import { safeReturnTo } from "../../../platform/http/browser-context.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { type FieldError, withError } from "../../../platform/http/form.ts";
import { noticeFromQuery } from "../../../platform/http/notices.ts";
import { signInSession, signOutSession } from "../../../platform/http/surface-session.ts";
import { CANDIDATE_SESSIONS } from "../../../platform/security/sessions.ts";
import { SIGN_IN_STARTS } from "../../rate-limits.ts";
import { PUBLIC } from "../../route-access.ts";
import { withReturn } from "../account-fields.tsx";
import type { MessageKey } from "../messages.ts";
import { blankForm, type Form, parseForm } from "../page.ts";
import { authDepsOf, codeError, loadFlow, minutesUntil, readIdentifier, throttleError, ZChannelSchema, ZCodeSchema, ZPinSchema } from "./flow-forms.ts";
import { ChannelPage, CodePage, LoginHelpPage, LoginPage, PinPage } from "./views.tsx";

/** Notices a redirect may ask for, by a short name in the query: never free text from the URL. */
const NOTICES = {
  registered: "accounts.register.done",
  expired: "accounts.login.expired",
  timedOut: "accounts.login.timedOut",
  signedOut: "accounts.signedOut",
  pinReset: "accounts.reset.done",
  sent: "accounts.code.sent",
} as const satisfies Record<string, MessageKey>;

const EXPIRED = "/login?notice=expired";

function returnToOf(req: FastifyRequest): string | null {
  return safeReturnTo((req.query as { return_to?: unknown }).return_to);
}

/** The flow's next page when a request arrives at a later step than the flow has reached. */
function stepOf(flow: AuthFlow): string {
  return `/login/${flow.id}/${flow.state === "pin" ? "pin" : flow.state === "code" ? "code" : "send"}`;
}

/** Where a candidate lands after signing in with nowhere asked for: 応募した求人 once they have applied, else アカウント情報. */
async function homeOf(deps: AppDeps, candidateId: string): Promise<string> {
  return (await listOwnApplications(deps.db, candidateId)).length > 0 ? "/account/applications" : "/account";
}

/** The registration page for someone at the PIN step of a flow: it offers what they typed, and comes back to the same page. */
function registerHrefOf(flow: AuthFlow): string {
  const href = withReturn("/register", flow.returnTo);
  return `${href}${href.includes("?") ? "&" : "?"}from=${flow.id}`;
}

/** ログイン: e-mail or mobile number → PIN → where to send the code → the code; and ログアウト. */
export async function signInRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const auth: AuthDeps = authDepsOf(deps);

  app.get("/login", PUBLIC, async (req, reply) => {
    const returnTo = returnToOf(req);
    if (req.candidate) return reply.seeOther(returnTo ?? (await homeOf(deps, req.candidate.id)));
    return reply.page(<LoginPage form={blankForm} returnTo={returnTo} notice={noticeFromQuery(req.query, NOTICES)} />);
  });

  app.post("/login", { config: { ...PUBLIC.config, rateLimit: SIGN_IN_STARTS } }, async (req, reply) => {
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

  function renderPin(reply: FastifyReply, flow: AuthFlow, view: { form: Form; notice: MessageKey | null; lockedMinutes: number | null }, status = 200) {
    return reply.page(
      <PinPage flowId={flow.id} identifier={flow.identifier} registerHref={view.notice === "accounts.register.done" ? null : registerHrefOf(flow)} {...view} />,
      status,
    );
  }

  app.get("/login/:flow/pin", PUBLIC, async (req, reply) => {
    const flow = await loadFlow(auth, req, "login");
    if (!flow) return reply.seeOther(EXPIRED);
    return renderPin(reply, flow, { form: blankForm, notice: noticeFromQuery(req.query, NOTICES), lockedMinutes: null });
  });

  app.post("/login/:flow/pin", PUBLIC, async (req, reply) => {
    const flow = await loadFlow(auth, req, "login");
    if (!flow) return reply.seeOther(EXPIRED);
    const parsed = parseForm(ZPinSchema, req.body);
    if (!parsed.ok) return renderPin(reply, flow, { form: parsed.form, notice: null, lockedMinutes: null }, 400);
    const result = await checkFlowPin(auth, flow, { pin: parsed.data.pin, address: req.ip });
    if (result.ok) {
      await setFlowState(auth, flow.id, "channel");
      return reply.seeOther(`/login/${flow.id}/send`);
    }
    if (result.reason === "locked")
      return renderPin(reply, flow, { form: blankForm, notice: null, lockedMinutes: minutesUntil(result.until, deps.now()) }, 429);
    return renderPin(reply, flow, { form: withError(blankForm, "pin", "accounts.pinStep.wrong"), notice: null, lockedMinutes: null }, 400);
  });

  async function renderChannel(reply: FastifyReply, flow: AuthFlow, form: Form, status = 200) {
    const candidate = await flowCandidate(auth, flow);
    if (!candidate) return reply.seeOther(EXPIRED);
    return reply.page(
      <ChannelPage flowId={flow.id} email={maskDestination("email", candidate.email)} phone={maskDestination("sms", candidate.phone)} form={form} />,
      status,
    );
  }

  async function renderCode(reply: FastifyReply, flow: AuthFlow, view: { notice: FieldError<MessageKey> | null; form: Form }, status = 200) {
    const candidate = await flowCandidate(auth, flow);
    if (!candidate) return reply.seeOther(EXPIRED);
    const channel = flow.channel ?? "email";
    return reply.page(
      <CodePage
        action={`/login/${flow.id}/code`}
        sendAction={`/login/${flow.id}/send`}
        destination={maskDestination(channel, channel === "email" ? candidate.email : candidate.phone)}
        channel={channel}
        form={view.form}
        notice={view.notice?.key ?? null}
        noticeVars={view.notice?.vars}
        allowChannelSwitch
        back={`/login/${flow.id}/send`}
      />,
      status,
    );
  }

  app.get("/login/:flow/send", PUBLIC, async (req, reply) => {
    const flow = await loadFlow(auth, req, "login");
    if (!flow) return reply.seeOther(EXPIRED);
    if (flow.state === "pin") return reply.seeOther(stepOf(flow));
    return renderChannel(reply, flow, blankForm);
  });

  app.post("/login/:flow/send", PUBLIC, async (req, reply) => {
    const flow = await loadFlow(auth, req, "login");
    if (!flow) return reply.seeOther(EXPIRED);
    if (flow.state === "pin") return reply.seeOther(stepOf(flow));
    const parsed = parseForm(ZChannelSchema, req.body);
    if (!parsed.ok) return renderChannel(reply, flow, parsed.form, 400);
    const sent = await sendFlowCode(auth, flow, parsed.data.channel);
    // 「新しい確認コードを送信しました」 only when a code was sent before: the first one is announced by the heading.
    if (sent.ok) return reply.seeOther(`/login/${flow.id}/code${flow.state === "code" ? "?notice=sent" : ""}`);
    const wait = throttleError(sent);
    // Asked again from the code page (a resend): stay there and say how long to wait.
    if (flow.state === "code") return renderCode(reply, (await loadFlow(auth, req, "login")) ?? flow, { notice: wait, form: blankForm }, 429);
    return renderChannel(reply, flow, withError(blankForm, "channel", wait.key, wait.vars), 429);
  });

  app.get("/login/:flow/code", PUBLIC, async (req, reply) => {
    const flow = await loadFlow(auth, req, "login");
    if (!flow) return reply.seeOther(EXPIRED);
    if (flow.state !== "code") return reply.seeOther(stepOf(flow));
    const notice = noticeFromQuery(req.query, NOTICES);
    return renderCode(reply, flow, { notice: notice ? { key: notice } : null, form: blankForm });
  });

  app.post("/login/:flow/code", PUBLIC, async (req, reply) => {
    const flow = await loadFlow(auth, req, "login");
    if (!flow) return reply.seeOther(EXPIRED);
    if (flow.state !== "code") return reply.seeOther(stepOf(flow));
    const parsed = parseForm(ZCodeSchema, req.body);
    if (!parsed.ok) return renderCode(reply, flow, { notice: null, form: parsed.form }, 400);
    const result = await checkFlowCode(auth, flow, parsed.data.code);
    if (!result.ok) {
      const error = codeError(result);
      return renderCode(reply, flow, { notice: null, form: withError(blankForm, "code", error.key) }, 400);
    }
    await finishFlow(auth, flow.id);
    await recordCandidateSignIn(deps.db, {
      candidateId: result.candidate.id,
      channel: flow.channel ?? "email",
      userAgent: req.headers["user-agent"] ?? null,
      now: deps.now(),
    });
    await signInSession(deps, req, reply, { policy: CANDIDATE_SESSIONS, principalId: result.candidate.id });
    return reply.seeOther(safeReturnTo(flow.returnTo) ?? (await homeOf(deps, result.candidate.id)));
  });

  app.get("/login/help", PUBLIC, async (_req, reply) => reply.page(<LoginHelpPage mailFrom={deps.config.mailFrom} />));

  app.post("/logout", PUBLIC, async (req, reply) => {
    await signOutSession(deps, req, reply, "candidate");
    return reply.seeOther("/login?notice=signedOut");
  });
}
