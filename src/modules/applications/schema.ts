import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { jobVersions } from "../jobs/schema.ts";
import { hiraganaLowerSql, nameSearchKeySql } from "./name-search-key.ts";
import type { TQuestionSet } from "./question-set.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Each stored version of a job's question set; applications point at the version they answer. */
export const questionSets = pgTable(
  "question_sets",
  {
    id: uuid("id").primaryKey(),
    jobId: text("job_id").notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<TQuestionSet>().notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("question_sets_job_version_idx").on(t.jobId, t.version)],
);

export const APPLICATION_STATES = [
  "draft",
  "screened_out",
  "assessment_pending",
  "assessment_done",
  "signed",
  "submitted",
  "screening",
  "interview_scheduling",
  "interviewed",
  "offered",
  "hired",
  "rejected",
  "withdrawn",
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** The pipeline's stages in the order the office reads them; the candidate's own 取り下げ last. */
export const PIPELINE_ORDER = ["submitted", "screening", "interview_scheduling", "interviewed", "offered", "hired", "rejected", "withdrawn"] as const;

const personalText = (field: string) => sql`coalesce("personal"->>'${sql.raw(field)}', '')`;

export type PersonalDetails = {
  familyNameLatin: string;
  givenNameLatin: string;
  middleNameLatin?: string | undefined;
  familyNameKanji?: string | undefined;
  givenNameKanji?: string | undefined;
  familyNameKana: string;
  givenNameKana: string;
  preferredName?: string | undefined;
  country: string;
  postalCode: string;
  prefecture: string;
  city: string;
  address1: string;
  address2?: string | undefined;
  address3?: string | undefined;
  email: string;
  phoneType: "mobile" | "home";
  phone: string;
  smsConsent: boolean;
  feedbackConsent: boolean;
  birthDate: string;
  earliestStart?: string | undefined;
  howHeard: string;
};

/** A candidate's application to one job: a stored flow with its state, progress and signature. */
export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey(),
    reference: text("reference").notNull(),
    candidateId: uuid("candidate_id").notNull(),
    jobId: text("job_id").notNull(),
    questionSetId: uuid("question_set_id").notNull(),
    state: text("state", { enum: APPLICATION_STATES }).notNull().default("draft"),
    /** Pages completed with 保存して続行する, in the order done. */
    completedPages: jsonb("completed_pages").$type<string[]>().notNull().default([]),
    /** Per page, a counter bumped at every save: the stale-tab guard. */
    pageVersions: jsonb("page_versions").$type<Record<string, number>>().notNull().default({}),
    documentsStatus: text("documents_status", { enum: ["uploaded", "to_be_sent"] }),
    documentIds: jsonb("document_ids").$type<string[]>().notNull().default([]),
    personal: jsonb("personal").$type<PersonalDetails>(),
    /** STEP 1 fields kept by 保存する while the page is not yet complete: each valid field as typed (normalised). */
    personalDraft: jsonb("personal_draft").$type<Record<string, string>>(),
    /** The job as it read when the application started (job_versions). */
    jobVersionId: uuid("job_version_id")
      .notNull()
      .references(() => jobVersions.id),
    screenedOutQuestion: text("screened_out_question"),
    screenedOutAnswer: text("screened_out_answer"),
    screenedOutAt: ts("screened_out_at"),
    signedName: text("signed_name"),
    signedStatementHash: text("signed_statement_hash"),
    signedAt: ts("signed_at"),
    signedIp: text("signed_ip"),
    signedUserAgent: text("signed_user_agent"),
    pledgedAt: ts("pledged_at"),
    assessmentDoneAt: ts("assessment_done_at"),
    submittedAt: ts("submitted_at"),
    withdrawnAt: ts("withdrawn_at"),
    withdrawalReason: text("withdrawal_reason"),
    withdrawalNote: text("withdrawal_note"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    /**
     * The columns below are kept by the database from the ones above, so they can never disagree with them;
     * they exist for the office's pipeline, which sorts and pages 100 000 applications of a job by index.
     */
    /** When the application entered the pipeline (応募日), or for one still in the wizard when it was started. */
    pipelineAt: ts("pipeline_at").notNull().generatedAlwaysAs(sql`COALESCE(submitted_at, created_at)`),
    /** The stage's place in PIPELINE_ORDER (1 = 応募受付 … 8 = 取り下げ); 0 before 応募する and after a knock-out. */
    stageRank: smallint("stage_rank")
      .notNull()
      .generatedAlwaysAs(sql.raw(`CASE state ${PIPELINE_ORDER.map((s, i) => `WHEN '${s}' THEN ${i + 1}`).join(" ")} ELSE 0 END`)),
    /** The legal and preferred names in every script, folded for search (name-search-key.ts), `|` between forms. */
    searchName: text("search_name").generatedAlwaysAs(
      sql`CASE WHEN personal IS NULL THEN NULL ELSE ${nameSearchKeySql(sql`${personalText("familyNameKanji")} || ${personalText("givenNameKanji")} || '|' || ${personalText("familyNameKana")} || ${personalText("givenNameKana")} || '|' || ${personalText("familyNameLatin")} || ${personalText("givenNameLatin")} || '|' || ${personalText("givenNameLatin")} || ${personalText("familyNameLatin")} || '|' || ${personalText("preferredName")}`)} END`,
    ),
    /** The name's reading (kana as hiragana, else the alphabet), for sorting by name; empty before STEP 1. */
    sortName: text("sort_name")
      .notNull()
      .generatedAlwaysAs(
        sql`COALESCE(NULLIF(${hiraganaLowerSql(sql`${personalText("familyNameKana")} || ${personalText("givenNameKana")}`)}, ''), ${hiraganaLowerSql(sql`${personalText("familyNameLatin")} || ${personalText("givenNameLatin")}`)})`,
      ),
  },
  (t) => [
    // One open application per candidate and job; withdrawing frees the job for a new one.
    uniqueIndex("applications_open_idx").on(t.candidateId, t.jobId).where(sql`state <> 'withdrawn'`),
    uniqueIndex("applications_reference_idx").on(t.reference),
    index("applications_candidate_idx").on(t.candidateId, t.createdAt),
    // The pipeline's keyset pages: one index per sort order, each ending in the id that makes the order total.
    index("applications_pipeline_date_idx").on(t.jobId, t.pipelineAt, t.id),
    index("applications_pipeline_state_idx").on(t.jobId, t.state, t.pipelineAt, t.id),
    index("applications_pipeline_stage_idx").on(t.jobId, t.stageRank, t.pipelineAt, t.id),
    // Byte order ("C") sorts hiragana in 五十音 order and is the same on every server, whatever its locale.
    index("applications_pipeline_name_idx").on(t.jobId, sql`sort_name COLLATE "C"`, t.id),
    // Names are searched through a GIN index of the two-character pieces of search_name (the pipeline_and_templates migration,
    // written by hand: drizzle-kit cannot declare the function it uses), checked again with LIKE.
    // Search by the e-mail address or phone number given at STEP 1 (the account's own are indexed on candidates).
    index("applications_personal_email_idx").on(sql`(personal->>'email')`).where(sql`personal IS NOT NULL`),
    index("applications_personal_phone_idx").on(sql`(personal->>'phone')`).where(sql`personal IS NOT NULL`),
  ],
);

/** One answer per question; the question-set version travels with the application. */
export const applicationAnswers = pgTable(
  "application_answers",
  {
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    questionKey: text("question_key").notNull(),
    value: jsonb("value").$type<string | string[]>().notNull(),
    sensitive: text("sensitivity", { enum: ["normal", "sensitive"] })
      .notNull()
      .default("normal"),
    consentedAt: ts("consented_at"),
    answeredAt: ts("answered_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.questionKey] })],
);

/**
 * Voluntary self-identification, kept apart from the application so no reviewer screen can show it beside
 * one; only aggregate fairness reports read this table.
 */
export const selfIdentifications = pgTable("self_identifications", {
  applicationId: uuid("application_id")
    .primaryKey()
    .references(() => applications.id, { onDelete: "cascade" }),
  jobId: text("job_id").notNull(),
  gender: text("gender", { enum: ["female", "male", "noAnswer"] }).notNull(),
  recordedAt: ts("recorded_at").notNull().defaultNow(),
});

export type Application = typeof applications.$inferSelect;
/** An application with the job as it read when the application started (its job_versions row). */
export type ApplicationWithJob = Application & { jobSnapshot: Record<string, unknown> };
