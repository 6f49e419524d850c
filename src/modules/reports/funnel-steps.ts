/**
 * The steps of the hiring funnel, in the order an application passes them: the candidate's pages and
 * milestones, then the office's review stages. A step counts as reached when the application reached it
 * or any later step, so the funnel never widens: the office may move an application straight from
 * 応募受付 to 面接済, and it has then passed 書類選考 too.
 */
import { BEFORE_ASSESSMENT } from "../applications/application-state.ts";
import type { ApplicationState } from "../applications/schema.ts";

/** The wizard's pages before the pledge, completed with 保存して続行する (`completed_pages`). */
export const PAGE_STEPS = BEFORE_ASSESSMENT.filter((p) => p !== "pledge");

/** The office's stages after 応募受付, in their usual order; 不採用 and withdrawal end an application rather than move it on. */
export const OFFICE_STEPS = ["screening", "interview_scheduling", "interviewed", "offered", "hired"] as const satisfies readonly ApplicationState[];

export const FUNNEL_STEPS = [
  "started",
  ...PAGE_STEPS,
  "pledged",
  "assessment-started",
  "assessment-completed",
  "signed",
  "submitted",
  ...OFFICE_STEPS,
] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** The steps with a time of their own (a timestamp or a domain event); the wizard's pages have none. */
export const TIMED_STEPS = [
  "started",
  "pledged",
  "assessment-started",
  "assessment-completed",
  "signed",
  "submitted",
  ...OFFICE_STEPS,
] as const satisfies readonly FunnelStep[];
export type TimedStep = (typeof TIMED_STEPS)[number];

/** One application's progress as the funnel needs it. */
export type ApplicationProgress = {
  applicationId: string;
  state: ApplicationState;
  completedPages: readonly string[];
  /** When each timed step was first reached, where known. */
  times: Partial<Record<TimedStep, Date>>;
  /** The office stages the application is or has been in (from its events and its state). */
  stages: ReadonlySet<string>;
};

/** The index in FUNNEL_STEPS of the furthest step an application has reached. */
export function furthestStepOf(p: ApplicationProgress): number {
  let furthest = 0;
  FUNNEL_STEPS.forEach((step, i) => {
    const reached = (PAGE_STEPS as readonly string[]).includes(step)
      ? p.completedPages.includes(step)
      : (OFFICE_STEPS as readonly string[]).includes(step)
        ? p.stages.has(step)
        : p.times[step as TimedStep] !== undefined;
    if (reached) furthest = i;
  });
  return furthest;
}
