import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { sessions } from "../../platform/db/schema.ts";
import { CANDIDATE_SESSIONS, resumeSessionWith, SESSION_COLUMNS } from "../../platform/security/sessions.ts";
import { type Candidate, candidates } from "./schema.ts";

/** The lookup behind every signed-in page, prepared once per database (on PostgreSQL, parsed and planned once per connection). */
function prepareLookup(db: Db) {
  return db
    .select({ ...SESSION_COLUMNS, candidate: candidates })
    .from(sessions)
    .innerJoin(candidates, eq(candidates.id, sessions.principalId))
    .where(and(eq(sessions.idHash, sql.placeholder("idHash")), eq(sessions.principalKind, "candidate")))
    .limit(1)
    .prepare("candidate_session");
}

const lookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();

/** A candidate's session and the candidate, in one query: every signed-in page needs both. */
export async function resumeCandidateSession(
  db: Db,
  input: { id: string; now: Date; onExpired?: (principalId: string) => void },
): Promise<{ principalId: string; candidate: Candidate } | null> {
  let lookup = lookups.get(db);
  if (!lookup) {
    lookup = prepareLookup(db);
    lookups.set(db, lookup);
  }
  const prepared = lookup;
  return resumeSessionWith(db, { policy: CANDIDATE_SESSIONS, ...input }, async (idHash) => {
    const [row] = await prepared.execute({ idHash });
    return row;
  });
}
