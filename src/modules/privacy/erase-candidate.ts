import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, like, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { authThrottles, backgroundJobs, outbox, pendingForms, rateWindows, sessions } from "../../platform/db/schema.ts";
import type { Locale } from "../../platform/i18n/catalogue.ts";
import { composeEmail } from "../../platform/mail/compose.tsx";
import { enqueueMessage, type OutgoingMessage } from "../../platform/mail/outbox.ts";
import { keyedHash } from "../../platform/security/secrets.ts";
import { transition } from "../applications/application-state.ts";
import { changeApplicationState } from "../applications/change-application-state.ts";
import { type Application, applicationAnswers, applications, selfIdentifications } from "../applications/schema.ts";
import { assessmentAttempts } from "../assessment/schema.ts";
import { mailTexts } from "../candidate-mail/messages.ts";
import { applicationNotes } from "../candidate-review/schema.ts";
import { authFlows, type Candidate, candidates, oneTimeCodes } from "../candidates/schema.ts";
import { candidateDocuments } from "../documents/schema.ts";
import type { Actor } from "../events/append-event.ts";
import { FUNNEL_STEPS, furthestStepOf } from "../reports/funnel-steps.ts";
import { readProgressOf } from "../reports/read-application-progress.ts";
import { accountDeletions, candidateSignIns, erasedGenderCounts, legalHolds } from "./schema.ts";

export type DeletionRequester = "candidate" | "office" | "retention";

export type Erasure = { ok: true; deletionId: string; removed: Record<string, number> } | { ok: false; reason: "notFound" | "held" };

/** Why an application ended when its candidate's account was erased. */
export const ERASURE_WITHDRAWAL_REASON = "accountDeleted";

const COHORT_MONTH = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit" });

/** The month (YYYY-MM, in Japan) an application started: the cohort its gender answer is counted in. */
export function cohortMonthOf(startedAt: Date): string {
  return COHORT_MONTH.format(startedAt);
}

function actorOf(input: { candidateId: string; requestedBy: DeletionRequester; staffId?: string | undefined }): Actor {
  if (input.requestedBy === "candidate") return { kind: "candidate", id: input.candidateId };
  if (input.requestedBy === "office" && input.staffId) return { kind: "staff", id: input.staffId };
  return { kind: "system" };
}

/**
 * The last message to an erased account: why, what went and what stays, in the account's language. An account
 * the retention schedule erased had nothing in progress and asked for nothing, so it is told the period passed.
 */
function confirmationMessage(candidate: Candidate, orgName: { ja: string; en: string }, requestedBy: DeletionRequester): OutgoingMessage {
  const locale: Locale = candidate.locale === "en" ? "en" : "ja";
  const t = mailTexts(locale);
  const org = orgName[locale];
  return {
    channel: "email",
    recipient: candidate.email,
    template: "privacy.account_deleted",
    locale,
    dedupeKey: `account-deleted:${candidate.id}`,
    forgetAfterSend: true,
    ...composeEmail({
      locale,
      subject: t("mail.accountDeleted.subject", { org }),
      greeting: t("mail.greeting", { org }),
      paragraphs: [
        t(requestedBy === "retention" ? "mail.accountDeleted.body.retention" : "mail.accountDeleted.body"),
        t("mail.accountDeleted.removed"),
        t("mail.accountDeleted.kept"),
        t("mail.accountDeleted.thisMessage"),
      ],
      signature: t("mail.signature", { org }),
    }),
  };
}

/** Every address the candidate used: the account's e-mail and phone, and each application's STEP 1 ones. */
function addressesOf(candidate: Candidate, apps: { personal: { email?: string; phone?: string } | null }[]): string[] {
  const found = new Set<string>([candidate.email, candidate.phone]);
  for (const app of apps) {
    if (app.personal?.email) found.add(app.personal.email);
    if (app.personal?.phone) found.add(app.personal.phone);
  }
  for (const address of [...found]) found.add(address.toLowerCase());
  return [...found].filter((a) => a !== "");
}

/**
 * Adds the voluntary gender answers of applications about to be removed to the anonymous counts: job, month
 * the application started (Japan), and the furthest step it reached. Returns how many were counted.
 */
export async function keepGenderAnswersAsCounts(tx: Db, apps: Application[]): Promise<number> {
  if (apps.length === 0) return 0;
  const ids = apps.map((a) => a.id);
  const answers = await tx.select().from(selfIdentifications).where(inArray(selfIdentifications.applicationId, ids));
  if (answers.length === 0) return 0;
  const progress = new Map((await readProgressOf(tx, inArray(applications.id, ids))).map((p) => [p.applicationId, p]));
  for (const answer of answers) {
    const app = apps.find((a) => a.id === answer.applicationId)!;
    const reached = progress.get(app.id);
    await tx
      .insert(erasedGenderCounts)
      .values({
        jobId: app.jobId,
        cohortMonth: cohortMonthOf(app.createdAt),
        stage: FUNNEL_STEPS[reached ? furthestStepOf(reached) : 0]!,
        gender: answer.gender,
        count: 1,
      })
      .onConflictDoUpdate({
        target: [erasedGenderCounts.jobId, erasedGenderCounts.cohortMonth, erasedGenderCounts.stage, erasedGenderCounts.gender],
        set: { count: sql`${erasedGenderCounts.count} + 1` },
      });
  }
  return answers.length;
}

async function count(rows: Promise<unknown[]>): Promise<number> {
  return (await rows).length;
}

/**
 * Erases one candidate, in one transaction, whoever asked: records the deletion, withdraws every open
 * application through the state machine (events, stage counts and the office's pipeline follow), keeps each
 * voluntary gender answer only as a count (job, month of the application's start in Japan, furthest stage
 * reached), queues the confirmation e-mail to be forgotten once sent, then removes the applications and all
 * that hangs off them, documents, assessment data, sessions, sign-in flows and codes, throttles keyed by the
 * account or its addresses, kept forms, sign-in history, every other message to the candidate's addresses,
 * and the account itself. Consent records, legal holds, the office's request register and the deletion
 * record stay, holding only the account's id. A candidate under an open legal hold is not erased.
 */
export async function eraseCandidate(
  db: Db,
  input: {
    candidateId: string;
    requestedBy: DeletionRequester;
    staffId?: string;
    now: Date;
    secret: string;
    orgName: { ja: string; en: string };
  },
): Promise<Erasure> {
  return db.transaction(async (tx) => {
    const [candidate] = await tx.select().from(candidates).where(eq(candidates.id, input.candidateId)).for("update");
    if (!candidate) return { ok: false, reason: "notFound" } as const;
    const [hold] = await tx
      .select({ id: legalHolds.id })
      .from(legalHolds)
      .where(and(eq(legalHolds.candidateId, candidate.id), isNull(legalHolds.releasedAt)));
    if (hold) return { ok: false, reason: "held" } as const;
    const deletionId = randomUUID();
    await tx.insert(accountDeletions).values({
      id: deletionId,
      candidateId: candidate.id,
      requestedBy: input.requestedBy,
      staffId: input.staffId ?? null,
      requestedAt: input.now,
    });

    const apps = await tx.select().from(applications).where(eq(applications.candidateId, candidate.id)).for("update");
    const appIds = apps.map((a) => a.id);
    // Before the withdrawals below: the stage an application stood in counts as reached.
    const genderAnswers = await keepGenderAnswersAsCounts(tx, apps);

    const actor = actorOf(input);
    let withdrawn = 0;
    for (const app of apps) {
      if (!transition(app.state, "withdraw")) continue;
      await changeApplicationState(tx, {
        application: app,
        event: "withdraw",
        actor,
        now: input.now,
        patch: { withdrawnAt: input.now, withdrawalReason: ERASURE_WITHDRAWAL_REASON },
        data: { reason: ERASURE_WITHDRAWAL_REASON },
      });
      withdrawn++;
    }

    await enqueueMessage(tx, confirmationMessage(candidate, input.orgName, input.requestedBy), input.now);

    const addresses = addressesOf(candidate, apps);
    const attemptIds = (await tx.select({ id: assessmentAttempts.id }).from(assessmentAttempts).where(eq(assessmentAttempts.candidateId, candidate.id))).map(
      (a) => a.id,
    );
    const jobsAbout: SQL[] = [candidate.id, ...appIds, ...attemptIds].map((id) => like(sql`${backgroundJobs.payload}::text`, `%${id}%`));
    const throttleKeys = [`candidate:${candidate.id}`, ...addresses.map((address) => `identifier:${keyedHash(input.secret, "throttle", address)}`)];

    const removed: Record<string, number> = { withdrawn_applications: withdrawn, self_identifications: genderAnswers };
    removed.application_answers =
      appIds.length > 0 ? await count(tx.delete(applicationAnswers).where(inArray(applicationAnswers.applicationId, appIds)).returning()) : 0;
    removed.application_notes = await count(
      tx.delete(applicationNotes).where(eq(applicationNotes.candidateId, candidate.id)).returning({ id: applicationNotes.id }),
    );
    removed.assessment_attempts = await count(
      tx.delete(assessmentAttempts).where(eq(assessmentAttempts.candidateId, candidate.id)).returning({ id: assessmentAttempts.id }),
    );
    removed.applications = await count(tx.delete(applications).where(eq(applications.candidateId, candidate.id)).returning({ id: applications.id }));
    removed.candidate_documents = await count(
      tx.delete(candidateDocuments).where(eq(candidateDocuments.candidateId, candidate.id)).returning({ id: candidateDocuments.id }),
    );
    removed.sessions = await count(
      tx
        .delete(sessions)
        .where(and(eq(sessions.principalKind, "candidate"), eq(sessions.principalId, candidate.id)))
        .returning({ id: sessions.idHash }),
    );
    removed.one_time_codes = await count(tx.delete(oneTimeCodes).where(eq(oneTimeCodes.candidateId, candidate.id)).returning({ id: oneTimeCodes.id }));
    removed.auth_flows = await count(
      tx
        .delete(authFlows)
        .where(
          or(
            eq(authFlows.candidateId, candidate.id),
            inArray(authFlows.identifier, addresses),
            inArray(authFlows.newEmail, addresses),
            inArray(authFlows.newPhone, addresses),
          ),
        )
        .returning({ id: authFlows.id }),
    );
    removed.auth_throttles = await count(tx.delete(authThrottles).where(inArray(authThrottles.key, throttleKeys)).returning({ key: authThrottles.key }));
    removed.rate_windows = await count(
      tx
        .delete(rateWindows)
        .where(eq(rateWindows.key, `lock-notice:${candidate.id}`))
        .returning({ key: rateWindows.key }),
    );
    removed.pending_forms = await count(tx.delete(pendingForms).where(eq(pendingForms.principalId, candidate.id)).returning({ id: pendingForms.id }));
    removed.candidate_sign_ins = await count(
      tx.delete(candidateSignIns).where(eq(candidateSignIns.candidateId, candidate.id)).returning({ id: candidateSignIns.id }),
    );
    removed.background_jobs = await count(
      tx
        .delete(backgroundJobs)
        .where(or(...jobsAbout))
        .returning({ id: backgroundJobs.id }),
    );
    removed.outbox = await count(
      tx
        .delete(outbox)
        .where(and(inArray(outbox.recipient, addresses), eq(outbox.forgetAfterSend, false)))
        .returning({ id: outbox.id }),
    );
    removed.candidates = await count(tx.delete(candidates).where(eq(candidates.id, candidate.id)).returning({ id: candidates.id }));

    await tx.update(accountDeletions).set({ erasedAt: input.now, removed }).where(eq(accountDeletions.id, deletionId));
    return { ok: true, deletionId, removed } as const;
  });
}
