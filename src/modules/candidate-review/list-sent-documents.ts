import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import type { Application } from "../applications/schema.ts";
import { candidateDocuments } from "../documents/schema.ts";

/** A document sent with an application, as the candidate page lists it (no bytes). */
export type SentDocument =
  | { id: string; present: true; label: string; note: string; kind: string; sizeBytes: number; createdAt: Date }
  /** Sent with the application, then deleted from the profile by the candidate. */
  | { id: string; present: false };

/** The documents an application was sent with, in the order the candidate had them, deleted ones marked as such. */
export async function listSentDocuments(db: Db, application: Pick<Application, "candidateId" | "documentIds">): Promise<SentDocument[]> {
  if (application.documentIds.length === 0) return [];
  const rows = await db
    .select({
      id: candidateDocuments.id,
      label: candidateDocuments.label,
      note: candidateDocuments.note,
      kind: candidateDocuments.kind,
      sizeBytes: candidateDocuments.sizeBytes,
      createdAt: candidateDocuments.createdAt,
    })
    .from(candidateDocuments)
    // The owner is part of the condition: an id in the list can only ever name this candidate's own file.
    .where(and(eq(candidateDocuments.candidateId, application.candidateId), inArray(candidateDocuments.id, application.documentIds)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return application.documentIds.map((id) => {
    const row = byId.get(id);
    return row ? { ...row, present: true as const } : { id, present: false as const };
  });
}
