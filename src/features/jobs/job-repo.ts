import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { type Job, jobs } from "./schema.ts";

/** Open jobs still within their posting period, oldest posting first. */
export async function listOpenJobs(db: Db, now: Date): Promise<Job[]> {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.status, "open"), gt(jobs.validThrough, now)))
    .orderBy(asc(jobs.datePosted), asc(jobs.id));
}

/** One job by its 求人ID, open or not. */
export async function findJob(db: Db, id: string): Promise<Job | null> {
  if (!/^\d{1,20}$/.test(id)) return null;
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id)).limit(1);
  return row ?? null;
}

/** A job takes applications while it is open and its posting period has not ended. */
export function isAcceptingApplications(job: Job, now: Date): boolean {
  return job.status === "open" && job.validThrough.getTime() > now.getTime();
}
