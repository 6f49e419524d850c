import { createHash } from "node:crypto";
import { and, eq, lt, or } from "drizzle-orm";
import type { Db } from "../db/database.ts";
import { sessions } from "../db/schema.ts";
import { randomToken } from "./secrets.ts";

export type PrincipalKind = (typeof sessions.$inferSelect)["principalKind"];

/** How long a kind of session lives: each surface states its own (QUALITY.md). */
export type SessionPolicy = { kind: PrincipalKind; idleMs: number; absoluteMs: number };

/** Candidates: 30 idle minutes, 12 hours in all. */
export const CANDIDATE_SESSIONS: SessionPolicy = { kind: "candidate", idleMs: 30 * 60 * 1000, absoluteMs: 12 * 60 * 60 * 1000 };
/** Recruiting-office staff see many people's data: 15 idle minutes, 8 hours in all. */
export const STAFF_SESSIONS: SessionPolicy = { kind: "staff", idleMs: 15 * 60 * 1000, absoluteMs: 8 * 60 * 60 * 1000 };

/** Writing last_seen on every request would make every page a write; a minute's slack is harmless. */
export const SESSION_TOUCH_AFTER_MS = 60 * 1000;

/** Session ids are stored as a SHA-256: a leaked table gives no usable cookie. */
export function hashSessionId(id: string): string {
  return createHash("sha256").update(id).digest("base64url");
}

/** Starts a new session (a fresh id at every sign-in) and returns the id for the cookie. */
export async function startSession(db: Db, input: { policy: SessionPolicy; principalId: string; now: Date }): Promise<string> {
  const id = randomToken(32);
  await db.insert(sessions).values({
    idHash: hashSessionId(id),
    principalKind: input.policy.kind,
    principalId: input.principalId,
    createdAt: input.now,
    lastSeenAt: input.now,
    idleExpiresAt: new Date(input.now.getTime() + input.policy.idleMs),
    absoluteExpiresAt: new Date(input.now.getTime() + input.policy.absoluteMs),
  });
  return id;
}

/** What a session lookup must return for the expiry rules to apply, plus whatever the caller joined in. */
export type SessionRow = { principalId: string; lastSeenAt: Date; idleExpiresAt: Date; absoluteExpiresAt: Date };

/**
 * Resumes a session with a lookup the caller writes (one query that may join the principal's own table, so
 * a request reads its session and its user in one round trip), then applies the policy: an ended, expired
 * or other-kind session gives null, and a live one has its idle time extended at most once a minute.
 * `onExpired` hears whose session just ran out, so a form sent after the time-out can be kept for them.
 */
export async function resumeSessionWith<R extends SessionRow>(
  db: Db,
  input: { policy: SessionPolicy; id: string; now: Date; onExpired?: (principalId: string) => void },
  find: (idHash: string) => Promise<R | undefined>,
): Promise<R | null> {
  const idHash = hashSessionId(input.id);
  const row = await find(idHash);
  if (!row) return null;
  const now = input.now.getTime();
  if (row.idleExpiresAt.getTime() <= now || row.absoluteExpiresAt.getTime() <= now) {
    await db.delete(sessions).where(eq(sessions.idHash, idHash));
    input.onExpired?.(row.principalId);
    return null;
  }
  if (now - row.lastSeenAt.getTime() > SESSION_TOUCH_AFTER_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: input.now, idleExpiresAt: new Date(now + input.policy.idleMs) })
      .where(eq(sessions.idHash, idHash));
  }
  return row;
}

/** The columns of a session that `resumeSessionWith` needs, for callers that join it to their own table. */
export const SESSION_COLUMNS = {
  principalId: sessions.principalId,
  lastSeenAt: sessions.lastSeenAt,
  idleExpiresAt: sessions.idleExpiresAt,
  absoluteExpiresAt: sessions.absoluteExpiresAt,
};

/** The condition that picks one session of one kind by its hashed id. */
function sessionOfKind(idHash: string, kind: PrincipalKind) {
  return and(eq(sessions.idHash, idHash), eq(sessions.principalKind, kind));
}

/**
 * Finds a live session of the policy's kind by its cookie value and extends its idle time; ended, expired
 * or other-kind sessions give null (a candidate's cookie never opens the console).
 */
export async function resumeSession(
  db: Db,
  input: { policy: SessionPolicy; id: string; now: Date; onExpired?: (principalId: string) => void },
): Promise<{ principalId: string } | null> {
  return resumeSessionWith(db, input, async (idHash) => {
    const [row] = await db.select(SESSION_COLUMNS).from(sessions).where(sessionOfKind(idHash, input.policy.kind)).limit(1);
    return row;
  });
}

/** Ends one session (sign-out). */
export async function endSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashSessionId(id)));
}

/** Ends every session of one principal (PIN or password reset, deactivation, account deletion). */
export async function endAllSessions(db: Db, input: { kind: PrincipalKind; principalId: string }): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(and(eq(sessions.principalKind, input.kind), eq(sessions.principalId, input.principalId)))
    .returning({ idHash: sessions.idHash });
  return ended.length;
}

/** Deletes expired sessions of every kind; run by the worker's housekeeping. */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<number> {
  const purged = await db
    .delete(sessions)
    .where(or(lt(sessions.idleExpiresAt, now), lt(sessions.absoluteExpiresAt, now)))
    .returning({ idHash: sessions.idHash });
  return purged.length;
}
