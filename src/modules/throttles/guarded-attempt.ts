import { eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { authThrottles } from "../../platform/db/schema.ts";
import { afterFailure, afterSuccess, FRESH_THROTTLE, lockedUntil, type ThrottlePolicy, type ThrottleState } from "./throttle-policy.ts";

/** A counted attempt: `at` identifies it when it is settled. */
export type Reservation = { key: string; at: string; policy: ThrottlePolicy; lockStarted: boolean };

export type ReserveOutcome = { ok: true; reservation: Reservation } | { ok: false; until: Date };

async function lockedRow(tx: Db, key: string, now: Date): Promise<ThrottleState> {
  await tx.insert(authThrottles).values({ key, updatedAt: now }).onConflictDoNothing();
  const [row] = await tx.select().from(authThrottles).where(eq(authThrottles.key, key)).for("update");
  return row ?? FRESH_THROTTLE;
}

async function save(tx: Db, key: string, state: ThrottleState, now: Date): Promise<void> {
  await tx
    .update(authThrottles)
    .set({ ...state, updatedAt: now })
    .where(eq(authThrottles.key, key));
}

/**
 * Counts an attempt as a miss BEFORE the secret is checked, under a row lock: however many guesses arrive at
 * once, each is counted, and none is checked once the lock has started. A right answer gives its count back
 * in `settleAttempt`. Refused (with the lock's end) while the key is locked.
 */
export async function reserveAttempt(db: Db, input: { key: string; policy: ThrottlePolicy; now: Date }): Promise<ReserveOutcome> {
  return db.transaction(async (tx) => {
    const state = await lockedRow(tx, input.key, input.now);
    const until = lockedUntil(state, input.now);
    if (until) return { ok: false, until } as const;
    const next = afterFailure(state, input.now, input.policy);
    await save(tx, input.key, next.state, input.now);
    return { ok: true, reservation: { key: input.key, at: input.now.toISOString(), policy: input.policy, lockStarted: next.lockStarted } } as const;
  });
}

/**
 * Settles a counted attempt. A right answer ends the run of misses and takes its own count out of the hourly
 * window; a wrong one stays counted. Returns whether a lock is in force after a wrong answer, and whether
 * this attempt started it.
 */
export async function settleAttempt(
  db: Db,
  input: { reservation: Reservation; succeeded: boolean; now: Date },
): Promise<{ lockedUntil: Date | null; lockStarted: boolean }> {
  if (!input.succeeded) {
    const [row] = await db.select().from(authThrottles).where(eq(authThrottles.key, input.reservation.key)).limit(1);
    return { lockedUntil: row ? lockedUntil(row, input.now) : null, lockStarted: input.reservation.lockStarted };
  }
  await db.transaction(async (tx) => {
    const state = await lockedRow(tx, input.reservation.key, input.now);
    const mine = state.failureTimes.indexOf(input.reservation.at);
    const failureTimes = mine >= 0 ? [...state.failureTimes.slice(0, mine), ...state.failureTimes.slice(mine + 1)] : state.failureTimes;
    await save(tx, input.reservation.key, afterSuccess({ ...state, failureTimes }), input.now);
  });
  return { lockedUntil: null, lockStarted: false };
}

/** Lifts a key's lock and forgets its misses (after a verified reset). */
export async function clearAttempts(db: Db, input: { key: string; now: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockedRow(tx, input.key, input.now);
    await save(tx, input.key, FRESH_THROTTLE, input.now);
  });
}

/**
 * Claims a once-per-window right for a key (the lock notice of an account, say); call it inside the
 * transaction that acts on it. Under the row lock, of any number of parallel callers in one window exactly
 * one gets true. The window is kept as the key's lock, so housekeeping treats it like any throttle.
 */
export async function claimWindow(tx: Db, input: { key: string; windowMs: number; now: Date }): Promise<boolean> {
  const state = await lockedRow(tx, input.key, input.now);
  if (lockedUntil(state, input.now)) return false;
  await save(tx, input.key, { ...FRESH_THROTTLE, lockedUntil: new Date(input.now.getTime() + input.windowMs) }, input.now);
  return true;
}
