import { randomUUID } from "node:crypto";
import type { Db } from "../../platform/db/database.ts";
import { may, type StaffPrincipal } from "../access/policy.ts";
import type { Application } from "../applications/schema.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { type ApplicationNote, applicationNotes, MAX_NOTE_LENGTH } from "./schema.ts";

export type NoteOutcome = { ok: true; note: ApplicationNote } | { ok: false; reason: "notAllowed" | "empty" | "tooLong" | "badRating" };

/** The note as kept: line breaks made uniform and outer blank space removed, the text otherwise as written. */
function tidyNote(body: string): string {
  return body.replace(/\r\n?/g, "\n").trim();
}

/**
 * Adds a member of staff's note, with an optional rating 1–5, to an application they may note on, and writes
 * the audit entry in the same transaction. The audit entry names the note, not its text: the text stays where
 * the candidate's deletion can reach it.
 */
export async function addApplicationNote(
  db: Db,
  input: {
    application: Pick<Application, "id" | "candidateId" | "jobId">;
    principal: StaffPrincipal;
    body: string;
    rating: number | null;
    now: Date;
    addressHash?: string;
  },
): Promise<NoteOutcome> {
  const { application, principal } = input;
  if (!may(principal, "note", { kind: "application", candidateId: application.candidateId, jobIds: [application.jobId] }))
    return { ok: false, reason: "notAllowed" };
  const body = tidyNote(input.body);
  if (body === "") return { ok: false, reason: "empty" };
  // Counted as PostgreSQL counts (code points), so the table's own check agrees.
  if (Array.from(body).length > MAX_NOTE_LENGTH) return { ok: false, reason: "tooLong" };
  if (input.rating !== null && !(Number.isInteger(input.rating) && input.rating >= 1 && input.rating <= 5)) return { ok: false, reason: "badRating" };
  return db.transaction(async (tx) => {
    const [note] = await tx
      .insert(applicationNotes)
      .values({
        id: randomUUID(),
        applicationId: application.id,
        candidateId: application.candidateId,
        authorId: principal.id,
        body,
        rating: input.rating,
        createdAt: input.now,
      })
      .returning();
    await recordAudit(tx, {
      at: input.now,
      staffId: principal.id,
      action: "application.noted",
      record: { kind: "application", id: application.id },
      candidateId: application.candidateId,
      addressHash: input.addressHash ?? null,
      detail: { noteId: note!.id, rating: input.rating },
    });
    return { ok: true, note: note! } as const;
  });
}
