import type { Job } from "../jobs/schema.ts";
import type { ApplicationWithJob } from "./schema.ts";

/** The job as the application saw it: the snapshot taken when it started. */
export function snapshotJob(app: Pick<ApplicationWithJob, "jobSnapshot" | "createdAt">): Job {
  const s = app.jobSnapshot as unknown as Job & { datePosted: string; validThrough: string };
  return { ...s, datePosted: new Date(s.datePosted), validThrough: new Date(s.validThrough), createdAt: app.createdAt, updatedAt: app.createdAt };
}
