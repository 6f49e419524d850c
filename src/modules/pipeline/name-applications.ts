import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { isUuid } from "../../platform/db/uuid.ts";
import { may, type StaffPrincipal } from "../access/policy.ts";
import { type ApplicationState, applications } from "../applications/schema.ts";
import { candidates } from "../candidates/schema.ts";

export type NamedApplication = { id: string; reference: string; name: string; state: ApplicationState; contactStopped: boolean };

/** The reference, name, stage and whether contact is stopped, of applications a member may see, for a page that names them; the rest are left out. */
export async function nameApplications(db: Db, input: { principal: StaffPrincipal; ids: readonly string[] }): Promise<Map<string, NamedApplication>> {
  const ids = [...new Set(input.ids)].filter(isUuid);
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: applications.id,
      reference: applications.reference,
      state: applications.state,
      jobId: applications.jobId,
      candidateId: applications.candidateId,
      personal: applications.personal,
      familyName: candidates.familyName,
      givenName: candidates.givenName,
      contactStoppedAt: candidates.contactStoppedAt,
    })
    .from(applications)
    .innerJoin(candidates, eq(candidates.id, applications.candidateId))
    .where(inArray(applications.id, ids));
  const named = rows
    .filter((r) => may(input.principal, "view", { kind: "application", candidateId: r.candidateId, jobIds: [r.jobId] }))
    .map((r): NamedApplication => {
      const p = r.personal;
      const name = p?.familyNameKanji
        ? `${p.familyNameKanji} ${p.givenNameKanji ?? ""}`.trim()
        : p
          ? `${p.givenNameLatin} ${p.familyNameLatin}`
          : `${r.familyName} ${r.givenName}`;
      return { id: r.id, reference: r.reference, name, state: r.state, contactStopped: r.contactStoppedAt !== null };
    });
  return new Map(named.map((n) => [n.id, n]));
}
