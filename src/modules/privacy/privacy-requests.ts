import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { type Erasure, eraseCandidate } from "./erase-candidate.ts";
import { accountDeletions, privacyRequests } from "./schema.ts";

export type PrivacyRequest = typeof privacyRequests.$inferSelect;
export type PrivacyRequestKind = PrivacyRequest["kind"];
export type RequestChannel = PrivacyRequest["receivedVia"];

export const PRIVACY_REQUEST_KINDS = ["disclosure", "deletion"] as const satisfies readonly PrivacyRequestKind[];
/** How a request reached the office. */
export const REQUEST_CHANNELS = ["email", "phone", "letter", "other"] as const satisfies readonly RequestChannel[];

type Audited = { staffId: string; now: Date; addressHash: string };

/**
 * Records a disclosure or deletion request the office received outside the portal; audited with its id and kind.
 * The id comes with the form it was typed in, so a form sent twice as it was (a double click, a resend after a
 * time-out) records one request: the second gets the first back. The same form sent again with other answers
 * (Back, a change, 記録する) is another request, under an id of its own. An id already used for another
 * candidate gives null.
 */
export async function recordPrivacyRequest(
  db: Db,
  input: Audited & { id: string; candidateId: string; kind: PrivacyRequestKind; receivedVia: RequestChannel; receivedAt: Date },
): Promise<PrivacyRequest | null> {
  return db.transaction(async (tx) => {
    const store = (id: string) =>
      tx
        .insert(privacyRequests)
        .values({
          id,
          candidateId: input.candidateId,
          kind: input.kind,
          receivedVia: input.receivedVia,
          receivedAt: input.receivedAt,
          recordedBy: input.staffId,
        })
        .onConflictDoNothing({ target: privacyRequests.id })
        .returning();
    // Inserting first, not looking first: of two sends at once, the second waits for the first to commit.
    let [request] = await store(input.id);
    if (!request) {
      const [earlier] = await tx.select().from(privacyRequests).where(eq(privacyRequests.id, input.id));
      if (!earlier || earlier.candidateId !== input.candidateId) return null;
      const sameForm = earlier.kind === input.kind && earlier.receivedVia === input.receivedVia && earlier.receivedAt.getTime() === input.receivedAt.getTime();
      if (sameForm) return earlier;
      [request] = await store(randomUUID());
      if (!request) throw new Error("a new privacy request's id was taken");
    }
    await recordAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      action: "privacy.request_recorded",
      record: { kind: "privacy_request", id: request.id },
      candidateId: input.candidateId,
      addressHash: input.addressHash,
      detail: { kind: input.kind, receivedVia: input.receivedVia },
    });
    return request;
  });
}

/** The candidate's requests, the most recently received first. */
export async function privacyRequestsOf(db: Db, candidateId: string): Promise<PrivacyRequest[]> {
  return db.select().from(privacyRequests).where(eq(privacyRequests.candidateId, candidateId)).orderBy(desc(privacyRequests.receivedAt));
}

/** One request by its id. */
export async function findPrivacyRequest(db: Db, requestId: string): Promise<PrivacyRequest | null> {
  const [request] = await db.select().from(privacyRequests).where(eq(privacyRequests.id, requestId));
  return request ?? null;
}

/** The record of the erasure that answered a deletion request, once carried out. */
export async function erasureOf(db: Db, candidateId: string) {
  const [deletion] = await db.select().from(accountDeletions).where(eq(accountDeletions.candidateId, candidateId));
  return deletion ?? null;
}

/** Records that the office handed a disclosure to the candidate; false when the request is not an open disclosure. */
export async function completeDisclosure(db: Db, input: Audited & { requestId: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [request] = await tx
      .update(privacyRequests)
      .set({ completedAt: input.now, completedBy: input.staffId })
      .where(and(eq(privacyRequests.id, input.requestId), eq(privacyRequests.kind, "disclosure"), isNull(privacyRequests.completedAt)))
      .returning();
    if (!request) return false;
    await recordAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      action: "privacy.request_completed",
      record: { kind: "privacy_request", id: request.id },
      candidateId: request.candidateId,
      addressHash: input.addressHash,
      detail: { kind: request.kind },
    });
    return true;
  });
}

/** Records that a disclosure file was downloaded for a request (the file itself holds the personal data, the log does not). */
export async function recordDisclosureDownload(db: Db, input: Audited & { request: PrivacyRequest }): Promise<void> {
  await recordAudit(db, {
    at: input.now,
    staffId: input.staffId,
    action: "privacy.disclosed",
    record: { kind: "privacy_request", id: input.request.id },
    candidateId: input.request.candidateId,
    addressHash: input.addressHash,
  });
}

export type RequestErasure = Erasure | { ok: false; reason: "notOpen" };

/**
 * Carries out a deletion request: erases the candidate as the office (eraseCandidate, refused under an open
 * legal hold) and marks the request completed, in one transaction, audited with the request and the
 * deletion record's ids.
 */
export async function eraseOnRequest(
  db: Db,
  input: Audited & { requestId: string; secret: string; orgName: { ja: string; en: string } },
): Promise<RequestErasure> {
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(privacyRequests).where(eq(privacyRequests.id, input.requestId)).for("update");
    if (request?.kind !== "deletion" || request.completedAt) return { ok: false, reason: "notOpen" } as const;
    const erased = await eraseCandidate(tx, {
      candidateId: request.candidateId,
      requestedBy: "office",
      staffId: input.staffId,
      now: input.now,
      secret: input.secret,
      orgName: input.orgName,
    });
    if (!erased.ok) return erased;
    await tx.update(privacyRequests).set({ completedAt: input.now, completedBy: input.staffId }).where(eq(privacyRequests.id, request.id));
    await recordAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      action: "privacy.candidate_erased",
      record: { kind: "privacy_request", id: request.id },
      candidateId: request.candidateId,
      addressHash: input.addressHash,
      detail: { deletionId: erased.deletionId },
    });
    return erased;
  });
}
