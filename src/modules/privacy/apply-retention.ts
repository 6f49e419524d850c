import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, lt, ne, type SQL, sql, TransactionRollbackError } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { outbox } from "../../platform/db/schema.ts";
import { enqueueJob } from "../../platform/worker/background-jobs.ts";
import { japanToday } from "../applications/japan-today.ts";
import { applications } from "../applications/schema.ts";
import { candidates } from "../candidates/schema.ts";
import { eraseCandidate, keepGenderAnswersAsCounts } from "./erase-candidate.ts";
import type { RetentionRule, RetentionSchedule } from "./retention-schedule.ts";
import { candidateSignIns, legalHolds, retentionRuns } from "./schema.ts";

export type RetentionRun = typeof retentionRuns.$inferSelect;
export type RetentionReport = Record<RetentionRule, number>;

const DAY_MS = 24 * 3600 * 1000;

/** The queued job that applies the schedule; one per day in Japan, whatever the number of instances. */
export const RETENTION_JOB = "privacy.retention";

/** Asks for today's run: the dedupe key makes every instance's request the same one job. */
export async function requestDailyRetention(db: Db, now: Date): Promise<number> {
  await enqueueJob(db, { kind: RETENTION_JOB, dedupeKey: `${RETENTION_JOB}:${japanToday(now)}`, runAt: now, now });
  return 0;
}

const heldCandidates = sql`SELECT ${legalHolds.candidateId} FROM ${legalHolds} WHERE ${legalHolds.releasedAt} IS NULL`;

/** Candidates due for erasure: never hired, nothing in progress, inactive (they and their applications) since the cut-off. */
async function inactiveCandidates(db: Db, before: Date): Promise<string[]> {
  const rows = await db
    .select({ id: candidates.id })
    .from(candidates)
    .where(
      and(
        lt(candidates.lastActiveAt, before),
        sql`${candidates.id} NOT IN (${heldCandidates})`,
        sql`NOT EXISTS (SELECT 1 FROM ${applications} WHERE ${applications.candidateId} = ${candidates.id}
          AND (${applications.updatedAt} >= ${before} OR ${applications.state} NOT IN ('withdrawn', 'screened_out', 'rejected')))`,
      ),
    );
  return rows.map((r) => r.id);
}

type Deps = { db: Db; now: () => Date; secret: string; orgName: { ja: string; en: string } };

/** The rules, each removing what its period says is due at `clock`. */
async function applyRules(deps: Deps, schedule: RetentionSchedule, clock: Date): Promise<RetentionReport> {
  const { db } = deps;
  const cutOff = (days: number) => new Date(clock.getTime() - days * DAY_MS);
  const report: RetentionReport = { inactiveCandidates: 0, abandonedDrafts: 0, signInRecords: 0, messageBodies: 0 };

  for (const candidateId of await inactiveCandidates(db, cutOff(schedule.inactiveCandidateDays))) {
    const erased = await eraseCandidate(db, { candidateId, requestedBy: "retention", now: clock, secret: deps.secret, orgName: deps.orgName });
    if (erased.ok) report.inactiveCandidates++;
  }

  report.abandonedDrafts = await db.transaction(async (tx) => {
    const drafts = await tx
      .select()
      .from(applications)
      .where(
        and(
          eq(applications.state, "draft"),
          lt(applications.updatedAt, cutOff(schedule.abandonedDraftDays)),
          sql`${applications.candidateId} NOT IN (${heldCandidates})`,
        ),
      )
      .for("update");
    if (drafts.length === 0) return 0;
    await keepGenderAnswersAsCounts(tx, drafts);
    const removed = await tx
      .delete(applications)
      .where(
        inArray(
          applications.id,
          drafts.map((d) => d.id),
        ),
      )
      .returning({ id: applications.id });
    return removed.length;
  });

  const signIns = await db
    .delete(candidateSignIns)
    .where(and(lt(candidateSignIns.signedInAt, cutOff(schedule.signInRecordDays)), sql`${candidateSignIns.candidateId} NOT IN (${heldCandidates})`))
    .returning({ id: candidateSignIns.id });
  report.signInRecords = signIns.length;

  const heldAddresses: SQL = sql`SELECT unnest(ARRAY[${candidates.email}, ${candidates.phone}]) FROM ${candidates} WHERE ${candidates.id} IN (${heldCandidates})`;
  const bodies = await db
    .update(outbox)
    .set({ textBody: "", htmlBody: null })
    .where(
      and(
        eq(outbox.status, "sent"),
        lt(outbox.sentAt, cutOff(schedule.messageBodyDays)),
        ne(outbox.textBody, ""),
        sql`${outbox.recipient} NOT IN (${heldAddresses})`,
      ),
    )
    .returning({ id: outbox.id });
  report.messageBodies = bodies.length;
  return report;
}

/**
 * Applies the retention schedule as of `clock` and records the run with what each rule removed. A dry run
 * does the same work inside one transaction and rolls it back: its report is exactly what a run would
 * remove at that moment, and nothing changes but the record of the dry run itself.
 */
export async function applyRetention(
  deps: Deps,
  input: { schedule: RetentionSchedule; clock: Date; dryRun: boolean; trigger: RetentionRun["trigger"]; staffId?: string },
): Promise<RetentionRun> {
  const id = randomUUID();
  await deps.db
    .insert(retentionRuns)
    .values({ id, dryRun: input.dryRun, trigger: input.trigger, staffId: input.staffId ?? null, clock: input.clock, startedAt: deps.now() });
  let report: RetentionReport | null = null;
  if (input.dryRun) {
    try {
      await deps.db.transaction(async (tx) => {
        report = await applyRules({ ...deps, db: tx }, input.schedule, input.clock);
        tx.rollback();
      });
    } catch (error) {
      if (!(error instanceof TransactionRollbackError)) throw error;
    }
  } else {
    report = await applyRules(deps, input.schedule, input.clock);
  }
  const [run] = await deps.db
    .update(retentionRuns)
    .set({ report: report ?? {}, finishedAt: deps.now() })
    .where(eq(retentionRuns.id, id))
    .returning();
  return run!;
}

/** The newest runs first, for the console's retention page. */
export async function recentRetentionRuns(db: Db, limit = 20): Promise<RetentionRun[]> {
  return db.select().from(retentionRuns).orderBy(desc(retentionRuns.startedAt)).limit(limit);
}
