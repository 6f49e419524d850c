import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { enqueueMessage, type OutgoingMessage } from "../../platform/mail/outbox.ts";
import { endAllSessions } from "../../platform/security/sessions.ts";
import { normaliseText } from "../../platform/text/japanese-input.ts";
import type { StaffPrincipal } from "../access/policy.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { STAFF_ROLES, type StaffMember, type StaffRole, staffJobAssignments, staffMembers } from "./schema.ts";
import { issueSetupLink } from "./setup-link.ts";

/** How a staff e-mail address is compared: NFKC, trimmed, lower-cased. */
export function normaliseStaffEmail(raw: string): string {
  return normaliseText(raw).trim().toLowerCase();
}

/** Whether a text is one of the roles. */
export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === "string" && (STAFF_ROLES as readonly string[]).includes(value);
}

export type StaffInvitation = { ok: true; staff: StaffMember; setupToken: string } | { ok: false; reason: "taken" | "invalid" };

/**
 * Adds a member of staff (from the command line or an admin's invitation) with a one-time set-up link valid
 * 24 hours; the token is returned once and stored only as a hash.
 */
export async function inviteStaff(
  db: Db,
  input: {
    email: string;
    name: string;
    role: StaffRole;
    jobIds?: readonly string[];
    invitedBy: string | null;
    now: Date;
    secret: string;
    /** The e-mail carrying the link, written to the outbox in the same transaction. */
    notify?: (member: StaffMember, setupToken: string) => OutgoingMessage;
  },
): Promise<StaffInvitation> {
  const email = normaliseStaffEmail(input.email);
  const name = normaliseText(input.name).trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254 || name.length === 0 || name.length > 100) return { ok: false, reason: "invalid" };
  return db.transaction(async (tx) => {
    const [staff] = await tx
      .insert(staffMembers)
      .values({ id: randomUUID(), email, name, role: input.role, createdAt: input.now, updatedAt: input.now })
      .onConflictDoNothing()
      .returning();
    if (!staff) return { ok: false, reason: "taken" } as const;
    for (const jobId of new Set(input.jobIds ?? [])) await tx.insert(staffJobAssignments).values({ staffId: staff.id, jobId });
    const setupToken = await issueSetupLink(tx, { staffId: staff.id, now: input.now, secret: input.secret });
    if (input.notify) await enqueueMessage(tx, input.notify(staff, setupToken), input.now);
    await recordAudit(tx, {
      at: input.now,
      staffId: input.invitedBy,
      action: "staff.invited",
      record: { kind: "staff", id: staff.id },
      detail: { role: input.role, jobIds: [...(input.jobIds ?? [])] },
    });
    return { ok: true, staff, setupToken } as const;
  });
}

/** A member of staff by id. */
export async function findStaff(db: Db, id: string): Promise<StaffMember | null> {
  const [row] = await db.select().from(staffMembers).where(eq(staffMembers.id, id)).limit(1);
  return row ?? null;
}

/** A member of staff by e-mail address (any case or width). */
export async function findStaffByEmail(db: Db, email: string): Promise<StaffMember | null> {
  const [row] = await db
    .select()
    .from(staffMembers)
    .where(eq(staffMembers.email, normaliseStaffEmail(email)))
    .limit(1);
  return row ?? null;
}

/** Everyone in the office, with the jobs each works on. */
export async function listStaff(db: Db): Promise<(StaffMember & { jobIds: string[] })[]> {
  const members = await db.select().from(staffMembers).orderBy(asc(staffMembers.email));
  const assignments = await db.select().from(staffJobAssignments);
  return members.map((m) => ({ ...m, jobIds: assignments.filter((a) => a.staffId === m.id).map((a) => a.jobId) }));
}

/** The signed-in member of staff as the access policy sees them; null unless active. */
export async function staffPrincipalOf(db: Db, id: string): Promise<{ member: StaffMember; principal: StaffPrincipal } | null> {
  const member = await findStaff(db, id);
  if (member?.status !== "active") return null;
  const jobIds = (await db.select({ jobId: staffJobAssignments.jobId }).from(staffJobAssignments).where(eq(staffJobAssignments.staffId, id))).map(
    (r) => r.jobId,
  );
  return { member, principal: { kind: "staff", id: member.id, role: member.role, jobIds, mayViewSensitive: member.mayViewSensitive } };
}

/** Changes a member's role, jobs and permission to see sensitive answers (an admin's decision, audited). */
export async function updateStaff(
  db: Db,
  input: { staffId: string; role: StaffRole; jobIds: readonly string[]; mayViewSensitive: boolean; changedBy: string; now: Date },
): Promise<StaffMember | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(staffMembers).where(eq(staffMembers.id, input.staffId)).for("update");
    if (!before) return null;
    const [after] = await tx
      .update(staffMembers)
      .set({ role: input.role, mayViewSensitive: input.mayViewSensitive, updatedAt: input.now })
      .where(eq(staffMembers.id, input.staffId))
      .returning();
    const jobsBefore = (await tx.select().from(staffJobAssignments).where(eq(staffJobAssignments.staffId, input.staffId))).map((a) => a.jobId).sort();
    await tx.delete(staffJobAssignments).where(eq(staffJobAssignments.staffId, input.staffId));
    for (const jobId of new Set(input.jobIds)) await tx.insert(staffJobAssignments).values({ staffId: input.staffId, jobId });
    await recordAudit(tx, {
      at: input.now,
      staffId: input.changedBy,
      action: "staff.changed",
      record: { kind: "staff", id: input.staffId },
      detail: {
        role: { from: before.role, to: input.role },
        jobIds: { from: jobsBefore, to: [...new Set(input.jobIds)].sort() },
        mayViewSensitive: { from: before.mayViewSensitive, to: input.mayViewSensitive },
      },
    });
    return after ?? null;
  });
}

/** Deactivates a member: they can no longer sign in, and every session of theirs ends now. */
export async function deactivateStaff(db: Db, input: { staffId: string; by: string; now: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(staffMembers)
      .set({ status: "deactivated", deactivatedAt: input.now, updatedAt: input.now })
      .where(eq(staffMembers.id, input.staffId))
      .returning({ id: staffMembers.id });
    if (!row) return false;
    const ended = await endAllSessions(tx, { kind: "staff", principalId: input.staffId });
    await recordAudit(tx, {
      at: input.now,
      staffId: input.by,
      action: "staff.deactivated",
      record: { kind: "staff", id: input.staffId },
      detail: { sessionsEnded: ended },
    });
    return true;
  });
}

/**
 * Resets a member (a lost authenticator, a forgotten password): their password, authenticator and recovery
 * codes are cleared, their sessions end, and a new set-up link is issued.
 */
export async function resetStaff(
  db: Db,
  input: { staffId: string; by: string | null; now: Date; secret: string; notify?: (member: StaffMember, setupToken: string) => OutgoingMessage },
): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(staffMembers)
      .set({ status: "invited", passwordHash: null, totpSecretSealed: null, totpLastStep: null, recoveryCodeHashes: [], updatedAt: input.now })
      .where(eq(staffMembers.id, input.staffId))
      .returning();
    if (!row) return null;
    await endAllSessions(tx, { kind: "staff", principalId: input.staffId });
    const token = await issueSetupLink(tx, { staffId: input.staffId, now: input.now, secret: input.secret });
    if (input.notify) await enqueueMessage(tx, input.notify(row, token), input.now);
    await recordAudit(tx, { at: input.now, staffId: input.by, action: "staff.reset", record: { kind: "staff", id: input.staffId } });
    return token;
  });
}
