import { createHash } from "node:crypto";
import { eq, lt, or } from "drizzle-orm";
import type { Db } from "../db/database.ts";
import { sessions } from "../db/schema.ts";
import { randomToken } from "./secrets.ts";

/** Candidate sessions end after 30 idle minutes or 12 hours in all (QUALITY.md). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
// Writing last_seen on every request would make every page a write; a minute's slack is harmless.
const TOUCH_AFTER_MS = 60 * 1000;

/** Session ids are stored as a SHA-256: a leaked table gives no usable cookie. */
function hashSessionId(id: string): string {
  return createHash("sha256").update(id).digest("base64url");
}

/** Starts a new session (a fresh id at every sign-in) and returns the id for the cookie. */
export async function startSession(db: Db, input: { candidateId: string; now: Date }): Promise<string> {
  const id = randomToken(32);
  await db.insert(sessions).values({
    idHash: hashSessionId(id),
    candidateId: input.candidateId,
    createdAt: input.now,
    lastSeenAt: input.now,
    idleExpiresAt: new Date(input.now.getTime() + SESSION_IDLE_MS),
    absoluteExpiresAt: new Date(input.now.getTime() + SESSION_ABSOLUTE_MS),
  });
  return id;
}

/** Finds a live session by its cookie value and extends its idle time; ended or expired sessions give null. */
export async function resumeSession(db: Db, input: { id: string; now: Date }): Promise<{ candidateId: string } | null> {
  const idHash = hashSessionId(input.id);
  const [row] = await db.select().from(sessions).where(eq(sessions.idHash, idHash)).limit(1);
  if (!row?.candidateId) return null;
  const now = input.now.getTime();
  if (row.idleExpiresAt.getTime() <= now || row.absoluteExpiresAt.getTime() <= now) {
    await db.delete(sessions).where(eq(sessions.idHash, idHash));
    return null;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: input.now, idleExpiresAt: new Date(now + SESSION_IDLE_MS) })
      .where(eq(sessions.idHash, idHash));
  }
  return { candidateId: row.candidateId };
}

/** Ends one session (sign-out). */
export async function endSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashSessionId(id)));
}

/** Ends every session of a candidate (PIN reset, account deletion). */
export async function endAllSessions(db: Db, candidateId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.candidateId, candidateId));
}

/** Deletes expired sessions; run by the worker. */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(or(lt(sessions.idleExpiresAt, now), lt(sessions.absoluteExpiresAt, now)));
}
