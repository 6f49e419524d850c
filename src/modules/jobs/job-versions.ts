import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { KeptValues } from "../../platform/kept-values.ts";
import { type Job, jobVersions } from "./schema.ts";

/**
 * The job_versions row of a job as it reads now, added the first time this content is seen: every application
 * started under the same wording shares one copy. The digest is computed by PostgreSQL from its own jsonb text,
 * so the same content gives the same digest however its keys were ordered.
 */
export async function currentJobVersion(db: Db, job: Job, now: Date): Promise<string> {
  const { createdAt: _c, updatedAt: _u, ...fields } = job;
  const json = JSON.stringify(fields);
  const digest = sql`md5(${json}::jsonb::text)`;
  const [added] = await db
    .insert(jobVersions)
    .values({ id: randomUUID(), jobId: job.id, revision: job.revision, snapshot: sql`${json}::jsonb`, digest, createdAt: now })
    .onConflictDoNothing({ target: jobVersions.digest })
    .returning({ id: jobVersions.id });
  if (added) return added.id;
  const [existing] = await db.select({ id: jobVersions.id }).from(jobVersions).where(eq(jobVersions.digest, digest)).limit(1);
  if (!existing) throw new Error(`job ${job.id}: its version was neither added nor found`);
  return existing.id;
}

/** The job's title in both languages as an application saw it. */
export async function jobTitleOfVersion(db: Db, jobVersionId: string): Promise<{ ja: string; en: string } | undefined> {
  const [row] = await db
    .select({ title: sql<{ ja: string; en: string } | null>`${jobVersions.snapshot}->'title'` })
    .from(jobVersions)
    .where(eq(jobVersions.id, jobVersionId))
    .limit(1);
  return row?.title ?? undefined;
}

/** The job as an application saw it, by its version. */
export async function jobSnapshotOf(db: Db, jobVersionId: string): Promise<Record<string, unknown>> {
  const [row] = await db.select({ snapshot: jobVersions.snapshot }).from(jobVersions).where(eq(jobVersions.id, jobVersionId)).limit(1);
  if (!row) throw new Error(`no job version ${jobVersionId}`);
  return row.snapshot;
}

/** Enough for every version applications are open under; past it, the oldest is read again when asked. */
const KEPT_SNAPSHOTS = 500;
const keptSnapshots = new WeakMap<Db, KeptValues<Record<string, unknown>>>();

/**
 * `jobSnapshotOf`, kept in memory once read: a version never changes (a new wording is a new version), so every
 * page of an application can show its job without reading or parsing the snapshot again. It comes frozen,
 * because every page shares it.
 */
export async function keptJobSnapshot(db: Db, jobVersionId: string): Promise<Record<string, unknown>> {
  const kept = keptSnapshots.get(db) ?? new KeptValues<Record<string, unknown>>(KEPT_SNAPSHOTS);
  keptSnapshots.set(db, kept);
  return kept.get(jobVersionId) ?? kept.keep(jobVersionId, deepFreeze(await jobSnapshotOf(db, jobVersionId)));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
