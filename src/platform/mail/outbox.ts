import { and, desc, eq, like, lt, ne, sql } from "drizzle-orm";
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
  /** Clear the recipient and texts once the message is sent or abandoned (the last message to an erased account). */
  forgetAfterSend?: boolean;
};

export type OutboxMessage = typeof outbox.$inferSelect;

/** Retry policy: exponential back-off from `baseDelayMs`, capped, abandoned after `maxAttempts`. */
export type RetryPolicy = { baseDelayMs: number; maxDelayMs: number; maxAttempts: number };

export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 10_000, maxDelayMs: 10 * 60_000, maxAttempts: 12 };

/** Writes a message to the outbox; call it inside the transaction of the change that causes it. */
export async function enqueueMessage(db: Db, message: OutgoingMessage, now: Date = new Date(), sendAt: Date = now): Promise<void> {
  await db
    .insert(outbox)
    .values({
      ...message,
      htmlBody: message.htmlBody ?? null,
      dedupeKey: message.dedupeKey ?? null,
      forgetAfterSend: message.forgetAfterSend ?? false,
      createdAt: now,
      nextAttemptAt: sendAt,
    })
    .onConflictDoNothing();
}

/**
 * Claims up to `limit` due messages for one worker. Claiming moves a message's next attempt forward by the
 * lease, so a worker that dies mid-send gives it back once the lease runs out, and SKIP LOCKED lets several
 * workers drain one outbox. A message stays `queued` until it is sent or abandoned, so the poll reads only
 * the partial index of queued messages (an OR over two states could not use it).
 */
export async function claimDueMessages(db: Db, input: { now: Date; limit: number; leaseMs: number }): Promise<OutboxMessage[]> {
  const leaseUntil = new Date(input.now.getTime() + input.leaseMs);
  return db
    .update(outbox)
    .set({ nextAttemptAt: leaseUntil, lockedUntil: leaseUntil })
    .where(
      sql`${outbox.id} IN (
        SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= ${input.now}
        ORDER BY next_attempt_at LIMIT ${input.limit} FOR UPDATE SKIP LOCKED)`,
    )
    .returning();
}

/**
 * The recipient and texts of a message marked forget-after-send, cleared in the same update that ends it:
 * it keeps its template, dates and attempts, never where it went or what it said.
 */
function forgottenIfAsked() {
  return {
    recipient: sql`CASE WHEN ${outbox.forgetAfterSend} THEN '' ELSE ${outbox.recipient} END`,
    subject: sql`CASE WHEN ${outbox.forgetAfterSend} THEN '' ELSE ${outbox.subject} END`,
    textBody: sql`CASE WHEN ${outbox.forgetAfterSend} THEN '' ELSE ${outbox.textBody} END`,
    htmlBody: sql`CASE WHEN ${outbox.forgetAfterSend} THEN NULL ELSE ${outbox.htmlBody} END`,
  };
}

/** Records a successful delivery; a message marked forget-after-send loses its recipient and texts here. */
export async function markDelivered(db: Db, id: number, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(outbox)
      .set({ status: "sent", sentAt: now, lockedUntil: null, attempts: sql`${outbox.attempts} + 1`, lastError: null, ...forgottenIfAsked() })
      .where(eq(outbox.id, id));
    await tx.insert(outboxAttempts).values({ messageId: id, attemptedAt: now, ok: true });
  });
}

/**
 * Records a failed attempt and schedules the next, or abandons the message when the policy says so; an
 * abandoned message marked forget-after-send loses its recipient and texts.
 */
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
        ...(abandoned ? forgottenIfAsked() : {}),
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

/** A sign-in code lives 3 minutes; its text is kept a little longer for the local mailbox, then erased. */
const CODE_TEXT_KEPT_MS = 10 * 60_000;

/**
 * Erases the bodies of sign-in codes once the code is long dead (only their HMAC stays, in the codes table)
 * and the message has gone or been given up: one held up by a mail outage is still sent whole, not blank.
 * Other messages keep their text for the period the retention schedule gives them (modules/privacy).
 */
export async function eraseSpentCodeTexts(db: Db, now: Date): Promise<number> {
  const codes = await db
    .update(outbox)
    .set({ textBody: "", htmlBody: null })
    .where(
      and(
        like(outbox.template, "accounts.code.%"),
        ne(outbox.status, "queued"),
        lt(outbox.createdAt, new Date(now.getTime() - CODE_TEXT_KEPT_MS)),
        ne(outbox.textBody, ""),
      ),
    )
    .returning({ id: outbox.id });
  return codes.length;
}
