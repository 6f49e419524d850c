import { isDeepStrictEqual } from "node:util";
import { eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { draftOfJob } from "./copy-job.ts";
import { announceJobChange } from "./job-changes.ts";
import type { JobDraft } from "./job-form.ts";
import { type Job, jobs } from "./schema.ts";

export type ChangeJobOutcome =
  | { ok: true; job: Job; changed: string[] }
  | { ok: false; reason: "notFound" }
  /** Someone saved the job after this editor opened it: nothing was written. */
  | { ok: false; reason: "stale"; job: Job }
  /** An open job's closing date must lie ahead; to stop applications, close the job instead. */
  | { ok: false; reason: "closingDatePassed"; job: Job };

/**
 * Saves the office's changes to a job: locks the row, refuses an editor that opened an older revision,
 * writes the fields that differ, bumps the revision and audits which fields changed, in one transaction.
 * Applications already started keep the job as they saw it (their snapshot).
 */
export async function changeJob(db: Db, input: { jobId: string; revision: number; draft: JobDraft; by: string; now: Date }): Promise<ChangeJobOutcome> {
  const outcome = await db.transaction(async (tx): Promise<ChangeJobOutcome> => {
    const [job] = await tx.select().from(jobs).where(eq(jobs.id, input.jobId)).for("update");
    if (!job) return { ok: false, reason: "notFound" } as const;
    if (job.revision !== input.revision) return { ok: false, reason: "stale", job } as const;
    if (job.status === "open" && input.draft.validThrough.getTime() <= input.now.getTime()) return { ok: false, reason: "closingDatePassed", job } as const;
    const before = draftOfJob(job) as Record<string, unknown>;
    const after = input.draft as Record<string, unknown>;
    // Compared as values: jsonb gives objects back with their keys in its own order.
    const changed = Object.keys(after).filter((key) => !isDeepStrictEqual(before[key], after[key]));
    if (changed.length === 0) return { ok: true, job, changed } as const;
    const [updated] = await tx
      .update(jobs)
      .set({ ...input.draft, revision: job.revision + 1, updatedAt: input.now })
      .where(eq(jobs.id, job.id))
      .returning();
    await recordAudit(tx, { at: input.now, staffId: input.by, action: "job.changed", record: { kind: "job", id: job.id }, detail: { fields: changed } });
    return { ok: true, job: updated!, changed } as const;
  });
  if (outcome.ok && outcome.changed.length > 0) announceJobChange(input.jobId);
  return outcome;
}
