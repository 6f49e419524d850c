import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, statementsDuring } from "../../../test/database.ts";
import { newCandidate } from "../../../test/portal.ts";
import type { Database } from "../../platform/db/database.ts";
import { PROJECT_ROOT } from "../../platform/project-root.ts";
import { findApplicationFor, listOwnApplications, seedQuestionSets, startApplication } from "../applications/application-store.ts";
import { snapshotJob } from "../applications/job-snapshot.ts";
import { seedJobs } from "./job-content.ts";
import { findJob } from "./job-repo.ts";
import { jobSnapshotOf, keptJobSnapshot } from "./job-versions.ts";
import { jobs, jobVersions } from "./schema.ts";

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  await seedJobs(database.db, path.join(PROJECT_ROOT, "content/jobs"));
  await seedQuestionSets(database.db, path.join(PROJECT_ROOT, "content/question-sets"), new Date());
});
afterAll(() => database?.close());

const JOB = "230107874";

async function applyNow(): Promise<{ candidateId: string; applicationId: string; jobVersionId: string }> {
  const { candidate } = await newCandidate(database.db);
  const job = await findJob(database.db, JOB);
  if (!job) throw new Error("the demo job is not seeded");
  const started = await startApplication(database.db, { candidateId: candidate.id, job, now: new Date() });
  if (!started.ok) throw new Error(`could not start: ${started.reason}`);
  return { candidateId: candidate.id, applicationId: started.application.id, jobVersionId: started.application.jobVersionId };
}

const versionsOfJob = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(jobVersions).where(eq(jobVersions.jobId, JOB)))[0]?.n ?? 0;

describe("the job as each application saw it", () => {
  it("is stored once for every application started under the same wording, and a changed job starts a new version", async () => {
    const first = await applyNow();
    const second = await applyNow();
    expect(second.jobVersionId).toBe(first.jobVersionId);
    expect(await versionsOfJob()).toBe(1);

    const before = await findJob(database.db, JOB);
    await database.db
      .update(jobs)
      .set({ title: { ja: "カスタマーサービス（改訂）", en: "Customer Service (revised)" }, revision: (before?.revision ?? 0) + 1 })
      .where(eq(jobs.id, JOB));
    const third = await applyNow();
    expect(third.jobVersionId).not.toBe(first.jobVersionId);
    expect(await versionsOfJob()).toBe(2);

    // The earlier application keeps the title it applied under; the later one reads the new one.
    const principal = (id: string) => ({ kind: "candidate", id }) as const;
    const earlier = await findApplicationFor(database.db, { principal: principal(first.candidateId), applicationId: first.applicationId });
    const later = (await listOwnApplications(database.db, third.candidateId))[0];
    expect(earlier && snapshotJob(earlier).title).toEqual(before?.title);
    expect(later && snapshotJob(later).title.ja).toBe("カスタマーサービス（改訂）");
  });
});

describe("keptJobSnapshot", () => {
  it("reads a version once, then gives the same frozen snapshot without asking the database", async () => {
    const { jobVersionId } = await applyNow();
    const read = await keptJobSnapshot(database.db, jobVersionId);
    expect(read).toEqual(await jobSnapshotOf(database.db, jobVersionId));
    let again: Record<string, unknown> | undefined;
    expect(await statementsDuring(database.db, async () => (again = await keptJobSnapshot(database.db, jobVersionId)))).toBe(0);
    expect(again).toBe(read);
    expect(() => Object.assign(read.title as object, { ja: "書き換え" })).toThrow(TypeError);
    await expect(keptJobSnapshot(database.db, "00000000-0000-4000-8000-000000000000")).rejects.toThrow(/no job version/);
  });
});
