import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import type { Db } from "../db/database.ts";
import { endSession, type PrincipalKind, resumeSession, type SessionPolicy, startSession } from "../security/sessions.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The session of this request's surface, if it has a live one. */
    session: { id: string; principalId: string } | null;
    /** Whose session this request's cookie named when it had just run out (idle or absolute time-out). */
    expiredPrincipal: string | null;
  }
}

/** Each kind of principal has its own cookie, so a candidate's session never reaches the console and back. */
const COOKIES: Record<PrincipalKind, { plain: string; secure: string }> = {
  candidate: { plain: "sid", secure: "__Host-sid" },
  staff: { plain: "osid", secure: "__Host-osid" },
};

/** The session cookie's name for a kind of principal. */
export function sessionCookieName(config: Config, kind: PrincipalKind): string {
  return config.secureCookies ? COOKIES[kind].secure : COOKIES[kind].plain;
}

/**
 * An onRequest step for one surface: resumes that surface's session from its own cookie, with the surface's
 * own lookup when it reads its user in the same query; answers what the lookup found, or null, and notes
 * whose session had just run out.
 */
export function resumeSurfaceSession<T extends { principalId: string }>(
  deps: { db: Db; config: Config; now: () => Date },
  policy: SessionPolicy,
  resume: (id: string, now: Date, onExpired: (principalId: string) => void, req: FastifyRequest) => Promise<T | null>,
) {
  const name = sessionCookieName(deps.config, policy.kind);
  return async (req: FastifyRequest, reply: FastifyReply): Promise<T | null> => {
    req.session = null;
    req.expiredPrincipal = null;
    const id = req.cookies[name];
    if (!id || id.length > 100) return null;
    const found = await resume(
      id,
      deps.now(),
      (principalId) => {
        req.expiredPrincipal = principalId;
      },
      req,
    );
    if (found) req.session = { id, principalId: found.principalId };
    else reply.clearCookie(name, { path: "/" });
    return found;
  };
}

/** The plain lookup: the session alone, for surfaces that load their user separately. */
export function sessionLookup(db: Db, policy: SessionPolicy) {
  return (id: string, now: Date, onExpired: (principalId: string) => void) => resumeSession(db, { policy, id, now, onExpired });
}

/**
 * Signs a principal in: a new session id (never one from before sign-in, so a planted id never becomes a
 * signed-in one) in the surface's cookie.
 */
export async function signInSession(
  deps: { db: Db; config: Config; now: () => Date },
  req: FastifyRequest,
  reply: FastifyReply,
  input: { policy: SessionPolicy; principalId: string },
): Promise<void> {
  if (req.session) await endSession(deps.db, req.session.id);
  const id = await startSession(deps.db, { policy: input.policy, principalId: input.principalId, now: deps.now() });
  reply.setCookie(sessionCookieName(deps.config, input.policy.kind), id, { path: "/", httpOnly: true, sameSite: "lax", secure: deps.config.secureCookies });
}

/** Signs out: ends the session on the server and removes the cookie. */
export async function signOutSession(deps: { db: Db; config: Config }, req: FastifyRequest, reply: FastifyReply, kind: PrincipalKind): Promise<void> {
  if (req.session) await endSession(deps.db, req.session.id);
  req.session = null;
  reply.clearCookie(sessionCookieName(deps.config, kind), { path: "/" });
}
