import { resumePoint, STEP_OF } from "../applications/application-state.ts";
import type { ApplicationState } from "../applications/schema.ts";
import { DRAFT_STATES, type DraftStep } from "./pipeline-query.ts";

/** How far an application still in the wizard has come, as the candidate would resume it; null once it is not a draft. */
export function draftStepOf(app: { state: ApplicationState; completedPages: readonly string[] }): DraftStep | null {
  if (!(DRAFT_STATES as readonly string[]).includes(app.state)) return null;
  const point = resumePoint(app);
  if (point === "assessment") return "assessment";
  if (point === "complete" || point === "closed") return null;
  return String(STEP_OF[point]) as DraftStep;
}
