import type { PipelineStage } from "../applications/application-state.ts";

/** The stages the office moves applications to, in pipeline order (応募受付 is where they arrive, never a target). */
export const MOVE_TARGETS = ["screening", "interview_scheduling", "interviewed", "offered", "hired", "rejected"] as const satisfies readonly PipelineStage[];
export type MoveTarget = (typeof MOVE_TARGETS)[number];

/** Whether a form value names a stage applications can be moved to. */
export function isMoveTarget(value: unknown): value is MoveTarget {
  return typeof value === "string" && (MOVE_TARGETS as readonly string[]).includes(value);
}
