import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { isUuid } from "../../platform/db/uuid.ts";
import type { Locale } from "../../platform/i18n/catalogue.ts";
import type { OutgoingMessage } from "../../platform/mail/outbox.ts";
import { coversJob, type StaffPrincipal } from "../access/policy.ts";
import { moveApplications } from "../applications/move-applications.ts";
import { applications } from "../applications/schema.ts";
import { candidates } from "../candidates/schema.ts";
import { composeStageEmail } from "../email-templates/compose-stage-email.ts";
import type { EmailTemplate } from "../email-templates/schema.ts";
import { jobVersions } from "../jobs/schema.ts";
import type { MoveTarget } from "./move-targets.ts";
import { type PipelineMove, pipelineMoves } from "./schema.ts";

/** The most applications one move takes: a page of the list is 50. */
export const MOVE_LIMIT = 200;

export type MoveRequest = Sender & {
  /** The form's own id: the same form sent twice moves once. */
  moveId: string;
  principal: StaffPrincipal;
  jobId: string;
  applicationIds: readonly string[];
  to: MoveTarget;
  /** The template to e-mail each candidate with, in their language; none sends nothing. */
  template: EmailTemplate | null;
  /** When the e-mails go out; null sends them at once. */
  sendAt: Date | null;
  now: Date;
  addressHash: string | null;
};

export type MoveFromPipelineOutcome = { ok: true; move: PipelineMove; repeated: boolean } | { ok: false; reason: "differentRequest" };

function digestOf(request: MoveRequest, ids: readonly string[]): string {
  const what = [
    request.jobId,
    request.to,
    request.template ? `${request.template.key}@${request.template.version}` : "",
    request.sendAt?.toISOString() ?? "",
    ...ids,
  ];
  return createHash("sha256").update(what.join("\n")).digest("base64url");
}

type Recipient = {
  email: string;
  locale: Locale;
  nameJa: string;
  nameEn: string;
  reference: string;
  jobId: string;
  jobTitle: { ja?: string; en?: string };
};

/** What every e-mail of a move says about the sender. */
type Sender = { orgName: { ja: string; en: string }; helpEmail: string; baseUrl: string };

/** One candidate's e-mail from a template, in their language. */
function stageEmailFor(to: Recipient, template: EmailTemplate, sender: Sender): OutgoingMessage {
  return {
    channel: "email",
    recipient: to.email,
    template: `pipeline.${template.key}`,
    locale: to.locale,
    ...composeStageEmail({
      template,
      locale: to.locale,
      values: {
        name: to.locale === "ja" ? to.nameJa : to.nameEn,
        job: to.jobTitle[to.locale] ?? to.jobId,
        jobId: to.jobId,
        reference: to.reference,
        org: sender.orgName[to.locale],
        helpEmail: sender.helpEmail,
      },
      applicationsUrl: `${sender.baseUrl}/account/applications`,
      orgName: sender.orgName[to.locale],
    }),
  };
}

/** Who each application's e-mail goes to and what it says about them, read once before the moves. */
async function recipientsOf(db: Db, jobId: string, ids: string[]): Promise<Map<string, Recipient>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: applications.id,
      jobId: applications.jobId,
      reference: applications.reference,
      personal: applications.personal,
      jobTitle: sql<Recipient["jobTitle"] | null>`${jobVersions.snapshot}->'title'`,
      email: candidates.email,
      locale: candidates.locale,
      familyName: candidates.familyName,
      givenName: candidates.givenName,
      familyNameLatin: candidates.familyNameLatin,
      givenNameLatin: candidates.givenNameLatin,
    })
    .from(applications)
    .innerJoin(candidates, eq(candidates.id, applications.candidateId))
    .innerJoin(jobVersions, eq(jobVersions.id, applications.jobVersionId))
    .where(and(inArray(applications.id, ids), eq(applications.jobId, jobId)));
  return new Map(
    rows.map((r) => {
      const p = r.personal;
      const kanji = p?.familyNameKanji ? `${p.familyNameKanji} ${p.givenNameKanji ?? ""}`.trim() : `${r.familyName} ${r.givenName}`;
      const latin = p ? `${p.givenNameLatin} ${p.familyNameLatin}` : `${r.givenNameLatin} ${r.familyNameLatin}`;
      return [
        r.id,
        {
          email: r.email,
          locale: r.locale === "en" ? "en" : "ja",
          nameJa: kanji,
          nameEn: latin,
          reference: r.reference,
          jobId: r.jobId,
          jobTitle: r.jobTitle ?? ({} as Recipient["jobTitle"]),
        },
      ];
    }),
  );
}

/**
 * A bulk move from the pipeline: records the request under the form's id first, so a double submit (or a
 * reload) finds it and moves nothing again, then moves each application through `moveApplications` (state
 * machine, event, audit, and the e-mail in the candidate's language from the chosen template), and stores
 * what was moved and what was skipped for the page that follows. Applications of another job are skipped
 * as not found.
 */
export async function moveFromPipeline(db: Db, request: MoveRequest): Promise<MoveFromPipelineOutcome> {
  const ids = [...new Set(request.applicationIds)].filter(isUuid).slice(0, MOVE_LIMIT).sort();
  const digest = digestOf(request, ids);
  const [created] = await db
    .insert(pipelineMoves)
    .values({
      id: request.moveId,
      staffId: request.principal.id,
      jobId: request.jobId,
      toStage: request.to,
      requestDigest: digest,
      templateKey: request.template?.key ?? null,
      templateVersion: request.template?.version ?? null,
      sendAt: request.sendAt,
      createdAt: request.now,
    })
    .onConflictDoNothing()
    .returning();
  if (!created) {
    const [earlier] = await db.select().from(pipelineMoves).where(eq(pipelineMoves.id, request.moveId));
    if (!earlier || earlier.staffId !== request.principal.id || earlier.requestDigest !== digest) return { ok: false, reason: "differentRequest" };
    // A move cut short (the process stopped half-way) is finished by its repeat: each application's move
    // and e-mail are themselves once-only, so the ones already done are skipped, not repeated.
    if (earlier.finishedAt) return { ok: true, move: earlier, repeated: true };
  }
  const recipients = await recipientsOf(db, request.jobId, ids);
  const template = request.template;
  const message = template
    ? async (application: { id: string }): Promise<OutgoingMessage | null> => {
        const to = recipients.get(application.id);
        return to ? stageEmailFor(to, template, request) : null;
      }
    : undefined;
  const outcome = await moveApplications(db, {
    applicationIds: ids.filter((id) => recipients.has(id)),
    to: request.to,
    principal: request.principal,
    now: request.now,
    ...(message ? { message } : {}),
    ...(request.sendAt ? { sendAt: request.sendAt } : {}),
    ...(request.addressHash ? { addressHash: request.addressHash } : {}),
    auditDetail: { moveId: request.moveId, template: template ? `${template.key}@${template.version}` : null },
  });
  const skipped = [...ids.filter((id) => !recipients.has(id)).map((id) => ({ id, reason: "notFound" as const })), ...outcome.skipped];
  const [finished] = await db
    .update(pipelineMoves)
    .set({ moved: outcome.moved, skipped, finishedAt: request.now })
    .where(eq(pipelineMoves.id, request.moveId))
    .returning();
  return { ok: true, move: finished!, repeated: !created };
}

/** A move as recorded, for the member who made it; null for anyone else (another member's move reads as missing). */
export async function findPipelineMove(db: Db, input: { moveId: string; principal: StaffPrincipal }): Promise<PipelineMove | null> {
  if (!isUuid(input.moveId)) return null;
  const [row] = await db.select().from(pipelineMoves).where(eq(pipelineMoves.id, input.moveId));
  return row && row.staffId === input.principal.id ? row : null;
}

/** What a move's e-mails would be: how many go out in each language, and one rendered example of each. */
export type MovePreview = {
  counts: Record<Locale, number>;
  examples: Partial<Record<Locale, { name: string; subject: string; textBody: string }>>;
};

/**
 * The e-mails a move would send, rendered for the confirmation page before anything is moved: each
 * candidate is written to in their own language, so the page shows one example per language in use.
 * Null for a member who does not work on the job.
 */
export async function previewPipelineMove(
  db: Db,
  input: { principal: StaffPrincipal; jobId: string; applicationIds: readonly string[]; template: EmailTemplate } & Sender,
): Promise<MovePreview | null> {
  if (!coversJob(input.principal, input.jobId)) return null;
  const ids = [...new Set(input.applicationIds)].filter(isUuid).slice(0, MOVE_LIMIT);
  const recipients = [...(await recipientsOf(db, input.jobId, ids)).values()];
  const preview: MovePreview = { counts: { ja: 0, en: 0 }, examples: {} };
  for (const to of recipients) {
    preview.counts[to.locale] += 1;
    if (!preview.examples[to.locale]) {
      const mail = stageEmailFor(to, input.template, input);
      preview.examples[to.locale] = { name: to.locale === "ja" ? to.nameJa : to.nameEn, subject: mail.subject, textBody: mail.textBody };
    }
  }
  return preview;
}
