import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const STAFF_ROLES = ["admin", "recruiter", "reviewer"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A member of the recruiting office: separate from candidates, with a password, an authenticator and a role. */
export const staffMembers = pgTable(
  "staff_members",
  {
    id: uuid("id").primaryKey(),
    /** Lower-cased; the sign-in identifier. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: STAFF_ROLES }).notNull(),
    /** invited: set-up link sent, not yet completed; active; deactivated: can no longer sign in. */
    status: text("status", { enum: ["invited", "active", "deactivated"] })
      .notNull()
      .default("invited"),
    passwordHash: text("password_hash"),
    /** The authenticator key, sealed with the portal's secret (platform/security/secret-box.ts). */
    totpSecretSealed: text("totp_secret_sealed"),
    /** The last TOTP time step accepted: a code is never accepted twice. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    /** HMACs of the ten recovery codes; a used one becomes null. */
    recoveryCodeHashes: jsonb("recovery_code_hashes").$type<(string | null)[]>().notNull().default([]),
    /** Granted by an admin to a named person: may see sensitive answers after stating a reason. */
    mayViewSensitive: boolean("may_view_sensitive").notNull().default(false),
    locale: text("locale").notNull().default("ja"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
    activatedAt: ts("activated_at"),
    deactivatedAt: ts("deactivated_at"),
  },
  (t) => [uniqueIndex("staff_members_email_idx").on(t.email)],
);

/** Which jobs a recruiter or reviewer works on; admins see every job. */
export const staffJobAssignments = pgTable(
  "staff_job_assignments",
  {
    staffId: uuid("staff_id")
      .notNull()
      .references(() => staffMembers.id, { onDelete: "cascade" }),
    jobId: text("job_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.jobId] }), index("staff_job_assignments_job_idx").on(t.jobId)],
);

/** A one-time set-up link (24 hours): only its hash is stored; the authenticator being enrolled waits here sealed. */
export const staffSetupLinks = pgTable(
  "staff_setup_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    staffId: uuid("staff_id")
      .notNull()
      .references(() => staffMembers.id, { onDelete: "cascade" }),
    /** password → authenticator → recovery codes → done */
    step: text("step", { enum: ["password", "authenticator", "recovery", "done"] })
      .notNull()
      .default("password"),
    pendingTotpSealed: text("pending_totp_sealed"),
    /** The recovery codes, sealed, until the person confirms they have kept them; then erased. */
    pendingRecoverySealed: text("pending_recovery_sealed"),
    createdAt: ts("created_at").notNull(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
  },
  (t) => [index("staff_setup_links_staff_idx").on(t.staffId), index("staff_setup_links_expires_idx").on(t.expiresAt)],
);

/** A staff sign-in between its password step and its second factor, bound to the browser that started it. */
export const staffSignIns = pgTable(
  "staff_sign_ins",
  {
    id: uuid("id").primaryKey(),
    staffId: uuid("staff_id").notNull(),
    bindingHash: text("binding_hash").notNull(),
    failedCodes: integer("failed_codes").notNull().default(0),
    createdAt: ts("created_at").notNull(),
    expiresAt: ts("expires_at").notNull(),
    finishedAt: ts("finished_at"),
  },
  (t) => [index("staff_sign_ins_expires_idx").on(t.expiresAt)],
);

/**
 * The audit log: sign-ins and failures, every view of a candidate's data, downloads, exports, decisions and
 * changes of jobs, templates and staff. Append-only: a database trigger refuses UPDATE and DELETE.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: ts("at").notNull(),
    /** The member of staff who acted; null for a failed sign-in to an unknown address, or the portal itself. */
    staffId: uuid("staff_id"),
    action: text("action").notNull(),
    /** The record acted on, as `kind:id` parts. */
    recordKind: text("record_kind"),
    recordId: text("record_id"),
    /** The candidate whose personal data the action touched, for "who looked at my data". */
    candidateId: uuid("candidate_id"),
    /** HMAC of the client address: comparable across rows, not the address itself. */
    addressHash: text("address_hash"),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_staff_idx").on(t.staffId, t.at),
    index("audit_log_candidate_idx").on(t.candidateId, t.at).where(sql`candidate_id IS NOT NULL`),
    index("audit_log_action_idx").on(t.action, t.at),
  ],
);

export type StaffMember = typeof staffMembers.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
