import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { JSX } from "preact";
import { visibleApplication } from "../../modules/applications/application-store.ts";
import type { ApplicationWithJob } from "../../modules/applications/schema.ts";
import { displayNameOf } from "../../modules/candidates/candidate-repo.ts";
import { resumeCandidateSession } from "../../modules/candidates/candidate-session.ts";
import type { DocumentSummary } from "../../modules/documents/document-store.ts";
import { safeReturnTo } from "../../platform/http/browser-context.ts";
import type { AssetManifest } from "../../platform/http/client-assets.ts";
import { csrfGuard } from "../../platform/http/csrf-guard.ts";
import type { AppDeps } from "../../platform/http/deps.ts";
import { AppError, ERROR_KINDS, type ErrorKind, errorKindOf } from "../../platform/http/errors.ts";
import { keepableValues, keepPendingForm } from "../../platform/http/pending-forms.ts";
import { rateLimitGuard } from "../../platform/http/rate-window.ts";
import { resumeSurfaceSession } from "../../platform/http/surface-session.ts";
import type { Locale } from "../../platform/i18n/catalogue.ts";
import { CANDIDATE_SESSIONS } from "../../platform/security/sessions.ts";
import { renderDocument } from "../html/render-document.ts";
import { requireDeclaredAccess } from "../route-access.ts";
import { accountDeletionRoutes } from "./account-deletion/routes.tsx";
import { addressRoutes } from "./addresses/routes.ts";
import { applyRoutes } from "./apply/routes.tsx";
import { assessmentRoutes } from "./assessment/routes.tsx";
import { contactChangeRoutes } from "./contact-change/routes.tsx";
import { documentRoutes } from "./documents/routes.tsx";
import { ErrorPage } from "./error-page.tsx";
import { helpRoutes } from "./help/routes.tsx";
import { jobRoutes } from "./jobs/routes.tsx";
import { markKeptForm } from "./kept-form.ts";
import { languageRoutes } from "./language/routes.ts";
import { mailboxRoutes } from "./mailbox/routes.tsx";
import { candidateMessages, candidateTexts } from "./messages.ts";
import { myApplicationRoutes } from "./my-applications/routes.tsx";
import { type CandidatePage, CandidatePageContext } from "./page.ts";
import { pinResetRoutes } from "./pin-reset/routes.tsx";
import { acknowledgementRoutes, askForNewNotice } from "./privacy/acknowledgement.tsx";
import { privacyRoutes } from "./privacy/routes.tsx";
import { profileRoutes } from "./profile/routes.tsx";
import { registrationRoutes } from "./registration/routes.tsx";
import { reminderRoutes } from "./reminders/routes.tsx";
import { signInRoutes } from "./sign-in/routes.tsx";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * A hot write whose usual case is one statement that checks the candidate's session itself (the answer
     * save): it runs after the CSRF check instead of the session lookup, and answers true when it has sent the
     * reply, or false to let the request go the usual way (session, declared access, handler). A boolean,
     * not the reply: a reply is thenable, so an async function returning one yields nothing once it is sent.
     */
    signedInStatement?: (req: FastifyRequest, reply: FastifyReply) => Promise<boolean>;
    /** A route about the application `:id` (see loadOwnApplication): it is read with the session, in one query. */
    ownApplication?: boolean;
    /** A page that lists the candidate's documents: they are read with the session, in the same query. */
    candidateDocuments?: boolean;
    /** A page that lists the candidate's applications (応募した求人): they are read with the session, in the same query. */
    candidateApplications?: boolean;
  }
  interface FastifyRequest {
    /** The application an `ownApplication` route is about, if the access policy lets the signed-in candidate reach it. */
    application: ApplicationWithJob | null;
    /** The signed-in candidate's documents, on a `candidateDocuments` route. */
    candidateDocuments: DocumentSummary[] | null;
    /** The signed-in candidate's applications, newest first, on a `candidateApplications` route. */
    candidateApplications: ApplicationWithJob[] | null;
  }
  interface FastifyReply {
    /** Renders a page (JSX) of the reply's surface as a full HTML document. */
    page(view: JSX.Element, status?: number): FastifyReply;
  }
}

/** A whole candidate page for a view, in the request's language. */
export function renderCandidatePage(req: FastifyRequest, deps: Pick<AppDeps, "config">, view: JSX.Element): string {
  return renderCandidateDocument(
    deps,
    req.server.assets,
    {
      locale: req.locale,
      // Read only by a page that has a form: a page without one makes the browser no key and sets no cookie.
      get csrfToken() {
        return req.csrfToken;
      },
      currentUrl: req.url,
      signedIn: req.candidate ? { displayName: displayNameOf(req.candidate) } : null,
    },
    view,
  );
}

/**
 * A whole candidate page as anyone not signed in sees it at `path`: the same for every such visitor, so it
 * may be rendered once and sent to all of them. It must carry no form that needs the CSRF token.
 */
export function renderAnonymousPage(deps: Pick<AppDeps, "config">, assets: AssetManifest, input: { locale: Locale; path: string }, view: JSX.Element): string {
  const everyone = {
    locale: input.locale,
    get csrfToken(): string {
      throw new Error(`${input.path} is kept for everyone not signed in, so it cannot carry a form that needs this browser's token`);
    },
    currentUrl: input.path,
    signedIn: null,
  };
  return renderCandidateDocument(deps, assets, everyone, view);
}

function renderCandidateDocument(
  deps: Pick<AppDeps, "config">,
  assets: AssetManifest,
  request: Pick<CandidatePage, "locale" | "csrfToken" | "currentUrl" | "signedIn">,
  view: JSX.Element,
): string {
  const { config } = deps;
  const page: CandidatePage = {
    locale: request.locale,
    t: candidateTexts[request.locale],
    get csrfToken() {
      return request.csrfToken;
    },
    currentUrl: request.currentUrl,
    signedIn: request.signedIn,
    orgName: config.orgName[request.locale],
    helpEmail: config.helpEmail,
    mailDomain: config.mailFrom.split("@").pop() ?? config.mailFrom,
    showMailbox: config.localMailbox,
  };
  return renderDocument(CandidatePageContext, page, candidateMessages, view, assets);
}

/** Sends the candidate pages' error page for a kind of failure. */
export function sendCandidateError(req: FastifyRequest, reply: FastifyReply, deps: Pick<AppDeps, "config">, kind: ErrorKind): FastifyReply {
  // A redirect that failed must not leave its Location on the error page.
  reply.removeHeader("location");
  return reply
    .code(ERROR_KINDS[kind].status)
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(renderCandidatePage(req, deps, <ErrorPage kind={kind} />));
}

/**
 * Where to come back to after signing in: the page asked for, or for a form sent after the session ended,
 * the page the form was on (its Referer, when it is this site's own page).
 */
function returnAddress(req: FastifyRequest): string {
  if (req.method === "GET" || req.method === "HEAD") return req.url;
  const access = req.routeOptions.config.access;
  const fallback = (access?.kind === "candidate" && access.afterSignIn) || req.url;
  const referer = req.headers.referer;
  if (!referer) return fallback;
  try {
    const from = new URL(referer);
    const here = new URL(`${from.protocol}//${req.headers.host ?? ""}`);
    return from.host === here.host ? (safeReturnTo(from.pathname + from.search) ?? fallback) : fallback;
  } catch {
    return fallback;
  }
}

/**
 * The candidate pages as one surface: its own session (the candidate cookie), CSRF on every form, the access
 * each route declares, its own error and not-found pages, and every candidate flow.
 */
export async function candidateSurface(app: FastifyInstance, deps: AppDeps): Promise<void> {
  requireDeclaredAccess(app, "candidate", ["public", "candidate"]);

  app.decorateRequest("session", null);
  app.decorateRequest("expiredPrincipal", null);
  app.decorateRequest("candidate", null);
  app.decorateRequest("acknowledgedNotice", null);
  app.decorateRequest("application", null);
  app.decorateRequest("candidateDocuments", null);
  app.decorateRequest("candidateApplications", null);
  app.decorateReply("page", function (this: FastifyReply, view: JSX.Element, status = 200) {
    return this.code(status)
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(renderCandidatePage(this.request, deps, view));
  });

  const resume = resumeSurfaceSession(deps, CANDIDATE_SESSIONS, (id, now, onExpired, req) =>
    resumeCandidateSession(deps.db, {
      id,
      now,
      onExpired,
      applicationId: req.routeOptions.config.ownApplication ? String((req.params as { id?: unknown }).id) : undefined,
      withDocuments: req.routeOptions.config.candidateDocuments,
      withApplications: req.routeOptions.config.candidateApplications,
    }),
  );
  const signedIn = async (req: FastifyRequest, reply: FastifyReply) => {
    const found = await resume(req, reply);
    req.candidate = found?.candidate ?? null;
    req.acknowledgedNotice = found?.acknowledgedNotice ?? null;
    req.application = found ? visibleApplication({ kind: "candidate", id: found.candidate.id }, found.application) : null;
    req.candidateDocuments = found?.documents ?? null;
    req.candidateApplications = found?.applications ?? null;
  };
  app.addHook("onRequest", async (req, reply) => {
    if (req.routeOptions.config.signedInStatement) return;
    await signedIn(req, reply);
  });

  app.addHook("preHandler", csrfGuard(deps.config));
  app.addHook("preHandler", rateLimitGuard({ db: deps.db, now: deps.now, secret: deps.config.secret }));
  // A route's one statement checks the session itself; when it declines, the session is resumed as for any route.
  app.addHook("preHandler", async (req, reply) => {
    const statement = req.routeOptions.config.signedInStatement;
    if (!statement) return;
    if (await statement(req, reply)) return reply;
    await signedIn(req, reply);
  });
  app.addHook("preHandler", async (req, reply) => {
    if (req.routeOptions.config.access?.kind !== "candidate" || req.candidate) return;
    const back = returnAddress(req);
    if (req.method !== "POST" || !req.expiredPrincipal) return reply.seeOther(`/login?return_to=${encodeURIComponent(back)}`);
    // A form sent after the session ran out: say so, and keep what was typed for the same person to find
    // on the same page after signing in again (multipart uploads carry a file, which is not kept).
    if (!String(req.headers["content-type"] ?? "").startsWith("multipart/")) {
      await keepPendingForm(deps.db, {
        secret: deps.config.secret,
        browserKey: req.browserKey,
        principalId: req.expiredPrincipal,
        path: back,
        values: keepableValues(req.body),
        now: deps.now(),
      });
      markKeptForm(reply, deps.config);
    }
    return reply.seeOther(`/login?return_to=${encodeURIComponent(back)}&notice=timedOut`);
  });

  askForNewNotice(app);

  app.setErrorHandler(async (error, req, reply) => {
    const kind = errorKindOf(error);
    if (kind === "server") req.log.error({ err: error }, "request failed");
    else if (!(error instanceof AppError)) req.log.info({ code: (error as { code?: string }).code }, "request refused");
    return sendCandidateError(req, reply, deps, kind);
  });
  app.setNotFoundHandler(async (req, reply) => sendCandidateError(req, reply, deps, "notFound"));

  for (const routes of [
    languageRoutes,
    jobRoutes,
    registrationRoutes,
    signInRoutes,
    pinResetRoutes,
    profileRoutes,
    contactChangeRoutes,
    accountDeletionRoutes,
    privacyRoutes,
    acknowledgementRoutes,
    helpRoutes,
    reminderRoutes,
    documentRoutes,
    addressRoutes,
    applyRoutes,
    myApplicationRoutes,
    assessmentRoutes,
  ]) {
    await app.register(routes, deps);
  }
  if (deps.config.localMailbox) await app.register(mailboxRoutes, deps);
}
