/**
 * PIN lockout policy (QUALITY.md): five wrong PINs in a row, then the account waits 1, 5, 15, then 60
 * minutes after each further miss; never more than ten wrong PINs in any hour. Pure functions; the state
 * is a row in `auth_throttles` so every app instance sees the same counters.
 */

export const FREE_FAILURES = 5;
export const LOCK_STEPS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000] as const;
export const HOURLY_CAP = 10;
const HOUR_MS = 60 * 60_000;

export type ThrottleState = {
  consecutiveFailures: number;
  lockLevel: number;
  lockedUntil: Date | null;
  /** ISO times of failures in the last hour. */
  failureTimes: string[];
};

export const FRESH_THROTTLE: ThrottleState = { consecutiveFailures: 0, lockLevel: 0, lockedUntil: null, failureTimes: [] };

/** When the lock ends, or null if a PIN may be tried now. */
export function lockedUntil(state: ThrottleState, now: Date): Date | null {
  return state.lockedUntil && state.lockedUntil.getTime() > now.getTime() ? state.lockedUntil : null;
}

/** The state after one more wrong PIN, and whether this failure started a lock (to e-mail the candidate). */
export function afterFailure(state: ThrottleState, now: Date): { state: ThrottleState; lockStarted: boolean } {
  const t = now.getTime();
  const recent = state.failureTimes.filter((iso) => t - Date.parse(iso) < HOUR_MS);
  recent.push(now.toISOString());
  const consecutiveFailures = state.consecutiveFailures + 1;
  let lockLevel = state.lockLevel;
  let until: number | null = null;
  if (consecutiveFailures >= FREE_FAILURES) {
    lockLevel += 1;
    until = t + LOCK_STEPS_MS[Math.min(lockLevel, LOCK_STEPS_MS.length) - 1]!;
  }
  if (recent.length >= HOURLY_CAP) {
    const oldest = Date.parse(recent[recent.length - HOURLY_CAP]!);
    until = Math.max(until ?? 0, oldest + HOUR_MS);
  }
  const wasLocked = lockedUntil(state, now) !== null;
  return {
    state: { consecutiveFailures, lockLevel, lockedUntil: until ? new Date(until) : null, failureTimes: recent },
    lockStarted: until !== null && !wasLocked,
  };
}

/** The state after a right PIN: the run of misses ends; the hourly window keeps counting. */
export function afterSuccess(state: ThrottleState): ThrottleState {
  return { consecutiveFailures: 0, lockLevel: 0, lockedUntil: null, failureTimes: state.failureTimes };
}
