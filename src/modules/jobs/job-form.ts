/**
 * The job editor's form: what the office may change about a posting, how each field is read and checked,
 * and how a stored job is shown in the form again. Messages are the console catalogue's keys.
 */
import { z } from "zod";
import { normaliseProse, normaliseText } from "../../platform/text/japanese-input.ts";
import { PREFECTURES } from "../addresses/index.ts";
import { type Job, type JobLocation, type JobPay, type LocalisedText, PAY_UNITS } from "./schema.ts";

/** What the office writes about a job; the 求人ID, status and dates of publication are not part of it. */
export type JobDraft = {
  title: LocalisedText;
  team: LocalisedText;
  summary: LocalisedText;
  description: { ja: string[]; en: string[] };
  hours: LocalisedText;
  employmentType: Job["employmentType"];
  remote: Job["remote"];
  location: JobLocation | null;
  pay: JobPay | null;
  validThrough: Date;
  questionSet: string;
  assessmentBank: string;
};

export const EMPLOYMENT_TYPES = ["FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY"] as const;
export const WORK_PLACES = ["remote", "onsite", "hybrid"] as const;

/** The most a field may hold; the description is counted per language over all its paragraphs. */
export const JOB_TEXT_LIMITS = { title: 200, team: 120, summary: 400, hours: 200, locality: 100, description: 10_000 } as const;

/** A 求人ID: the digits the seed's job numbers have. */
export const JOB_ID_PATTERN = /^\d{6,12}$/;

// Texts candidates read keep their full-width punctuation: prose is not NFKC-normalised.
const text = (field: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? normaliseProse(v).replace(/\s*[\r\n]+\s*/g, " ") : ""),
    z.string().min(1, `office.jobs.error.${field}.required`).max(max, `office.jobs.error.tooLong`),
  );

const optionalText = (max: number) => z.preprocess((v) => (typeof v === "string" ? normaliseProse(v) : ""), z.string().max(max, "office.jobs.error.tooLong"));

/** Paragraphs: one a line, blank lines ignored, each line cleaned as any prose field. */
function paragraphsOf(value: unknown): string[] {
  if (typeof value !== "string") return [];
  return value
    .split(/\r\n|\r|\n/)
    .map((line) => normaliseProse(line))
    .filter((line) => line.length > 0);
}

const paragraphs = (field: string) =>
  z.preprocess(
    paragraphsOf,
    z
      .array(z.string())
      .min(1, `office.jobs.error.${field}.required`)
      .max(40, "office.jobs.error.tooLong")
      .refine((lines) => lines.join("").length <= JOB_TEXT_LIMITS.description, "office.jobs.error.tooLong"),
  );

/** An amount as typed: full-width digits and thousands separators accepted; empty is absent. */
function amountOf(value: unknown): number | undefined | null {
  if (typeof value !== "string") return undefined;
  const cleaned = normaliseText(value).replace(/[,，\s]/g, "");
  if (cleaned === "") return undefined;
  return /^\d{1,9}(\.\d{1,2})?$/.test(cleaned) ? Number(cleaned) : null;
}

/** A day as typed (YYYY-MM-DD, or with slashes), meaning the end of that day in Japan. */
export function endOfJapanDay(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(normaliseText(value));
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = new Date(Date.UTC(y, m - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return null;
  return new Date(`${match[1]}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}T23:59:59+09:00`);
}

/** The Japanese calendar day of a moment, as YYYY-MM-DD. */
export function japanDayOf(date: Date): string {
  return new Date(date.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The editor's schema. `questionSets` and `banks` are the choices that exist; anything else is refused.
 * Cross-field rules: a place of work unless the job is fully remote, both ends of the pay range or neither,
 * and the top of the range no lower than its bottom.
 */
export function jobDraftSchema(choices: { questionSets: readonly string[]; banks: readonly string[] }) {
  return (
    z
      .object({
        titleJa: text("titleJa", JOB_TEXT_LIMITS.title),
        titleEn: text("titleEn", JOB_TEXT_LIMITS.title),
        teamJa: text("teamJa", JOB_TEXT_LIMITS.team),
        teamEn: text("teamEn", JOB_TEXT_LIMITS.team),
        summaryJa: text("summaryJa", JOB_TEXT_LIMITS.summary),
        summaryEn: text("summaryEn", JOB_TEXT_LIMITS.summary),
        descriptionJa: paragraphs("descriptionJa"),
        descriptionEn: paragraphs("descriptionEn"),
        hoursJa: text("hoursJa", JOB_TEXT_LIMITS.hours),
        hoursEn: text("hoursEn", JOB_TEXT_LIMITS.hours),
        employmentType: z.enum(EMPLOYMENT_TYPES, "office.jobs.error.employmentType.required"),
        remote: z.enum(WORK_PLACES, "office.jobs.error.remote.required"),
        prefecture: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
        localityJa: optionalText(JOB_TEXT_LIMITS.locality),
        localityEn: optionalText(JOB_TEXT_LIMITS.locality),
        payCurrency: z.preprocess((v) => (typeof v === "string" ? normaliseText(v).toUpperCase() || "JPY" : "JPY"), z.string()),
        payMin: z.preprocess(amountOf, z.number("office.jobs.error.amount").positive("office.jobs.error.amount").optional()),
        payMax: z.preprocess(amountOf, z.number("office.jobs.error.amount").positive("office.jobs.error.amount").optional()),
        payUnit: z.preprocess((v) => (v === "" || v === undefined ? "HOUR" : v), z.enum(PAY_UNITS, "office.form.invalid")),
        validThrough: z.preprocess((v) => endOfJapanDay(v) ?? undefined, z.date("office.jobs.error.validThrough.invalid")),
        questionSet: z
          .string("office.jobs.error.questionSet.required")
          .refine((v) => choices.questionSets.includes(v), "office.jobs.error.questionSet.required"),
        assessmentBank: z
          .string("office.jobs.error.assessmentBank.required")
          .refine((v) => choices.banks.includes(v), "office.jobs.error.assessmentBank.required"),
      })
      // Runs even when a field failed, so every problem is listed at once; fields that failed may hold anything.
      .superRefine(
        (f, ctx) => {
          const remote = typeof f.remote === "string" ? f.remote : "remote";
          if (remote !== "remote") {
            if (!PREFECTURES.some((p) => p.code === f.prefecture))
              ctx.addIssue({ code: "custom", path: ["prefecture"], message: "office.jobs.error.prefecture.required" });
            if (!f.localityJa) ctx.addIssue({ code: "custom", path: ["localityJa"], message: "office.jobs.error.localityJa.required" });
            if (!f.localityEn) ctx.addIssue({ code: "custom", path: ["localityEn"], message: "office.jobs.error.localityEn.required" });
          }
          const min = typeof f.payMin === "number" ? f.payMin : undefined;
          const max = typeof f.payMax === "number" ? f.payMax : undefined;
          if (f.payMin === undefined && f.payMax === undefined) return;
          if (typeof f.payCurrency !== "string" || !/^[A-Z]{3}$/.test(f.payCurrency))
            ctx.addIssue({ code: "custom", path: ["payCurrency"], message: "office.jobs.error.currency" });
          if (f.payMin === undefined) ctx.addIssue({ code: "custom", path: ["payMin"], message: "office.jobs.error.payMin.required" });
          if (f.payMax === undefined) ctx.addIssue({ code: "custom", path: ["payMax"], message: "office.jobs.error.payMax.required" });
          if (min !== undefined && max !== undefined && max < min) ctx.addIssue({ code: "custom", path: ["payMax"], message: "office.jobs.error.payRange" });
        },
        { when: () => true },
      )
      .transform(
        (f): JobDraft => ({
          title: { ja: f.titleJa, en: f.titleEn },
          team: { ja: f.teamJa, en: f.teamEn },
          summary: { ja: f.summaryJa, en: f.summaryEn },
          description: { ja: f.descriptionJa, en: f.descriptionEn },
          hours: { ja: f.hoursJa, en: f.hoursEn },
          employmentType: f.employmentType,
          remote: f.remote,
          location: f.remote === "remote" ? null : { prefectureCode: f.prefecture ?? "", locality: { ja: f.localityJa, en: f.localityEn } },
          pay:
            f.payMin !== undefined && f.payMax !== undefined ? { currency: f.payCurrency, minValue: f.payMin, maxValue: f.payMax, unitText: f.payUnit } : null,
          validThrough: f.validThrough,
          questionSet: f.questionSet,
          assessmentBank: f.assessmentBank,
        }),
      )
  );
}

/** The names of the editor's fields, in the order the page shows them (for the error summary). */
export const JOB_FORM_FIELDS = [
  "id",
  "titleJa",
  "titleEn",
  "teamJa",
  "teamEn",
  "summaryJa",
  "summaryEn",
  "descriptionJa",
  "descriptionEn",
  "remote",
  "prefecture",
  "localityJa",
  "localityEn",
  "hoursJa",
  "hoursEn",
  "employmentType",
  "payCurrency",
  "payMin",
  "payMax",
  "payUnit",
  "validThrough",
  "questionSet",
  "assessmentBank",
] as const;

/**
 * What was typed, to show again after an error: every field of the editor, long descriptions whole (the
 * generic form echo shortens values, which would lose a description).
 */
export function echoJobForm(body: unknown): Record<string, string> {
  const raw = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const name of JOB_FORM_FIELDS) {
    const value = raw[name];
    if (typeof value === "string") values[name] = value.slice(0, name.startsWith("description") ? JOB_TEXT_LIMITS.description * 2 : 1000);
  }
  return values;
}

/** A stored job as the editor's form values. */
export function jobFormValues(job: Job): Record<string, string> {
  return {
    id: job.id,
    titleJa: job.title.ja,
    titleEn: job.title.en,
    teamJa: job.team.ja,
    teamEn: job.team.en,
    summaryJa: job.summary.ja,
    summaryEn: job.summary.en,
    descriptionJa: job.description.ja.join("\n"),
    descriptionEn: job.description.en.join("\n"),
    hoursJa: job.hours.ja,
    hoursEn: job.hours.en,
    employmentType: job.employmentType,
    remote: job.remote,
    prefecture: job.location?.prefectureCode ?? "",
    localityJa: job.location?.locality.ja ?? "",
    localityEn: job.location?.locality.en ?? "",
    payCurrency: job.pay?.currency ?? "JPY",
    payMin: job.pay ? String(job.pay.minValue) : "",
    payMax: job.pay ? String(job.pay.maxValue) : "",
    payUnit: job.pay?.unitText ?? "HOUR",
    validThrough: japanDayOf(job.validThrough),
    questionSet: job.questionSet ?? job.id,
    assessmentBank: job.assessmentBank,
  };
}
