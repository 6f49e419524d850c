import { randomInt, randomUUID } from "node:crypto";
import { and, desc, eq, ne, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { preparedPerDatabase } from "../../platform/db/prepared.ts";
import { rowAsJson, rowsAsJson } from "../../platform/db/row-as-json.ts";
import { isUuid } from "../../platform/db/uuid.ts";
import { enqueueMessage } from "../../platform/mail/outbox.ts";
import { may, type Principal } from "../access/policy.ts";
import { candidates } from "../candidates/schema.ts";
import type { Actor } from "../events/append-event.ts";
import { currentJobVersion, jobSnapshotOf, jobTitleOfVersion, keptJobSnapshot } from "../jobs/job-versions.ts";
import { type Job, questionSetOfJob } from "../jobs/schema.ts";
import { type ConsentSource, recordConsent, recordConsentChange } from "../privacy/consents.ts";
import { markActive } from "../privacy/sign-ins.ts";
import { submittedMessage, withdrawnMessage } from "./application-mail.ts";
import { scheduleApplicationReminders } from "./application-reminders.ts";
import { type ApplicationEvent, isClosed, type WizardPage } from "./application-state.ts";
import { selectApplicationsWithJob } from "./application-with-job.ts";
import { changeApplicationState } from "./change-application-state.ts";
import { signatureHash } from "./e-signature.ts";
import type { AnswerValue } from "./question-answers.ts";
import { readQuestionSets, type TQuestion, type TQuestionSet } from "./question-set.ts";
import {
  type Application,
  type ApplicationWithJob,
  applicationAnswers,
  applications,
  type PersonalDetails,
  questionSets,
  selfIdentifications,
} from "./schema.ts";

/** Stores each question-set version found in content that the database does not have yet. */
export async function seedQuestionSets(db: Db, dir: string, now: Date): Promise<number> {
  const sets = await readQuestionSets(dir);
  let added = 0;
  for (const set of sets) {
    const rows = await db
      .insert(questionSets)
      .values({ id: randomUUID(), jobId: set.jobId, version: set.version, definition: set, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: questionSets.id });
    added += rows.length;
  }
  return added;
}

/** The newest version of a question set, named by the job it was written for (`questionSetOfJob`). */
export async function latestQuestionSet(db: Db, jobId: string): Promise<{ id: string; definition: TQuestionSet } | null> {
  const [row] = await db.select().from(questionSets).where(eq(questionSets.jobId, jobId)).orderBy(desc(questionSets.version)).limit(1);
  return row ?? null;
}

/** The question set an application answers (its own version, never a newer one). */
export async function questionSetOf(db: Db, app: Pick<Application, "questionSetId">): Promise<TQuestionSet> {
  const [row] = await db.select().from(questionSets).where(eq(questionSets.id, app.questionSetId)).limit(1);
  if (!row) throw new Error(`question set ${app.questionSetId} is missing`);
  return row.definition;
}

const REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** A reference a candidate can read out on the phone: no 0/O or 1/I to confuse. */
function newReference(now: Date): string {
  let tail = "";
  for (let i = 0; i < 6; i++) tail += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `${now.toISOString().slice(2, 4)}${now.toISOString().slice(5, 7)}-${tail}`;
}

export type StartOutcome =
  | { ok: true; application: ApplicationWithJob; created: boolean }
  | { ok: false; reason: "noQuestions" | "screenedOut"; application?: ApplicationWithJob };

/**
 * Opens the candidate's application to a job, or returns the open one: one open application per
 * candidate and job, even when two tabs press 応募する at once.
 */
export async function startApplication(db: Db, input: { candidateId: string; job: Job; now: Date }): Promise<StartOutcome> {
  const existing = await openApplication(db, input.candidateId, input.job.id);
  if (existing)
    return existing.state === "screened_out"
      ? { ok: false, reason: "screenedOut", application: existing }
      : { ok: true, application: existing, created: false };
  const set = await latestQuestionSet(db, questionSetOfJob(input.job));
  if (!set) return { ok: false, reason: "noQuestions" };
  const created = await db.transaction(async (tx) => {
    const jobVersionId = await currentJobVersion(tx, input.job, input.now);
    const rows = await tx
      .insert(applications)
      .values({
        id: randomUUID(),
        reference: newReference(input.now),
        candidateId: input.candidateId,
        jobId: input.job.id,
        questionSetId: set.id,
        jobVersionId,
        createdAt: input.now,
        updatedAt: input.now,
      })
      .onConflictDoNothing()
      .returning();
    // The reminders exist exactly when the application does.
    if (rows[0]) await scheduleApplicationReminders(tx, { applicationId: rows[0].id, now: input.now });
    return rows[0] ?? null;
  });
  if (created) return { ok: true, application: { ...created, jobSnapshot: await jobSnapshotOf(db, created.jobVersionId) }, created: true };
  const raced = await openApplication(db, input.candidateId, input.job.id);
  if (!raced) throw new Error("application vanished while starting");
  return { ok: true, application: raced, created: false };
}

/** The candidate's application to a job that is not withdrawn (in progress, submitted or screened out), if any. */
export async function openApplication(db: Db, candidateId: string, jobId: string): Promise<ApplicationWithJob | null> {
  const [row] = await selectApplicationsWithJob(db)
    .where(and(eq(applications.candidateId, candidateId), eq(applications.jobId, jobId), ne(applications.state, "withdrawn")))
    .limit(1);
  return row ?? null;
}

/** Every page of an application reads it first. */
const applicationById = preparedPerDatabase((db) =>
  selectApplicationsWithJob(db)
    .where(eq(applications.id, sql.placeholder("id")))
    .limit(1)
    .prepare("application_with_job"),
);

/** An application, only if the access policy lets this principal see it (every surface asks through here). */
export async function findApplicationFor(db: Db, input: { principal: Principal; applicationId: string }): Promise<ApplicationWithJob | null> {
  if (!isUuid(input.applicationId)) return null;
  const [row] = await applicationById(db).execute({ id: input.applicationId });
  return visibleApplication(input.principal, row ?? null);
}

/** An application already read, only if the access policy lets this principal see it. */
export function visibleApplication(principal: Principal, row: ApplicationWithJob | null): ApplicationWithJob | null {
  return row && may(principal, "view", { kind: "application", candidateId: row.candidateId, jobIds: [row.jobId] }) ? row : null;
}

/** 応募した求人's order: newest first, then by id so two made in the same instant keep their places. */
const NEWEST_FIRST = [desc(applications.createdAt), desc(applications.id)];

/** A candidate's applications, newest first; each job as it read comes from `keptJobSnapshot`. */
export async function listOwnApplications(db: Db, candidateId: string): Promise<ApplicationWithJob[]> {
  const own = (await ownApplications(db).execute({ candidateId })).flatMap((row) => (row.application ? [row.application] : []));
  return withJobSnapshots(db, own);
}

/**
 * A candidate's applications, newest first, as one JSON value read back into rows: for a query that reads them
 * beside something else, such as the session lookup of 応募した求人, and only `when` that holds (else null).
 */
export function ownApplicationsAsJson(candidateId: SQLWrapper, when: SQL): SQL<Application[] | null> {
  return rowsAsJson(applications, { where: eq(applications.candidateId, candidateId), orderBy: NEWEST_FIRST, when });
}

/** An application with the job it was made to as it read then (`keptJobSnapshot`), set on the row itself. */
export async function withJobSnapshot(db: Db, a: Application): Promise<ApplicationWithJob> {
  return Object.assign(a, { jobSnapshot: await keptJobSnapshot(db, a.jobVersionId) });
}

/** Applications, each with its job as `withJobSnapshot` sets it. */
export function withJobSnapshots(db: Db, rows: Application[]): Promise<ApplicationWithJob[]> {
  return Promise.all(rows.map((a) => withJobSnapshot(db, a)));
}

const ownApplications = preparedPerDatabase((db) =>
  db
    .select({ application: rowAsJson(applications) })
    .from(applications)
    .where(eq(applications.candidateId, sql.placeholder("candidateId")))
    .orderBy(...NEWEST_FIRST)
    .prepare("own_applications"),
);

/** The birth dates a candidate has given on their applications (for refusing them as a PIN). */
export async function birthDatesOf(db: Db, candidateId: string): Promise<string[]> {
  const rows = await db.select({ personal: applications.personal }).from(applications).where(eq(applications.candidateId, candidateId));
  return [...new Set(rows.flatMap((r) => (r.personal?.birthDate ? [r.personal.birthDate] : [])))];
}

/** The stored answers of an application, by question key (self-identification is not among them). */
export async function answersOf(db: Db, applicationId: string): Promise<Record<string, AnswerValue>> {
  const rows = await db.select().from(applicationAnswers).where(eq(applicationAnswers.applicationId, applicationId));
  return Object.fromEntries(rows.map((r) => [r.questionKey, r.value]));
}

/** The voluntary gender answer, for the candidate's own STEP 4 page only. */
export async function selfIdentificationOf(db: Db, applicationId: string): Promise<string | null> {
  const [row] = await db.select().from(selfIdentifications).where(eq(selfIdentifications.applicationId, applicationId));
  return row?.gender ?? null;
}

export type SaveOutcome = { ok: true; application: Application } | { ok: false; reason: "stale" | "closed" };

/** What one page's save changes: fields of the application and, when the page moves it on, a state-machine event. */
type PageChange = { patch: Partial<Application>; event?: ApplicationEvent; data?: Record<string, unknown> };

/**
 * Runs one save of one page: locks the row, refuses a stale tab (its page version is behind) or a closed
 * application, applies the change (through the state machine when it moves the application on), bumps
 * the page version. Everything in one transaction.
 */
async function savePage(
  db: Db,
  input: { applicationId: string; page: WizardPage; seenVersion: number; now: Date; actor: Actor },
  change: (tx: Db, app: Application) => Promise<PageChange>,
): Promise<SaveOutcome> {
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, input.applicationId)).for("update");
    if (!app || isClosed(app.state)) return { ok: false, reason: "closed" } as const;
    if ((app.pageVersions[input.page] ?? 0) !== input.seenVersion) return { ok: false, reason: "stale" } as const;
    const { patch, event, data } = await change(tx, app);
    await markActive(tx, app.candidateId, input.now);
    const saved = { ...patch, pageVersions: { ...app.pageVersions, [input.page]: input.seenVersion + 1 } };
    if (event) {
      const moved = await changeApplicationState(tx, { application: app, event, actor: input.actor, now: input.now, patch: saved, ...(data ? { data } : {}) });
      if (!moved) throw new Error(`${event} is not allowed from ${app.state}`);
      return { ok: true, application: moved } as const;
    }
    const [updated] = await tx
      .update(applications)
      .set({ ...saved, updatedAt: input.now })
      .where(eq(applications.id, app.id))
      .returning();
    return { ok: true, application: updated! } as const;
  });
}

function withPage(app: Application, page: WizardPage, complete: boolean): string[] {
  const rest = app.completedPages.filter((p) => p !== page);
  return complete ? [...rest, page] : rest;
}

/** Saves answers to questions on one page; with `complete`, also runs the knock-out and marks the page done. */
export async function saveAnswers(
  db: Db,
  input: {
    applicationId: string;
    page: WizardPage;
    seenVersion: number;
    now: Date;
    actor: Actor;
    questions: TQuestion[];
    answers: Record<string, AnswerValue>;
    consents: Record<string, boolean>;
    complete: boolean;
    knockout: { question: string; answer: string } | null;
    source: ConsentSource;
  },
): Promise<SaveOutcome> {
  return savePage(db, input, async (tx, app) => {
    for (const q of input.questions) {
      const value = input.answers[q.key];
      if (q.sensitivity === "self-identification") {
        if (typeof value === "string") {
          const gender = value as "female" | "male" | "noAnswer";
          await tx
            .insert(selfIdentifications)
            .values({ applicationId: app.id, jobId: app.jobId, gender, recordedAt: input.now })
            .onConflictDoUpdate({ target: selfIdentifications.applicationId, set: { gender, recordedAt: input.now } });
        }
        continue;
      }
      if (value === undefined) continue;
      const sensitive = q.sensitivity === "sensitive" ? "sensitive" : "normal";
      const row = { value, sensitive, consentedAt: input.consents[q.key] ? input.now : null, answeredAt: input.now } as const;
      if (input.consents[q.key]) {
        const consent = { candidateId: app.candidateId, applicationId: app.id, source: input.source, now: input.now };
        await recordConsentChange(tx, { ...consent, purpose: "sensitive_answers", given: true });
      }
      await tx
        .insert(applicationAnswers)
        .values({ applicationId: app.id, questionKey: q.key, ...row })
        .onConflictDoUpdate({ target: [applicationAnswers.applicationId, applicationAnswers.questionKey], set: row });
    }
    if (input.knockout) {
      return {
        patch: { screenedOutQuestion: input.knockout.question, screenedOutAnswer: input.knockout.answer, screenedOutAt: input.now },
        event: "screenOut",
        data: { question: input.knockout.question, answer: input.knockout.answer },
      };
    }
    return { patch: { completedPages: withPage(app, input.page, input.complete) } };
  });
}

/** Saves STEP 1 personal details, recording a change of its SMS and feedback consents for this application. */
export async function savePersonalDetails(
  db: Db,
  input: { applicationId: string; seenVersion: number; now: Date; actor: Actor; personal: PersonalDetails; complete: boolean; source: ConsentSource },
): Promise<SaveOutcome> {
  return savePage(db, { ...input, page: "personal" }, async (tx, app) => {
    const consent = { candidateId: app.candidateId, applicationId: app.id, source: input.source, now: input.now };
    await recordConsentChange(tx, { ...consent, purpose: "contact_sms", given: input.personal.smsConsent });
    await recordConsentChange(tx, { ...consent, purpose: "result_feedback", given: input.personal.feedbackConsent });
    return { patch: { personal: input.personal, personalDraft: null, completedPages: withPage(app, "personal", input.complete) } };
  });
}

/**
 * 保存する on STEP 1: the fields that are filled in and valid, kept as a draft over the stored details until
 * 保存して続行する completes the page. The page is incomplete until then.
 */
export async function savePersonalDraft(
  db: Db,
  input: { applicationId: string; seenVersion: number; now: Date; actor: Actor; values: Record<string, string> },
): Promise<SaveOutcome> {
  return savePage(db, { ...input, page: "personal" }, async (_tx, app) => ({
    patch: { personalDraft: { ...(app.personalDraft ?? {}), ...input.values }, completedPages: withPage(app, "personal", false) },
  }));
}

/** Records STEP 1 documents: the profile documents used, or 「書類をアップロードせず先へ進む」 (to be sent by e-mail). */
export async function saveDocumentsChoice(
  db: Db,
  input: { applicationId: string; seenVersion: number; now: Date; actor: Actor; documentIds: string[] },
): Promise<SaveOutcome> {
  return savePage(db, { ...input, page: "documents" }, async (_tx, app) => ({
    patch: {
      documentIds: input.documentIds,
      documentsStatus: input.documentIds.length > 0 ? "uploaded" : "to_be_sent",
      completedPages: withPage(app, "documents", true),
    },
  }));
}

/** STEP 5: the fairness pledge is given (and recorded as a consent); the application waits for the assessment. */
export async function givePledge(
  db: Db,
  input: { applicationId: string; seenVersion: number; now: Date; actor: Actor; source: ConsentSource },
): Promise<SaveOutcome> {
  return savePage(db, { ...input, page: "pledge" }, async (tx, app) => {
    const consent = { candidateId: app.candidateId, applicationId: app.id, source: input.source, now: input.now };
    await recordConsent(tx, { ...consent, purpose: "fairness_pledge", decision: "given" });
    return { patch: { pledgedAt: input.now, completedPages: withPage(app, "pledge", true) }, event: "pledge" };
  });
}

/**
 * The assessment is finished (or a recent result reused): the e-signature comes next. Does nothing when
 * the application has already moved on (a second tab finishing the same attempt).
 */
export async function recordAssessmentDone(db: Db, input: { applicationId: string; now: Date; actor: Actor; reused: boolean }): Promise<void> {
  await db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, input.applicationId)).for("update");
    if (app?.state !== "assessment_pending") return;
    await changeApplicationState(tx, {
      application: app,
      event: "completeAssessment",
      actor: input.actor,
      now: input.now,
      patch: { assessmentDoneAt: input.now },
      data: { reusedResult: input.reused },
    });
  });
}

/** Records the e-signature: the name as typed, the statement's hash, the time, IP and user agent. */
export async function signApplication(
  db: Db,
  input: { applicationId: string; seenVersion: number; now: Date; actor: Actor; name: string; statement: string; ip: string; userAgent: string },
): Promise<SaveOutcome> {
  return savePage(db, { ...input, page: "signature" }, async (_tx, app) => ({
    patch: {
      signedName: input.name,
      signedStatementHash: signatureHash(input.statement, input.name, input.now),
      signedAt: input.now,
      signedIp: input.ip.slice(0, 64),
      signedUserAgent: input.userAgent.slice(0, 300),
      completedPages: withPage(app, "signature", true),
    },
    event: "sign",
  }));
}

export type SubmitOutcome = { ok: true; application: Application; firstTime: boolean } | { ok: false; reason: "notReady" | "closed" };

/**
 * 「応募する」: submits once. Ten simultaneous clicks make one submission and one e-mail: the row lock
 * serialises them, the later ones find it submitted, and the e-mail's dedupe key stops a second message.
 */
export async function submitApplication(
  db: Db,
  input: {
    applicationId: string;
    now: Date;
    actor: Actor;
    recipient: string;
    locale: string;
    orgName: { ja: string; en: string };
    helpEmail: string;
    baseUrl: string;
  },
): Promise<SubmitOutcome> {
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, input.applicationId)).for("update");
    if (!app) return { ok: false, reason: "closed" } as const;
    if (app.state === "submitted") return { ok: true, application: app, firstTime: false } as const;
    if (app.state !== "signed" || !app.completedPages.includes("final-questions"))
      return { ok: false, reason: app.state === "withdrawn" ? "closed" : "notReady" } as const;
    const updated = await changeApplicationState(tx, {
      application: app,
      event: "submit",
      actor: input.actor,
      now: input.now,
      patch: { submittedAt: input.now, completedPages: withPage(app, "review", true) },
    });
    if (!updated) return { ok: false, reason: "notReady" } as const;
    if (!(await contactStopped(tx, app.candidateId))) {
      const jobTitle = await jobTitleOfVersion(tx, app.jobVersionId);
      await enqueueMessage(tx, { ...submittedMessage({ application: updated, jobTitle, ...input }), dedupeKey: `application-submitted:${app.id}` }, input.now);
    }
    return { ok: true, application: updated, firstTime: true } as const;
  });
}

/** Withdraws an application with the candidate's reason and tells them by e-mail. */
export async function withdrawApplication(
  db: Db,
  input: {
    applicationId: string;
    now: Date;
    actor: Actor;
    reason: string;
    note: string | undefined;
    recipient: string;
    locale: string;
    orgName: { ja: string; en: string };
  },
): Promise<{ ok: true } | { ok: false; reason: "closed" }> {
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, input.applicationId)).for("update");
    if (!app) return { ok: false, reason: "closed" } as const;
    const withdrawn = await changeApplicationState(tx, {
      application: app,
      event: "withdraw",
      actor: input.actor,
      now: input.now,
      patch: { withdrawnAt: input.now, withdrawalReason: input.reason, withdrawalNote: input.note ?? null },
      data: { reason: input.reason },
    });
    if (!withdrawn) return { ok: false, reason: "closed" } as const;
    if (!(await contactStopped(tx, app.candidateId))) {
      const jobTitle = await jobTitleOfVersion(tx, app.jobVersionId);
      await enqueueMessage(tx, { ...withdrawnMessage({ application: app, jobTitle, ...input }), dedupeKey: `application-withdrawn:${app.id}` }, input.now);
    }
    return { ok: true } as const;
  });
}

/** Whether the candidate has stopped all contact: then only the codes they ask for are sent. */
async function contactStopped(db: Db, candidateId: string): Promise<boolean> {
  const [row] = await db.select({ stoppedAt: candidates.contactStoppedAt }).from(candidates).where(eq(candidates.id, candidateId));
  return Boolean(row?.stoppedAt);
}

/** Counts, for tests and the overview: how many answers an application holds. */
export async function countAnswers(db: Db, applicationId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(applicationAnswers).where(eq(applicationAnswers.applicationId, applicationId));
  return row?.n ?? 0;
}
