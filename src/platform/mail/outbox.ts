import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/database.ts";
import { outbox, outboxAttempts } from "../db/schema.ts";

export type OutgoingMessage = {
  channel: "email" | "sms";
  recipient: string;
  template: string;
  locale: string;
  subject: string;
  textBody: string;
  htmlBody?: string | null;
  /** The same key twice enqueues once: how "exactly one e-mail" survives a double submit. */
  dedupeKey?: string;
};

export type OutboxMessage = typeof outbox.$inferSelect;

/** Retry policy: exponential back-off from `baseDelayMs`, capped, abandoned after `maxAttempts`. */
export type RetryPolicy = { baseDelayMs: number; maxDelayMs: number; maxAttempts: number };

export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 10_000, maxDelayMs: 10 * 60_000, maxAttempts: 12 };

/** Writes a message to the outbox; call it inside the transaction of the change that causes it. */
export async function enqueueMessage(db: Db, message: OutgoingMessage, now: Date = new Date(), sendAt: Date = now): Promise<void> {
  await db
    .insert(outbox)
    .values({ ...message, htmlBody: message.htmlBody ?? null, dedupeKey: message.dedupeKey ?? null, createdAt: now, nextAttemptAt: sendAt })
    .onConflictDoNothing();
}

/**
 * Claims up to `limit` due messages for one worker. SKIP LOCKED lets several workers drain one outbox; the
 * lease means a worker that dies mid-send gives its messages back once the lease runs out.
 */
export async function claimDueMessages(db: Db, input: { now: Date; limit: number; leaseMs: number }): Promise<OutboxMessage[]> {
  const leaseUntil = new Date(input.now.getTime() + input.leaseMs);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        sql`(${outbox.status} = 'queued' AND ${outbox.nextAttemptAt} <= ${input.now})
         OR (${outbox.status} = 'processing' AND ${outbox.lockedUntil} <= ${input.now})`,
      )
      .orderBy(asc(outbox.id))
      .limit(input.limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({ status: "processing", lockedUntil: leaseUntil })
      .where(
        inArray(
          outbox.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
}

/** Records a successful delivery. */
export async function markDelivered(db: Db, id: number, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(outbox)
      .set({ status: "sent", sentAt: now, lockedUntil: null, attempts: sql`${outbox.attempts} + 1`, lastError: null })
      .where(eq(outbox.id, id));
    await tx.insert(outboxAttempts).values({ messageId: id, attemptedAt: now, ok: true });
  });
}

/** Records a failed attempt and schedules the next, or abandons the message when the policy says so. */
export async function markFailed(db: Db, input: { id: number; now: Date; error: string; policy: RetryPolicy }): Promise<"retry" | "abandoned"> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ attempts: outbox.attempts }).from(outbox).where(eq(outbox.id, input.id));
    const attempts = (row?.attempts ?? 0) + 1;
    const abandoned = attempts >= input.policy.maxAttempts;
    const delay = Math.min(input.policy.baseDelayMs * 2 ** (attempts - 1), input.policy.maxDelayMs);
    await tx
      .update(outbox)
      .set({
        status: abandoned ? "abandoned" : "queued",
        attempts,
        lockedUntil: null,
        lastError: input.error.slice(0, 500),
        nextAttemptAt: new Date(input.now.getTime() + delay),
      })
      .where(eq(outbox.id, input.id));
    await tx.insert(outboxAttempts).values({ messageId: input.id, attemptedAt: input.now, ok: false, error: input.error.slice(0, 500) });
    return abandoned ? "abandoned" : "retry";
  });
}

/** The newest messages, for the local mailbox page. */
export async function listRecentMessages(db: Db, limit = 50): Promise<OutboxMessage[]> {
  return db.select().from(outbox).orderBy(desc(outbox.id)).limit(limit);
}

/** One message by id, for the local mailbox page. */
export async function findMessage(db: Db, id: number): Promise<OutboxMessage | undefined> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row;
}

/** Messages of one recipient, newest first (tests and the mailbox page). */
export async function messagesTo(db: Db, recipient: string): Promise<OutboxMessage[]> {
  return db.select().from(outbox).where(eq(outbox.recipient, recipient)).orderBy(desc(outbox.id));
}
