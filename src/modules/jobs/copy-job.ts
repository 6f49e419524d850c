import type { Db } from "../../platform/db/database.ts";
import { createJob } from "./create-job.ts";
import type { JobDraft } from "./job-form.ts";
import { findJob } from "./job-repo.ts";
import { type Job, questionSetOfJob } from "./schema.ts";

/** Everything the office wrote about a job, without its 求人ID, status or history. */
export function draftOfJob(job: Job): JobDraft {
  return {
    title: job.title,
    team: job.team,
    summary: job.summary,
    description: job.description,
    hours: job.hours,
    employmentType: job.employmentType,
    remote: job.remote,
    location: job.location,
    pay: job.pay,
    validThrough: job.validThrough,
    questionSet: questionSetOfJob(job),
    assessmentBank: job.assessmentBank,
  };
}

/** Copies a job into a new draft under the next free 求人ID (audited as created, naming the original). */
export async function copyJob(db: Db, input: { jobId: string; by: string; now: Date }): Promise<Job | null> {
  const original = await findJob(db, input.jobId);
  if (!original) return null;
  const created = await createJob(db, { draft: draftOfJob(original), id: null, by: input.by, now: input.now, copiedFrom: original.id });
  return created.ok ? created.job : null;
}
