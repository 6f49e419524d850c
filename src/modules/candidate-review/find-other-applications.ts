import { and, desc, eq, inArray, ne, or } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { may, type StaffPrincipal } from "../access/policy.ts";
import { selectApplicationsWithJob } from "../applications/application-with-job.ts";
import { type Application, type ApplicationState, applications } from "../applications/schema.ts";
import { candidates } from "../candidates/schema.ts";

/** How another application was found to be the same person's. */
export type SamePersonMatch = "sameAccount" | "sameEmail" | "samePhone";

export type OtherApplication = {
  id: string;
  reference: string;
  jobId: string;
  jobSnapshot: Record<string, unknown>;
  state: ApplicationState;
  createdAt: Date;
  submittedAt: Date | null;
  match: SamePersonMatch;
};

/** Other applications of the person, those this member may open listed, the rest only counted. */
export type OtherApplications = { visible: OtherApplication[]; hiddenCount: number };

/**
 * Other applications by the same person: of the same account, or of another account registered with one of
 * the e-mail addresses or phone numbers this person gave (at registration or in STEP 1 of any application).
 * Only applications the member may open are listed; the others, for jobs they do not work on, are counted,
 * so a duplicate is noticed without showing what belongs to another team.
 */
export async function findOtherApplications(
  db: Db,
  input: { application: Pick<Application, "id" | "candidateId">; candidate: { id: string; email: string; phone: string }; principal: StaffPrincipal },
): Promise<OtherApplications> {
  const own = await db.select({ personal: applications.personal }).from(applications).where(eq(applications.candidateId, input.candidate.id));
  const emails = new Set([input.candidate.email, ...own.flatMap((a) => (a.personal?.email ? [a.personal.email] : []))]);
  const phones = new Set([input.candidate.phone, ...own.flatMap((a) => (a.personal?.phone ? [a.personal.phone] : []))]);
  // Both columns are unique and indexed: one lookup each, whatever the number of accounts.
  const accounts = await db
    .select({ id: candidates.id, email: candidates.email, phone: candidates.phone })
    .from(candidates)
    .where(and(ne(candidates.id, input.candidate.id), or(inArray(candidates.email, [...emails]), inArray(candidates.phone, [...phones]))));
  const matchOf = new Map<string, SamePersonMatch>([[input.candidate.id, "sameAccount"]]);
  for (const a of accounts) matchOf.set(a.id, emails.has(a.email) ? "sameEmail" : "samePhone");
  const rows = await selectApplicationsWithJob(db)
    .where(and(inArray(applications.candidateId, [...matchOf.keys()]), ne(applications.id, input.application.id)))
    .orderBy(desc(applications.createdAt))
    .limit(200);
  const visible: OtherApplication[] = [];
  let hiddenCount = 0;
  for (const row of rows) {
    if (!may(input.principal, "view", { kind: "application", candidateId: row.candidateId, jobIds: [row.jobId] })) {
      hiddenCount += 1;
      continue;
    }
    visible.push({
      id: row.id,
      reference: row.reference,
      jobId: row.jobId,
      jobSnapshot: row.jobSnapshot,
      state: row.state,
      createdAt: row.createdAt,
      submittedAt: row.submittedAt,
      match: matchOf.get(row.candidateId) ?? "sameAccount",
    });
  }
  return { visible, hiddenCount };
}
