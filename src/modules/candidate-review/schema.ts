import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { applications } from "../applications/schema.ts";
import { staffMembers } from "../staff/schema.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Longest note a member of staff may write, in characters. */
export const MAX_NOTE_LENGTH = 2000;

/**
 * A note of the recruiting office on one application, with an optional rating 1–5. Written once and never
 * changed (a database trigger refuses UPDATE), so what a colleague wrote stays as they wrote it; deleting the
 * application deletes its notes.
 */
export const applicationNotes = pgTable(
  "application_notes",
  {
    id: uuid("id").primaryKey(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    /** The candidate the note is about, for "what does the office hold about me" and retention. */
    candidateId: uuid("candidate_id").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => staffMembers.id),
    body: text("body").notNull(),
    rating: integer("rating"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    index("application_notes_application_idx").on(t.applicationId, t.createdAt),
    index("application_notes_candidate_idx").on(t.candidateId),
    check("application_notes_rating_range", sql`${t.rating} IS NULL OR ${t.rating} BETWEEN 1 AND 5`),
    check("application_notes_body_length", sql`char_length(${t.body}) BETWEEN 1 AND ${sql.raw(String(MAX_NOTE_LENGTH))}`),
  ],
);

export type ApplicationNote = typeof applicationNotes.$inferSelect;
