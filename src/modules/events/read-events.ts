import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { type DomainEvent, domainEvents } from "./schema.ts";

/** A record's history, oldest first: the status history on staff pages, and what tests check. */
export async function eventsOf(db: Db, record: { kind: DomainEvent["recordKind"]; id: string }): Promise<DomainEvent[]> {
  return db
    .select()
    .from(domainEvents)
    .where(and(eq(domainEvents.recordKind, record.kind), eq(domainEvents.recordId, record.id)))
    .orderBy(asc(domainEvents.id));
}
