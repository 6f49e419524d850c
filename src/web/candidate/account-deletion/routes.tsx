import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type AuthDeps, checkFlowCode, checkFlowPin, finishFlow, openFlow, sendFlowCode } from "../../../modules/candidates/auth-flows.ts";
import { maskDestination } from "../../../modules/candidates/contact-details.ts";
import type { AuthFlow } from "../../../modules/candidates/schema.ts";
import { eraseCandidate } from "../../../modules/privacy/erase-candidate.ts";
import { openLegalHold } from "../../../modules/privacy/legal-holds.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { type FieldError, withError } from "../../../platform/http/form.ts";
import { noticeFromQuery } from "../../../platform/http/notices.ts";
import { signOutSession } from "../../../platform/http/surface-session.ts";
import { CANDIDATE, PUBLIC } from "../../route-access.ts";
import type { MessageKey } from "../messages.ts";
import { blankForm, type Form, parseForm } from "../page.ts";
import { authDepsOf, codeError, loadFlow, minutesUntil, throttleError, ZCodeSchema, ZPinSchema } from "../sign-in/flow-forms.ts";
import { candidateOf } from "../signed-in.ts";
import { AccountDeletedPage, AccountDeletionPage, DeletionCodePage } from "./views.tsx";

const NOTICES = { sent: "accounts.code.sent" } as const satisfies Record<string, MessageKey>;

/**
 * アカウント情報 → アカウントの削除: the page says what goes and what stays; the PIN, then a code e-mailed to the
 * account (the sign-in flow's throttles and limits), then the erasure, which ends every session.
 */
export async function accountDeletionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const auth: AuthDeps = authDepsOf(deps);

  // A candidate under a legal hold learns it here, before a PIN or a code is asked for.
  const isHeld = async (req: FastifyRequest) => (await openLegalHold(deps.db, candidateOf(req).id)) !== null;

  app.get("/account/delete", CANDIDATE, async (req, reply) =>
    reply.page(<AccountDeletionPage email={candidateOf(req).email} form={blankForm} held={await isHeld(req)} />),
  );

  app.post("/account/delete", CANDIDATE, async (req, reply) => {
    const candidate = candidateOf(req);
    if (await isHeld(req)) return reply.page(<AccountDeletionPage email={candidate.email} form={blankForm} held />, 409);
    const parsed = parseForm(ZPinSchema, req.body);
    if (!parsed.ok) return reply.page(<AccountDeletionPage email={candidate.email} form={parsed.form} held={false} />, 400);
    const flow = await openFlow(auth, {
      kind: "account_deletion",
      identifier: candidate.email,
      candidateId: candidate.id,
      browserKey: req.browserKey,
      returnTo: null,
      state: "pin",
    });
    const pin = await checkFlowPin(auth, flow, { pin: parsed.data.pin, address: req.ip });
    if (!pin.ok) {
      const error: FieldError<MessageKey> =
        pin.reason === "locked"
          ? { key: "accounts.pinStep.locked", vars: { minutes: minutesUntil(pin.until, deps.now()) } }
          : { key: "accounts.pinStep.wrong" };
      await finishFlow(auth, flow.id);
      return reply.page(
        <AccountDeletionPage email={candidate.email} form={withError(blankForm, "pin", error.key, error.vars)} held={false} />,
        pin.reason === "locked" ? 429 : 400,
      );
    }
    const sent = await sendFlowCode(auth, flow, "email");
    if (!sent.ok) {
      const error = throttleError(sent);
      return reply.page(<AccountDeletionPage email={candidate.email} form={withError(blankForm, "pin", error.key, error.vars)} held={false} />, 429);
    }
    return reply.seeOther(`/account/delete/${flow.id}`);
  });

  /** The deletion flow a URL names, if it is this candidate's, open and started in this browser. */
  async function ownFlow(req: FastifyRequest): Promise<AuthFlow | null> {
    const flow = await loadFlow(auth, req, "account_deletion");
    return flow && flow.candidateId === candidateOf(req).id && flow.state === "code" ? flow : null;
  }

  function renderCode(req: FastifyRequest, reply: FastifyReply, flow: AuthFlow, view: { form: Form; notice: FieldError<MessageKey> | null }, status = 200) {
    return reply.page(
      <DeletionCodePage
        action={`/account/delete/${flow.id}`}
        sendAction={`/account/delete/${flow.id}/send`}
        destination={maskDestination("email", candidateOf(req).email)}
        channel="email"
        form={view.form}
        notice={view.notice?.key ?? null}
        noticeVars={view.notice?.vars}
        allowChannelSwitch={false}
        back="/account/delete"
      />,
      status,
    );
  }

  app.get("/account/delete/:flow", CANDIDATE, async (req, reply) => {
    const flow = await ownFlow(req);
    if (!flow) return reply.seeOther("/account?notice=expired");
    const notice = noticeFromQuery(req.query, NOTICES);
    return renderCode(req, reply, flow, { form: blankForm, notice: notice ? { key: notice } : null });
  });

  app.post("/account/delete/:flow", CANDIDATE, async (req, reply) => {
    const flow = await ownFlow(req);
    if (!flow) return reply.seeOther("/account?notice=expired");
    const parsed = parseForm(ZCodeSchema, req.body);
    if (!parsed.ok) return renderCode(req, reply, flow, { form: parsed.form, notice: null }, 400);
    const result = await checkFlowCode(auth, flow, parsed.data.code);
    if (!result.ok) return renderCode(req, reply, flow, { form: withError(blankForm, "code", codeError(result).key), notice: null }, 400);
    const candidate = candidateOf(req);
    const erased = await eraseCandidate(deps.db, {
      candidateId: candidate.id,
      requestedBy: "candidate",
      now: deps.now(),
      secret: deps.config.secret,
      orgName: deps.config.orgName,
    });
    if (!erased.ok) {
      await finishFlow(auth, flow.id);
      return reply.page(<AccountDeletionPage email={candidate.email} form={blankForm} held={erased.reason === "held"} />, 409);
    }
    await signOutSession(deps, req, reply, "candidate");
    deps.nudgeOutbox();
    return reply.seeOther("/account/deleted");
  });

  app.post("/account/delete/:flow/send", CANDIDATE, async (req, reply) => {
    const flow = await ownFlow(req);
    if (!flow) return reply.seeOther("/account?notice=expired");
    const sent = await sendFlowCode(auth, flow, "email");
    if (sent.ok) return reply.seeOther(`/account/delete/${flow.id}?notice=sent`);
    return renderCode(req, reply, flow, { form: blankForm, notice: throttleError(sent) }, 429);
  });

  app.get("/account/deleted", PUBLIC, async (_req, reply) => reply.page(<AccountDeletedPage />));
}
