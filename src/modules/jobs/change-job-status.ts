import { eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { latestQuestionSet } from "../applications/application-store.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { announceJobChange } from "./job-changes.ts";
import { type JobMove, jobStatusAfter } from "./job-state.ts";
import { type Job, jobs, questionSetOfJob } from "./schema.ts";

export type JobStatusOutcome =
  | { ok: true; job: Job }
  | { ok: false; reason: "notFound" | "notAllowed" }
  /** Publishing needs a closing date still ahead and a question set for the applications. */
  | { ok: false; reason: "closingDatePassed" | "noQuestionSet"; job: Job };

async function moveJob(db: Db, input: { jobId: string; move: JobMove; by: string; now: Date }): Promise<JobStatusOutcome> {
  const outcome = await db.transaction(async (tx): Promise<JobStatusOutcome> => {
    const [job] = await tx.select().from(jobs).where(eq(jobs.id, input.jobId)).for("update");
    if (!job) return { ok: false, reason: "notFound" } as const;
    const to = jobStatusAfter(job.status, input.move);
    if (!to) return { ok: false, reason: "notAllowed" } as const;
    if (input.move === "publish") {
      if (job.validThrough.getTime() <= input.now.getTime()) return { ok: false, reason: "closingDatePassed", job } as const;
      if (!(await latestQuestionSet(tx, questionSetOfJob(job)))) return { ok: false, reason: "noQuestionSet", job } as const;
    }
    const [updated] = await tx
      .update(jobs)
      .set({
        status: to,
        revision: job.revision + 1,
        updatedAt: input.now,
        // The posting date search engines show is the first publication; reopening keeps it.
        ...(job.status === "draft" ? { datePosted: input.now } : {}),
      })
      .where(eq(jobs.id, job.id))
      .returning();
    await recordAudit(tx, {
      at: input.now,
      staffId: input.by,
      action: input.move === "publish" ? "job.published" : "job.closed",
      record: { kind: "job", id: job.id },
      detail: { from: job.status, to },
    });
    return { ok: true, job: updated! } as const;
  });
  if (outcome.ok) announceJobChange(input.jobId);
  return outcome;
}

/** Publishes a draft, or reopens a closed job: listed and taking applications until its closing date. Audited. */
export function publishJob(db: Db, input: { jobId: string; by: string; now: Date }): Promise<JobStatusOutcome> {
  return moveJob(db, { ...input, move: "publish" });
}

/** Closes an open job: its page stays, it takes no new applications and leaves the list. Audited. */
export function closeJob(db: Db, input: { jobId: string; by: string; now: Date }): Promise<JobStatusOutcome> {
  return moveJob(db, { ...input, move: "close" });
}
