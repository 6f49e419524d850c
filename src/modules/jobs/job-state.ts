/**
 * A job's states and the office's moves between them. Pure: no database.
 *
 *   draft ──publish──▶ open ──close──▶ closed ──publish──▶ open
 *
 * A draft is seen by staff only. An open job is listed and takes applications until its closing date;
 * a closed one keeps its page (links to it live on) but takes none. Reopening a closed job publishes it again.
 */
import type { JobStatus } from "./schema.ts";

export type JobMove = "publish" | "close";

const MOVES: Record<JobMove, { from: readonly JobStatus[]; to: JobStatus }> = {
  publish: { from: ["draft", "closed"], to: "open" },
  close: { from: ["open"], to: "closed" },
};

/** The status after a move, or null when the move is not allowed from this status. */
export function jobStatusAfter(status: JobStatus, move: JobMove): JobStatus | null {
  const rule = MOVES[move];
  return rule.from.includes(status) ? rule.to : null;
}

/** Whether the public may see a job's page at all: drafts are the office's alone. */
export function isPublished(job: { status: JobStatus }): boolean {
  return job.status !== "draft";
}
