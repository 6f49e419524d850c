import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { AssessmentResult } from "./norms/apply-norm.ts";
import type { NormScale } from "./norms/compute-norm.ts";
import type { AttemptMeasures } from "./norms/measure-attempt.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** One candidate's run through one version of the item bank; completed results are reused for 6 months. */
export const assessmentAttempts = pgTable(
  "assessment_attempts",
  {
    id: uuid("id").primaryKey(),
    candidateId: uuid("candidate_id").notNull(),
    applicationId: uuid("application_id").notNull(),
    bankId: text("bank_id").notNull(),
    bankVersion: integer("bank_version").notNull(),
    state: text("state", { enum: ["in_progress", "completed"] })
      .notNull()
      .default("in_progress"),
    /** The furthest step the candidate has reached (0-based index into the bank's steps). */
    furthestStep: integer("furthest_step").notNull().default(0),
    autoAdvance: boolean("auto_advance").notNull().default(true),
    /** An accommodation the candidate chose in ヘルプ: every transcript shown open. Never an integrity signal. */
    showTranscripts: boolean("show_transcripts").notNull().default(false),
    /** HMAC of the browser key cookie at start: accounts sharing a device show up as an integrity signal. */
    deviceHash: text("device_hash").notNull(),
    startedAt: ts("started_at").notNull(),
    completedAt: ts("completed_at"),
    validUntil: ts("valid_until"),
    score: jsonb("score").$type<Record<string, unknown>>(),
    /** The scoring rules' version (`SCORING_VERSION`) the score, measures and result were computed with. */
    scoringVersion: integer("scoring_version"),
    /** The raw measures with their SEs, what norms are computed from (norms/measure-attempt.ts). */
    measures: jsonb("measures").$type<AttemptMeasures>(),
    /** T-scores, ±1 SE bands and the result band on the norm named by `normVersion` (norms/apply-norm.ts). */
    result: jsonb("result").$type<AssessmentResult>(),
    /** The version of the bank version's norm the result stands on; null while there is no norm. */
    normVersion: integer("norm_version"),
    integrity: jsonb("integrity").$type<Record<string, unknown>>(),
    /** SHA-256 of the completed answers in item order: identical patterns across candidates are found by one indexed lookup. */
    answersHash: text("answers_hash"),
  },
  (t) => [
    index("assessment_attempts_candidate_idx").on(t.candidateId, t.bankId),
    index("assessment_attempts_application_idx").on(t.applicationId, t.bankId),
    index("assessment_attempts_device_idx").on(t.deviceHash),
    index("assessment_attempts_answers_hash_idx").on(t.bankId, t.answersHash),
  ],
);

/**
 * One row per item the candidate acted on (answered, played, opened the transcript of): when it was first
 * shown, the answer, its version (the stale-tab guard), the language it was given in, and how it was given.
 */
export const assessmentAnswers = pgTable(
  "assessment_answers",
  {
    attemptId: uuid("attempt_id")
      .notNull()
      .references(() => assessmentAttempts.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    itemVersion: integer("item_version").notNull(),
    /** A situation's picks as `best=a;worst=c` (or one of the two), "-2" … "2" for a work-style pair; null until answered. */
    answer: text("answer"),
    version: integer("version").notNull().default(0),
    /** When the page first showed the item (signed into the page, so opening it writes nothing). */
    firstShownAt: ts("first_shown_at").notNull(),
    /** When the answer was first complete: both picks of a situation, a pair's point. */
    answeredAt: ts("answered_at"),
    /** Milliseconds from first showing to the first complete answer. */
    msToAnswer: integer("ms_to_answer"),
    /** Changes after the answer was first complete. */
    changes: integer("changes").notNull().default(0),
    /** The interface language of the latest save: candidates may switch language mid-test. */
    locale: text("locale", { enum: ["ja", "en"] }),
    /** An accommodation record, never an integrity signal. */
    transcriptUsed: boolean("transcript_used").notNull().default(false),
    /** Plays counted by the server, which refuses one beyond the item's maxPlays. */
    plays: integer("plays").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.itemId] })],
);

/**
 * Integrity events reported by the page (focus or visibility lost, paste); information for reviewers only.
 * Audio plays and transcripts are not integrity events: they live on the answer row (rows written before
 * they moved may still say "play" or "transcript" here, and are not counted).
 */
export const assessmentEvents = pgTable(
  "assessment_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    attemptId: uuid("attempt_id")
      .notNull()
      .references(() => assessmentAttempts.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["focus-lost", "hidden", "paste"] }).notNull(),
    itemId: text("item_id"),
    at: ts("at").notNull(),
  },
  (t) => [index("assessment_events_attempt_idx").on(t.attemptId)],
);

/** The optional experience survey, kept apart from scores and never used in scoring. */
export const assessmentSurveys = pgTable("assessment_surveys", {
  attemptId: uuid("attempt_id")
    .primaryKey()
    .references(() => assessmentAttempts.id, { onDelete: "cascade" }),
  bankId: text("bank_id").notNull(),
  answers: jsonb("answers").$type<Record<string, number>>().notNull(),
  submittedAt: ts("submitted_at").notNull(),
});

/**
 * The applicant norm of a bank version under a scoring version, one row per recomputation (norms/). A
 * provisional norm is replaced by the next; the first final one (500 attempts or more) stays.
 */
export const assessmentNorms = pgTable(
  "assessment_norms",
  {
    bankId: text("bank_id").notNull(),
    bankVersion: integer("bank_version").notNull(),
    scoringVersion: integer("scoring_version").notNull(),
    version: integer("version").notNull(),
    /** Completed attempts in the norm group (its n). */
    attempts: integer("attempts").notNull(),
    provisional: boolean("provisional").notNull(),
    scales: jsonb("scales").$type<Record<string, NormScale>>().notNull(),
    computedAt: ts("computed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.bankId, t.bankVersion, t.scoringVersion, t.version] })],
);

export type AssessmentAttempt = typeof assessmentAttempts.$inferSelect;
export type AssessmentAnswer = typeof assessmentAnswers.$inferSelect;
