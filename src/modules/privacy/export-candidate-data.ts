import { and, asc, eq, gte, inArray, like, or } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { outbox } from "../../platform/db/schema.ts";
import { questionSetOf } from "../applications/application-store.ts";
import { selectApplicationsWithJob } from "../applications/application-with-job.ts";
import { snapshotJob } from "../applications/job-snapshot.ts";
import type { AnswerValue } from "../applications/question-answers.ts";
import { type Application, applicationAnswers, applications, type PersonalDetails, selfIdentifications } from "../applications/schema.ts";
import { assessmentAnswers, assessmentAttempts, assessmentEvents, assessmentSurveys } from "../assessment/schema.ts";
import { applicationNotes } from "../candidate-review/schema.ts";
import { candidates } from "../candidates/schema.ts";
import { candidateDocuments } from "../documents/schema.ts";
import { domainEvents } from "../events/schema.ts";
import { consentHistory } from "./consents.ts";
import { type ConsentPurpose, candidateSignIns } from "./schema.ts";

type Localised = { ja: string; en: string };

/** One answer with the question it answered, in the words of the question-set version the application used. */
export type ExportedAnswer = {
  questionKey: string;
  question: Localised | null;
  value: AnswerValue;
  /** The labels of the options chosen, as the question showed them; null for a typed answer. */
  chosen: Localised[] | null;
  sensitive: boolean;
  consentedAt: Date | null;
  answeredAt: Date;
};

export type ExportedApplication = {
  id: string;
  reference: string;
  job: { id: string; title: Localised };
  state: Application["state"];
  questionSetVersion: number;
  createdAt: Date;
  updatedAt: Date;
  completedPages: string[];
  documents: { status: Application["documentsStatus"]; documentIds: string[] };
  personal: PersonalDetails | null;
  personalDraft: Record<string, string> | null;
  answers: ExportedAnswer[];
  /** The voluntary gender answer: the candidate's own, shown to nobody in the office beside the application. */
  selfIdentification: { gender: string; question: Localised | null; chosen: Localised | null; recordedAt: Date } | null;
  screenedOut: { questionKey: string; question: Localised | null; answer: string | null; at: Date | null } | null;
  pledgedAt: Date | null;
  assessmentDoneAt: Date | null;
  signature: { name: string; statementHash: string | null; signedAt: Date | null; ip: string | null; userAgent: string | null } | null;
  submittedAt: Date | null;
  withdrawal: { at: Date; reason: string | null; note: string | null } | null;
  /** Each change of the application's stage, by the candidate or the office. */
  stages: { at: Date; from: string | null; to: string | null }[];
  /** What the office wrote about the application (without who wrote it). */
  officeNotes: { body: string; rating: number | null; createdAt: Date }[];
};

export type ExportedAttempt = {
  id: string;
  applicationId: string;
  bank: { id: string; version: number };
  state: string;
  startedAt: Date;
  completedAt: Date | null;
  validUntil: Date | null;
  settings: { autoAdvance: boolean; showTranscripts: boolean };
  score: Record<string, unknown> | null;
  measures: unknown;
  result: unknown;
  integrity: Record<string, unknown> | null;
  answers: {
    itemId: string;
    itemVersion: number;
    answer: string | null;
    firstShownAt: Date;
    answeredAt: Date | null;
    msToAnswer: number | null;
    changes: number;
    plays: number;
    locale: string | null;
    transcriptUsed: boolean;
  }[];
  events: { kind: string; itemId: string | null; at: Date }[];
  survey: { answers: Record<string, number>; submittedAt: Date } | null;
};

/** Everything the portal holds about one candidate, for their own download and for the office's disclosure. */
export type CandidateDataExport = {
  exportedAt: Date;
  profile: {
    id: string;
    email: string;
    phone: string;
    familyName: string;
    givenName: string;
    familyNameLatin: string;
    givenNameLatin: string;
    timeZone: string;
    locale: string;
    contactConsent: boolean;
    applicationReminders: boolean;
    contactStoppedAt: Date | null;
    lastActiveAt: Date;
    createdAt: Date;
    updatedAt: Date;
  };
  applications: ExportedApplication[];
  documents: {
    id: string;
    kind: string;
    label: string;
    note: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    createdAt: Date;
    downloadPath: string;
  }[];
  assessments: ExportedAttempt[];
  consents: {
    purpose: ConsentPurpose;
    decision: "given" | "withdrawn";
    applicationId: string | null;
    textVersion: string;
    page: string;
    recordedAt: Date;
  }[];
  messages: { channel: "email" | "sms"; recipient: string; subject: string; status: string; createdAt: Date; sentAt: Date | null }[];
  signIns: { signedInAt: Date; channel: "email" | "sms"; userAgent: string | null }[];
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * All the data held about one candidate, and nobody else's: the account, every application with its answers
 * and the questions as they were asked, the gender answer, documents (their records; each downloads from its
 * own page), each application's stage changes and the office's notes on it, assessment attempts with answers
 * and results, consents, sign-ins, and the messages sent to them.
 * Internal fingerprints shared between accounts (the device and answer-pattern hashes) are left out.
 *
 * A message belongs to the candidate when its key names one of their applications, or when it went to their
 * present e-mail address or phone number after the account was made and names no one else's application.
 * Null when there is no such account.
 */
export async function exportCandidateData(db: Db, candidateId: string, now: Date = new Date()): Promise<CandidateDataExport | null> {
  const [candidate] = await db.select().from(candidates).where(eq(candidates.id, candidateId));
  if (!candidate) return null;
  const apps = await selectApplicationsWithJob(db).where(eq(applications.candidateId, candidateId)).orderBy(asc(applications.createdAt));
  const appIds = apps.map((a) => a.id);
  const answers = appIds.length > 0 ? await db.select().from(applicationAnswers).where(inArray(applicationAnswers.applicationId, appIds)) : [];
  const stageChanges =
    appIds.length > 0
      ? await db
          .select()
          .from(domainEvents)
          .where(and(eq(domainEvents.recordKind, "application"), inArray(domainEvents.recordId, appIds)))
          .orderBy(asc(domainEvents.occurredAt), asc(domainEvents.id))
      : [];
  const notes =
    appIds.length > 0
      ? await db.select().from(applicationNotes).where(inArray(applicationNotes.applicationId, appIds)).orderBy(asc(applicationNotes.createdAt))
      : [];
  const genders = appIds.length > 0 ? await db.select().from(selfIdentifications).where(inArray(selfIdentifications.applicationId, appIds)) : [];

  const exported: ExportedApplication[] = [];
  for (const a of apps) {
    const set = await questionSetOf(db, a);
    const questions = new Map(set.pages.flatMap((p) => p.questions).map((q) => [q.key, q]));
    const label = (key: string) => questions.get(key)?.label ?? null;
    const chosen = (key: string, value: AnswerValue): Localised[] | null => {
      const options = questions.get(key)?.options;
      if (!options) return null;
      const values = Array.isArray(value) ? value : [String(value)];
      return values.flatMap((v) => options.filter((o) => o.value === v).map((o) => o.label));
    };
    const genderQuestion = [...questions.values()].find((q) => q.sensitivity === "self-identification");
    const gender = genders.find((g) => g.applicationId === a.id);
    exported.push({
      id: a.id,
      reference: a.reference,
      job: { id: a.jobId, title: snapshotJob(a).title },
      state: a.state,
      questionSetVersion: set.version,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      completedPages: a.completedPages,
      documents: { status: a.documentsStatus, documentIds: a.documentIds },
      personal: a.personal,
      personalDraft: a.personalDraft,
      answers: answers
        .filter((r) => r.applicationId === a.id)
        .map((r) => ({
          questionKey: r.questionKey,
          question: label(r.questionKey),
          value: r.value,
          chosen: chosen(r.questionKey, r.value),
          sensitive: r.sensitive === "sensitive",
          consentedAt: r.consentedAt,
          answeredAt: r.answeredAt,
        })),
      selfIdentification: gender
        ? {
            gender: gender.gender,
            question: genderQuestion?.label ?? null,
            chosen: genderQuestion?.options?.find((o) => o.value === gender.gender)?.label ?? null,
            recordedAt: gender.recordedAt,
          }
        : null,
      screenedOut: a.screenedOutQuestion
        ? { questionKey: a.screenedOutQuestion, question: label(a.screenedOutQuestion), answer: a.screenedOutAnswer, at: a.screenedOutAt }
        : null,
      pledgedAt: a.pledgedAt,
      assessmentDoneAt: a.assessmentDoneAt,
      signature: a.signedName
        ? { name: a.signedName, statementHash: a.signedStatementHash, signedAt: a.signedAt, ip: a.signedIp, userAgent: a.signedUserAgent }
        : null,
      submittedAt: a.submittedAt,
      withdrawal: a.withdrawnAt ? { at: a.withdrawnAt, reason: a.withdrawalReason, note: a.withdrawalNote } : null,
      stages: stageChanges.filter((e) => e.recordId === a.id).map((e) => ({ at: e.occurredAt, from: e.fromState, to: e.toState })),
      officeNotes: notes.filter((n) => n.applicationId === a.id).map((n) => ({ body: n.body, rating: n.rating, createdAt: n.createdAt })),
    });
  }

  const documents = await db
    .select({
      id: candidateDocuments.id,
      kind: candidateDocuments.kind,
      label: candidateDocuments.label,
      note: candidateDocuments.note,
      mediaType: candidateDocuments.mediaType,
      sizeBytes: candidateDocuments.sizeBytes,
      sha256: candidateDocuments.sha256,
      createdAt: candidateDocuments.createdAt,
    })
    .from(candidateDocuments)
    .where(eq(candidateDocuments.candidateId, candidateId))
    .orderBy(asc(candidateDocuments.createdAt));

  const attempts = await db.select().from(assessmentAttempts).where(eq(assessmentAttempts.candidateId, candidateId)).orderBy(asc(assessmentAttempts.startedAt));
  const attemptIds = attempts.map((t) => t.id);
  const itemAnswers = attemptIds.length > 0 ? await db.select().from(assessmentAnswers).where(inArray(assessmentAnswers.attemptId, attemptIds)) : [];
  const events = attemptIds.length > 0 ? await db.select().from(assessmentEvents).where(inArray(assessmentEvents.attemptId, attemptIds)) : [];
  const surveys = attemptIds.length > 0 ? await db.select().from(assessmentSurveys).where(inArray(assessmentSurveys.attemptId, attemptIds)) : [];

  const consents = await consentHistory(db, candidateId);
  const signIns = await db.select().from(candidateSignIns).where(eq(candidateSignIns.candidateId, candidateId)).orderBy(asc(candidateSignIns.signedInAt));

  const sent = await db
    .select()
    .from(outbox)
    .where(
      or(
        and(inArray(outbox.recipient, [candidate.email, candidate.phone]), gte(outbox.createdAt, candidate.createdAt)),
        ...appIds.map((id) => like(outbox.dedupeKey, `%${id}%`)),
      ),
    )
    .orderBy(asc(outbox.createdAt), asc(outbox.id));
  const own = new Set(appIds);
  const named = (key: string | null) => key?.match(UUID) ?? [];
  const messages = sent.filter((m) => {
    const ids = named(m.dedupeKey);
    return (
      ids.some((id) => own.has(id)) || (ids.length === 0 && m.createdAt >= candidate.createdAt && [candidate.email, candidate.phone].includes(m.recipient))
    );
  });

  return {
    exportedAt: now,
    profile: {
      id: candidate.id,
      email: candidate.email,
      phone: candidate.phone,
      familyName: candidate.familyName,
      givenName: candidate.givenName,
      familyNameLatin: candidate.familyNameLatin,
      givenNameLatin: candidate.givenNameLatin,
      timeZone: candidate.timeZone,
      locale: candidate.locale,
      contactConsent: candidate.contactConsent,
      applicationReminders: candidate.applicationReminders,
      contactStoppedAt: candidate.contactStoppedAt,
      lastActiveAt: candidate.lastActiveAt,
      createdAt: candidate.createdAt,
      updatedAt: candidate.updatedAt,
    },
    applications: exported,
    documents: documents.map((d) => ({ ...d, downloadPath: `/documents/${d.id}` })),
    assessments: attempts.map((t) => ({
      id: t.id,
      applicationId: t.applicationId,
      bank: { id: t.bankId, version: t.bankVersion },
      state: t.state,
      startedAt: t.startedAt,
      completedAt: t.completedAt,
      validUntil: t.validUntil,
      settings: { autoAdvance: t.autoAdvance, showTranscripts: t.showTranscripts },
      score: t.score,
      measures: t.measures,
      result: t.result,
      integrity: t.integrity,
      answers: itemAnswers
        .filter((a) => a.attemptId === t.id)
        .map((a) => ({
          itemId: a.itemId,
          itemVersion: a.itemVersion,
          answer: a.answer,
          firstShownAt: a.firstShownAt,
          answeredAt: a.answeredAt,
          msToAnswer: a.msToAnswer,
          changes: a.changes,
          plays: a.plays,
          locale: a.locale,
          transcriptUsed: a.transcriptUsed,
        })),
      events: events.filter((e) => e.attemptId === t.id).map((e) => ({ kind: e.kind, itemId: e.itemId, at: e.at })),
      survey: ((s) => (s ? { answers: s.answers, submittedAt: s.submittedAt } : null))(surveys.find((s) => s.attemptId === t.id)),
    })),
    consents: consents.map((c) => ({
      purpose: c.purpose,
      decision: c.decision,
      applicationId: c.applicationId,
      textVersion: c.textVersion,
      page: c.page,
      recordedAt: c.recordedAt,
    })),
    messages: messages.map((m) => ({
      channel: m.channel,
      recipient: m.recipient,
      subject: m.subject,
      status: m.status,
      createdAt: m.createdAt,
      sentAt: m.sentAt,
    })),
    signIns: signIns.map((s) => ({ signedInAt: s.signedInAt, channel: s.channel, userAgent: s.userAgent })),
  };
}
