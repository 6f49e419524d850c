import { eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { type Candidate, candidates } from "./schema.ts";

/** A candidate by id. */
export async function findCandidateById(db: Db, id: string): Promise<Candidate | null> {
  const [row] = await db.select().from(candidates).where(eq(candidates.id, id)).limit(1);
  return row ?? null;
}

/** A candidate by their sign-in identifier (normalised e-mail or E.164 phone). */
export async function findCandidateByIdentifier(db: Db, identifier: { kind: "email" | "phone"; value: string }): Promise<Candidate | null> {
  const column = identifier.kind === "email" ? candidates.email : candidates.phone;
  const [row] = await db.select().from(candidates).where(eq(column, identifier.value)).limit(1);
  return row ?? null;
}

/** A candidate's name as the office's pages head it, or null when the account is gone. */
export async function candidateNameOf(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ familyName: candidates.familyName, givenName: candidates.givenName }).from(candidates).where(eq(candidates.id, id)).limit(1);
  return row ? displayNameOf(row) : null;
}

/** How the header greets a candidate, in their own script. */
export function displayNameOf(candidate: Pick<Candidate, "familyName" | "givenName">): string {
  return `${candidate.familyName} ${candidate.givenName}`;
}
