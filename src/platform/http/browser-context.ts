import { fastifyCookie } from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../../config.ts";
import { type Locale, negotiateLocale } from "../i18n/catalogue.ts";
import { KeptValues } from "../kept-values.ts";
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
export const LOCALE_COOKIE = "lang";

/** The browser-key cookie's name: `__Host-` cookies need Secure, which needs https. */
export function browserKeyCookie(config: Config): string {
  return config.secureCookies ? BROWSER_KEY_COOKIE.secure : BROWSER_KEY_COOKIE.plain;
}

/** What a request knows of its browser's key: the cookie it sent (if valid), or the key made for it. */
type BrowserKeyState = { reply: FastifyReply; config: Config; key: string | null; csrf: string | null };
const BROWSER_KEY = Symbol("browser key");
type WithBrowserKey = FastifyRequest & { [BROWSER_KEY]?: BrowserKeyState };

/**
 * The browser key of a request, made (and its cookie set) on first use: a page with no form, such as a job
 * page seen by someone not signed in, never needs one, so it sends no cookie.
 */
function browserKeyOf(req: FastifyRequest): string {
  const state = (req as WithBrowserKey)[BROWSER_KEY];
  if (!state) throw new Error("the browser context was not prepared for this request");
  if (state.key) return state.key;
  const key = randomToken(32);
  // A year: the key only ties forms and flows to this browser; it authorises nothing alone.
  const options = { path: "/", httpOnly: true, sameSite: "lax" as const, secure: state.config.secureCookies, maxAge: 365 * 24 * 3600 };
  const name = browserKeyCookie(state.config);
  if (typeof state.reply.setCookie === "function") state.reply.setCookie(name, key, options);
  else state.reply.header("set-cookie", fastifyCookie.serialize(name, key, options));
  state.key = key;
  return key;
}

const KEPT_CSRF_TOKENS = 10_000;

/** Language, browser key and CSRF token for every request of every surface. */
export const browserContext = fp(async (app: FastifyInstance, deps: { config: Config }) => {
  app.decorateRequest("locale", "ja");
  app.decorateRequest("browserKey", {
    getter(this: FastifyRequest) {
      return browserKeyOf(this);
    },
  });
  // A browser's token never changes, and every page it is shown carries one: it is worked out once per browser
  // key here (the most recent few thousand), not once per page.
  const tokens = new KeptValues<string>(KEPT_CSRF_TOKENS);
  const tokenOf = (key: string) => tokens.of(key, () => keyedHash(deps.config.secret, "csrf", key));
  app.decorateRequest("csrfToken", {
    getter(this: FastifyRequest) {
      const state = (this as WithBrowserKey)[BROWSER_KEY]!;
      state.csrf ??= tokenOf(browserKeyOf(this));
      return state.csrf;
    },
  });
  app.decorateReply("seeOther", function (this: FastifyReply, url: string) {
    return this.code(303).header("location", url).send();
  });
  app.addHook("onRequest", async (req, reply) => {
    prepareBrowser(req, reply, deps.config);
  });
});

/**
 * Language of a request, and its browser key (and CSRF token) ready to be read: the cookie's if valid,
 * otherwise a new one on first use. The onRequest hook runs it for every request; the error pages run it
 * themselves when a request failed before the hooks (a malformed URL).
 */
export function prepareBrowser(req: FastifyRequest, reply: FastifyReply, config: Config): void {
  // Before the plugins (a malformed URL) nothing has parsed the cookies yet: read the header here.
  const cookies: Record<string, string | undefined> = req.cookies ?? fastifyCookie.parse(req.headers.cookie ?? "");
  req.locale = negotiateLocale(cookies[LOCALE_COOKIE], req.headers["accept-language"]);
  const name = browserKeyCookie(config);
  const sent = cookies[name];
  const valid = sent !== undefined && /^[A-Za-z0-9_-]{43}$/.test(sent);
  // A malformed key is no key: a form sent with it is refused like one sent with none.
  if (!valid && req.cookies) req.cookies[name] = undefined;
  (req as WithBrowserKey)[BROWSER_KEY] = { reply, config, key: valid ? sent : null, csrf: null };
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
