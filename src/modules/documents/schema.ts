import { customType, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { candidates } from "../candidates/schema.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** PostgreSQL `bytea` as a Node Buffer: node-postgres already returns one, PGlite returns a plain Uint8Array. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});

/**
 * A résumé (履歴書), CV (職務経歴書) or other document a candidate keeps in their profile and reuses for
 * applications, or a photo of one. Kind, media type and size come from inspecting the content; the uploaded
 * file name is not kept, and a photo is kept without its metadata.
 */
export const candidateDocuments = pgTable(
  "candidate_documents",
  {
    id: uuid("id").primaryKey(),
    // Deleting the account deletes its documents with it.
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    /** 書類名; empty means "show the default name for the kind". */
    label: text("label").notNull().default(""),
    /** 添付ファイルに関する追加情報. */
    note: text("note").notNull().default(""),
    kind: text("kind", { enum: ["pdf", "docx", "xlsx", "jpeg", "png", "heic"] }).notNull(),
    mediaType: text("media_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("candidate_documents_candidate_idx").on(t.candidateId, t.createdAt)],
);

export type CandidateDocument = typeof candidateDocuments.$inferSelect;
