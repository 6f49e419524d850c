import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

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
    /** HMAC of the browser key cookie at start: accounts sharing a device show up as an integrity signal. */
    deviceHash: text("device_hash").notNull(),
    startedAt: ts("started_at").notNull(),
    completedAt: ts("completed_at"),
    validUntil: ts("valid_until"),
    score: jsonb("score").$type<Record<string, unknown>>(),
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

/** One row per item shown: when it was first shown, the answer, its version (the stale-tab guard) and how it was given. */
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
    firstShownAt: ts("first_shown_at").notNull(),
    answeredAt: ts("answered_at"),
    /** Milliseconds from first showing to the first answer. */
    msToAnswer: integer("ms_to_answer"),
    changes: integer("changes").notNull().default(0),
    transcriptUsed: boolean("transcript_used").notNull().default(false),
    plays: integer("plays").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.itemId] })],
);

/** Integrity events reported by the page (focus or visibility lost, paste); information for reviewers only. */
export const assessmentEvents = pgTable(
  "assessment_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    attemptId: uuid("attempt_id")
      .notNull()
      .references(() => assessmentAttempts.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["focus-lost", "hidden", "paste", "play", "transcript"] }).notNull(),
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

export type AssessmentAttempt = typeof assessmentAttempts.$inferSelect;
export type AssessmentAnswer = typeof assessmentAnswers.$inferSelect;
