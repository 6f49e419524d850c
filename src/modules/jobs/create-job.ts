import { sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { JobDraft } from "./job-form.ts";
import { type Job, jobs } from "./schema.ts";

export type CreateJobOutcome = { ok: true; job: Job } | { ok: false; reason: "idTaken" };

/** The next free 求人ID after the highest numeric one, so new jobs read like the ones before them. */
async function nextJobId(tx: Db): Promise<string> {
  const result = await tx.execute(sql`SELECT coalesce(max(id::bigint), 100000000) + 1 AS next FROM jobs WHERE id ~ '^[0-9]{1,15}$'`);
  const row = (result as unknown as { rows: { next: string | number }[] }).rows[0];
  return String(row?.next ?? "100000001");
}

/**
 * Creates a job as a draft (seen by staff only until published), under the 求人ID given or the next free
 * one, and audits it in the same transaction. A copy names the job it was copied from.
 */
export async function createJob(db: Db, input: { draft: JobDraft; id: string | null; by: string; now: Date; copiedFrom?: string }): Promise<CreateJobOutcome> {
  return db.transaction(async (tx) => {
    // Two members creating at once may pick the same next id: the loser takes the one after.
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = input.id ?? (await nextJobId(tx));
      const [job] = await tx
        .insert(jobs)
        .values({
          id,
          ...input.draft,
          countryCode: "JP",
          status: "draft",
          // Set again when the job is first published.
          datePosted: input.now,
          revision: 1,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .onConflictDoNothing()
        .returning();
      if (job) {
        await recordAudit(tx, {
          at: input.now,
          staffId: input.by,
          action: "job.created",
          record: { kind: "job", id },
          detail: input.copiedFrom ? { copiedFrom: input.copiedFrom } : {},
        });
        return { ok: true, job } as const;
      }
      if (input.id) return { ok: false, reason: "idTaken" } as const;
    }
    throw new Error("no free 求人ID after five tries");
  });
}
