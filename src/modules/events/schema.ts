import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Every change of state of a record, appended in the transaction of the change itself: the status history,
 * the audit trail and the webhooks all read from here, so none of them can miss a change or see one that
 * was rolled back.
 */
export const domainEvents = pgTable(
  "domain_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: ts("occurred_at").notNull(),
    actorKind: text("actor_kind", { enum: ["candidate", "staff", "system"] }).notNull(),
    actorId: uuid("actor_id"),
    recordKind: text("record_kind", { enum: ["application", "assessment_attempt"] }).notNull(),
    recordId: uuid("record_id").notNull(),
    name: text("name").notNull(),
    fromState: text("from_state"),
    toState: text("to_state"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("domain_events_record_idx").on(t.recordKind, t.recordId, t.id), index("domain_events_occurred_idx").on(t.occurredAt)],
);

export type DomainEvent = typeof domainEvents.$inferSelect;
