import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Db } from "../../platform/db/database.ts";
import { PROJECT_ROOT } from "../../platform/project-root.ts";
import { MOVE_TARGETS } from "../pipeline/move-targets.ts";
import { emailTemplates } from "./schema.ts";
import { findTemplateTextProblems } from "./template-variables.ts";

const ZBoth = z.object({ ja: z.string().min(1), en: z.string().min(1) });

/** A default template as written in `content/email-templates/pipeline.json`. */
const ZDefaultTemplateSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  stage: z.enum(MOVE_TARGETS).nullable(),
  name: ZBoth,
  subject: ZBoth,
  body: ZBoth,
});

const DEFAULTS_FILE = path.join(PROJECT_ROOT, "content/email-templates/pipeline.json");

/** Reads and checks the default templates; a placeholder the portal does not fill is an error here, not in a candidate's inbox. */
export async function readDefaultTemplates(file = DEFAULTS_FILE): Promise<z.output<typeof ZDefaultTemplateSchema>[]> {
  const parsed = z.array(ZDefaultTemplateSchema).parse(JSON.parse(await readFile(file, "utf8")));
  for (const t of parsed) {
    for (const text of [t.subject.ja, t.subject.en, t.body.ja, t.body.en]) {
      const problems = findTemplateTextProblems(text);
      if (problems.unknown.length > 0 || problems.strayBrace) throw new Error(`default template ${t.key}: ${problems.unknown.join(", ") || "stray brace"}`);
    }
  }
  return parsed;
}

/**
 * Stores version 1 of each default template the database does not have yet. A template the office has
 * changed already has version 1, so its edits are never overwritten; one it has never had arrives.
 */
export async function seedDefaultTemplates(db: Db, now: Date, file?: string): Promise<number> {
  const defaults = await readDefaultTemplates(file);
  const rows = await db
    .insert(emailTemplates)
    .values(defaults.map((t) => ({ id: randomUUID(), key: t.key, version: 1, stage: t.stage, name: t.name, subject: t.subject, body: t.body, createdAt: now })))
    .onConflictDoNothing()
    .returning({ id: emailTemplates.id });
  return rows.length;
}
