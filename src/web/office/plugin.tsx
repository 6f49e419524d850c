import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { JSX } from "preact";
import { hasPermission } from "../../modules/access/policy.ts";
import { staffPrincipalOf } from "../../modules/staff/staff-directory.ts";
import { csrfGuard } from "../../platform/http/csrf-guard.ts";
import type { AppDeps } from "../../platform/http/deps.ts";
import { AppError, ERROR_KINDS, type ErrorKind, errorKindOf } from "../../platform/http/errors.ts";
import { rateLimitGuard } from "../../platform/http/rate-window.ts";
import { resumeSurfaceSession, sessionLookup } from "../../platform/http/surface-session.ts";
import { STAFF_SESSIONS } from "../../platform/security/sessions.ts";
import { renderDocument } from "../html/render-document.ts";
import { requireDeclaredAccess } from "../route-access.ts";
import { auditRoutes } from "./audit/routes.tsx";
import { candidatePageRoutes } from "./candidate-page/routes.tsx";
import { OfficeErrorPage } from "./error-page.tsx";
import { officeHomeRoutes } from "./home/routes.tsx";
import { jobEditorRoutes } from "./jobs/routes.tsx";
import { officeMessages, officeTexts } from "./messages.ts";
import { OfficePageContext } from "./page.ts";
import { pipelineRoutes } from "./pipeline/routes.tsx";
import { privacyRoutes } from "./privacy/routes.tsx";
import { reportRoutes } from "./reports/routes.tsx";
import { retentionRoutes } from "./retention/routes.tsx";
import { staffSetupRoutes } from "./setup/routes.tsx";
import { officeSignInRoutes } from "./sign-in/routes.tsx";
import { staffAdminRoutes } from "./staff/routes.tsx";
import { templateRoutes } from "./templates/routes.tsx";

/** The console's URL prefix: its cookies, pages and errors live under it. */
export const OFFICE_PREFIX = "/office";

/** A whole console page for a view, in the request's language. */
export function renderOfficePage(req: FastifyRequest, deps: Pick<AppDeps, "config">, view: JSX.Element): string {
  const page = {
    locale: req.locale,
    t: officeTexts[req.locale],
    csrfToken: req.csrfToken,
    currentUrl: req.url,
    orgName: deps.config.orgName[req.locale],
    staff: req.staff ? { name: req.staff.member.name, principal: req.staff.principal } : null,
    mailNotSent: deps.config.localMailbox,
  };
  return renderDocument(OfficePageContext, page, officeMessages, view, req.server.assets);
}

/** Sends the console's error page for a kind of failure. */
export function sendOfficeError(req: FastifyRequest, reply: FastifyReply, deps: Pick<AppDeps, "config">, kind: ErrorKind): FastifyReply {
  reply.removeHeader("location");
  return reply
    .code(ERROR_KINDS[kind].status)
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(renderOfficePage(req, deps, <OfficeErrorPage kind={kind} />));
}

/**
 * The recruiting office's console as one surface (registered under /office): its own staff session and
 * cookie with shorter timeouts, CSRF on every form, the access each route declares, its own error pages.
 */
export async function officeSurface(app: FastifyInstance, deps: AppDeps): Promise<void> {
  requireDeclaredAccess(app, "office", ["public", "staff"]);
  app.decorateRequest("session", null);
  app.decorateRequest("staff", null);
  app.decorateRequest("expiredPrincipal", null);
  app.decorateReply("page", function (this: FastifyReply, view: JSX.Element, status = 200) {
    return this.code(status)
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(renderOfficePage(this.request, deps, view));
  });
  const resume = resumeSurfaceSession(deps, STAFF_SESSIONS, sessionLookup(deps.db, STAFF_SESSIONS));
  app.addHook("onRequest", async (req, reply) => {
    await resume(req, reply);
    // A deactivated member's session ended with the deactivation; this also refuses one that slipped through.
    if (req.session) req.staff = await staffPrincipalOf(deps.db, req.session.principalId);
  });
  app.addHook("preHandler", csrfGuard(deps.config));
  app.addHook("preHandler", rateLimitGuard({ db: deps.db, now: deps.now, secret: deps.config.secret }));
  app.addHook("preHandler", async (req, reply) => {
    const access = req.routeOptions.config.access;
    if (access?.kind !== "staff") return;
    if (!req.staff) {
      const back = req.method === "GET" ? req.url : OFFICE_PREFIX;
      return reply.seeOther(`${OFFICE_PREFIX}/sign-in?return_to=${encodeURIComponent(back)}`);
    }
    if (!hasPermission(req.staff.principal, access.permission))
      throw new AppError("forbidden", `${access.permission} is not granted to ${req.staff.principal.role}`);
  });
  app.setErrorHandler(async (error, req, reply) => {
    const kind = errorKindOf(error);
    if (kind === "server") req.log.error({ err: error }, "request failed");
    else if (!(error instanceof AppError)) req.log.info({ code: (error as { code?: string }).code }, "request refused");
    return sendOfficeError(req, reply, deps, kind);
  });
  app.setNotFoundHandler(async (req, reply) => sendOfficeError(req, reply, deps, "notFound"));

  for (const routes of [
    officeSignInRoutes,
    staffSetupRoutes,
    officeHomeRoutes,
    staffAdminRoutes,
    auditRoutes,
    candidatePageRoutes,
    jobEditorRoutes,
    reportRoutes,
    pipelineRoutes,
    templateRoutes,
    privacyRoutes,
    retentionRoutes,
  ])
    await app.register(routes, deps);
}
