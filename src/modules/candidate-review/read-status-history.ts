import { inArray } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import type { Application } from "../applications/schema.ts";
import { eventsOf } from "../events/read-events.ts";
import type { DomainEvent } from "../events/schema.ts";
import { staffMembers } from "../staff/schema.ts";

/** One change of an application, with the name of the member of staff who made it when staff did. */
export type StatusChange = Pick<DomainEvent, "id" | "occurredAt" | "name" | "fromState" | "toState" | "actorKind"> & {
  staffName: string | null;
  /** The knock-out question, the withdrawal reason or a reused assessment result, when the event carries one. */
  data: Record<string, unknown>;
};

/** The status history of an application from its domain events, oldest first. */
export async function readStatusHistory(db: Db, application: Pick<Application, "id">): Promise<StatusChange[]> {
  const events = await eventsOf(db, { kind: "application", id: application.id });
  const staffIds = [...new Set(events.flatMap((e) => (e.actorKind === "staff" && e.actorId ? [e.actorId] : [])))];
  const names = staffIds.length
    ? new Map(
        (await db.select({ id: staffMembers.id, name: staffMembers.name }).from(staffMembers).where(inArray(staffMembers.id, staffIds))).map((s) => [
          s.id,
          s.name,
        ]),
      )
    : new Map<string, string>();
  return events.map((e) => ({
    id: e.id,
    occurredAt: e.occurredAt,
    name: e.name,
    fromState: e.fromState,
    toState: e.toState,
    actorKind: e.actorKind,
    staffName: e.actorKind === "staff" && e.actorId ? (names.get(e.actorId) ?? null) : null,
    data: e.data,
  }));
}
