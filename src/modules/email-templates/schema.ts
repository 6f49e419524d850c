import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Text in both of the portal's languages. */
export type BothLanguages = { ja: string; en: string };

/**
 * The e-mails the office sends when it moves candidates, one row per version: an edit adds a version and
 * never rewrites one, so what a candidate was sent can always be read again (the audit entry of a move
 * names the key and the version).
 */
export const emailTemplates = pgTable(
  "email_templates",
  {
    id: uuid("id").primaryKey(),
    /** Stable name of the template across its versions (`rejection`, or a generated one for new templates). */
    key: text("key").notNull(),
    version: integer("version").notNull(),
    /** The pipeline stage the template is written for; null when it suits any move. */
    stage: text("stage"),
    name: jsonb("name").$type<BothLanguages>().notNull(),
    subject: jsonb("subject").$type<BothLanguages>().notNull(),
    body: jsonb("body").$type<BothLanguages>().notNull(),
    /** Offered when moving candidates; an unused template is switched off, never deleted. */
    active: boolean("active").notNull().default(true),
    /** Who wrote this version; null for the portal's own defaults. */
    createdBy: uuid("created_by"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [uniqueIndex("email_templates_key_version_idx").on(t.key, t.version), index("email_templates_created_idx").on(t.createdAt)],
);

export type EmailTemplate = typeof emailTemplates.$inferSelect;
