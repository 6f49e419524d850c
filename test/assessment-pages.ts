import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { HTMLElement } from "node-html-parser";
import { expect } from "vitest";
import type { ItemBank } from "../src/modules/assessment/bank/index.ts";
import type { AttemptMeasures } from "../src/modules/assessment/norms/index.ts";
import { assessmentAnswers, assessmentAttempts } from "../src/modules/assessment/schema.ts";
import { SCORING_VERSION } from "../src/modules/assessment/scoring/index.ts";
import type { Db } from "../src/platform/db/database.ts";
import { type AssessmentChoice, assessmentAnswerFields, newCandidate, type PageResponse, signIn, type TestPortal, type Visitor } from "./portal.ts";

/** STEP 1's personal details as the integration tests of the assessment give them. */
export const PERSONAL = {
  familyNameLatin: "Sato",
  givenNameLatin: "Yui",
  familyNameKana: "サトウ",
  givenNameKana: "ユイ",
  country: "JP",
  postalCode: "1000001",
  prefecture: "東京都",
  city: "千代田区",
  address1: "1-1",
  email: "yui@example.jp",
  phoneType: "mobile",
  phone: "09011112222",
  birthYear: "1990",
  birthMonth: "1",
  birthDay: "2",
  howHeard: "sns",
};

async function postPage(visitor: Visitor, id: string, page: string, form: Record<string, string>) {
  const current = await visitor.get(`/applications/${id}/${page}`);
  const version = current.doc.querySelector('input[name="version"]')?.getAttribute("value") ?? "0";
  return visitor.post(`/applications/${id}/${page}`, { version, intent: "continue", ...form });
}

/** Fills STEP 1–5 of an application (already started) up to the assessment. */
export async function pledge(visitor: Visitor, id: string): Promise<void> {
  await postPage(visitor, id, "documents", { intent: "skip" });
  await postPage(visitor, id, "personal", PERSONAL);
  await postPage(visitor, id, "eligibility", { age18: "yes", preHireDocuments: "understood" });
  await postPage(visitor, id, "work-authorization", { workAuthorizationType: "japanese", student: "notStudent", confirmStep3: "yes" });
  await postPage(visitor, id, "self-identification", { gender: "male" });
  expect((await postPage(visitor, id, "pledge", { consent: "yes" })).location).toBe(`/applications/${id}/assessment`);
}

/** A signed-in candidate whose application waits at the assessment. */
export async function pledged(portal: TestPortal, init?: { acceptLanguage?: string }) {
  const who = await newCandidate(portal.db);
  const visitor = portal.visitor(init);
  await signIn(portal, visitor, who);
  const id = (await visitor.post("/jobs/230107874/apply")).location!.split("/")[2]!;
  await pledge(visitor, id);
  return { who, visitor, id };
}

/** The form of an assessment page. */
export function formOf(page: PageResponse): HTMLElement {
  const form = page.doc.querySelector("main form.form");
  if (!form) throw new Error(`no form on the page (status ${page.status})`);
  return form;
}

/** Whether a page asks a question (a situation's two groups or a pair's scale). */
export function isQuestion(page: PageResponse): boolean {
  return page.doc.querySelector('main input[name="best"], main input[name="answer"]') !== null;
}

/** From the assessment's first page, 「ここから始める」 and every text page until the first question. */
export async function toFirstItem(visitor: Visitor, id: string): Promise<PageResponse> {
  let res = await visitor.follow(await visitor.get(`/applications/${id}/assessment`));
  for (let i = 0; i < 30 && !isQuestion(res); i++) {
    const form = formOf(res);
    res = await visitor.follow(await visitor.post(form.getAttribute("action")!, assessmentAnswerFields(form)));
  }
  return res;
}

/** Answers the question on a page as a form without JavaScript sends it (both picks at once). */
export async function answer(visitor: Visitor, page: PageResponse, choose?: AssessmentChoice): Promise<PageResponse> {
  const form = formOf(page);
  return visitor.post(form.getAttribute("action")!, assessmentAnswerFields(form, choose));
}

/** The value checked in a group of the page, or null. */
export function checkedIn(page: PageResponse, name: string): string | null {
  return page.doc.querySelector(`main input[name="${name}"][checked]`)?.getAttribute("value") ?? null;
}

/** The attempt of an application. */
export async function attemptOf(portal: TestPortal, applicationId: string) {
  const [attempt] = await portal.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.applicationId, applicationId));
  return attempt!;
}

/** The answer rows of an attempt. */
export async function answerRowsOf(portal: TestPortal, attemptId: string) {
  return portal.db.select().from(assessmentAnswers).where(eq(assessmentAnswers.attemptId, attemptId));
}

/** Invented raw measures of an earlier applicant `n`, spread around the middle of each scale. */
function inventedMeasures(bank: ItemBank, n: number): AttemptMeasures {
  const wobble = (k: number) => Math.sin(n * 12.9898 + k * 78.233) * 0.5 + Math.cos(n * 4.1414 + k) * 0.5;
  const measures: AttemptMeasures = { situations: { value: 62 + 9 * wobble(0), se: 4, items: 24 } };
  bank.competencies.forEach((c, k) => {
    measures[`competency:${c.id}`] = { value: 60 + 11 * wobble(k + 1), se: 7, items: 8 };
  });
  bank.traits.forEach((t, k) => {
    measures[`trait:${t.id}`] = { value: 0.9 * wobble(k + 10), se: 0.3, items: 21 };
  });
  return measures;
}

/**
 * Completed attempts of earlier applicants (invented measures, no answers), written straight to the table:
 * enough of them give the bank version a norm once the norm is recomputed.
 */
export async function inventEarlierApplicants(db: Db, bank: ItemBank, count: number): Promise<void> {
  const yesterday = new Date(Date.now() - 86_400_000);
  await db.insert(assessmentAttempts).values(
    Array.from({ length: count }, (_, n) => ({
      id: randomUUID(),
      candidateId: randomUUID(),
      applicationId: randomUUID(),
      bankId: bank.bankId,
      bankVersion: bank.version,
      state: "completed" as const,
      deviceHash: `invented-${n}`,
      startedAt: yesterday,
      completedAt: yesterday,
      scoringVersion: SCORING_VERSION,
      measures: inventedMeasures(bank, n),
    })),
  );
}
