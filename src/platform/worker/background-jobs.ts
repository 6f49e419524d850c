import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../db/database.ts";
import { backgroundJobs } from "../db/schema.ts";

export type BackgroundJob = typeof backgroundJobs.$inferSelect;

/** Retries back off from 10 s to 10 min; a job that fails this often is marked failed and left for a person. */
const RETRY = { baseDelayMs: 10_000, maxDelayMs: 10 * 60_000, maxAttempts: 8 };

/**
 * Queues work for the worker, in the caller's transaction: the job exists exactly when the change that asked
 * for it was committed. A dedupe key makes asking twice harmless.
 */
export async function enqueueJob(db: Db, job: { kind: string; payload?: Record<string, unknown>; dedupeKey?: string; runAt: Date; now?: Date }): Promise<void> {
  await db
    .insert(backgroundJobs)
    .values({ kind: job.kind, payload: job.payload ?? {}, dedupeKey: job.dedupeKey ?? null, runAt: job.runAt, createdAt: job.now ?? job.runAt })
    .onConflictDoNothing();
}

/**
 * Claims up to `limit` due jobs. Claiming moves a job's run time forward by the lease, so a worker that dies
 * mid-job gives it back when the lease runs out, and SKIP LOCKED lets several workers share the queue. The
 * poll reads only the partial index of queued jobs.
 */
export async function claimDueJobs(db: Db, input: { now: Date; limit: number; leaseMs: number }): Promise<BackgroundJob[]> {
  const leaseUntil = new Date(input.now.getTime() + input.leaseMs);
  return db
    .update(backgroundJobs)
    .set({ runAt: leaseUntil, attempts: sql`${backgroundJobs.attempts} + 1` })
    .where(
      sql`${backgroundJobs.id} IN (
        SELECT id FROM background_jobs WHERE status = 'queued' AND run_at <= ${input.now}
        ORDER BY run_at LIMIT ${input.limit} FOR UPDATE SKIP LOCKED)`,
    )
    .returning();
}

/** Records that a job is done. */
export async function finishJob(db: Db, id: number, now: Date): Promise<void> {
  await db.update(backgroundJobs).set({ status: "done", finishedAt: now, lastError: null }).where(eq(backgroundJobs.id, id));
}

/** Records a failure: the job runs again after a back-off, or is marked failed after too many tries. */
export async function failJob(db: Db, input: { job: BackgroundJob; now: Date; error: string }): Promise<"retry" | "failed"> {
  const failed = input.job.attempts >= RETRY.maxAttempts;
  const delay = Math.min(RETRY.baseDelayMs * 2 ** (input.job.attempts - 1), RETRY.maxDelayMs);
  await db
    .update(backgroundJobs)
    .set({
      status: failed ? "failed" : "queued",
      runAt: new Date(input.now.getTime() + delay),
      lastError: input.error.slice(0, 500),
      finishedAt: failed ? input.now : null,
    })
    .where(eq(backgroundJobs.id, input.job.id));
  return failed ? "failed" : "retry";
}

/** Deletes jobs finished more than a week ago; the failed ones stay for a person to look at. */
export async function purgeFinishedJobs(db: Db, now: Date): Promise<number> {
  const weekAgo = new Date(now.getTime() - 7 * 24 * 3600 * 1000);
  const purged = await db
    .delete(backgroundJobs)
    .where(and(eq(backgroundJobs.status, "done"), lt(backgroundJobs.finishedAt, weekAgo)))
    .returning({ id: backgroundJobs.id });
  return purged.length;
}
