import { FUNNEL_INTERVALS, type FunnelInterval, type FunnelRow } from "./funnel-rows.ts";
import { FUNNEL_STEPS, type FunnelStep } from "./funnel-steps.ts";
import { median } from "./median.ts";

export type FunnelStepFigures = {
  step: FunnelStep;
  reached: number;
  /** Share of those who reached the step before and not this one; null for the first step or when nobody reached the one before. */
  dropOff: number | null;
};

export type FunnelIntervalFigures = FunnelInterval & {
  /** Applications with both times known. */
  applications: number;
  medianSeconds: number | null;
};

export type FunnelFigures = { applications: number; steps: FunnelStepFigures[]; intervals: FunnelIntervalFigures[] };

/** How many reached each step, the drop-off between steps and the median time between timed steps. */
export function summariseFunnel(rows: readonly FunnelRow[]): FunnelFigures {
  const steps = FUNNEL_STEPS.map((step, i): FunnelStepFigures => {
    const reached = rows.reduce((n, r) => n + r.reached[step], 0);
    const before = i === 0 ? null : rows.reduce((n, r) => n + r.reached[FUNNEL_STEPS[i - 1] as FunnelStep], 0);
    return { step, reached, dropOff: before === null || before === 0 ? null : (before - reached) / before };
  });
  const intervals = FUNNEL_INTERVALS.map((interval, i): FunnelIntervalFigures => {
    const known = rows.flatMap((r) => (r.seconds[i] === null || r.seconds[i] === undefined ? [] : [r.seconds[i] as number]));
    return { ...interval, applications: known.length, medianSeconds: median(known) };
  });
  return { applications: rows.length, steps, intervals };
}
