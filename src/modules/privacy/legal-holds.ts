import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { legalHolds } from "./schema.ts";

export type LegalHold = typeof legalHolds.$inferSelect;

/** Longest reason for a hold, in characters. */
export const MAX_HOLD_REASON_LENGTH = 500;

/** The candidate's open legal hold, if there is one. */
export async function openLegalHold(db: Db, candidateId: string): Promise<LegalHold | null> {
  const [hold] = await db
    .select()
    .from(legalHolds)
    .where(and(eq(legalHolds.candidateId, candidateId), isNull(legalHolds.releasedAt)));
  return hold ?? null;
}

/** Every hold placed on the candidate, newest first, released ones included. */
export async function legalHoldsOf(db: Db, candidateId: string): Promise<LegalHold[]> {
  return db.select().from(legalHolds).where(eq(legalHolds.candidateId, candidateId)).orderBy(desc(legalHolds.placedAt));
}

/**
 * Places a legal hold on a candidate: retention skips them and erasure refuses them until it is released.
 * At most one hold is open per candidate (a unique index); a second one is refused, not added. The audit
 * entry names the hold and the candidate, never the reason, which is written by staff.
 */
export async function placeLegalHold(
  db: Db,
  input: { candidateId: string; reason: string; staffId: string; now: Date; addressHash: string },
): Promise<{ ok: true; hold: LegalHold } | { ok: false; reason: "alreadyHeld" }> {
  return db.transaction(async (tx) => {
    const [hold] = await tx
      .insert(legalHolds)
      .values({ id: randomUUID(), candidateId: input.candidateId, reason: input.reason, placedBy: input.staffId, placedAt: input.now })
      .onConflictDoNothing()
      .returning();
    if (!hold) return { ok: false, reason: "alreadyHeld" } as const;
    await recordAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      action: "privacy.hold_placed",
      record: { kind: "legal_hold", id: hold.id },
      candidateId: input.candidateId,
      addressHash: input.addressHash,
    });
    return { ok: true, hold } as const;
  });
}

/** Releases the candidate's open hold; false when there is none (released in between, say). */
export async function releaseLegalHold(db: Db, input: { candidateId: string; staffId: string; now: Date; addressHash: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [hold] = await tx
      .update(legalHolds)
      .set({ releasedAt: input.now, releasedBy: input.staffId })
      .where(and(eq(legalHolds.candidateId, input.candidateId), isNull(legalHolds.releasedAt)))
      .returning();
    if (!hold) return false;
    await recordAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      action: "privacy.hold_released",
      record: { kind: "legal_hold", id: hold.id },
      candidateId: input.candidateId,
      addressHash: input.addressHash,
    });
    return true;
  });
}
