import type { FastifyInstance, FastifyReply } from "fastify";
import { totpQrSvg, totpUri } from "../../../modules/staff/credentials/totp.ts";
import {
  chooseStaffPassword,
  completeStaffSetup,
  confirmAuthenticator,
  type OpenSetup,
  openSetupLink,
  pendingAuthenticatorKey,
  pendingRecoveryCodes,
} from "../../../modules/staff/setup-link.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { withError } from "../../../platform/http/form.ts";
import { PUBLIC } from "../../route-access.ts";
import { officeTexts } from "../messages.ts";
import { blankOfficeForm, type OfficeForm } from "../page.ts";
import { SetupAuthenticatorPage, SetupInvalidPage, SetupPasswordPage, SetupRecoveryPage } from "./views.tsx";

type Params = { Params: { token: string } };

/** The one-time set-up link: a password, an authenticator, then ten recovery codes. */
export async function staffSetupRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const secret = deps.config.secret;
  // The link is a secret: never sent on as a Referer from these pages.
  app.addHook("onSend", async (_req, reply) => {
    reply.header("referrer-policy", "no-referrer");
  });

  async function open(token: string): Promise<OpenSetup | null> {
    return openSetupLink(deps.db, { token, now: deps.now(), secret });
  }

  async function render(reply: FastifyReply, token: string, setup: OpenSetup, form: OfficeForm = blankOfficeForm, status = 200) {
    const who = { name: setup.staff.name, email: setup.staff.email };
    if (setup.link.step === "password") return reply.page(<SetupPasswordPage token={token} who={who} form={form} />, status);
    if (setup.link.step === "authenticator") {
      const key = pendingAuthenticatorKey(setup, secret);
      if (!key) return reply.page(<SetupInvalidPage />, 410);
      const uri = totpUri({ secret: key, accountEmail: setup.staff.email, issuer: `${deps.config.orgName.ja} 採用管理` });
      const qrSvg = await totpQrSvg(uri, officeTexts[reply.request.locale]("office.setup.authenticator.qr"));
      return reply.page(<SetupAuthenticatorPage token={token} who={who} qrSvg={qrSvg} uri={uri} form={form} />, status);
    }
    return reply.page(<SetupRecoveryPage token={token} who={who} codes={pendingRecoveryCodes(setup, secret)} />, status);
  }

  app.get<Params>("/setup/:token", PUBLIC, async (req, reply) => {
    const setup = await open(req.params.token);
    if (!setup) return reply.page(<SetupInvalidPage />, 410);
    return render(reply, req.params.token, setup);
  });

  app.post<Params>("/setup/:token/password", PUBLIC, async (req, reply) => {
    const setup = await open(req.params.token);
    if (!setup) return reply.page(<SetupInvalidPage />, 410);
    if (setup.link.step !== "password") return reply.seeOther(`/office/setup/${req.params.token}`);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const password = typeof body.password === "string" ? body.password : "";
    if (password !== body.passwordConfirm)
      return render(reply, req.params.token, setup, withError(blankOfficeForm, "passwordConfirm", "office.setup.password.mismatch"), 400);
    const judgement = await chooseStaffPassword(deps.db, { setup, password, secret, now: deps.now() });
    if (!judgement.ok) return render(reply, req.params.token, setup, withError(blankOfficeForm, "password", `office.setup.password.${judgement.reason}`), 400);
    return reply.seeOther(`/office/setup/${req.params.token}`);
  });

  app.post<Params>("/setup/:token/authenticator", PUBLIC, async (req, reply) => {
    const setup = await open(req.params.token);
    if (!setup) return reply.page(<SetupInvalidPage />, 410);
    if (setup.link.step !== "authenticator") return reply.seeOther(`/office/setup/${req.params.token}`);
    const code = String((req.body as Record<string, unknown> | undefined)?.code ?? "").slice(0, 20);
    const confirmed = await confirmAuthenticator(deps.db, { setup, code, secret, now: deps.now() });
    if (!confirmed.ok) return render(reply, req.params.token, setup, withError(blankOfficeForm, "code", "office.setup.authenticator.wrong"), 400);
    return reply.seeOther(`/office/setup/${req.params.token}`);
  });

  app.post<Params>("/setup/:token/recovery", PUBLIC, async (req, reply) => {
    const setup = await open(req.params.token);
    if (!setup) return reply.page(<SetupInvalidPage />, 410);
    if (setup.link.step !== "recovery") return reply.seeOther(`/office/setup/${req.params.token}`);
    await completeStaffSetup(deps.db, { setup, now: deps.now() });
    return reply.seeOther("/office/sign-in?notice=setupDone");
  });
}
