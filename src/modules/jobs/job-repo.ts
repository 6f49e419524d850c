import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { coversJob, type StaffPrincipal } from "../access/policy.ts";
import { type Job, jobs } from "./schema.ts";

/** Open jobs still within their posting period, oldest posting first. */
export async function listOpenJobs(db: Db, now: Date): Promise<Job[]> {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.status, "open"), gt(jobs.validThrough, now)))
    .orderBy(asc(jobs.datePosted), asc(jobs.id));
}

/** Every job, for the office: drafts and open jobs first, then closed ones, newest first within each. */
export async function listJobsForOffice(db: Db): Promise<Job[]> {
  return db.select().from(jobs).orderBy(sql`CASE ${jobs.status} WHEN 'draft' THEN 0 WHEN 'open' THEN 1 ELSE 2 END`, desc(jobs.createdAt), asc(jobs.id));
}

/** Every job's title, by id: for the office's choices of jobs. */
export async function listJobTitles(db: Db): Promise<Pick<Job, "id" | "title">[]> {
  return db.select({ id: jobs.id, title: jobs.title }).from(jobs).orderBy(asc(jobs.id));
}

/** The titles of the jobs a member of staff works on (every job for an admin), by id. */
export async function jobTitlesCoveredBy(db: Db, principal: StaffPrincipal): Promise<Pick<Job, "id" | "title">[]> {
  return (await listJobTitles(db)).filter((job) => coversJob(principal, job.id));
}

/**
 * Job pages are the most visited pages and jobs change a few times a day; a few seconds of reuse per
 * instance spares the database most reads. Staff edits show at once on the instance that made them (its
 * readers forget the job, see job-changes.ts) and within JOB_CACHE_MS on every other.
 */
export const JOB_CACHE_MS = 5_000;

/** Reads jobs through a short per-instance cache; `forget` drops a job that has just changed. */
export type JobReader = { read: (id: string) => Promise<Job | null>; forget: (id: string) => void };

/** Reads jobs through a short per-instance cache. */
export function cachedJobReader(db: Db, now: () => number = Date.now): JobReader {
  const cache = new Map<string, { job: Job | null; until: number }>();
  return {
    read: async (id) => {
      const hit = cache.get(id);
      if (hit && hit.until > now()) return hit.job;
      const job = await findJob(db, id);
      // Unknown ids are not cached: random ids must not fill memory.
      if (job) cache.set(id, { job, until: now() + JOB_CACHE_MS });
      else cache.delete(id);
      return job;
    },
    forget: (id) => {
      cache.delete(id);
    },
  };
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
