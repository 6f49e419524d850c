import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../platform/db/database.ts";
import { DEFAULT_ASSESSMENT_BANK, JOB_STATUSES, jobs, type NewJob, PAY_UNITS } from "./schema.ts";

const ZLocalised = z.object({ ja: z.string().min(1), en: z.string().min(1) });

/** A job as written in `content/jobs/*.json`. */
export const ZJobContentSchema = z.object({
  id: z.string().regex(/^\d{6,12}$/),
  title: ZLocalised,
  team: ZLocalised,
  summary: ZLocalised,
  description: z.object({ ja: z.array(z.string().min(1)).min(1), en: z.array(z.string().min(1)).min(1) }),
  hours: ZLocalised,
  pay: z.object({ currency: z.string().length(3), minValue: z.number().positive(), maxValue: z.number().positive(), unitText: z.enum(PAY_UNITS) }).optional(),
  employmentType: z.enum(["FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY"]),
  remote: z.enum(["remote", "onsite", "hybrid"]),
  location: z.object({ prefectureCode: z.string().regex(/^\d{2}$/), locality: ZLocalised }).optional(),
  countryCode: z.string().length(2),
  status: z.enum(JOB_STATUSES),
  /** The question set new applications answer, by the job it was written for; the job's own by default. */
  questionSet: z
    .string()
    .regex(/^\d{6,12}$/)
    .optional(),
  assessmentBank: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .default(DEFAULT_ASSESSMENT_BANK),
  datePosted: z.iso.datetime({ offset: true }),
  validThrough: z.iso.datetime({ offset: true }),
});

/** Reads and checks every job file in a folder. */
export async function readJobContent(dir: string): Promise<NewJob[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  const out: NewJob[] = [];
  for (const file of files) {
    const parsed = ZJobContentSchema.safeParse(JSON.parse(await readFile(path.join(dir, file), "utf8")));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    const j = parsed.data;
    out.push({
      ...j,
      pay: j.pay ?? null,
      location: j.location ?? null,
      questionSet: j.questionSet ?? null,
      datePosted: new Date(j.datePosted),
      validThrough: new Date(j.validThrough),
    });
  }
  return out;
}

/**
 * Loads the demo jobs at start. A job the office has never changed follows its content file (so a corrected
 * file reaches an existing install); once staff have edited, published or closed it, the database is the
 * truth and the file is ignored. Returns how many jobs were added or refreshed.
 */
export async function seedJobs(db: Db, dir: string): Promise<number> {
  const rows = await readJobContent(dir);
  let touched = 0;
  for (const row of rows) {
    const { id: _id, ...fields } = row;
    const written = await db
      .insert(jobs)
      .values(row)
      .onConflictDoUpdate({ target: jobs.id, set: { ...fields, updatedAt: sql`now()` }, setWhere: eq(jobs.revision, 0) })
      .returning({ id: jobs.id });
    touched += written.length;
  }
  return touched;
}
