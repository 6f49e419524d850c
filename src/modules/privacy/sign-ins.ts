import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { candidates } from "../candidates/schema.ts";
import { candidateSignIns } from "./schema.ts";

export type CandidateSignIn = typeof candidateSignIns.$inferSelect;

/** A completed sign-in: its record for the candidate's own history, and the account's last activity. */
export async function recordCandidateSignIn(
  db: Db,
  input: { candidateId: string; channel: CandidateSignIn["channel"]; userAgent: string | null; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(candidateSignIns).values({
      id: randomUUID(),
      candidateId: input.candidateId,
      signedInAt: input.now,
      channel: input.channel,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await markActive(tx, input.candidateId, input.now);
  });
}

/** The candidate did something that counts as activity (a sign-in, a saved page): retention counts from here. */
export async function markActive(db: Db, candidateId: string, now: Date): Promise<void> {
  await db.update(candidates).set({ lastActiveAt: now }).where(eq(candidates.id, candidateId));
}

/** A candidate's sign-ins, newest first. */
export async function signInsOf(db: Db, candidateId: string): Promise<CandidateSignIn[]> {
  return db.select().from(candidateSignIns).where(eq(candidateSignIns.candidateId, candidateId)).orderBy(desc(candidateSignIns.signedInAt));
}
