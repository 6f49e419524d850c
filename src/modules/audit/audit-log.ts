import { and, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { type AuditEntry, auditLog } from "../staff/schema.ts";

/** What the audit log records: every action of staff on people's data, on jobs, templates and staff. */
export const AUDIT_ACTIONS = [
  "staff.signed_in",
  "staff.sign_in_failed",
  "staff.signed_out",
  "staff.invited",
  "staff.changed",
  "staff.deactivated",
  "staff.reset",
  "staff.setup_completed",
  "candidate.viewed",
  "candidate.sensitive_viewed",
  "document.downloaded",
  "pipeline.viewed",
  "pipeline.exported",
  "application.moved",
  "application.noted",
  "candidate.emailed",
  "job.created",
  "job.changed",
  "job.published",
  "job.closed",
  "report.exported",
  "template.changed",
  "audit.exported",
  "privacy.viewed",
  "privacy.request_recorded",
  "privacy.request_completed",
  "privacy.disclosed",
  "privacy.candidate_erased",
  "privacy.hold_placed",
  "privacy.hold_released",
  "retention.dry_run",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type NewAuditEntry = {
  at: Date;
  staffId: string | null;
  action: AuditAction;
  record?: { kind: string; id: string };
  candidateId?: string | null;
  addressHash?: string | null;
  detail?: Record<string, unknown>;
};

/** Appends one entry; in the transaction of the action it records when there is one (the table refuses changes). */
export async function recordAudit(db: Db, entry: NewAuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    at: entry.at,
    staffId: entry.staffId,
    action: entry.action,
    recordKind: entry.record?.kind ?? null,
    recordId: entry.record?.id ?? null,
    candidateId: entry.candidateId ?? null,
    addressHash: entry.addressHash ?? null,
    detail: entry.detail ?? {},
  });
}

export type AuditFilter = { staffId?: string; action?: AuditAction; candidateId?: string; from?: Date; to?: Date };

function conditions(filter: AuditFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (filter.staffId) parts.push(eq(auditLog.staffId, filter.staffId));
  if (filter.action) parts.push(eq(auditLog.action, filter.action));
  if (filter.candidateId) parts.push(eq(auditLog.candidateId, filter.candidateId));
  if (filter.from) parts.push(gte(auditLog.at, filter.from));
  if (filter.to) parts.push(lte(auditLog.at, filter.to));
  return parts.length > 0 ? and(...parts) : undefined;
}

/** One page of the log, newest first; `before` is the last id of the previous page (keyset paging). */
export async function listAudit(db: Db, input: { filter: AuditFilter; before?: number; limit: number }): Promise<AuditEntry[]> {
  const where = and(conditions(input.filter), input.before ? lt(auditLog.id, input.before) : undefined);
  return db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(input.limit);
}

/** Every entry matching a filter, oldest first, in batches: for a streamed export with flat memory. */
export async function* auditEntriesFor(db: Db, filter: AuditFilter, batch = 1000): AsyncGenerator<AuditEntry> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(conditions(filter), gte(auditLog.id, after + 1)))
      .orderBy(auditLog.id)
      .limit(batch);
    for (const row of rows) yield row;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}
