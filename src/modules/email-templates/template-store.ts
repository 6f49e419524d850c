import { randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { MOVE_TARGETS, type MoveTarget } from "../pipeline/move-targets.ts";
import { type BothLanguages, type EmailTemplate, emailTemplates } from "./schema.ts";
import { findTemplateTextProblems } from "./template-variables.ts";

/** The newest version of every template, in the pipeline's stage order and then by name. */
export async function listCurrentTemplates(db: Db): Promise<EmailTemplate[]> {
  const result = await db.execute(sql`
    SELECT DISTINCT ON (key) id, key, version, stage, name, subject, body, active, created_by, created_at
    FROM email_templates ORDER BY key, version DESC`);
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows.map(
    (r): EmailTemplate => ({
      id: String(r.id),
      key: String(r.key),
      version: Number(r.version),
      stage: (r.stage as string | null) ?? null,
      name: r.name as BothLanguages,
      subject: r.subject as BothLanguages,
      body: r.body as BothLanguages,
      active: r.active === true,
      createdBy: (r.created_by as string | null) ?? null,
      createdAt: r.created_at instanceof Date ? r.created_at : new Date(String(r.created_at)),
    }),
  );
  const place = (t: EmailTemplate) => (t.stage ? (MOVE_TARGETS as readonly string[]).indexOf(t.stage) : MOVE_TARGETS.length);
  return rows.sort((a, b) => place(a) - place(b) || a.name.ja.localeCompare(b.name.ja, "ja"));
}

/** The newest version of one template, or null. */
export async function findCurrentTemplate(db: Db, key: string): Promise<EmailTemplate | null> {
  const [row] = await db.select().from(emailTemplates).where(eq(emailTemplates.key, key)).orderBy(desc(emailTemplates.version)).limit(1);
  return row ?? null;
}

/** One stored version of a template (what a candidate was sent), or null. */
export async function findTemplateVersion(db: Db, key: string, version: number): Promise<EmailTemplate | null> {
  const [row] = await db
    .select()
    .from(emailTemplates)
    .where(and(eq(emailTemplates.key, key), eq(emailTemplates.version, version)))
    .limit(1);
  return row ?? null;
}

/** Every version of a template, newest first. */
export async function templateVersions(db: Db, key: string): Promise<EmailTemplate[]> {
  return db.select().from(emailTemplates).where(eq(emailTemplates.key, key)).orderBy(desc(emailTemplates.version));
}

export type TemplateDraft = { stage: MoveTarget | null; name: BothLanguages; subject: BothLanguages; body: BothLanguages; active: boolean };

export type SaveTemplateOutcome = { ok: true; template: EmailTemplate } | { ok: false; reason: "stale" | "notFound" | "unknownVariables" };

/**
 * Saves a template as a new version, with its audit entry (`template.changed`, naming what changed), in
 * one transaction. `basedOn` is the version the editor showed: when someone saved in between, nothing is
 * written and the editor is told (the stale-tab guard). A new template (no key) gets a key of its own.
 */
export async function saveTemplate(
  db: Db,
  input: { key: string | null; basedOn: number | null; draft: TemplateDraft; staffId: string; now: Date; addressHash: string | null },
): Promise<SaveTemplateOutcome> {
  const { subject, body } = input.draft;
  const texts = [subject.ja, subject.en, body.ja, body.en].map(findTemplateTextProblems);
  // A placeholder the portal does not fill would reach candidates as typed: never stored.
  if (texts.some((p) => p.unknown.length > 0 || p.strayBrace)) return { ok: false, reason: "unknownVariables" };
  return db.transaction(async (tx) => {
    const key = input.key ?? `custom-${randomBytes(4).toString("hex")}`;
    const [current] = await tx.select().from(emailTemplates).where(eq(emailTemplates.key, key)).orderBy(desc(emailTemplates.version)).limit(1).for("update");
    if (input.key && !current) return { ok: false, reason: "notFound" } as const;
    if (current && current.version !== input.basedOn) return { ok: false, reason: "stale" } as const;
    const version = (current?.version ?? 0) + 1;
    const inserted = await tx
      .insert(emailTemplates)
      .values({ id: randomUUID(), key, version, ...input.draft, createdBy: input.staffId, createdAt: input.now })
      .onConflictDoNothing()
      .returning();
    // Two first saves of one new key cannot meet (the key is random); two edits are serialised by the lock above.
    const saved = inserted[0];
    if (!saved) return { ok: false, reason: "stale" } as const;
    const changed = current
      ? (["stage", "name", "subject", "body", "active"] as const).filter((f) => JSON.stringify(current[f]) !== JSON.stringify(saved[f]))
      : ["created"];
    await recordAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      action: "template.changed",
      record: { kind: "email-template", id: key },
      addressHash: input.addressHash,
      detail: { key, version, from: current?.version ?? null, changed },
    });
    return { ok: true, template: saved } as const;
  });
}
