import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type AuthDeps, checkFlowCode, finishFlow, sendFlowCode } from "../../../modules/candidates/auth-flows.ts";
import type { SignedInCandidate } from "../../../modules/candidates/candidate-session.ts";
import { type ContactChangeRequest, type ContactKind, checkNewContact, requestContactChange } from "../../../modules/candidates/contact-change.ts";
import { maskDestination } from "../../../modules/candidates/contact-details.ts";
import { applyContactChange } from "../../../modules/candidates/profile.ts";
import type { AuthFlow } from "../../../modules/candidates/schema.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { type FieldError, withError } from "../../../platform/http/form.ts";
import { noticeFromQuery } from "../../../platform/http/notices.ts";
import { textField } from "../../../platform/text/japanese-input.ts";
import { CANDIDATE } from "../../route-access.ts";
import type { MessageKey } from "../messages.ts";
import { blankForm, type Form, parseForm } from "../page.ts";
import { authDepsOf, codeError, loadFlow, throttleError, ZCodeSchema, ZPinSchema } from "../sign-in/flow-forms.ts";
import { CodePage } from "../sign-in/views.tsx";
import { candidateOf } from "../signed-in.ts";
import { ContactChangePage } from "./views.tsx";

const NOTICES = { sent: "accounts.code.sent" } as const satisfies Record<string, MessageKey>;

const ZContactChangeSchema = z.object({
  email: textField("accounts.email.required").optional(),
  phone: textField("accounts.phone.required").optional(),
  phoneCountry: z.string().optional(),
  pin: ZPinSchema.shape.pin,
});

/** Why a contact change could not start, as the error of the field it concerns. */
function requestError(outcome: Exclude<ContactChangeRequest, { ok: true }>): FieldError<MessageKey> {
  if (outcome.field === "pin") return { key: outcome.problem === "locked" ? "accounts.pinStep.locked" : "accounts.pinStep.wrong" };
  switch (outcome.problem) {
    case "throttled":
      return throttleError(outcome.sent);
    case "same":
      return { key: "accounts.contactChange.same" };
    default:
      return { key: `accounts.${outcome.field}.${outcome.problem}` };
  }
}

const STATUS: Record<Exclude<ContactChangeRequest, { ok: true }>["problem"], number> = {
  required: 400,
  invalid: 400,
  same: 400,
  wrong: 400,
  taken: 409,
  locked: 429,
  throttled: 429,
};

/**
 * The new address checked on the raw input beside the schema's rules, so a missing PIN and a mistyped address
 * are reported in one answer; the PIN itself is checked only once the form is whole.
 */
function newContactIssues(candidate: SignedInCandidate, kind: ContactKind) {
  return (raw: Record<string, unknown>): { path: string; message: string }[] => {
    const typed = raw[kind];
    const contact = checkNewContact(candidate, {
      kind,
      value: typeof typed === "string" ? typed : "",
      phoneCountry: typeof raw.phoneCountry === "string" ? raw.phoneCountry : "JP",
    });
    return contact.ok ? [] : [{ path: kind, message: requestError({ ok: false, field: kind, problem: contact.problem }).key }];
  };
}

function kindOf(req: FastifyRequest): ContactKind {
  return (req.query as { kind?: unknown }).kind === "phone" ? "phone" : "email";
}

/** アカウント情報 → changing the e-mail address or phone: the current PIN, then a code sent to the new one. */
export async function contactChangeRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const auth: AuthDeps = authDepsOf(deps);

  app.get("/account/contact", CANDIDATE, async (req, reply) => reply.page(<ContactChangePage kind={kindOf(req)} form={blankForm} />));

  app.post("/account/contact", CANDIDATE, async (req, reply) => {
    const kind = kindOf(req);
    const parsed = parseForm(ZContactChangeSchema, req.body, newContactIssues(candidateOf(req), kind));
    if (!parsed.ok) return reply.page(<ContactChangePage kind={kind} form={parsed.form} />, 400);
    const values = { email: parsed.data.email ?? "", phone: parsed.data.phone ?? "", phoneCountry: parsed.data.phoneCountry ?? "JP" };
    const outcome = await requestContactChange(auth, {
      candidate: candidateOf(req),
      kind,
      value: kind === "email" ? values.email : values.phone,
      phoneCountry: values.phoneCountry,
      pin: parsed.data.pin,
      address: req.ip,
      browserKey: req.browserKey,
    });
    if (outcome.ok) return reply.seeOther(`/account/contact/${outcome.flow.id}`);
    const error = requestError(outcome);
    return reply.page(
      <ContactChangePage kind={kind} form={withError({ values, errors: {} }, outcome.field, error.key, error.vars)} />,
      STATUS[outcome.problem],
    );
  });

  /** The contact-change flow a URL names, if it is this candidate's, open and started in this browser. */
  async function ownFlow(req: FastifyRequest): Promise<AuthFlow | null> {
    const flow = await loadFlow(auth, req, "contact_change");
    return flow && flow.candidateId === candidateOf(req).id ? flow : null;
  }

  function renderCode(reply: FastifyReply, flow: AuthFlow, view: { form: Form; notice: FieldError<MessageKey> | null }, status = 200) {
    const channel = flow.newEmail ? "email" : "sms";
    return reply.page(
      <CodePage
        action={`/account/contact/${flow.id}`}
        sendAction={`/account/contact/${flow.id}/send`}
        destination={maskDestination(channel, flow.newEmail ?? flow.newPhone ?? "")}
        channel={channel}
        form={view.form}
        notice={view.notice?.key ?? null}
        noticeVars={view.notice?.vars}
        allowChannelSwitch={false}
        back="/account"
      />,
      status,
    );
  }

  app.get("/account/contact/:flow", CANDIDATE, async (req, reply) => {
    const flow = await ownFlow(req);
    if (!flow) return reply.seeOther("/account?notice=expired");
    const notice = noticeFromQuery(req.query, NOTICES);
    return renderCode(reply, flow, { form: blankForm, notice: notice ? { key: notice } : null });
  });

  app.post("/account/contact/:flow", CANDIDATE, async (req, reply) => {
    const flow = await ownFlow(req);
    if (!flow) return reply.seeOther("/account?notice=expired");
    const parsed = parseForm(ZCodeSchema, req.body);
    if (!parsed.ok) return renderCode(reply, flow, { form: parsed.form, notice: null }, 400);
    const result = await checkFlowCode(auth, flow, parsed.data.code);
    if (!result.ok) return renderCode(reply, flow, { form: withError(blankForm, "code", codeError(result).key), notice: null }, 400);
    const taken = await applyContactChange(deps.db, {
      candidate: candidateOf(req),
      newEmail: flow.newEmail,
      newPhone: flow.newPhone,
      now: deps.now(),
      orgName: deps.config.orgName,
    });
    await finishFlow(auth, flow.id);
    deps.nudgeOutbox();
    if (taken) return reply.page(<ContactChangePage kind={taken} form={withError(blankForm, taken, `accounts.${taken}.taken`)} />, 409);
    return reply.seeOther("/account?notice=contactChanged");
  });

  app.post("/account/contact/:flow/send", CANDIDATE, async (req, reply) => {
    const flow = await ownFlow(req);
    if (!flow) return reply.seeOther("/account?notice=expired");
    const sent = await sendFlowCode(auth, flow, flow.newEmail ? "email" : "sms");
    if (sent.ok) return reply.seeOther(`/account/contact/${flow.id}?notice=sent`);
    return renderCode(reply, flow, { form: blankForm, notice: throttleError(sent) }, 429);
  });
}
