import { randomUUID } from "node:crypto";
import { latestQuestionSet } from "../src/modules/applications/application-store.ts";
import { type Application, type ApplicationState, applications } from "../src/modules/applications/schema.ts";
import { findJob } from "../src/modules/jobs/job-repo.ts";
import { currentJobVersion } from "../src/modules/jobs/job-versions.ts";
import { questionSetOfJob } from "../src/modules/jobs/schema.ts";
import type { Db } from "../src/platform/db/database.ts";

let counter = 0;

/**
 * An application already at a given state, written straight to the table: for tests of what the office
 * does with applications, which need many and do not re-test the candidate's journey.
 */
export async function applicationAt(db: Db, input: { candidateId: string; state: ApplicationState; jobId?: string; now?: Date }): Promise<Application> {
  counter += 1;
  const jobId = input.jobId ?? "230107874";
  const job = await findJob(db, jobId);
  const set = job ? await latestQuestionSet(db, questionSetOfJob(job)) : null;
  if (!job || !set) throw new Error(`job ${jobId} or its question set is not seeded`);
  const now = input.now ?? new Date();
  const jobVersionId = await currentJobVersion(db, job, now);
  const [row] = await db
    .insert(applications)
    .values({
      id: randomUUID(),
      reference: `T${String(counter).padStart(3, "0")}-${String(process.pid).slice(-5)}`,
      candidateId: input.candidateId,
      jobId,
      questionSetId: set.id,
      state: input.state,
      jobVersionId,
      submittedAt: ["draft", "assessment_pending", "assessment_done", "signed", "screened_out"].includes(input.state) ? null : now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}
