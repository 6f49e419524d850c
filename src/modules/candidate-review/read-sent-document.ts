import type { Db } from "../../platform/db/database.ts";
import type { StaffPrincipal } from "../access/policy.ts";
import { findApplicationFor } from "../applications/application-store.ts";
import type { Application } from "../applications/schema.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { readDocumentFor } from "../documents/document-store.ts";
import type { CandidateDocument } from "../documents/schema.ts";

/**
 * A document sent with an application, with its bytes, for a member of staff who may see that application;
 * the download is written to the audit log before the bytes are handed over. Null for anything they may not
 * reach: another job's application, a document not sent with this one, someone else's file.
 */
export async function readSentDocument(
  db: Db,
  input: { principal: StaffPrincipal; applicationId: string; documentId: string; now: Date; addressHash?: string },
): Promise<{ document: CandidateDocument; application: Application } | null> {
  const application = await findApplicationFor(db, { principal: input.principal, applicationId: input.applicationId });
  if (!application?.documentIds.includes(input.documentId)) return null;
  const document = await readDocumentFor(db, { principal: input.principal, documentId: input.documentId });
  if (!document || document.candidateId !== application.candidateId) return null;
  await recordAudit(db, {
    at: input.now,
    staffId: input.principal.id,
    action: "document.downloaded",
    record: { kind: "document", id: document.id },
    candidateId: document.candidateId,
    addressHash: input.addressHash ?? null,
    detail: { applicationId: application.id, kind: document.kind, sizeBytes: document.sizeBytes },
  });
  return { document, application };
}
