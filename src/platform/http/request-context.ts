import { fastifyCookie } from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { JSX } from "preact";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import type { Config } from "../../config.ts";
import { PageContextValue } from "../../web/html/page-context.ts";
import type { Db } from "../db/database.ts";
import type { Locale } from "../i18n/catalogue.ts";
import { negotiateLocale } from "../i18n/catalogue.ts";
import { type Translate, translator } from "../i18n/messages.ts";
import { keyedHash, randomToken, sameSecret } from "../security/secrets.ts";
import { resumeSession } from "../security/sessions.ts";
import { AppError } from "./errors.ts";

/** The signed-in candidate as the layout needs them. */
export type SignedInCandidate = { id: string; displayName: string };

declare module "fastify" {
  interface FastifyRequest {
    locale: Locale;
    t: Translate;
    csrfToken: string;
    /** Value of the browser's CSRF cookie; flows bind themselves to it. */
    browserKey: string;
    sessionId: string | null;
    candidate: SignedInCandidate | null;
  }
  interface FastifyReply {
    /** Renders a page (JSX) with the request's context, as a full HTML document. */
    page(view: JSX.Element, status?: number): FastifyReply;
    /** 303 See Other: the answer to every successful form POST. */
    seeOther(url: string): FastifyReply;
  }
}

export type CookieNames = { session: string; browser: string; locale: string };

/** `__Host-` cookies need Secure, which needs https; plain names are used on http (local development). */
export function cookieNames(secure: boolean): CookieNames {
  return secure ? { session: "__Host-sid", browser: "__Host-bk", locale: "lang" } : { session: "sid", browser: "bk", locale: "lang" };
}

type Deps = {
  db: Db;
  config: Config;
  now: () => Date;
  /** Finds the display name of a signed-in candidate. */
  loadCandidate: (id: string) => Promise<SignedInCandidate | null>;
};

/** Per-request language, CSRF, session and page rendering. */
export const requestContext = fp(async (app: FastifyInstance, deps: Deps) => {
  const names = cookieNames(deps.config.secureCookies);

  app.decorateRequest("locale", "ja");
  app.decorateRequest("t", null as unknown as Translate);
  app.decorateRequest("csrfToken", "");
  app.decorateRequest("browserKey", "");
  app.decorateRequest("sessionId", null);
  app.decorateRequest("candidate", null);

  app.addHook("onRequest", async (req, reply) => {
    prepareRequest(req, reply, deps.config);
    const sid = req.cookies[names.session];
    if (sid && sid.length <= 100) {
      const session = await resumeSession(deps.db, { id: sid, now: deps.now() });
      if (session) {
        req.sessionId = sid;
        req.candidate = await deps.loadCandidate(session.candidateId);
      } else {
        reply.clearCookie(names.session, { path: "/" });
      }
    }
  });

  // CSRF runs after the body is parsed (preHandler), so the form field is there to compare.
  app.addHook("preHandler", async (req) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return;
    if (req.routeOptions.config && (req.routeOptions.config as { csrf?: string }).csrf === "multipart") return;
    const body = req.body as Record<string, unknown> | undefined;
    const sent = body && typeof body._csrf === "string" ? body._csrf : "";
    // A POST without the browser cookie cannot be a form we served to this browser.
    if (!req.cookies[names.browser] || !sameSecret(sent, req.csrfToken)) throw new AppError("csrf", "CSRF token missing or wrong");
  });

  app.decorateReply("page", function (this: FastifyReply, view: JSX.Element, status = 200) {
    return this.code(status)
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(renderDocument(this.request, deps.config, view));
  });

  app.decorateReply("seeOther", function (this: FastifyReply, url: string) {
    return this.code(303).header("location", url).send();
  });
});

/**
 * Language, browser key and CSRF token of a request. The onRequest hook runs it for every request; the
 * error pages run it themselves when a request failed before the hooks (a malformed URL).
 */
export function prepareRequest(req: FastifyRequest, reply: FastifyReply, config: Config): void {
  const names = cookieNames(config.secureCookies);
  // Before the plugins (a malformed URL) nothing has parsed the cookies yet: read the header here.
  const cookies: Record<string, string | undefined> = req.cookies ?? fastifyCookie.parse(req.headers.cookie ?? "");
  req.locale = negotiateLocale(cookies[names.locale], req.headers["accept-language"]);
  req.t = translator(req.locale);
  let browserKey = cookies[names.browser];
  if (!browserKey || !/^[A-Za-z0-9_-]{43}$/.test(browserKey)) {
    browserKey = randomToken(32);
    // A year: the key only ties forms and flows to this browser; it authorises nothing alone.
    const options = { path: "/", httpOnly: true, sameSite: "lax" as const, secure: config.secureCookies, maxAge: 365 * 24 * 3600 };
    if (typeof reply.setCookie === "function") reply.setCookie(names.browser, browserKey, options);
    else reply.header("set-cookie", fastifyCookie.serialize(names.browser, browserKey, options));
    if (req.cookies) req.cookies[names.browser] = undefined;
  }
  req.browserKey = browserKey;
  req.csrfToken = keyedHash(config.secret, "csrf", browserKey);
}

/** A whole HTML document for a view, with the request's page context. */
export function renderDocument(req: FastifyRequest, config: Config, view: JSX.Element): string {
  const context = {
    locale: req.locale,
    t: req.t,
    csrfToken: req.csrfToken,
    currentUrl: req.url,
    signedIn: req.candidate ? { displayName: req.candidate.displayName } : null,
    orgName: config.orgName[req.locale],
    helpEmail: config.helpEmail,
    showMailbox: !config.production,
  };
  return `<!doctype html>${renderToString(h(PageContextValue.Provider, { value: context }, view))}`;
}

/** Signs a candidate in: a new session id (never reuse one from before sign-in) in the session cookie. */
export function setSessionCookie(reply: FastifyReply, config: Config, sessionId: string): void {
  const names = cookieNames(config.secureCookies);
  reply.setCookie(names.session, sessionId, { path: "/", httpOnly: true, sameSite: "lax", secure: config.secureCookies });
}

/** Removes the session cookie (sign-out). */
export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(cookieNames(config.secureCookies).session, { path: "/" });
}

/** Keeps the language the user picked. */
export function setLocaleCookie(reply: FastifyReply, config: Config, locale: Locale): void {
  reply.setCookie(cookieNames(config.secureCookies).locale, locale, {
    path: "/",
    sameSite: "lax",
    secure: config.secureCookies,
    maxAge: 365 * 24 * 3600,
  });
}

/** A return address is followed only if it is a path on this site. */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 500) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  // Our own paths are plain ASCII; anything else could not even be sent back in a Location header.
  if (!/^[\x21-\x7e]+$/.test(value)) return null;
  return value;
}
