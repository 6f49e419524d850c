import { and, desc, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../../../platform/db/database.ts";
import { enqueueJob } from "../../../platform/worker/background-jobs.ts";
import { assessmentAttempts, assessmentNorms } from "../schema.ts";
import { applyNorm } from "./apply-norm.ts";
import { computeNorm, NORM_FINAL_ATTEMPTS, NORM_MINIMUM_ATTEMPTS, type Norm } from "./compute-norm.ts";

/** Which norm: one per bank version and scoring version. */
export type NormKey = { bankId: string; bankVersion: number; scoringVersion: number };

export const NORMS_JOB = "assessment.recompute-norms";

/** Completions within one window share one recomputation, run when the window closes. */
export const NORMS_WINDOW_MS = 15 * 60_000;

/** The newest norm of a bank version and scoring version, or null while there is none. */
export async function latestNorm(db: Db, key: NormKey): Promise<Norm | null> {
  const [row] = await db
    .select()
    .from(assessmentNorms)
    .where(
      and(eq(assessmentNorms.bankId, key.bankId), eq(assessmentNorms.bankVersion, key.bankVersion), eq(assessmentNorms.scoringVersion, key.scoringVersion)),
    )
    .orderBy(desc(assessmentNorms.version))
    .limit(1);
  return row ?? null;
}

/**
 * Asks the worker to recompute the norm, in the caller's transaction. Every completion in the same
 * 15-minute window asks for the same job (one dedupe key), which runs when the window closes, so a busy
 * day recomputes at most four times an hour and no completion waits more than 15 minutes to be counted.
 */
export async function queueNormRecompute(tx: Db, input: NormKey & { now: Date }): Promise<void> {
  const windowEnd = (Math.floor(input.now.getTime() / NORMS_WINDOW_MS) + 1) * NORMS_WINDOW_MS;
  const { bankId, bankVersion, scoringVersion } = input;
  await enqueueJob(tx, {
    kind: NORMS_JOB,
    payload: { bankId, bankVersion, scoringVersion },
    dedupeKey: `${NORMS_JOB}:${bankId}:${bankVersion}:${scoringVersion}:${windowEnd}`,
    runAt: new Date(windowEnd),
  });
}

/** The job's payload as a norm key, or null when it is not one. */
export function readNormKey(payload: Record<string, unknown>): NormKey | null {
  const { bankId, bankVersion, scoringVersion } = payload;
  if (typeof bankId !== "string" || !Number.isInteger(bankVersion) || !Number.isInteger(scoringVersion)) return null;
  return { bankId, bankVersion: bankVersion as number, scoringVersion: scoringVersion as number };
}

/**
 * Recomputes the norm of a bank version from its completed attempts (see compute-norm.ts for the rules),
 * stores it as the next norm version when its group has grown, and re-norms every result that stands on
 * an older, provisional norm or on none. A final norm is never recomputed: it stays, and so do the
 * results on it. Run by the worker, off the request path; safe to run twice at once (a second insert of
 * the same version is ignored, and a result is only ever moved to a newer norm).
 */
export async function recomputeNorms(db: Db, input: NormKey & { now: Date }): Promise<{ norm: Norm | null; renormed: number }> {
  const key = { bankId: input.bankId, bankVersion: input.bankVersion, scoringVersion: input.scoringVersion };
  const ofThisKey = and(
    eq(assessmentAttempts.bankId, key.bankId),
    eq(assessmentAttempts.bankVersion, key.bankVersion),
    eq(assessmentAttempts.scoringVersion, key.scoringVersion),
    eq(assessmentAttempts.state, "completed"),
    isNotNull(assessmentAttempts.measures),
  );
  let norm = await latestNorm(db, key);
  if (!norm || norm.provisional) {
    const rows = await db.select({ measures: assessmentAttempts.measures }).from(assessmentAttempts).where(ofThisKey);
    const figures = computeNorm(rows.flatMap((r) => (r.measures ? [r.measures] : [])));
    if (figures.attempts >= NORM_MINIMUM_ATTEMPTS && figures.attempts !== norm?.attempts) {
      await db
        .insert(assessmentNorms)
        .values({
          ...key,
          ...figures,
          version: (norm?.version ?? 0) + 1,
          provisional: figures.attempts < NORM_FINAL_ATTEMPTS,
          computedAt: input.now,
        })
        .onConflictDoNothing();
      norm = await latestNorm(db, key);
    }
  }
  if (!norm) return { norm: null, renormed: 0 };
  const behind = or(isNull(assessmentAttempts.normVersion), lt(assessmentAttempts.normVersion, norm.version));
  const stale = await db.select({ id: assessmentAttempts.id, measures: assessmentAttempts.measures }).from(assessmentAttempts).where(and(ofThisKey, behind));
  let renormed = 0;
  for (const attempt of stale) {
    if (!attempt.measures) continue;
    const moved = await db
      .update(assessmentAttempts)
      .set({ result: applyNorm(attempt.measures, norm, key), normVersion: norm.version })
      .where(and(eq(assessmentAttempts.id, attempt.id), behind))
      .returning({ id: assessmentAttempts.id });
    renormed += moved.length;
  }
  return { norm, renormed };
}
