import { eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { type Actor, appendEvent } from "../events/append-event.ts";
import { type ApplicationEvent, canMove, EVENT_NAMES, type PipelineStage, transition } from "./application-state.ts";
import { type Application, applications } from "./schema.ts";

/**
 * The only code that changes an application's state: checks the transition against the state machine,
 * writes the new state with the change's other fields, and appends the event, all in the caller's
 * transaction (the caller holds the row lock). Returns null when the event is not allowed from the
 * application's current state, and changes nothing then.
 */
export async function changeApplicationState(
  tx: Db,
  input: {
    application: Application;
    /** A step of the candidate's journey, or the office moving the application to a stage of its pipeline. */
    event: ApplicationEvent | { moveTo: PipelineStage };
    actor: Actor;
    now: Date;
    patch?: Partial<Application>;
    data?: Record<string, unknown>;
  },
): Promise<Application | null> {
  const from = input.application.state;
  const event = input.event;
  const to = typeof event === "string" ? transition(from, event) : canMove(from, event.moveTo) ? event.moveTo : null;
  if (!to) return null;
  const [updated] = await tx
    .update(applications)
    .set({ ...input.patch, state: to, updatedAt: input.now })
    .where(eq(applications.id, input.application.id))
    .returning();
  await appendEvent(tx, {
    actor: input.actor,
    record: { kind: "application", id: input.application.id },
    name: typeof event === "string" ? EVENT_NAMES[event] : "application.moved",
    from,
    to,
    data: { jobId: input.application.jobId, ...input.data },
    at: input.now,
  });
  return updated!;
}
