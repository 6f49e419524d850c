/**
 * The application's states, pages and transitions (docs/application-flow.md). Pure: no database, no HTTP.
 */
import type { ApplicationState } from "./schema.ts";

/** Pages before the assessment, in the seed's order (STEP 1–5). */
export const BEFORE_ASSESSMENT = ["documents", "personal", "eligibility", "work-authorization", "self-identification", "pledge"] as const;
/** Pages after it (STEP 6). */
export const AFTER_ASSESSMENT = ["signature", "final-questions", "review"] as const;

export type WizardPage = (typeof BEFORE_ASSESSMENT)[number] | (typeof AFTER_ASSESSMENT)[number];

/** The seed's step number of each page. */
export const STEP_OF: Record<WizardPage, number> = {
  documents: 1,
  personal: 1,
  eligibility: 2,
  "work-authorization": 3,
  "self-identification": 4,
  pledge: 5,
  signature: 6,
  "final-questions": 6,
  review: 6,
};

/** Every wizard page in the order a candidate meets them (the assessment sits between the two phases). */
const PAGE_ORDER: readonly WizardPage[] = [...BEFORE_ASSESSMENT, ...AFTER_ASSESSMENT];

/** The page after this one, or "assessment" after the pledge: the one place that knows the wizard's order. */
export function pageAfter(page: WizardPage): WizardPage | "assessment" {
  if (page === "pledge") return "assessment";
  return PAGE_ORDER[PAGE_ORDER.indexOf(page) + 1] ?? "review";
}

/** The page before this one within its phase (戻る), or null at the start of a phase. */
export function pageBefore(page: WizardPage): WizardPage | null {
  const phase: readonly WizardPage[] = (BEFORE_ASSESSMENT as readonly WizardPage[]).includes(page) ? BEFORE_ASSESSMENT : AFTER_ASSESSMENT;
  return phase[phase.indexOf(page) - 1] ?? null;
}

export type Progress = { state: ApplicationState; completedPages: readonly string[] };

/** Where a candidate resuming this application should go. */
export function resumePoint(app: Progress): WizardPage | "assessment" | "complete" | "closed" {
  switch (app.state) {
    case "draft":
      return BEFORE_ASSESSMENT.find((p) => !app.completedPages.includes(p)) ?? "pledge";
    case "assessment_pending":
      return "assessment";
    case "assessment_done":
      return "signature";
    case "signed":
      return app.completedPages.includes("final-questions") ? "review" : "final-questions";
    case "submitted":
    case "screening":
    case "interview_scheduling":
    case "interviewed":
    case "offered":
    case "hired":
    case "rejected":
      return "complete";
    default:
      return "closed";
  }
}

/**
 * May this page be opened now? Earlier pages of the current phase can be revisited; later ones only when
 * every page before them is complete. Pages before the pledge lock once the pledge is given.
 */
export function canOpen(app: Progress, page: WizardPage): boolean {
  if (app.state === "draft") {
    const i = BEFORE_ASSESSMENT.indexOf(page as (typeof BEFORE_ASSESSMENT)[number]);
    if (i < 0) return false;
    return BEFORE_ASSESSMENT.slice(0, i).every((p) => app.completedPages.includes(p));
  }
  if (app.state === "assessment_done") return page === "signature";
  if (app.state === "signed") {
    if (page === "signature" || page === "final-questions") return true;
    return page === "review" && app.completedPages.includes("final-questions");
  }
  return false;
}

/**
 * The recruiting office's pipeline after 応募する: 応募受付 (submitted), 書類選考中, 面接調整中, 面接済, 内定,
 * then 採用 or 不採用. Staff move an application between these stages in any order (a stage can be revisited);
 * 採用 and 不採用 end it, but 不採用 can be taken back to a review stage when it was a mistake.
 */
export const PIPELINE_STAGES = ["submitted", "screening", "interview_scheduling", "interviewed", "offered", "hired", "rejected"] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** Stages in which the office is still deciding. */
export const REVIEW_STAGES = ["submitted", "screening", "interview_scheduling", "interviewed", "offered"] as const;

/** Whether a state is a stage of the office's pipeline. */
export function isPipelineStage(state: string): state is PipelineStage {
  return (PIPELINE_STAGES as readonly string[]).includes(state);
}

/** Whether staff may move an application from one stage to another (and that it is a move at all). */
export function canMove(from: ApplicationState, to: PipelineStage): boolean {
  if (from === to || to === "submitted") return false;
  if ((REVIEW_STAGES as readonly string[]).includes(from)) return true;
  // A rejection made by mistake can be taken back into review; a hire is final.
  return from === "rejected" && (REVIEW_STAGES as readonly string[]).includes(to);
}

export type ApplicationEvent = "screenOut" | "pledge" | "completeAssessment" | "sign" | "submit" | "withdraw";

/** The name each transition is recorded under in the event log. */
export const EVENT_NAMES: Record<ApplicationEvent, string> = {
  screenOut: "application.screened_out",
  pledge: "application.pledged",
  completeAssessment: "application.assessment_completed",
  sign: "application.signed",
  submit: "application.submitted",
  withdraw: "application.withdrawn",
};

const TRANSITIONS: Record<ApplicationEvent, { from: readonly ApplicationState[]; to: ApplicationState }> = {
  screenOut: { from: ["draft", "signed"], to: "screened_out" },
  pledge: { from: ["draft"], to: "assessment_pending" },
  completeAssessment: { from: ["assessment_pending"], to: "assessment_done" },
  sign: { from: ["assessment_done", "signed"], to: "signed" },
  submit: { from: ["signed"], to: "submitted" },
  withdraw: {
    from: ["draft", "assessment_pending", "assessment_done", "signed", "submitted", "screening", "interview_scheduling", "interviewed", "offered"],
    to: "withdrawn",
  },
};

/** The state after an event, or null when the event is not allowed from this state. */
export function transition(state: ApplicationState, event: ApplicationEvent): ApplicationState | null {
  const rule = TRANSITIONS[event];
  return rule.from.includes(state) ? rule.to : null;
}

/** An application the candidate can no longer change: submitted (and in the office's hands), or ended. */
export function isClosed(state: ApplicationState): boolean {
  return state === "withdrawn" || state === "screened_out" || isPipelineStage(state);
}
