import { describe, expect, it } from "vitest";
import { afterFailure, afterSuccess, FRESH_THROTTLE, lockedUntil, type ThrottleState } from "./throttle-policy.ts";

const MIN = 60_000;

function failTimes(state: ThrottleState, start: Date, count: number, gapMs: number) {
  let s = state;
  let started = 0;
  let t = start.getTime();
  for (let i = 0; i < count; i++) {
    const r = afterFailure(s, new Date(t));
    s = r.state;
    if (r.lockStarted) started++;
    t += gapMs;
  }
  return { state: s, started, at: new Date(t - gapMs) };
}

describe("PIN throttle", () => {
  const t0 = new Date("2026-11-26T10:00:00Z");

  it("lets four wrong PINs through and locks for 1 minute at the fifth", () => {
    const four = failTimes(FRESH_THROTTLE, t0, 4, 1000);
    expect(lockedUntil(four.state, four.at)).toBeNull();
    const five = afterFailure(four.state, new Date(t0.getTime() + 4000));
    expect(five.lockStarted).toBe(true);
    expect(five.state.lockedUntil?.getTime()).toBe(t0.getTime() + 4000 + MIN);
  });

  it("grows the wait to 5, 15 and 60 minutes with each further miss", () => {
    let s = failTimes(FRESH_THROTTLE, t0, 5, 0).state;
    let t = t0.getTime();
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      t = s.lockedUntil!.getTime() + 1;
      const r = afterFailure(s, new Date(t));
      s = r.state;
      waits.push((s.lockedUntil!.getTime() - t) / MIN);
    }
    expect(waits[0]).toBe(5);
    expect(waits[1]).toBe(15);
    expect(waits[2]).toBeGreaterThanOrEqual(59);
  });

  it("never allows more than ten wrong PINs in an hour, even with successes in between", () => {
    let s = FRESH_THROTTLE;
    let t = t0.getTime();
    let wrongAllowed = 0;
    while (t < t0.getTime() + 60 * MIN) {
      if (!lockedUntil(s, new Date(t))) {
        s = afterFailure(s, new Date(t)).state;
        wrongAllowed++;
        if (wrongAllowed % 4 === 0) s = afterSuccess(s);
      }
      t += 10_000;
    }
    expect(wrongAllowed).toBeLessThanOrEqual(10);
  });

  it("resets the run after a right PIN", () => {
    const s = afterSuccess(failTimes(FRESH_THROTTLE, t0, 3, 0).state);
    expect(s.consecutiveFailures).toBe(0);
    expect(lockedUntil(s, t0)).toBeNull();
  });
});
