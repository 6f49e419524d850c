import { createHash, randomUUID } from "node:crypto";
import { and, count, desc, eq, getTableColumns, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { preparedPerDatabase } from "../../platform/db/prepared.ts";
import { rowsAsJson } from "../../platform/db/row-as-json.ts";
import { isUuid } from "../../platform/db/uuid.ts";
import { normaliseText } from "../../platform/text/japanese-input.ts";
import { may, type Principal } from "../access/policy.ts";
import { applications } from "../applications/schema.ts";
import { candidates } from "../candidates/schema.ts";
import { DOCUMENT_REFUSALS, type InspectionPool } from "./inspection/index.ts";
import { type CandidateDocument, candidateDocuments } from "./schema.ts";
import { sharedInspectionPool } from "./shared-inspection-pool.ts";

/** How many documents one candidate may keep: a résumé and a CV in a few versions, not an archive. */
export const MAX_DOCUMENTS_PER_CANDIDATE = 10;
/** Longest 書類名, in characters. */
export const MAX_DOCUMENT_LABEL_LENGTH = 100;
/** Longest 添付ファイルに関する追加情報, in characters. */
export const MAX_DOCUMENT_NOTE_LENGTH = 500;

/** Every reason `saveDocument` refuses an upload: the content inspection's, plus the per-candidate limit. */
export const DOCUMENT_SAVE_REFUSALS = [...DOCUMENT_REFUSALS, "too-many-documents"] as const;

/** Why an upload was not stored. */
export type DocumentSaveRefusal = (typeof DOCUMENT_SAVE_REFUSALS)[number];

/** A stored document as lists and pages show it: everything but its bytes. */
export type DocumentSummary = Omit<CandidateDocument, "content">;

/** The outcome of an upload. */
export type DocumentSaveOutcome = { ok: true; document: DocumentSummary } | { ok: false; reason: DocumentSaveRefusal };

// The bytes are read by readDocumentForOwner alone; every other query selects these columns. Moving the bytes
// to S3-compatible storage later then changes saveDocument, readDocumentForOwner and deleteDocument, nothing else.
const { content: _content, ...summaryColumns } = getTableColumns(candidateDocuments);

/** Whether a value from a URL can be a document id at all; anything else would make PostgreSQL raise an error. */
export function isDocumentId(value: unknown): value is string {
  return isUuid(value);
}

/**
 * A document's name from the name of its file, when the candidate gave none: 「履歴書_山田.pdf」 becomes
 * 「履歴書_山田」. Folders a browser may send, the extension and control characters are dropped.
 */
export function labelFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const stem = base.includes(".") ? base.slice(0, base.lastIndexOf(".")) : base;
  return Array.from(normaliseText(stem)).slice(0, MAX_DOCUMENT_LABEL_LENGTH).join("").trim();
}

/**
 * Inspects an upload by its content (in `pool`, by default the shared one) and keeps what the inspection
 * hands back in the candidate's profile. The pool takes the upload's bytes over. `fileName` sharpens the
 * reason a file is refused (a `.pages` name gets the Pages advice) and names the document when no 書類名 was
 * typed; it is not stored otherwise.
 */
export async function saveDocument(
  db: Db,
  input: { candidateId: string; label: string; note: string; bytes: Uint8Array; fileName: string; now: Date; pool?: InspectionPool },
): Promise<DocumentSaveOutcome> {
  // In a worker thread, so the event loop keeps serving other requests; `busy` when too many wait already.
  const verdict = await (input.pool ?? sharedInspectionPool()).inspect({ bytes: input.bytes, fileName: input.fileName });
  if (!verdict.ok) return { ok: false, reason: verdict.reason };
  // The inspection's bytes, not the upload's: for a photo they are the copy without its metadata.
  const content = Buffer.from(verdict.bytes.buffer, verdict.bytes.byteOffset, verdict.bytes.byteLength);
  return db.transaction(async (tx) => {
    // Locking the candidate's row makes two uploads at once count one after the other, so the limit holds.
    await tx.select({ id: candidates.id }).from(candidates).where(eq(candidates.id, input.candidateId)).for("update");
    const [stored] = await tx.select({ total: count() }).from(candidateDocuments).where(eq(candidateDocuments.candidateId, input.candidateId));
    if ((stored?.total ?? 0) >= MAX_DOCUMENTS_PER_CANDIDATE) return { ok: false, reason: "too-many-documents" } as const;
    const [document] = await tx
      .insert(candidateDocuments)
      .values({
        id: randomUUID(),
        candidateId: input.candidateId,
        // The route refuses longer text; normalising can still lengthen it a little (NFKC), hence the cut.
        label: Array.from(normaliseText(input.label)).slice(0, MAX_DOCUMENT_LABEL_LENGTH).join("") || labelFromFileName(input.fileName),
        note: Array.from(normaliseText(input.note)).slice(0, MAX_DOCUMENT_NOTE_LENGTH).join(""),
        kind: verdict.kind,
        mediaType: verdict.mediaType,
        sizeBytes: content.byteLength,
        sha256: createHash("sha256").update(content).digest("hex"),
        content,
        createdAt: input.now,
      })
      .returning(summaryColumns);
    if (!document) throw new Error("insert returned no row");
    return { ok: true, document } as const;
  });
}

/** The candidate's documents, newest first, without their bytes. */
export async function listDocuments(db: Db, candidateId: string): Promise<DocumentSummary[]> {
  return documentsOf(db).execute({ candidateId });
}

/**
 * The candidate's documents, newest first, without their bytes, as one JSON value read back into summaries:
 * for a query that reads them beside something else, such as the session lookup of a page that lists them,
 * and only `when` that holds (else null).
 */
export function documentsAsJson(candidateId: SQLWrapper, when: SQL): SQL<DocumentSummary[] | null> {
  return rowsAsJson(candidateDocuments, {
    omit: ["content"],
    where: eq(candidateDocuments.candidateId, candidateId),
    orderBy: [desc(candidateDocuments.createdAt), desc(candidateDocuments.id)],
    when,
  });
}

/** The documents step and the account's documents page list them on every view. */
const documentsOf = preparedPerDatabase((db) =>
  db
    .select(summaryColumns)
    .from(candidateDocuments)
    .where(eq(candidateDocuments.candidateId, sql.placeholder("candidateId")))
    .orderBy(desc(candidateDocuments.createdAt), desc(candidateDocuments.id))
    .prepare("candidate_documents"),
);

/**
 * One document with its bytes, only if the access policy lets the principal see it; anyone else's id reads as
 * missing. For staff a document is about the jobs of the applications it was sent with.
 */
export async function readDocumentFor(db: Db, input: { principal: Principal; documentId: string }): Promise<CandidateDocument | null> {
  if (!isDocumentId(input.documentId)) return null;
  const [document] = await db.select().from(candidateDocuments).where(eq(candidateDocuments.id, input.documentId)).limit(1);
  if (!document) return null;
  const jobIds = input.principal.kind === "staff" ? await jobsDocumentWasSentTo(db, document) : [];
  return may(input.principal, "view", { kind: "document", candidateId: document.candidateId, jobIds }) ? document : null;
}

/**
 * The jobs a document went to: those of its owner's applications that carry it. A document kept in the profile
 * but never sent with an application to a job stays the candidate's own, out of reach of that job's staff.
 */
async function jobsDocumentWasSentTo(db: Db, document: Pick<CandidateDocument, "id" | "candidateId">): Promise<string[]> {
  const rows = await db
    .selectDistinct({ jobId: applications.jobId })
    .from(applications)
    .where(and(eq(applications.candidateId, document.candidateId), sql`${applications.documentIds} @> ${JSON.stringify([document.id])}::jsonb`));
  return rows.map((r) => r.jobId);
}

/** Deletes a document the principal may change; false when there is no such document they may reach. */
export async function deleteDocumentFor(db: Db, input: { principal: Principal; documentId: string }): Promise<boolean> {
  if (!isDocumentId(input.documentId)) return false;
  return db.transaction(async (tx) => {
    const [document] = await tx
      .select({ candidateId: candidateDocuments.candidateId })
      .from(candidateDocuments)
      .where(eq(candidateDocuments.id, input.documentId))
      .for("update");
    if (!document || !may(input.principal, "change", { kind: "document", candidateId: document.candidateId })) return false;
    await tx.delete(candidateDocuments).where(eq(candidateDocuments.id, input.documentId));
    return true;
  });
}
