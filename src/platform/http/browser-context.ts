import { fastifyCookie } from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../../config.ts";
import { type Locale, negotiateLocale } from "../i18n/catalogue.ts";
import { keyedHash, randomToken } from "../security/secrets.ts";

declare module "fastify" {
  interface FastifyRequest {
    locale: Locale;
    /** This browser's CSRF token: every form a surface serves carries it, every POST must return it. */
    csrfToken: string;
    /** Value of the browser's key cookie; flows bind themselves to it. */
    browserKey: string;
  }
  interface FastifyReply {
    /** 303 See Other: the answer to every successful form POST. */
    seeOther(url: string): FastifyReply;
  }
}

const BROWSER_KEY_COOKIE = { plain: "bk", secure: "__Host-bk" } as const;
const LOCALE_COOKIE = "lang";

/** The browser-key cookie's name: `__Host-` cookies need Secure, which needs https. */
export function browserKeyCookie(config: Config): string {
  return config.secureCookies ? BROWSER_KEY_COOKIE.secure : BROWSER_KEY_COOKIE.plain;
}

/** Language, browser key and CSRF token for every request of every surface. */
export const browserContext = fp(async (app: FastifyInstance, deps: { config: Config }) => {
  app.decorateRequest("locale", "ja");
  app.decorateRequest("csrfToken", "");
  app.decorateRequest("browserKey", "");
  app.decorateReply("seeOther", function (this: FastifyReply, url: string) {
    return this.code(303).header("location", url).send();
  });
  app.addHook("onRequest", async (req, reply) => {
    prepareBrowser(req, reply, deps.config);
  });
});

/**
 * Language, browser key and CSRF token of a request. The onRequest hook runs it for every request; the
 * error pages run it themselves when a request failed before the hooks (a malformed URL).
 */
export function prepareBrowser(req: FastifyRequest, reply: FastifyReply, config: Config): void {
  // Before the plugins (a malformed URL) nothing has parsed the cookies yet: read the header here.
  const cookies: Record<string, string | undefined> = req.cookies ?? fastifyCookie.parse(req.headers.cookie ?? "");
  req.locale = negotiateLocale(cookies[LOCALE_COOKIE], req.headers["accept-language"]);
  const name = browserKeyCookie(config);
  let browserKey = cookies[name];
  if (!browserKey || !/^[A-Za-z0-9_-]{43}$/.test(browserKey)) {
    browserKey = randomToken(32);
    // A year: the key only ties forms and flows to this browser; it authorises nothing alone.
    const options = { path: "/", httpOnly: true, sameSite: "lax" as const, secure: config.secureCookies, maxAge: 365 * 24 * 3600 };
    if (typeof reply.setCookie === "function") reply.setCookie(name, browserKey, options);
    else reply.header("set-cookie", fastifyCookie.serialize(name, browserKey, options));
    if (req.cookies) req.cookies[name] = undefined;
  }
  req.browserKey = browserKey;
  req.csrfToken = keyedHash(config.secret, "csrf", browserKey);
}

/** Keeps the language the user picked. */
export function setLocaleCookie(reply: FastifyReply, config: Config, locale: Locale): void {
  reply.setCookie(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", secure: config.secureCookies, maxAge: 365 * 24 * 3600 });
}

/** A return address is followed only if it is a path on this site. */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 500) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  // Our own paths are plain ASCII; anything else could not even be sent back in a Location header.
  if (!/^[\x21-\x7e]+$/.test(value)) return null;
  return value;
}
