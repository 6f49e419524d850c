/**
 * What the office hands a candidate who asked for their data (開示請求): the file behind
 * GET /office/candidates/:id/privacy/disclosure.json. For now it holds the account, its applications and its
 * consent records; the candidate's own export of everything held about them takes its place here.
 */
import { eq } from "drizzle-orm";
import { applications } from "../../../modules/applications/schema.ts";
import { candidates } from "../../../modules/candidates/schema.ts";
import { consentRecords } from "../../../modules/privacy/schema.ts";
import type { Db } from "../../../platform/db/database.ts";

export async function disclosureOf(db: Db, candidateId: string): Promise<Record<string, unknown> | null> {
  const [account] = await db
    .select({
      id: candidates.id,
      email: candidates.email,
      phone: candidates.phone,
      familyName: candidates.familyName,
      givenName: candidates.givenName,
      familyNameLatin: candidates.familyNameLatin,
      givenNameLatin: candidates.givenNameLatin,
      locale: candidates.locale,
      createdAt: candidates.createdAt,
    })
    .from(candidates)
    .where(eq(candidates.id, candidateId));
  if (!account) return null;
  const apps = await db
    .select({
      id: applications.id,
      reference: applications.reference,
      jobId: applications.jobId,
      state: applications.state,
      personal: applications.personal,
      createdAt: applications.createdAt,
      submittedAt: applications.submittedAt,
    })
    .from(applications)
    .where(eq(applications.candidateId, candidateId));
  const consents = await db.select().from(consentRecords).where(eq(consentRecords.candidateId, candidateId));
  return { account, applications: apps, consents };
}
