import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../../../../test/database.ts";
import type { Database } from "../../../platform/db/database.ts";
import { backgroundJobs } from "../../../platform/db/schema.ts";
import { assessmentAttempts, assessmentNorms } from "../schema.ts";
import type { AttemptMeasures } from "./measure-attempt.ts";
import { latestNorm, NORMS_JOB, NORMS_WINDOW_MS, queueNormRecompute, recomputeNorms } from "./norm-store.ts";

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database?.close());

const key = { bankId: "norm-bank", bankVersion: 2, scoringVersion: 2 };
const now = new Date("2026-11-26T03:00:00Z");

/** Invented measures: situations 40 … 80 in turn, so the mean is near 60. */
function measures(n: number): AttemptMeasures {
  return { situations: { value: 40 + 10 * (n % 5), se: 4, items: 24 }, "trait:calm": { value: ((n % 5) - 2) / 2, se: 0.3, items: 20 } };
}

/** `count` completed attempts of the key's bank version, as if candidates had finished them. */
async function complete(count: number, overrides: Partial<typeof assessmentAttempts.$inferInsert> = {}): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, n) => ({
    id: randomUUID(),
    candidateId: randomUUID(),
    applicationId: randomUUID(),
    bankId: key.bankId,
    bankVersion: key.bankVersion,
    scoringVersion: key.scoringVersion,
    state: "completed" as const,
    deviceHash: "invented",
    startedAt: now,
    completedAt: now,
    measures: measures(n),
    ...overrides,
  }));
  for (let i = 0; i < rows.length; i += 200) await database.db.insert(assessmentAttempts).values(rows.slice(i, i + 200));
  return rows.map((r) => r.id);
}

async function attempt(id: string) {
  const [row] = await database.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.id, id));
  return row!;
}

describe("applicant norms", () => {
  it("are not computed from fewer than 30 completed attempts", async () => {
    const [first] = await complete(29);
    expect(await recomputeNorms(database.db, { ...key, now })).toEqual({ norm: null, renormed: 0 });
    expect((await attempt(first!)).normVersion).toBeNull();
  });

  it("are provisional from 30, and every result waiting for a norm, or on an older one, is normed again", async () => {
    const [early] = await complete(1);
    // Another bank version and an unfinished attempt are not part of this norm.
    await complete(10, { bankVersion: 1 });
    await complete(3, { state: "in_progress", completedAt: null, measures: null });
    const { norm, renormed } = await recomputeNorms(database.db, { ...key, now });
    expect(norm).toMatchObject({ version: 1, attempts: 30, provisional: true });
    expect(renormed).toBe(30);
    const result = (await attempt(early!)).result!;
    expect(result.norm).toMatchObject({ version: 1, attempts: 30, provisional: true });
    expect(result.scales.situations?.t).not.toBeNull();

    // Nothing new: no new version, nothing to re-norm.
    expect(await recomputeNorms(database.db, { ...key, now })).toMatchObject({ norm: { version: 1 }, renormed: 0 });
    await complete(5);
    const grown = await recomputeNorms(database.db, { ...key, now });
    expect(grown).toMatchObject({ norm: { version: 2, attempts: 35, provisional: true }, renormed: 35 });
    expect((await attempt(early!)).normVersion).toBe(2);
  });

  it("become final at 500 and then stay: later results are normed on the final norm and never moved", async () => {
    await complete(500 - 35);
    const { norm } = await recomputeNorms(database.db, { ...key, now });
    expect(norm).toMatchObject({ version: 3, attempts: 500, provisional: false });
    const [later] = await complete(7);
    const again = await recomputeNorms(database.db, { ...key, now: new Date(now.getTime() + 3_600_000) });
    expect(again).toMatchObject({ norm: { version: 3, attempts: 500, provisional: false }, renormed: 7 });
    expect((await attempt(later!)).result?.norm).toMatchObject({ version: 3, provisional: false });
    expect(await database.db.select().from(assessmentNorms).where(eq(assessmentNorms.bankId, key.bankId))).toHaveLength(3);
    const situations = (await latestNorm(database.db, key))?.scales.situations;
    expect(situations?.n).toBe(500);
    expect(situations?.mean).toBeCloseTo(60, 0);
  });

  it("are asked for once per 15-minute window, when the window closes", async () => {
    const start = new Date(Math.ceil(now.getTime() / NORMS_WINDOW_MS) * NORMS_WINDOW_MS + 60_000);
    for (const minutes of [0, 5, 13]) await queueNormRecompute(database.db, { ...key, now: new Date(start.getTime() + minutes * 60_000) });
    await queueNormRecompute(database.db, { ...key, now: new Date(start.getTime() + 15 * 60_000) });
    const jobs = await database.db.select().from(backgroundJobs).where(eq(backgroundJobs.kind, NORMS_JOB));
    expect(jobs.map((j) => j.runAt.getTime() - start.getTime()).sort((a, b) => a - b)).toEqual([14 * 60_000, 29 * 60_000]);
  });
});
