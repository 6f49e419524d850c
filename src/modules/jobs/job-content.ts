import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Db } from "../../platform/db/database.ts";
import { jobs, type NewJob } from "./schema.ts";

const ZLocalised = z.object({ ja: z.string().min(1), en: z.string().min(1) });

/** A job as written in `content/jobs/*.json`. */
export const ZJobContentSchema = z.object({
  id: z.string().regex(/^\d{6,12}$/),
  title: ZLocalised,
  team: ZLocalised,
  summary: ZLocalised,
  description: z.object({ ja: z.array(z.string().min(1)).min(1), en: z.array(z.string().min(1)).min(1) }),
  hours: ZLocalised,
  pay: z
    .object({ currency: z.string().length(3), minValue: z.number().positive(), maxValue: z.number().positive(), unitText: z.enum(["HOUR", "MONTH", "YEAR"]) })
    .optional(),
  employmentType: z.enum(["FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY"]),
  remote: z.enum(["remote", "onsite", "hybrid"]),
  countryCode: z.string().length(2),
  status: z.enum(["open", "closed"]),
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
    out.push({ ...j, pay: j.pay ?? null, datePosted: new Date(j.datePosted), validThrough: new Date(j.validThrough) });
  }
  return out;
}

/** Loads the demo jobs on first start; jobs already in the database (perhaps edited by staff) are left alone. */
export async function seedJobs(db: Db, dir: string): Promise<number> {
  const rows = await readJobContent(dir);
  if (rows.length === 0) return 0;
  const inserted = await db.insert(jobs).values(rows).onConflictDoNothing().returning({ id: jobs.id });
  return inserted.length;
}
