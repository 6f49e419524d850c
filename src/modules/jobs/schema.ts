import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Text in both of the portal's languages. */
export type LocalisedText = { ja: string; en: string };

/** Where an on-site or hybrid job is done: a prefecture (JIS X 0401 code) and the city or ward in both languages. */
export type JobLocation = { prefectureCode: string; locality: LocalisedText };

/** What a job's pay is quoted per, as schema.org's `unitText` names it. */
export const PAY_UNITS = ["HOUR", "DAY", "MONTH", "YEAR"] as const;
export type PayUnit = (typeof PAY_UNITS)[number];

export type JobPay = { currency: string; minValue: number; maxValue: number; unitText: PayUnit };

/** draft: being written, seen by staff only; open: listed and taking applications; closed: no longer taking them. */
export const JOB_STATUSES = ["draft", "open", "closed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** The bank a job's assessment uses when nobody chose another: the demo bank. */
export const DEFAULT_ASSESSMENT_BANK = "csa-ja";

/** A job posting; `id` is the public 求人ID. */
export const jobs = pgTable("jobs", {
  id: text("id").primaryKey(),
  title: jsonb("title").$type<LocalisedText>().notNull(),
  team: jsonb("team").$type<LocalisedText>().notNull(),
  summary: jsonb("summary").$type<LocalisedText>().notNull(),
  description: jsonb("description").$type<{ ja: string[]; en: string[] }>().notNull(),
  hours: jsonb("hours").$type<LocalisedText>().notNull(),
  pay: jsonb("pay").$type<JobPay>(),
  employmentType: text("employment_type", { enum: ["FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY"] }).notNull(),
  remote: text("remote", { enum: ["remote", "onsite", "hybrid"] }).notNull(),
  /** Where the work is done when it is not fully remote; null for a remote job. */
  location: jsonb("location").$type<JobLocation>(),
  countryCode: text("country_code").notNull(),
  status: text("status", { enum: JOB_STATUSES }).notNull().default("open"),
  /**
   * The question set new applications answer, named by the job it was written for (`question_sets.job_id`);
   * null means the set written for this job itself.
   */
  questionSet: text("question_set"),
  /** The assessment item bank (`bankId`) its candidates take. */
  assessmentBank: text("assessment_bank").notNull().default(DEFAULT_ASSESSMENT_BANK),
  /** Bumped by every change the office makes: 0 means the job is as the content files seeded it. */
  revision: integer("revision").notNull().default(0),
  datePosted: ts("date_posted").notNull(),
  validThrough: ts("valid_through").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export type Job = typeof jobs.$inferSelect;

/**
 * A job as candidates applied to it: one row per distinct content of a posting, shared by every application
 * started while the job read so (applications keep the wording they applied under, however the job changes).
 */
export const jobVersions = pgTable(
  "job_versions",
  {
    id: uuid("id").primaryKey(),
    jobId: text("job_id").notNull(),
    revision: integer("revision").notNull(),
    /** The job's fields as they read, without its created and updated times. */
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    /** md5 of the snapshot as PostgreSQL prints its jsonb: the same content is stored once. */
    digest: text("digest").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [uniqueIndex("job_versions_digest_idx").on(t.digest), index("job_versions_job_idx").on(t.jobId, t.revision)],
);
export type NewJob = typeof jobs.$inferInsert;

/** The question set a job's new applications answer. */
export function questionSetOfJob(job: Pick<Job, "id" | "questionSet">): string {
  return job.questionSet ?? job.id;
}
