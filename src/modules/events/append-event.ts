import type { Db } from "../../platform/db/database.ts";
import { domainEvents } from "./schema.ts";

/** Who made a change: a candidate, a member of staff, or the portal itself (the worker, a schedule). */
export type Actor = { kind: "candidate"; id: string } | { kind: "staff"; id: string } | { kind: "system" };

export type NewEvent = {
  actor: Actor;
  record: { kind: (typeof domainEvents.$inferInsert)["recordKind"]; id: string };
  /** What happened, in the domain's words: `application.submitted`, `assessment.completed`… */
  name: string;
  from?: string | null;
  to?: string | null;
  data?: Record<string, unknown>;
  at: Date;
};

/** Appends one event; call it inside the transaction of the change it records. */
export async function appendEvent(tx: Db, event: NewEvent): Promise<void> {
  await tx.insert(domainEvents).values({
    occurredAt: event.at,
    actorKind: event.actor.kind,
    actorId: event.actor.kind === "system" ? null : event.actor.id,
    recordKind: event.record.kind,
    recordId: event.record.id,
    name: event.name,
    fromState: event.from ?? null,
    toState: event.to ?? null,
    data: event.data ?? {},
  });
}
