/**
 * Platform tables: sessions, the outbox and sign-in throttles. Feature tables live in their
 * feature folders; `src/platform/db/tables.ts` gathers them all for Drizzle.
 */
import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const sessions = pgTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    /** Who the session belongs to: each surface resumes only sessions of its own kind. */
    principalKind: text("principal_kind", { enum: ["candidate", "staff"] })
      .notNull()
      .default("candidate"),
    principalId: uuid("principal_id").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    idleExpiresAt: ts("idle_expires_at").notNull(),
    absoluteExpiresAt: ts("absolute_expires_at").notNull(),
  },
  (t) => [
    index("sessions_principal_idx").on(t.principalKind, t.principalId),
    index("sessions_idle_expires_idx").on(t.idleExpiresAt),
    index("sessions_absolute_expires_idx").on(t.absoluteExpiresAt),
  ],
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
    /** Clear the recipient and texts as soon as the message is sent or abandoned (the confirmation of an erased account). */
    forgetAfterSend: boolean("forget_after_send").notNull().default(false),
    /** queued (due at next_attempt_at; a claimed message's lease moves that forward), sent or abandoned. */
    status: text("status", { enum: ["queued", "sent", "abandoned"] })
      .notNull()
      .default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    lastError: text("last_error"),
    createdAt: ts("created_at").notNull().defaultNow(),
    sentAt: ts("sent_at"),
  },
  (t) => [
    uniqueIndex("outbox_dedupe_key_idx").on(t.dedupeKey),
    index("outbox_due_idx").on(t.nextAttemptAt).where(sql`status = 'queued'`),
    // The candidate page lists every message sent to a candidate's addresses.
    index("outbox_recipient_idx").on(t.recipient, t.id),
  ],
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

/**
 * Work the worker does later, off the request path: claimed with FOR UPDATE SKIP LOCKED, so any number of
 * instances can share the queue, and retried with back-off like the outbox.
 */
export const backgroundJobs = pgTable(
  "background_jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    /** At most one queued or finished job per key (e.g. one pattern check per attempt). */
    dedupeKey: text("dedupe_key"),
    status: text("status", { enum: ["queued", "done", "failed"] })
      .notNull()
      .default("queued"),
    attempts: integer("attempts").notNull().default(0),
    runAt: ts("run_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    lastError: text("last_error"),
    createdAt: ts("created_at").notNull().defaultNow(),
    finishedAt: ts("finished_at"),
  },
  (t) => [uniqueIndex("background_jobs_dedupe_key_idx").on(t.dedupeKey), index("background_jobs_due_idx").on(t.runAt).where(sql`status = 'queued'`)],
);

/**
 * Requests counted per key (a client address doing one kind of thing) in fixed windows: how many sign-ins,
 * registrations and PIN resets one address may start. Old windows are purged by housekeeping.
 */
export const rateWindows = pgTable(
  "rate_windows",
  {
    key: text("key").notNull(),
    windowStart: ts("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_windows_start_idx").on(t.windowStart)],
);

/**
 * A form that arrived after its sender's session had ended (30 idle minutes), kept so that the same person,
 * signing in again in the same browser, finds what they typed on the page they were on. Bound to the
 * browser (an HMAC of its key) and to the principal of the ended session; secrets are never kept.
 */
export const pendingForms = pgTable(
  "pending_forms",
  {
    id: uuid("id").primaryKey(),
    bindingHash: text("binding_hash").notNull(),
    principalId: uuid("principal_id").notNull(),
    /** The page the form was on (its path and query), where the values are offered again. */
    path: text("path").notNull(),
    values: jsonb("values").$type<Record<string, string | string[]>>().notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [index("pending_forms_binding_idx").on(t.bindingHash, t.path), index("pending_forms_expires_idx").on(t.expiresAt)],
);
