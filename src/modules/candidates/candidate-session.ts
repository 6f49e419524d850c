import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { preparedPerDatabase } from "../../platform/db/prepared.ts";
import { sessions } from "../../platform/db/schema.ts";
import { CANDIDATE_SESSIONS, resumeSessionWith, SESSION_COLUMNS } from "../../platform/security/sessions.ts";
import { consentRecords } from "../privacy/schema.ts";
import { type Candidate, candidates } from "./schema.ts";

/**
 * The version of the privacy notice the candidate last agreed to, or null when their latest decision on it is
 * a withdrawal or there is none: every candidate page checks it, so it comes with the session.
 */
const acknowledgedNotice = sql<string | null>`(
  select case when ${consentRecords.decision} = 'given' then ${consentRecords.textVersion} end
  from ${consentRecords}
  where ${consentRecords.candidateId} = ${candidates.id}
    and ${consentRecords.purpose} = 'privacy_notice'
    and ${consentRecords.applicationId} is null
  order by ${consentRecords.recordedAt} desc, ${consentRecords.id} desc
  limit 1
)`;

/** The lookup behind every signed-in page. */
const lookup = preparedPerDatabase((db) =>
  db
    .select({ ...SESSION_COLUMNS, candidate: candidates, acknowledgedNotice })
    .from(sessions)
    .innerJoin(candidates, eq(candidates.id, sessions.principalId))
    .where(and(eq(sessions.idHash, sql.placeholder("idHash")), eq(sessions.principalKind, "candidate")))
    .limit(1)
    .prepare("candidate_session"),
);

/** A signed-in candidate as every candidate page needs them. */
export type CandidateSession = { principalId: string; candidate: Candidate; acknowledgedNotice: string | null };

/** A candidate's session, the candidate and the notice version they agreed to, in one query. */
export async function resumeCandidateSession(
  db: Db,
  input: { id: string; now: Date; onExpired?: (principalId: string) => void },
): Promise<CandidateSession | null> {
  const prepared = lookup(db);
  return resumeSessionWith(db, { policy: CANDIDATE_SESSIONS, ...input }, async (idHash) => {
    const [row] = await prepared.execute({ idHash });
    return row;
  });
}
