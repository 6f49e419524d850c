import { type ApplicationProgress, FUNNEL_STEPS, type FunnelStep, furthestStepOf, TIMED_STEPS, type TimedStep } from "./funnel-steps.ts";

/** The time between two consecutive timed steps, named `from→to`. */
export type FunnelInterval = { from: TimedStep; to: TimedStep };

/** Each pair of consecutive timed steps, in funnel order. */
export const FUNNEL_INTERVALS: readonly FunnelInterval[] = TIMED_STEPS.slice(1).map((to, i) => ({ from: TIMED_STEPS[i] as TimedStep, to }));

/**
 * One application as the funnel counts it, with nothing that names the candidate: which steps it reached
 * (1) or not (0), and the seconds between consecutive timed steps where both are known. This is the
 * funnel's export, and the funnel's figures are computed from exactly these rows.
 */
export type FunnelRow = { reached: Record<FunnelStep, 0 | 1>; seconds: (number | null)[] };

/**
 * The funnel rows of a cohort. A step's time is when the application reached it or any later step (the
 * earliest of those times), the same "or later" rule as reaching it, so no interval is ever negative even
 * when the office moved an application through its stages out of order.
 */
export function funnelRowsOf(progress: readonly ApplicationProgress[]): FunnelRow[] {
  return progress.map((p) => {
    const furthest = furthestStepOf(p);
    const reached = Object.fromEntries(FUNNEL_STEPS.map((step, i) => [step, i <= furthest ? 1 : 0])) as Record<FunnelStep, 0 | 1>;
    const reachedAt = (step: TimedStep): number | null => {
      if (!reached[step]) return null;
      let earliest: number | null = null;
      for (const later of TIMED_STEPS.slice(TIMED_STEPS.indexOf(step))) {
        const at = p.times[later]?.getTime();
        if (at !== undefined && (earliest === null || at < earliest)) earliest = at;
      }
      return earliest;
    };
    const seconds = FUNNEL_INTERVALS.map(({ from, to }) => {
      const start = reachedAt(from);
      const end = reachedAt(to);
      return start === null || end === null ? null : (end - start) / 1000;
    });
    return { reached, seconds };
  });
}
