/**
 * The groups the fairness reports compare. The gender answer (`self_identifications`) is voluntary and
 * may only ever be used in aggregate: these functions hand group labels, keyed by application, to the
 * report functions of this folder, which count them into groups and return counts, never a row per person.
 * Nothing here is exported from the module for pages or files.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { japanToday } from "../applications/japan-today.ts";
import { ageOn } from "../applications/personal-details.ts";
import { applications, selfIdentifications } from "../applications/schema.ts";
import { cohortOf } from "./read-application-progress.ts";
import type { ReportScope } from "./report-scope.ts";

/** Gender as the fairness reports group it: 回答しない and no answer at all are both "not disclosed". */
export const GENDER_GROUPS = ["female", "male", "not-disclosed"] as const;
export type GenderGroup = (typeof GENDER_GROUPS)[number];

/** Age at the start of the application, in bands; no date of birth (not given yet) is "not disclosed". */
export const AGE_GROUPS = ["under-30", "30-44", "45-plus", "not-disclosed"] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export type FairnessGroups = { gender: GenderGroup; age: AgeGroup };

/** The age band of someone born on `birthDate` on the day `on` (YYYY-MM-DD, Japan). */
export function ageGroupOf(birthDate: string | undefined, on: string): AgeGroup {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return "not-disclosed";
  const age = ageOn(birthDate, on);
  return age < 30 ? "under-30" : age < 45 ? "30-44" : "45-plus";
}

/** Each cohort application's gender group and age band, for counting into groups only. */
export async function readFairnessGroups(db: Db, scope: ReportScope): Promise<Map<string, FairnessGroups>> {
  const rows = await db
    .select({ id: applications.id, createdAt: applications.createdAt, personal: applications.personal, gender: selfIdentifications.gender })
    .from(applications)
    .leftJoin(selfIdentifications, eq(selfIdentifications.applicationId, applications.id))
    .where(cohortOf(scope));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        gender: r.gender === "female" || r.gender === "male" ? r.gender : "not-disclosed",
        age: ageGroupOf(r.personal?.birthDate, japanToday(r.createdAt)),
      },
    ]),
  );
}
