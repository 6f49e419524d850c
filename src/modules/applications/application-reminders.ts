import { eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import type { Locale } from "../../platform/i18n/catalogue.ts";
import { composeEmail } from "../../platform/mail/compose.tsx";
import { enqueueMessage, type OutgoingMessage } from "../../platform/mail/outbox.ts";
import { keyedHash, sameSecret } from "../../platform/security/secrets.ts";
import { enqueueJob } from "../../platform/worker/background-jobs.ts";
import { mailTexts } from "../candidate-mail/messages.ts";
import { candidates } from "../candidates/schema.ts";
import { jobTitleOfVersion } from "../jobs/job-versions.ts";
import { type ConsentSource, recordConsent } from "../privacy/consents.ts";
import { isClosed } from "./application-state.ts";
import { type Application, applications } from "./schema.ts";

/** The job kind of a reminder about an unfinished application. */
export const APPLICATION_REMINDER_JOB = "application.reminder";

/** When the reminders go, counted from the start of the application: at most these two. */
export const REMINDER_DELAYS_MS = [24 * 3600_000, 72 * 3600_000] as const;

/**
 * Queues the reminders of a new application, in the transaction that starts it. Each one checks again when
 * it runs whether it is still wanted, so nothing has to cancel them.
 */
export async function scheduleApplicationReminders(tx: Db, input: { applicationId: string; now: Date }): Promise<void> {
  for (const [i, delay] of REMINDER_DELAYS_MS.entries()) {
    await enqueueJob(tx, {
      kind: APPLICATION_REMINDER_JOB,
      payload: { applicationId: input.applicationId, number: i + 1 },
      dedupeKey: `${APPLICATION_REMINDER_JOB}:${input.applicationId}:${i + 1}`,
      runAt: new Date(input.now.getTime() + delay),
      now: input.now,
    });
  }
}

export type ReminderDeps = {
  db: Db;
  now: () => Date;
  secret: string;
  orgName: { ja: string; en: string };
  baseUrl: string;
  nudgeOutbox: () => void;
};

/** The token in a reminder's 「配信を停止する」 link: it names the candidate and proves the link came from us. */
export function remindersOffToken(secret: string, candidateId: string): string {
  return keyedHash(secret, "reminders-off", candidateId);
}

/** Whether a 「配信を停止する」 link is one we sent to this candidate. */
export function isRemindersOffToken(secret: string, candidateId: string, token: string): boolean {
  return sameSecret(token, remindersOffToken(secret, candidateId));
}

/**
 * Turns reminder e-mails on or off for a candidate (アカウント情報, プライバシー, or the link in a reminder), and
 * records the change as a consent given or withdrawn; setting what is already set records nothing.
 */
export async function setApplicationReminders(db: Db, input: { candidateId: string; enabled: boolean; source: ConsentSource; now: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ on: candidates.applicationReminders }).from(candidates).where(eq(candidates.id, input.candidateId)).for("update");
    if (!before || before.on === input.enabled) return;
    await tx.update(candidates).set({ applicationReminders: input.enabled, updatedAt: input.now }).where(eq(candidates.id, input.candidateId));
    await recordConsent(tx, {
      candidateId: input.candidateId,
      purpose: "reminder_emails",
      decision: input.enabled ? "given" : "withdrawn",
      source: input.source,
      now: input.now,
    });
  });
}

/**
 * Sends one reminder if it is still wanted when it runs: the application is unfinished (not submitted,
 * withdrawn or screened out) and the candidate has not turned reminders off. Goes through the outbox with a
 * dedupe key, so a retried job never sends twice.
 */
export async function sendApplicationReminder(deps: ReminderDeps, payload: Record<string, unknown>): Promise<"sent" | "skipped"> {
  const applicationId = String(payload.applicationId ?? "");
  const number = Number(payload.number ?? 0);
  const now = deps.now();
  const sent = await deps.db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId)).limit(1);
    if (!app || isClosed(app.state)) return false;
    const [candidate] = await tx.select().from(candidates).where(eq(candidates.id, app.candidateId)).limit(1);
    if (!candidate?.applicationReminders || candidate.contactStoppedAt) return false;
    const jobTitle = await jobTitleOfVersion(tx, app.jobVersionId);
    const message = reminderMessage({ application: app, jobTitle, recipient: candidate.email, locale: candidate.locale, ...deps });
    await enqueueMessage(tx, { ...message, dedupeKey: `${APPLICATION_REMINDER_JOB}:${app.id}:${number}` }, now);
    return true;
  });
  if (sent) deps.nudgeOutbox();
  return sent ? "sent" : "skipped";
}

/** 「応募手続きが途中です」: the job, where to carry on (after signing in), and how to stop these e-mails. */
export function reminderMessage(input: {
  application: Application;
  /** The job's title as the application saw it. */
  jobTitle: { ja: string; en: string } | undefined;
  recipient: string;
  locale: string;
  orgName: { ja: string; en: string };
  baseUrl: string;
  secret: string;
}): OutgoingMessage {
  const locale: Locale = input.locale === "en" ? "en" : "ja";
  const t = mailTexts(locale);
  const org = input.orgName[locale];
  const app = input.application;
  const title = input.jobTitle?.[locale] ?? app.jobId;
  const off = `${input.baseUrl}/reminders/off?c=${app.candidateId}&t=${remindersOffToken(input.secret, app.candidateId)}`;
  return {
    channel: "email",
    recipient: input.recipient,
    template: "applications.reminder",
    locale,
    ...composeEmail({
      locale,
      subject: t("mail.reminder.subject", { org }),
      greeting: t("mail.greeting", { org }),
      paragraphs: [t("mail.reminder.body", { job: title, jobId: app.jobId }), t("mail.reminder.saved"), t("mail.reminder.stop", { url: off })],
      link: { label: t("mail.reminder.link"), url: `${input.baseUrl}/applications/${app.id}/resume` },
      signature: t("mail.signature", { org }),
    }),
  };
}
