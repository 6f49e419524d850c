import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import type { AppDeps } from "../../platform/http/deps.ts";
import { PENDING_FORM_TTL_MS, takePendingForm } from "../../platform/http/pending-forms.ts";

/**
 * Set on the browser whose form was kept, for as long as a kept form lasts: only its form pages look for one,
 * so every other page view costs no database write.
 */
export const KEPT_FORM_COOKIE = "kept";

/** Tells this browser's later form pages that a form of theirs may be waiting (see keptFormFor). */
export function markKeptForm(reply: FastifyReply, config: Pick<Config, "secureCookies">): void {
  reply.setCookie(KEPT_FORM_COOKIE, "1", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: config.secureCookies,
    maxAge: PENDING_FORM_TTL_MS / 1000,
  });
}

/**
 * What the signed-in candidate had typed on this page when their session ran out, once, if the surface kept
 * it (plugin.tsx, the access preHandler); the page shows it again with a notice that it is not saved yet.
 */
export function keptFormFor(req: FastifyRequest, deps: Pick<AppDeps, "db" | "config" | "now">): Promise<Record<string, string | string[]> | null> {
  if (!req.candidate || req.cookies[KEPT_FORM_COOKIE] === undefined) return Promise.resolve(null);
  return takePendingForm(deps.db, { secret: deps.config.secret, browserKey: req.browserKey, principalId: req.candidate.id, path: req.url, now: deps.now() });
}
