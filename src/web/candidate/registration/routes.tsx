import type { FastifyInstance, FastifyRequest } from "fastify";
import { findFlow, openFlow } from "../../../modules/candidates/auth-flows.ts";
import { nationalPhone } from "../../../modules/candidates/contact-details.ts";
import { registerCandidate, registrationCrossChecks, ZRegistrationSchema } from "../../../modules/candidates/registration.ts";
import { safeReturnTo } from "../../../platform/http/browser-context.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { echoValues, withError } from "../../../platform/http/form.ts";
import { hashSecret } from "../../../platform/security/pin-hashing.ts";
import { REGISTRATIONS } from "../../rate-limits.ts";
import { PUBLIC } from "../../route-access.ts";
import { consentSourceOf } from "../consent-source.ts";
import { type Form, parseForm } from "../page.ts";
import { authDepsOf } from "../sign-in/flow-forms.ts";
import { RegisterPage } from "./views.tsx";

function returnToOf(req: FastifyRequest): string | null {
  return safeReturnTo((req.query as { return_to?: unknown }).return_to);
}

/** アカウントの作成: the seed's registration form; a new account goes straight on to the PIN step of ログイン. */
export async function registrationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const auth = authDepsOf(deps);

  app.get("/register", PUBLIC, async (req, reply) => {
    // Sent here from the PIN step: offer what was typed there (only to the browser that typed it).
    const from = (req.query as { from?: unknown }).from;
    const flow = typeof from === "string" ? await findFlow(auth, { id: from, kind: "login", browserKey: req.browserKey }) : null;
    const values: Record<string, string> = {};
    if (flow?.identifier.includes("@")) Object.assign(values, { email: flow.identifier });
    else if (flow) Object.assign(values, { phone: nationalPhone(flow.identifier) });
    return reply.page(<RegisterPage form={{ values, errors: {} }} returnTo={returnToOf(req)} />);
  });

  app.post("/register", { config: { ...PUBLIC.config, rateLimit: REGISTRATIONS } }, async (req, reply) => {
    const returnTo = returnToOf(req);
    const parsed = parseForm(ZRegistrationSchema, req.body, registrationCrossChecks);
    if (!parsed.ok) return reply.page(<RegisterPage form={parsed.form} returnTo={returnTo} />, 400);
    const outcome = await registerCandidate(deps.db, { ...parsed.data, locale: req.locale }, { now: deps.now(), hashSecret, source: consentSourceOf(req) });
    if (!outcome.ok) {
      let form: Form = { values: echoValues(req.body), errors: {} };
      for (const field of outcome.taken) form = withError(form, field, `accounts.${field}.taken`);
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
}
