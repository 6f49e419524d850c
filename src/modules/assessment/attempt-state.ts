import { eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { type Actor, appendEvent } from "../events/append-event.ts";
import { type AssessmentAttempt, assessmentAttempts } from "./schema.ts";

export type AttemptState = AssessmentAttempt["state"];
export type AttemptEvent = "complete";

const TRANSITIONS: Record<AttemptEvent, { from: readonly AttemptState[]; to: AttemptState; name: string }> = {
  complete: { from: ["in_progress"], to: "completed", name: "assessment.completed" },
};

/** The state after an event, or null when the event is not allowed from this state. */
export function attemptTransition(state: AttemptState, event: AttemptEvent): AttemptState | null {
  const rule = TRANSITIONS[event];
  return rule.from.includes(state) ? rule.to : null;
}

/**
 * The only code that changes an attempt's state: checks the transition, writes it with the change's other
 * fields and appends the event, in the caller's transaction (the caller holds the row lock).
 */
export async function changeAttemptState(
  tx: Db,
  input: { attempt: AssessmentAttempt; event: AttemptEvent; actor: Actor; now: Date; patch?: Partial<AssessmentAttempt>; data?: Record<string, unknown> },
): Promise<AssessmentAttempt | null> {
  const from = input.attempt.state;
  const to = attemptTransition(from, input.event);
  if (!to) return null;
  const [updated] = await tx
    .update(assessmentAttempts)
    .set({ ...input.patch, state: to })
    .where(eq(assessmentAttempts.id, input.attempt.id))
    .returning();
  await appendEvent(tx, {
    actor: input.actor,
    record: { kind: "assessment_attempt", id: input.attempt.id },
    name: TRANSITIONS[input.event].name,
    from,
    to,
    data: { applicationId: input.attempt.applicationId, bankId: input.attempt.bankId, bankVersion: input.attempt.bankVersion, ...input.data },
    at: input.now,
  });
  return updated!;
}
