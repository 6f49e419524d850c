/**
 * Privacy records: what each candidate agreed to and withdrew, their sign-ins, the office's register of
 * disclosure and deletion requests, legal holds, account deletions and the retention schedule's runs.
 * The records that prove consent or erasure keep only the account's id, which identifies nobody once the
 * account itself is erased (docs/privacy.md).
 */
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** What a candidate can agree to; the privacy notice and e-mail contact are needed for an account. */
export const CONSENT_PURPOSES = [
  "privacy_notice",
  "contact_email",
  "contact_sms",
  "sensitive_answers",
  "fairness_pledge",
  "reminder_emails",
  "result_feedback",
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Append-only: a consent given or withdrawn, with the version of the text agreed to and the page it happened on. */
export const consentRecords = pgTable(
  "consent_records",
  {
    id: uuid("id").primaryKey(),
    candidateId: uuid("candidate_id").notNull(),
    /** Set for consents given within one application (sensitive answers, the pledge, SMS at STEP 1). */
    applicationId: uuid("application_id"),
    purpose: text("purpose", { enum: CONSENT_PURPOSES }).notNull(),
    decision: text("decision", { enum: ["given", "withdrawn"] }).notNull(),
    /** The version of the privacy notice (or of the consent's own wording) in force when it was recorded. */
    textVersion: text("text_version").notNull(),
    /** The page the candidate was on, as a route pattern (e.g. /register, /account/privacy). */
    page: text("page").notNull(),
    recordedAt: ts("recorded_at").notNull(),
  },
  (t) => [index("consent_records_candidate_idx").on(t.candidateId, t.recordedAt)],
);

/** Each completed candidate sign-in, for the candidate's own history; removed by the retention schedule. */
export const candidateSignIns = pgTable(
  "candidate_sign_ins",
  {
    id: uuid("id").primaryKey(),
    candidateId: uuid("candidate_id").notNull(),
    signedInAt: ts("signed_in_at").notNull(),
    /** How the second factor arrived: the e-mailed or texted code. */
    channel: text("channel", { enum: ["email", "sms"] }).notNull(),
    userAgent: text("user_agent"),
  },
  (t) => [index("candidate_sign_ins_candidate_idx").on(t.candidateId, t.signedInAt), index("candidate_sign_ins_at_idx").on(t.signedInAt)],
);

/** A request a candidate made to the office outside the portal (by letter, phone or e-mail), and its answer. */
export const privacyRequests = pgTable(
  "privacy_requests",
  {
    id: uuid("id").primaryKey(),
    candidateId: uuid("candidate_id").notNull(),
    kind: text("kind", { enum: ["disclosure", "deletion"] }).notNull(),
    receivedVia: text("received_via", { enum: ["email", "phone", "letter", "other"] }).notNull(),
    receivedAt: ts("received_at").notNull(),
    recordedBy: uuid("recorded_by").notNull(),
    completedAt: ts("completed_at"),
    completedBy: uuid("completed_by"),
  },
  (t) => [index("privacy_requests_candidate_idx").on(t.candidateId, t.receivedAt)],
);

/** A legal hold pauses the retention schedule for one candidate until it is released; one open hold at a time. */
export const legalHolds = pgTable(
  "legal_holds",
  {
    id: uuid("id").primaryKey(),
    candidateId: uuid("candidate_id").notNull(),
    reason: text("reason").notNull(),
    placedBy: uuid("placed_by").notNull(),
    placedAt: ts("placed_at").notNull(),
    releasedBy: uuid("released_by"),
    releasedAt: ts("released_at"),
  },
  (t) => [uniqueIndex("legal_holds_open_idx").on(t.candidateId).where(sql`released_at IS NULL`)],
);

/** The record that an account was erased: who asked (the candidate, the office or the schedule), when, and how much went. */
export const accountDeletions = pgTable(
  "account_deletions",
  {
    id: uuid("id").primaryKey(),
    candidateId: uuid("candidate_id").notNull(),
    requestedBy: text("requested_by", { enum: ["candidate", "office", "retention"] }).notNull(),
    /** The member of staff who carried out an office deletion. */
    staffId: uuid("staff_id"),
    requestedAt: ts("requested_at").notNull(),
    erasedAt: ts("erased_at"),
    /** Rows removed or cleared per table. */
    removed: jsonb("removed").$type<Record<string, number>>().notNull().default({}),
  },
  (t) => [uniqueIndex("account_deletions_candidate_idx").on(t.candidateId)],
);

/**
 * The voluntary gender answers of erased accounts, kept only as counts for the fairness reports: by job,
 * month the application started, and the furthest stage it reached; nothing that leads back to a person.
 */
export const erasedGenderCounts = pgTable(
  "erased_gender_counts",
  {
    jobId: text("job_id").notNull(),
    /** YYYY-MM in Japan of the application's start. */
    cohortMonth: text("cohort_month").notNull(),
    stage: text("stage").notNull(),
    gender: text("gender", { enum: ["female", "male", "noAnswer"] }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.cohortMonth, t.stage, t.gender] })],
);

/** One application of the retention schedule, or a dry run of it: the clock it ran for and what each rule removed. */
export const retentionRuns = pgTable(
  "retention_runs",
  {
    id: uuid("id").primaryKey(),
    dryRun: boolean("dry_run").notNull(),
    trigger: text("trigger", { enum: ["schedule", "office", "command"] }).notNull(),
    staffId: uuid("staff_id"),
    /** The moment the periods were counted back from. */
    clock: ts("clock").notNull(),
    startedAt: ts("started_at").notNull(),
    finishedAt: ts("finished_at"),
    /** Per rule, how many records it removed (or would remove, in a dry run). */
    report: jsonb("report").$type<Record<string, number>>().notNull().default({}),
  },
  (t) => [index("retention_runs_started_idx").on(t.startedAt)],
);
