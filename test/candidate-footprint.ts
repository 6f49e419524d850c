import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { type ApplicationState, applicationAnswers, applications, selfIdentifications } from "../src/modules/applications/schema.ts";
import { assessmentAnswers, assessmentAttempts, assessmentEvents, assessmentSurveys } from "../src/modules/assessment/schema.ts";
import { applicationNotes } from "../src/modules/candidate-review/schema.ts";
import type { Candidate } from "../src/modules/candidates/schema.ts";
import { candidateDocuments } from "../src/modules/documents/schema.ts";
import { jobs } from "../src/modules/jobs/schema.ts";
import { candidateSignIns, consentRecords } from "../src/modules/privacy/schema.ts";
import type { Db } from "../src/platform/db/database.ts";
import { pendingForms } from "../src/platform/db/schema.ts";
import { enqueueMessage } from "../src/platform/mail/outbox.ts";
import { applicationAt } from "./applications.ts";

/** What identifies one test candidate: every string a dump of the database must not hold once they are erased. */
export type Identity = {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  familyNameLatin: string;
  givenNameLatin: string;
  stepOneEmail: string;
  stepOnePhone: string;
  address: string;
  birthDate: string;
  documentText: string;
  noteText: string;
  answerText: string;
  messageText: string;
};

let counter = 0;

/** A distinct identity per call, in every script, so a dump can be searched for one person and not another. */
export function identity(tag: string): Identity {
  counter += 1;
  const n = `${tag}${counter}${process.pid}`;
  return {
    familyName: tag === "a" ? "鈴木" : "佐藤",
    givenName: tag === "a" ? "美咲" : "健太",
    familyNameKana: tag === "a" ? "スズキ" : "サトウ",
    givenNameKana: tag === "a" ? "ミサキ" : "ケンタ",
    familyNameLatin: tag === "a" ? "Suzuki" : "Sato",
    givenNameLatin: tag === "a" ? "Misaki" : "Kenta",
    stepOneEmail: `step1.${n}@example.jp`,
    stepOnePhone: `+81806${String(1000000 + ((counter * 7919 + process.pid) % 9000000)).padStart(7, "0")}`,
    address: `芝公園${n}番地`,
    birthDate: tag === "a" ? "1992-07-23" : "1988-11-02",
    documentText: `resume-content-${n}`,
    noteText: `面接メモ-${n}`,
    answerText: `自由記述-${n}`,
    messageText: `本文-${n}`,
  };
}

/** The strings of an identity and of the account, to search a dump for. */
export function tracesOf(who: Identity, candidate: Candidate): string[] {
  return [
    ...Object.values(who),
    candidate.email,
    candidate.phone,
    candidate.familyName,
    candidate.givenName,
    candidate.familyNameLatin,
    candidate.givenNameLatin,
  ];
}

/**
 * Gives a candidate data in every table that can hold some: applications in several states with STEP 1's
 * details, answers (one sensitive), a gender answer, an office note, a document, an assessment attempt with
 * answers, events and a survey, a kept form, sign-ins, consent records and messages to both addresses.
 */
export async function fillFootprint(db: Db, input: { candidate: Candidate; who: Identity; staffId: string; now: Date }): Promise<{ applicationIds: string[] }> {
  const { candidate, who, now } = input;
  const [seeded] = await db.select().from(jobs).where(eq(jobs.id, "230107874"));
  const placements: [ApplicationState, string][] = [
    ["draft", "230107874"],
    ["interviewed", "230107875"],
    ["rejected", "230107876"],
    ["withdrawn", "230107874"],
  ];
  for (const [, jobId] of placements)
    await db
      .insert(jobs)
      .values({ ...seeded!, id: jobId })
      .onConflictDoNothing();
  const ids: string[] = [];
  for (const [state, jobId] of placements) ids.push((await applicationAt(db, { candidateId: candidate.id, state, jobId, now })).id);
  const personal = {
    familyNameLatin: who.familyNameLatin,
    givenNameLatin: who.givenNameLatin,
    familyNameKanji: who.familyName,
    givenNameKanji: who.givenName,
    familyNameKana: who.familyNameKana,
    givenNameKana: who.givenNameKana,
    country: "JP",
    postalCode: "1050011",
    prefecture: "東京都",
    city: "港区",
    address1: who.address,
    email: who.stepOneEmail,
    phoneType: "mobile" as const,
    phone: who.stepOnePhone,
    smsConsent: true,
    feedbackConsent: false,
    birthDate: who.birthDate,
    howHeard: "jobSite",
  };
  for (const [i, id] of ids.entries()) {
    await db
      .update(applications)
      .set({ personal, signedName: `${who.familyName} ${who.givenName}`, signedIp: "203.0.113.9", signedUserAgent: "Mobile Safari" })
      .where(eq(applications.id, id));
    await db.insert(applicationAnswers).values([
      { applicationId: id, questionKey: "motivation", value: who.answerText, answeredAt: now },
      { applicationId: id, questionKey: "stress", value: "yes", sensitive: "sensitive", consentedAt: now, answeredAt: now },
    ]);
    await db.insert(selfIdentifications).values({ applicationId: id, jobId: placements[i]![1], gender: "female", recordedAt: now });
    await db
      .insert(applicationNotes)
      .values({ id: randomUUID(), applicationId: id, candidateId: candidate.id, authorId: input.staffId, body: who.noteText, createdAt: now });
  }
  await db.insert(candidateDocuments).values({
    id: randomUUID(),
    candidateId: candidate.id,
    label: `${who.familyName}の履歴書`,
    kind: "pdf",
    mediaType: "application/pdf",
    sizeBytes: who.documentText.length,
    sha256: "0".repeat(64),
    content: Buffer.from(who.documentText),
  });
  const attemptId = randomUUID();
  await db.insert(assessmentAttempts).values({
    id: attemptId,
    candidateId: candidate.id,
    applicationId: ids[1]!,
    bankId: "work-style",
    bankVersion: 1,
    deviceHash: "device",
    startedAt: now,
  });
  await db.insert(assessmentAnswers).values({ attemptId, itemId: "q1", itemVersion: 1, answer: "a", firstShownAt: now, answeredAt: now });
  await db.insert(assessmentEvents).values({ attemptId, kind: "paste", itemId: "q1", at: now });
  await db.insert(assessmentSurveys).values({ attemptId, bankId: "work-style", answers: { ease: 4 }, submittedAt: now });
  await db.insert(pendingForms).values({
    id: randomUUID(),
    bindingHash: "binding",
    principalId: candidate.id,
    path: "/account",
    values: { familyName: who.familyName },
    expiresAt: new Date(now.getTime() + 3600_000),
  });
  await db.insert(candidateSignIns).values({ id: randomUUID(), candidateId: candidate.id, signedInAt: now, channel: "email", userAgent: "Mobile Safari" });
  await db.insert(consentRecords).values({
    id: randomUUID(),
    candidateId: candidate.id,
    purpose: "sensitive_answers",
    decision: "given",
    textVersion: "2026-01",
    page: "/applications/:id/final-questions",
    recordedAt: now,
  });
  for (const recipient of [candidate.email, who.stepOneEmail, who.stepOnePhone]) {
    await enqueueMessage(
      db,
      {
        channel: recipient.startsWith("+") ? "sms" : "email",
        recipient,
        template: "test.message",
        locale: "ja",
        subject: `${who.familyName}様へのお知らせ`,
        textBody: who.messageText,
      },
      now,
    );
  }
  return { applicationIds: ids };
}

/** Every row of every table in the public schema, as one string (bytes as text), for searching. */
export async function dumpDatabase(db: Db): Promise<string> {
  const tables = (await db.execute(
    sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  )) as unknown as { rows: { table_name: string }[] };
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = (await db.execute(sql`SELECT * FROM ${sql.identifier(table_name)}`)) as unknown as { rows: unknown[] };
    parts.push(
      `${table_name}: ${JSON.stringify(rows.rows, (_key, value) =>
        value instanceof Uint8Array ? Buffer.from(value).toString("latin1") : value?.type === "Buffer" ? Buffer.from(value.data).toString("latin1") : value,
      )}`,
    );
  }
  return parts.join("\n");
}
