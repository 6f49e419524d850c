import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { recordAudit } from "../../../modules/audit/audit-log.ts";
import { addressHashOf, checkSecondFactor, checkStaffPassword, findStaffSignIn } from "../../../modules/staff/staff-sign-in.ts";
import { safeReturnTo } from "../../../platform/http/browser-context.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { withError } from "../../../platform/http/form.ts";
import { noticeFromQuery } from "../../../platform/http/notices.ts";
import { signInSession, signOutSession } from "../../../platform/http/surface-session.ts";
import { STAFF_SESSIONS } from "../../../platform/security/sessions.ts";
import { STAFF_SIGN_INS } from "../../rate-limits.ts";
import { PUBLIC, STAFF } from "../../route-access.ts";
import type { OfficeMessageKey } from "../messages.ts";
import { blankOfficeForm, parseOfficeForm } from "../page.ts";
import { staffOf } from "../signed-in.ts";
import { StaffCodePage, StaffSignInPage } from "./views.tsx";

const NOTICES = { expired: "office.signIn.expired", signedOut: "office.signIn.signedOut", setupDone: "office.setup.done" } as const satisfies Record<
  string,
  OfficeMessageKey
>;

const ZSignInSchema = z.object({
  email: z.string({ error: "office.signIn.required" }).trim().min(1, "office.signIn.required").max(254, "office.signIn.wrong"),
  password: z.string({ error: "office.signIn.required" }).min(1, "office.signIn.required").max(200, "office.signIn.wrong"),
});
const ZCodeSchema = z.object({ code: z.string({ error: "office.signIn.required" }).trim().min(1, "office.signIn.required").max(40, "office.code.wrong") });

/** Only the console's own pages are a place to come back to after signing in. */
function returnToOf(req: FastifyRequest): string | null {
  const back = safeReturnTo((req.query as { return_to?: unknown }).return_to);
  return back?.startsWith("/office") ? back : null;
}

function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

/** Staff sign-in: e-mail and password, then an authenticator or recovery code; and sign-out. */
export async function officeSignInRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const signIn = { db: deps.db, now: deps.now, secret: deps.config.secret };

  app.get("/sign-in", PUBLIC, async (req, reply) => {
    if (req.staff) return reply.seeOther(returnToOf(req) ?? "/office");
    return reply.page(<StaffSignInPage form={blankOfficeForm} notice={noticeFromQuery(req.query, NOTICES)} returnTo={returnToOf(req)} />);
  });

  app.post("/sign-in", { config: { ...PUBLIC.config, rateLimit: STAFF_SIGN_INS } }, async (req, reply) => {
    const returnTo = returnToOf(req);
    const parsed = parseOfficeForm(ZSignInSchema, req.body);
    if (!parsed.ok) return reply.page(<StaffSignInPage form={parsed.form} notice={null} returnTo={returnTo} />, 400);
    const step = await checkStaffPassword(signIn, { ...parsed.data, address: req.ip, browserKey: req.browserKey });
    const values = { email: parsed.data.email };
    if (step.ok) return reply.seeOther(`/office/sign-in/${step.signInId}${returnTo ? `?return_to=${encodeURIComponent(returnTo)}` : ""}`);
    const form =
      step.reason === "locked"
        ? withError({ values, errors: {} }, "password", "office.signIn.locked", { minutes: minutesUntil(step.until, deps.now()) })
        : withError({ values, errors: {} }, "password", "office.signIn.wrong");
    return reply.page(<StaffSignInPage form={form} notice={null} returnTo={returnTo} />, step.reason === "locked" ? 429 : 400);
  });

  app.get<{ Params: { id: string } }>("/sign-in/:id", PUBLIC, async (req, reply) => {
    const flow = await findStaffSignIn(signIn, { id: req.params.id, browserKey: req.browserKey });
    if (!flow) return reply.seeOther("/office/sign-in?notice=expired");
    return reply.page(<StaffCodePage signInId={flow.id} form={blankOfficeForm} returnTo={returnToOf(req)} />);
  });

  app.post<{ Params: { id: string } }>("/sign-in/:id", PUBLIC, async (req, reply) => {
    const returnTo = returnToOf(req);
    const parsed = parseOfficeForm(ZCodeSchema, req.body);
    if (!parsed.ok) return reply.page(<StaffCodePage signInId={req.params.id} form={parsed.form} returnTo={returnTo} />, 400);
    const step = await checkSecondFactor(signIn, { signInId: req.params.id, browserKey: req.browserKey, code: parsed.data.code, address: req.ip });
    if (step.ok) {
      await signInSession(deps, req, reply, { policy: STAFF_SESSIONS, principalId: step.staff.id });
      const home = step.method === "recovery" ? `/office?notice=recoveryUsed&left=${step.recoveryCodesLeft}` : "/office";
      return reply.seeOther(returnTo ?? home);
    }
    if (step.reason === "expired" || step.reason === "exhausted") return reply.seeOther("/office/sign-in?notice=expired");
    const key = step.reason === "locked" ? "office.code.locked" : "office.code.wrong";
    return reply.page(
      <StaffCodePage signInId={req.params.id} form={withError(blankOfficeForm, "code", key)} returnTo={returnTo} />,
      step.reason === "locked" ? 429 : 400,
    );
  });

  app.post("/sign-out", STAFF("console"), async (req, reply) => {
    const staff = staffOf(req);
    await signOutSession(deps, req, reply, "staff");
    await recordAudit(deps.db, {
      at: deps.now(),
      staffId: staff.member.id,
      action: "staff.signed_out",
      addressHash: addressHashOf(deps.config.secret, req.ip),
    });
    return reply.seeOther("/office/sign-in?notice=signedOut");
  });
}
