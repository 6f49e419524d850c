import { eq, getTableColumns } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { jobVersions } from "../jobs/schema.ts";
import { applications } from "./schema.ts";

/** An application's columns with the job as it read when the application started. */
export const applicationWithJobColumns = { ...getTableColumns(applications), jobSnapshot: jobVersions.snapshot };

/** Applications joined to their job versions; add the where, order and limit. */
export function selectApplicationsWithJob(db: Db) {
  return db.select(applicationWithJobColumns).from(applications).innerJoin(jobVersions, eq(jobVersions.id, applications.jobVersionId));
}
