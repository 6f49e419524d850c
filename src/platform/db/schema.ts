/**
 * Platform tables: sessions, the outbox and sign-in throttles. Feature tables live in their
 * feature folders; `src/platform/db/tables.ts` gathers them all for Drizzle.
 */
import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const sessions = pgTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    candidateId: uuid("candidate_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    idleExpiresAt: ts("idle_expires_at").notNull(),
    absoluteExpiresAt: ts("absolute_expires_at").notNull(),
  },
  (t) => [index("sessions_candidate_idx").on(t.candidateId)],
);

export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    channel: text("channel", { enum: ["email", "sms"] }).notNull(),
    recipient: text("recipient").notNull(),
    template: text("template").notNull(),
    locale: text("locale").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    dedupeKey: text("dedupe_key"),
    status: text("status", { enum: ["queued", "processing", "sent", "abandoned"] })
      .notNull()
      .default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    lastError: text("last_error"),
    createdAt: ts("created_at").notNull().defaultNow(),
    sentAt: ts("sent_at"),
  },
  (t) => [uniqueIndex("outbox_dedupe_key_idx").on(t.dedupeKey), index("outbox_due_idx").on(t.nextAttemptAt).where(sql`status = 'queued'`)],
);

export const outboxAttempts = pgTable(
  "outbox_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    messageId: bigint("message_id", { mode: "number" })
      .notNull()
      .references(() => outbox.id, { onDelete: "cascade" }),
    attemptedAt: ts("attempted_at").notNull().defaultNow(),
    ok: boolean("ok").notNull(),
    error: text("error"),
  },
  (t) => [index("outbox_attempts_message_idx").on(t.messageId)],
);

/** Consecutive failures and lock state per throttle key (an account, or an unknown identifier). */
export const authThrottles = pgTable("auth_throttles", {
  key: text("key").primaryKey(),
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  lockLevel: integer("lock_level").notNull().default(0),
  lockedUntil: ts("locked_until"),
  failureTimes: jsonb("failure_times").$type<string[]>().notNull().default([]),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
