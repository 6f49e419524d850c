import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const ZLocalised = z.object({ ja: z.string().min(1), en: z.string().min(1) });

const ZOption = z.object({ value: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/), label: ZLocalised });

/** One question as the recruiting office configures it. */
export const ZQuestionSchema = z
  .object({
    key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/),
    type: z.enum(["text", "textarea", "select", "radio", "checkboxes", "date", "yesno"]),
    label: ZLocalised,
    hint: ZLocalised.optional(),
    options: z.array(ZOption).optional(),
    required: z.boolean(),
    maxLength: z.number().int().positive().max(5000).optional(),
    /** Answers that end the application, and the condition named on the polite page. */
    knockout: z.object({ answers: z.array(z.string()).min(1), reason: ZLocalised }).optional(),
    /**
     * Answers that cannot go on but end nothing, such as 「理解していない」: the message explains and points to
     * help, and the candidate may answer again.
     */
    clarify: z.object({ answers: z.array(z.string()).min(1), message: ZLocalised }).optional(),
    /**
     * For a sensitive free-text question: answers that report nothing (「無」, 「なし」), which need no consent.
     * Compared after normalisation, ignoring case.
     */
    nothingToReport: z.array(z.string().min(1)).optional(),
    /** A confirmation that must be answered this way to go on (not a knock-out: the candidate fixes it). */
    mustBe: z.string().optional(),
    mustBeMessage: ZLocalised.optional(),
    /** sensitive: 要配慮個人情報, needs its own consent and restricted viewing; self-identification: never shown with the application. */
    sensitivity: z.enum(["normal", "sensitive", "self-identification"]).default("normal"),
    consent: ZLocalised.optional(),
  })
  .superRefine((q, ctx) => {
    const choice = ["select", "radio", "checkboxes"].includes(q.type);
    if (choice && (!q.options || q.options.length < 2)) ctx.addIssue({ code: "custom", message: `${q.key}: a ${q.type} question needs at least two options` });
    if (!choice && q.type !== "yesno" && q.options) ctx.addIssue({ code: "custom", message: `${q.key}: only choice questions have options` });
    const values = q.type === "yesno" ? ["yes", "no"] : (q.options ?? []).map((o) => o.value);
    if (values.length > 0) {
      for (const a of [...(q.knockout?.answers ?? []), ...(q.clarify?.answers ?? []), ...(q.mustBe ? [q.mustBe] : [])]) {
        if (!values.includes(a)) ctx.addIssue({ code: "custom", message: `${q.key}: rule answer "${a}" is not an option` });
      }
    }
    if (q.sensitivity === "sensitive" && !q.consent) ctx.addIssue({ code: "custom", message: `${q.key}: a sensitive question needs its consent text` });
    if (q.mustBe && !q.mustBeMessage) ctx.addIssue({ code: "custom", message: `${q.key}: mustBe needs mustBeMessage` });
    if (q.nothingToReport && (q.sensitivity !== "sensitive" || (q.type !== "text" && q.type !== "textarea")))
      ctx.addIssue({ code: "custom", message: `${q.key}: nothingToReport belongs to a sensitive text question` });
    const overlap = (q.clarify?.answers ?? []).find((a) => q.knockout?.answers.includes(a));
    if (overlap) ctx.addIssue({ code: "custom", message: `${q.key}: "${overlap}" cannot both end the application and ask again` });
  });

export const ZQuestionPageSchema = z.object({
  id: z.enum(["eligibility", "work-authorization", "self-identification", "final-questions"]),
  step: z.number().int().min(1).max(6),
  title: ZLocalised,
  purpose: ZLocalised,
  questions: z.array(ZQuestionSchema).min(1),
});

/** A job's question set, one version of it. */
export const ZQuestionSetSchema = z
  .object({
    jobId: z.string(),
    version: z.number().int().positive(),
    pages: z.array(ZQuestionPageSchema),
  })
  .superRefine((set, ctx) => {
    const keys = set.pages.flatMap((p) => p.questions.map((q) => q.key));
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup) ctx.addIssue({ code: "custom", message: `question key "${dup}" is used twice` });
    for (const id of ZQuestionPageSchema.shape.id.options) {
      if (!set.pages.some((p) => p.id === id)) ctx.addIssue({ code: "custom", message: `page "${id}" is missing` });
    }
  });

export type TQuestion = z.output<typeof ZQuestionSchema>;
export type TQuestionPage = z.output<typeof ZQuestionPageSchema>;
export type TQuestionSet = z.output<typeof ZQuestionSetSchema>;
export type QuestionPageId = TQuestionPage["id"];

/** Reads and checks every question set in a folder; the error names the file and every problem. */
export async function readQuestionSets(dir: string): Promise<TQuestionSet[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  const sets: TQuestionSet[] = [];
  for (const file of files) {
    const parsed = ZQuestionSetSchema.safeParse(JSON.parse(await readFile(path.join(dir, file), "utf8")));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    sets.push(parsed.data);
  }
  return sets;
}

/** The page of a question set by id. */
export function questionPage(set: TQuestionSet, id: QuestionPageId): TQuestionPage {
  const page = set.pages.find((p) => p.id === id);
  if (!page) throw new Error(`question set ${set.jobId} v${set.version} has no page ${id}`);
  return page;
}
