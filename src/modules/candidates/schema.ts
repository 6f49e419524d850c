import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { nameSearchKeySql } from "../applications/name-search-key.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A candidate's hiring account (separate from any shopping account). */
export const candidates = pgTable(
  "candidates",
  {
    id: uuid("id").primaryKey(),
    email: text("email").notNull(),
    phone: text("phone").notNull(),
    familyName: text("family_name").notNull(),
    givenName: text("given_name").notNull(),
    familyNameLatin: text("family_name_latin").notNull(),
    givenNameLatin: text("given_name_latin").notNull(),
    timeZone: text("time_zone").notNull(),
    pinHash: text("pin_hash").notNull(),
    contactConsent: boolean("contact_consent").notNull(),
    locale: text("locale").notNull().default("ja"),
    /** Reminder e-mails about unfinished applications; turned off on アカウント情報 or from the link in one. */
    applicationReminders: boolean("application_reminders").notNull().default(true),
    /** Set when the candidate asked for no contact at all beyond the codes they request (アカウント情報 → プライバシー). */
    contactStoppedAt: ts("contact_stopped_at"),
    /** The last sign-in or saved change: the retention schedule counts from here. */
    lastActiveAt: ts("last_active_at").notNull().defaultNow(),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    /**
     * The account's names folded for the office's search (see name-search-key.ts), kept by the database;
     * it finds applications that have not reached STEP 1's legal names yet. Indexed in the pipeline_and_templates migration.
     */
    searchName: text("search_name")
      .notNull()
      .generatedAlwaysAs(
        nameSearchKeySql(sql`family_name || given_name || '|' || family_name_latin || given_name_latin || '|' || given_name_latin || family_name_latin`),
      ),
  },
  (t) => [uniqueIndex("candidates_email_idx").on(t.email), uniqueIndex("candidates_phone_idx").on(t.phone)],
);

/**
 * A sign-in, PIN reset, contact change or account deletion in progress: a stored flow with its own id, state and expiry,
 * bound to the browser that started it.
 */
export const authFlows = pgTable(
  "auth_flows",
  {
    id: uuid("id").primaryKey(),
    kind: text("kind", { enum: ["login", "pin_reset", "contact_change", "account_deletion"] }).notNull(),
    state: text("state", { enum: ["pin", "channel", "code", "new_pin", "done"] }).notNull(),
    identifier: text("identifier").notNull(),
    candidateId: uuid("candidate_id"),
    bindingHash: text("binding_hash").notNull(),
    returnTo: text("return_to"),
    channel: text("channel", { enum: ["email", "sms"] }),
    newEmail: text("new_email"),
    newPhone: text("new_phone"),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [index("auth_flows_expires_idx").on(t.expiresAt)],
);

/** A one-time code sent for a flow; only its HMAC is kept. */
export const oneTimeCodes = pgTable(
  "one_time_codes",
  {
    id: uuid("id").primaryKey(),
    flowId: uuid("flow_id")
      .notNull()
      .references(() => authFlows.id, { onDelete: "cascade" }),
    candidateId: uuid("candidate_id").notNull(),
    channel: text("channel", { enum: ["email", "sms"] }).notNull(),
    codeHash: text("code_hash").notNull(),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
  },
  (t) => [
    index("one_time_codes_flow_idx").on(t.flowId),
    index("one_time_codes_candidate_idx").on(t.candidateId, t.createdAt),
    index("one_time_codes_live_idx").on(t.flowId).where(sql`used_at IS NULL`),
  ],
);

export type Candidate = typeof candidates.$inferSelect;
export type AuthFlow = typeof authFlows.$inferSelect;
