import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationAt } from "../../../test/applications.ts";
import { newCandidate, startTestPortal, type TestPortal } from "../../../test/portal.ts";
import type { StaffPrincipal } from "../access/policy.ts";
import { applications } from "../applications/schema.ts";
import { countPipelineStages } from "./count-pipeline-stages.ts";
import { foldStageCounts } from "./fold-stage-counts.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(async () => {
  await portal?.close();
});

const JOB = "230107874";
const recruiter: StaffPrincipal = { kind: "staff", id: "5d1c1f53-0000-4000-8000-00000000000b", role: "recruiter", jobIds: [JOB], mayViewSensitive: false };

/** The counts as the slow, certain way finds them. */
async function countedByHand(): Promise<Record<string, number>> {
  const result = await portal.db.execute(sql`SELECT state, count(*)::int AS n FROM applications WHERE job_id = ${JOB} GROUP BY state`);
  return Object.fromEntries((result as unknown as { rows: { state: string; n: number }[] }).rows.map((r) => [r.state, r.n]));
}

async function keptCounts(): Promise<Record<string, number>> {
  const counts = await countPipelineStages(portal.db, { principal: recruiter, jobId: JOB });
  const result = await portal.db.execute(
    sql`SELECT state, sum(delta)::int AS n FROM application_stage_counts WHERE job_id = ${JOB} GROUP BY state HAVING sum(delta) <> 0`,
  );
  const kept = Object.fromEntries((result as unknown as { rows: { state: string; n: number }[] }).rows.map((r) => [r.state, r.n]));
  for (const [state, n] of Object.entries(counts!.stages)) expect(n, state).toBe(kept[state] ?? 0);
  return kept;
}

describe("the pipeline's stage counts", () => {
  it("follow every insert, state change and removal, and survive folding", async () => {
    const made = [];
    for (const state of ["submitted", "submitted", "screening", "draft", "screened_out", "hired"] as const) {
      const { candidate } = await newCandidate(portal.db);
      made.push(await applicationAt(portal.db, { candidateId: candidate.id, state }));
    }
    expect(await keptCounts()).toEqual(await countedByHand());
    await portal.db.update(applications).set({ state: "rejected" }).where(eq(applications.id, made[0]!.id));
    // A save that leaves the state alone changes no count.
    await portal.db.update(applications).set({ state: "screening", documentsStatus: "uploaded" }).where(eq(applications.id, made[2]!.id));
    await portal.db.update(applications).set({ state: "interviewed" }).where(sql`${applications.state} = 'submitted' AND ${applications.jobId} = ${JOB}`);
    await portal.db.delete(applications).where(eq(applications.id, made[5]!.id));
    expect(await keptCounts()).toEqual(await countedByHand());
    const removed = await foldStageCounts(portal.db);
    expect(removed).toBeGreaterThan(0);
    expect(await keptCounts()).toEqual(await countedByHand());
    const rows = await portal.db.execute(sql`SELECT count(*)::int AS n FROM application_stage_counts WHERE job_id = ${JOB}`);
    expect((rows as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(Object.keys(await countedByHand()).length);
  });

  it("are only for staff who work on the job", async () => {
    expect(await countPipelineStages(portal.db, { principal: { ...recruiter, jobIds: ["999999999"] }, jobId: JOB })).toBeNull();
  });
});
