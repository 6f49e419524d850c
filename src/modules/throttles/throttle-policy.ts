/**
 * Lockout policies as pure functions; the state is a row in `auth_throttles`, so every app instance sees
 * the same counters (guarded-attempt.ts reads and writes it atomically).
 */

/** How many misses are free, how long each further one locks, and the most misses allowed in any hour. */
export type ThrottlePolicy = { freeFailures: number; lockStepsMs: readonly number[]; hourlyCap: number };

/**
 * PINs and staff passwords per account (QUALITY.md): five misses in a row, then waits of 1, 5, 15, then 60
 * minutes after each further miss; never more than ten misses in any hour, far below NIST's cap of 100.
 */
export const ACCOUNT_POLICY: ThrottlePolicy = { freeFailures: 5, lockStepsMs: [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000], hourlyCap: 10 };

/**
 * One client address across every account it tries: a shared office or a carrier's NAT may send many people
 * from one address, so it is looser per miss, but it stops one address from guessing across accounts.
 */
export const ADDRESS_POLICY: ThrottlePolicy = { freeFailures: 30, lockStepsMs: [15 * 60_000, 60 * 60_000], hourlyCap: 60 };

/**
 * Candidates' wrong PINs from one client address, across every account it tries. Candidates mostly arrive on
 * phones, and a carrier's NAT puts many of them behind one address, so this is far looser than the staff's;
 * it still takes one address from thousands of guesses an hour (300 sign-ins × 10 PINs) to 200.
 */
export const CANDIDATE_ADDRESS_POLICY: ThrottlePolicy = { freeFailures: 100, lockStepsMs: [15 * 60_000, 60 * 60_000], hourlyCap: 200 };

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

/** The state after one more miss, and whether this miss started a lock (to tell the account's owner). */
export function afterFailure(state: ThrottleState, now: Date, policy: ThrottlePolicy = ACCOUNT_POLICY): { state: ThrottleState; lockStarted: boolean } {
  const t = now.getTime();
  const recent = state.failureTimes.filter((iso) => t - Date.parse(iso) < HOUR_MS);
  recent.push(now.toISOString());
  const consecutiveFailures = state.consecutiveFailures + 1;
  let lockLevel = state.lockLevel;
  let until: number | null = null;
  if (consecutiveFailures >= policy.freeFailures) {
    lockLevel += 1;
    until = t + policy.lockStepsMs[Math.min(lockLevel, policy.lockStepsMs.length) - 1]!;
  }
  if (recent.length >= policy.hourlyCap) {
    const oldest = Date.parse(recent[recent.length - policy.hourlyCap]!);
    until = Math.max(until ?? 0, oldest + HOUR_MS);
  }
  const wasLocked = lockedUntil(state, now) !== null;
  return {
    state: { consecutiveFailures, lockLevel, lockedUntil: until ? new Date(until) : null, failureTimes: recent },
    lockStarted: until !== null && !wasLocked,
  };
}

/** The state after a right answer: the run of misses ends; the hourly window keeps counting the misses. */
export function afterSuccess(state: ThrottleState): ThrottleState {
  return { consecutiveFailures: 0, lockLevel: 0, lockedUntil: null, failureTimes: state.failureTimes };
}
