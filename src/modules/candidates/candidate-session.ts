import { eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { sessions } from "../../platform/db/schema.ts";
import { CANDIDATE_SESSIONS, resumeSessionWith, SESSION_COLUMNS, sessionOfKind } from "../../platform/security/sessions.ts";
import { type Candidate, candidates } from "./schema.ts";

/** A candidate's session and the candidate, in one query: every signed-in page needs both. */
export async function resumeCandidateSession(
  db: Db,
  input: { id: string; now: Date; onExpired?: (principalId: string) => void },
): Promise<{ principalId: string; candidate: Candidate } | null> {
  return resumeSessionWith(db, { policy: CANDIDATE_SESSIONS, ...input }, async (idHash) => {
    const [row] = await db
      .select({ ...SESSION_COLUMNS, candidate: candidates })
      .from(sessions)
      .innerJoin(candidates, eq(candidates.id, sessions.principalId))
      .where(sessionOfKind(idHash, "candidate"))
      .limit(1);
    return row;
  });
}
