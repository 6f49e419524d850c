import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { preparedPerDatabase } from "../../platform/db/prepared.ts";
import { rowAsJson } from "../../platform/db/row-as-json.ts";
import { sessions } from "../../platform/db/schema.ts";
import { isUuid } from "../../platform/db/uuid.ts";
import { CANDIDATE_SESSIONS, resumeSessionWith, SESSION_COLUMNS } from "../../platform/security/sessions.ts";
import { ownApplicationsAsJson, withJobSnapshot, withJobSnapshots } from "../applications/application-store.ts";
import { type ApplicationWithJob, applications } from "../applications/schema.ts";
import { type DocumentSummary, documentsAsJson } from "../documents/document-store.ts";
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

/** A candidate as the signed-in pages see them: all but the PIN's hash and the office's search key. */
export type SignedInCandidate = Omit<Candidate, "pinHash" | "searchName">;

/**
 * What every signed-in page reads with its session: the candidate (and the application) each as one JSON value,
 * which the driver reads far faster than their 15 (and 38) columns. A page that lists the candidate's documents,
 * or their applications, asks for them (a CASE, so no other page reads them).
 */
const sessionColumns = {
  ...SESSION_COLUMNS,
  candidate: rowAsJson(candidates, ["pinHash", "searchName"]),
  acknowledgedNotice,
  documents: documentsAsJson(candidates.id, sql`${sql.placeholder("withDocuments")}::boolean`),
};
const candidateSession = and(eq(sessions.idHash, sql.placeholder("idHash")), eq(sessions.principalKind, "candidate"));

/** The lookup behind every signed-in page about no one application. */
const lookup = preparedPerDatabase((db) =>
  db
    .select({ ...sessionColumns, applications: ownApplicationsAsJson(candidates.id, sql`${sql.placeholder("withApplications")}::boolean`) })
    .from(sessions)
    .innerJoin(candidates, eq(candidates.id, sessions.principalId))
    .where(candidateSession)
    .limit(1)
    .prepare("candidate_session"),
);

/**
 * The same lookup for a page about one application, with that application if it is the candidate's. Its job
 * snapshot is not read here: it is the same for every page of the application (keptJobSnapshot).
 */
const lookupWithApplication = preparedPerDatabase((db) =>
  db
    .select({ ...sessionColumns, application: rowAsJson(applications) })
    .from(sessions)
    .innerJoin(candidates, eq(candidates.id, sessions.principalId))
    .leftJoin(applications, and(eq(applications.id, sql.placeholder("applicationId")), eq(applications.candidateId, candidates.id)))
    .where(candidateSession)
    .limit(1)
    .prepare("candidate_session_with_application"),
);

/** A signed-in candidate as every candidate page needs them. */
export type CandidateSession = { principalId: string; candidate: SignedInCandidate; acknowledgedNotice: string | null };

/** What a signed-in page reads with its session, beyond the session itself. */
export type CandidateSessionReads = {
  application: ApplicationWithJob | null;
  documents: DocumentSummary[] | null;
  applications: ApplicationWithJob[] | null;
};

/**
 * A candidate's session, the candidate and the notice version they agreed to, in one query; for a page about
 * one application (`applicationId`), that application too, when it is this candidate's (else null); with
 * `withDocuments`, the candidate's documents (else null); with `withApplications`, on a page about no one
 * application, all the candidate's applications, newest first (else null).
 */
export async function resumeCandidateSession(
  db: Db,
  input: {
    id: string;
    now: Date;
    onExpired?: (principalId: string) => void;
    applicationId?: string;
    withDocuments?: boolean;
    withApplications?: boolean;
  },
): Promise<(CandidateSession & CandidateSessionReads) | null> {
  const applicationId = input.applicationId !== undefined && isUuid(input.applicationId) ? input.applicationId : null;
  const withDocuments = input.withDocuments ?? false;
  const withApplications = input.withApplications ?? false;
  return resumeSessionWith(db, { policy: CANDIDATE_SESSIONS, ...input }, async (idHash) => {
    if (applicationId === null) {
      const [row] = await lookup(db).execute({ idHash, withDocuments, withApplications });
      if (!row?.candidate) return undefined;
      const applications = row.applications && (await withJobSnapshots(db, row.applications));
      return { ...row, candidate: row.candidate, application: null, applications };
    }
    const [row] = await lookupWithApplication(db).execute({ idHash, applicationId, withDocuments });
    if (!row?.candidate) return undefined;
    // The row is this request's own: the snapshot is set on it rather than copying its 38 columns.
    const application = row.application && (await withJobSnapshot(db, row.application));
    return { ...row, candidate: row.candidate, application, applications: null };
  });
}
