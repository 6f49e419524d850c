import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../platform/db/database.ts";
import { enqueueMessage } from "../../platform/mail/outbox.ts";
import { endAllSessions } from "../../platform/security/sessions.ts";
import { noticeMessage } from "./account-mail.ts";
import type { SignedInCandidate } from "./candidate-session.ts";
import { kanjiName, latinName, takenContacts } from "./registration.ts";
import { type Candidate, candidates } from "./schema.ts";
import { isTimeZone } from "./time-zones.ts";

/** The fields a candidate edits directly on アカウント情報. */
export const ZProfileSchema = z.object({
  givenName: kanjiName("accounts.givenName.required"),
  familyName: kanjiName("accounts.familyName.required"),
  givenNameLatin: latinName("accounts.givenNameLatin.required"),
  familyNameLatin: latinName("accounts.familyNameLatin.required"),
  timeZone: z.string({ error: "accounts.timeZone.required" }).refine(isTimeZone, "accounts.timeZone.required"),
});

/** Saves names and time zone. */
export async function updateProfile(db: Db, input: { candidateId: string; profile: z.output<typeof ZProfileSchema>; now: Date }): Promise<void> {
  await db
    .update(candidates)
    .set({ ...input.profile, updatedAt: input.now })
    .where(eq(candidates.id, input.candidateId));
}

/**
 * Applies a verified e-mail or phone change and tells the old address, in one transaction. Returns the
 * field that another account took meanwhile, if any.
 */
export async function applyContactChange(
  db: Db,
  input: { candidate: SignedInCandidate; newEmail: string | null; newPhone: string | null; now: Date; orgName: { ja: string; en: string } },
): Promise<"email" | "phone" | null> {
  return db.transaction(async (tx) => {
    const taken = await takenContacts(tx, { email: input.newEmail ?? undefined, phone: input.newPhone ?? undefined, exceptId: input.candidate.id });
    if (taken.length > 0) return taken[0]!;
    await tx
      .update(candidates)
      .set({ ...(input.newEmail ? { email: input.newEmail } : {}), ...(input.newPhone ? { phone: input.newPhone } : {}), updatedAt: input.now })
      .where(eq(candidates.id, input.candidate.id));
    await enqueueMessage(
      tx,
      noticeMessage({ kind: "contactChanged", recipient: input.candidate.email, locale: input.candidate.locale, orgName: input.orgName }),
      input.now,
    );
    return null;
  });
}

/** Sets a new PIN after a verified reset, ends every session and tells the candidate. */
export async function resetPin(db: Db, input: { candidate: Candidate; pinHash: string; now: Date; orgName: { ja: string; en: string } }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(candidates).set({ pinHash: input.pinHash, updatedAt: input.now }).where(eq(candidates.id, input.candidate.id));
    await endAllSessions(tx, { kind: "candidate", principalId: input.candidate.id });
    await enqueueMessage(
      tx,
      noticeMessage({ kind: "pinChanged", recipient: input.candidate.email, locale: input.candidate.locale, orgName: input.orgName }),
      input.now,
    );
  });
}
