import { asc } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import type { Locale } from "../../platform/i18n/catalogue.ts";
import { coversJob, type StaffPrincipal } from "../access/policy.ts";
import { jobs } from "../jobs/schema.ts";

/** The jobs a member of staff works on (admins: every job), with their titles in one language, by 求人ID. */
export async function listCoveredJobs(db: Db, input: { principal: StaffPrincipal; locale: Locale }): Promise<{ id: string; title: string }[]> {
  const rows = await db.select({ id: jobs.id, title: jobs.title }).from(jobs).orderBy(asc(jobs.id));
  return rows.filter((j) => coversJob(input.principal, j.id)).map((j) => ({ id: j.id, title: j.title[input.locale] }));
}
