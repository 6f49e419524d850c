import { readFileSync } from "node:fs";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import type { HTMLElement } from "node-html-parser";
import { expect } from "vitest";
import { reportsNothing } from "../src/modules/applications/question-answers.ts";
import { type QuestionPageId, questionPage, type TQuestionSet } from "../src/modules/applications/question-set.ts";
import { applicationAnswers, applications, selfIdentifications } from "../src/modules/applications/schema.ts";
import { attemptSeed, stepsOf } from "../src/modules/assessment/attempts.ts";
import { loadItemBank } from "../src/modules/assessment/bank/index.ts";
import { assessmentAnswers, assessmentAttempts, assessmentSurveys } from "../src/modules/assessment/schema.ts";
import type { Candidate } from "../src/modules/candidates/schema.ts";
import type { Locale } from "../src/platform/i18n/catalogue.ts";
import { normaliseText } from "../src/platform/text/japanese-input.ts";
import { candidateMessages as catalogues } from "../src/web/candidate/messages.ts";
import { type Answer, follow, holdAfterEveryRun, listOfThePortal, portal, reachesRoute, send } from "./fuzz-portal.ts";
import { encodeSubmission, type Submission } from "./hostile-input.ts";
import type { ItemAnswerInput } from "./hostile-wizard-input.ts";
import { collapse, pageChecks } from "./page-checks.ts";
import { assessmentAnswerFields, newCandidate, personalDetailsForm, signIn, takeAssessment, type Visitor } from "./portal.ts";

/*
 * What the fuzz suites of the application wizard, the assessment player and the document upload share:
 * candidates at any step of an application, the wizard's valid forms, what a user would check of an
 * answer, and what an application holds (so that a file can keep applications saved before its hostile
 * input and check after every run that nothing changed them).
 */

export const JOB_ID = "230107874";
const root = path.resolve(import.meta.dirname, "..");

// ---- Talking to the portal ---------------------------------------------------------------------

/** Submits a form as the submission says: its encoding, its CSRF field, its damaged fields. */
export function submit(
  browser: Visitor,
  url: string,
  language: Locale,
  submission: Submission,
  fields: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return send(browser, "POST", url, language, encodeSubmission(submission, fields, browser.csrf ?? ""), { headers });
}

/** A plain, valid form post from a page this browser was served (setting up, not under test). */
export function post(browser: Visitor, url: string, fields: Record<string, unknown>) {
  return send(browser, "POST", url, "ja", encodeSubmission({ encoding: "form", csrf: { kind: "valid" }, junk: "" }, fields, browser.csrf ?? ""));
}

/** The fields as they are sent: unknown extras, then the valid form, then the damage; `undefined` means left out. */
export function formOf(submission: Submission, valid: Record<string, unknown>): Record<string, unknown> {
  return { ...submission.extra, ...valid, ...submission.damage };
}

/** Can the router read this path segment at all? Bad escapes and over-long ids are refused before anything else. */
export function routerReads(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return segment.length <= 200;
  } catch {
    return false;
  }
}

/** A path segment as the text a form field would hold (bad escapes kept as typed). */
export function decodeURIComponentSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ---- What a user would check -------------------------------------------------------------------

// The question set's own refusals ("check your answers, then choose Yes") are content, not catalogue entries.
export const QUESTION_SET = JSON.parse(readFileSync(path.join(root, `content/question-sets/${JOB_ID}.json`), "utf8")) as TQuestionSet;
const QUESTION_SET_V2 = JSON.parse(readFileSync(path.join(root, `content/question-sets/${JOB_ID}-v2.json`), "utf8")) as TQuestionSet;
const contentMessages = (language: Locale) =>
  [QUESTION_SET, QUESTION_SET_V2].flatMap((set) =>
    set.pages.flatMap((p) =>
      p.questions.flatMap((q) => [...(q.mustBeMessage ? [q.mustBeMessage[language]] : []), ...(q.clarify ? [q.clarify.message[language]] : [])]),
    ),
  );
export const { expectAnsweredWell } = pageChecks({ ja: contentMessages("ja"), en: contentMessages("en") });

/** A valid form as a browser sends it, untouched: the route's own answer to it is known. */
export function isUndamaged(answer: Answer, submission: Submission): boolean {
  return reachesRoute(answer, submission) && submission.encoding !== "malformed" && Object.keys(submission.damage).length === 0;
}

/** The stale-tab warning: the page says another tab or device saved first. */
export function expectToldStale(answer: Answer, language: Locale): void {
  const warning = collapse(answer.doc.querySelector('.callout[role="alert"]')?.textContent ?? "");
  expect(warning, `${answer.status}: no stale-tab warning`).toBe(collapse(catalogues[language]["applications.stale"]!));
}

// ---- What is saved -----------------------------------------------------------------------------

/**
 * Everything the candidate has saved in one application: the row, its answers, the self-identification,
 * the assessment attempt with its item answers, the survey. The attempt's auto-advance setting and an item's
 * play and transcript counts are left out: the settings form and the player's events change them by design,
 * and their own properties check them.
 */
export async function recordOf(applicationId: string) {
  const db = portal.db;
  const [application] = await db.select().from(applications).where(eq(applications.id, applicationId));
  const answers = await db
    .select()
    .from(applicationAnswers)
    .where(eq(applicationAnswers.applicationId, applicationId))
    .orderBy(asc(applicationAnswers.questionKey));
  const [selfIdentification] = await db.select().from(selfIdentifications).where(eq(selfIdentifications.applicationId, applicationId));
  const [attempt] = await db.select().from(assessmentAttempts).where(eq(assessmentAttempts.applicationId, applicationId));
  const items = attempt
    ? await db.select().from(assessmentAnswers).where(eq(assessmentAnswers.attemptId, attempt.id)).orderBy(asc(assessmentAnswers.itemId))
    : [];
  const [survey] = attempt ? await db.select().from(assessmentSurveys).where(eq(assessmentSurveys.attemptId, attempt.id)) : [];
  const { autoAdvance: _setting, ...attemptSaved } = attempt ?? { autoAdvance: null };
  return {
    application,
    answers,
    selfIdentification: selfIdentification ?? null,
    attempt: attempt ? attemptSaved : null,
    items: items.map(({ plays: _plays, transcriptUsed: _transcript, ...saved }) => saved),
    survey: survey ?? null,
  };
}
export type ApplicationRecord = Awaited<ReturnType<typeof recordOf>>;

/** Applications saved before the hostile input that no request in the file may change, with what each must still hold. */
const kept = listOfThePortal<{ name: string; id: string; expected: ApplicationRecord }>();

/** Keeps an application as it is now: every run of every property in the file must leave it so. */
export async function keep(name: string, applicant: Applicant): Promise<void> {
  kept().push({ name, id: applicant.id, expected: await recordOf(applicant.id) });
}

export async function expectKeptApplicationsIntact(): Promise<void> {
  for (const { name, id, expected } of kept()) expect(await recordOf(id), `${name}: saved data changed`).toEqual(expected);
}
holdAfterEveryRun(expectKeptApplicationsIntact);

/** 保存する on STEP 1 keeps a form's valid fields as a draft: only the draft (and the page's version) may change. */
export async function expectOnlyDraftChangedBy(answer: Answer, id: string, before: ApplicationRecord): Promise<void> {
  const after = await recordOf(id);
  const outside = (r: ApplicationRecord) => ({
    ...r,
    application: { ...r.application, personalDraft: null, pageVersions: null, completedPages: null, updatedAt: null },
  });
  expect(outside(after), `a ${answer.status} answer changed more than the draft`).toEqual(outside(before));
  for (const value of Object.values(after.application?.personalDraft ?? {})) expectStoredNormalised("draft field", value, 300);
}

/** After a refusal, the application is exactly as it was before the request. */
export async function expectUnchangedBy(answer: Answer, id: string, before: ApplicationRecord): Promise<void> {
  expect(await recordOf(id), `a ${answer.status} answer changed saved data`).toEqual(before);
}

const isWellFormed = (text: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

/** Stored text as the portal promises to keep it: NFKC, no control characters, trimmed, valid Unicode, within its field's size. */
export function expectStoredNormalised(what: string, value: string, maxLength: number): void {
  expect(isWellFormed(value), `${what} holds a lone surrogate`).toBe(true);
  expect(value, `${what} is stored as sent, not normalised`).toBe(normaliseText(value));
  expect(Array.from(value).length, `${what} is longer than its field allows (${maxLength})`).toBeLessThanOrEqual(maxLength);
}

/** Every stored answer of a page is one of its question's choices, or normalised text within its limit; sensitive ones carry their consent. */
export async function expectPageAnswersValid(applicationId: string, pageId: QuestionPageId): Promise<void> {
  const rows = await portal.db.select().from(applicationAnswers).where(eq(applicationAnswers.applicationId, applicationId));
  // The applications here started on the newest question set (v2).
  for (const q of questionPage(QUESTION_SET_V2, pageId).questions) {
    const row = rows.find((r) => r.questionKey === q.key);
    if (q.sensitivity === "self-identification") {
      expect(row, "gender stored among the application's answers").toBeUndefined();
      const [self] = await portal.db.select().from(selfIdentifications).where(eq(selfIdentifications.applicationId, applicationId));
      if (self) expect(q.options!.map((o) => o.value)).toContain(self.gender);
      continue;
    }
    if (!row) continue;
    const allowed = q.type === "yesno" ? ["yes", "no"] : (q.options ?? []).map((o) => o.value);
    if (q.type === "checkboxes") {
      expect(Array.isArray(row.value)).toBe(true);
      for (const v of row.value as string[]) expect(allowed).toContain(v);
    } else if (q.type === "textarea" || q.type === "text") {
      expect(typeof row.value).toBe("string");
      expectStoredNormalised(q.key, row.value as string, q.maxLength ?? 2_000);
    } else expect(allowed).toContain(row.value);
    if (q.sensitivity === "sensitive") {
      expect(row.sensitive).toBe("sensitive");
      // 「無」 reports nothing and needs no consent; anything else does.
      if (!reportsNothing(q, row.value)) expect(row.consentedAt, `${q.key} stored without its consent`).toBeInstanceOf(Date);
    }
  }
}

// ---- The wizard's forms, valid as a browser sends them -------------------------------------------

/** The STEP 1 answers of the applications saved before the runs. */
export const PERSONAL: Record<string, string> = personalDetailsForm();
export const VALID_FORMS: Record<string, Record<string, unknown>> = {
  documents: { intent: "skip" },
  personal: PERSONAL,
  eligibility: { age18: "yes", preHireDocuments: "understood", intent: "continue" },
  "work-authorization": { workAuthorizationType: "japanese", student: "notStudent", confirmStep3: "yes", intent: "continue" },
  "self-identification": { gender: "female", intent: "continue" },
  pledge: { consent: "yes" },
  signature: { signature: "Hanako Yamada" },
  "final-questions": {
    languages: ["ja", "en"],
    privateRoom: "yes",
    workPlace: ["study", "ownRoom"],
    quietEnvironment: "yes",
    stressHistory: "無",
    stressHistoryConsent: "yes",
    doubleWork: "none",
    workAuthorizationFinal: "japaneseOrSpecial",
    confirmFinal: "yes",
    intent: "continue",
  },
};
export const BEFORE_ASSESSMENT_PAGES = ["documents", "personal", "eligibility", "work-authorization", "self-identification", "pledge"] as const;

// ---- Candidates and their applications ---------------------------------------------------------------

export type Applicant = { who: { candidate: Candidate; pin: string }; browser: Visitor; id: string };

/** A signed-in candidate who has pressed 応募する. */
export async function newApplicant(): Promise<Applicant> {
  const who = await newCandidate(portal.db);
  const browser = portal.visitor();
  await signIn(portal, browser, who);
  const start = await browser.post(`/jobs/${JOB_ID}/apply`);
  expect(start.location).toMatch(/^\/applications\/[0-9a-f-]{36}\/documents$/);
  return { who, browser, id: start.location!.split("/")[2]! };
}

export async function versionOn(applicationId: string, page: string): Promise<number> {
  const [row] = await portal.db.select({ pageVersions: applications.pageVersions }).from(applications).where(eq(applications.id, applicationId));
  return row?.pageVersions[page] ?? 0;
}

export async function applicationRow(applicationId: string) {
  const [row] = await portal.db.select().from(applications).where(eq(applications.id, applicationId));
  return row!;
}

/** Saves one page with its valid form and the current version, as 保存して続行する does. */
export async function completePage(a: Applicant, page: string): Promise<void> {
  await a.browser.get(`/applications/${a.id}/${page}`);
  const done = await post(a.browser, `/applications/${a.id}/${page}`, { ...VALID_FORMS[page], version: String(await versionOn(a.id, page)) });
  expect(done.status, `setting up ${page}: ${done.html.slice(0, 200)}`).toBe(303);
}

/** A candidate whose application has every page before `page` done (`assessment`: pledged; `signature`: assessment taken). */
export async function applicantAt(page: (typeof BEFORE_ASSESSMENT_PAGES)[number] | "assessment" | "signature"): Promise<Applicant> {
  const a = await newApplicant();
  for (const p of BEFORE_ASSESSMENT_PAGES) {
    if (p === page) return a;
    await completePage(a, p);
  }
  if (page === "signature") expect(await takeAssessment(a.browser, a.id)).toBe(`/applications/${a.id}/signature`);
  return a;
}

// ---- The assessment ---------------------------------------------------------------------------

const bank = await loadItemBank(path.join(root, "content/assessments/csa-ja"));
export const STEPS = stepsOf(bank);
export const SURVEY_STEP = STEPS.length;
/** The answers a browser can give to the item at each 1-based step: a situation's two picks as stored, or the four points of a pair. */
export const CHOICES: Record<number, string[]> = Object.fromEntries(
  STEPS.flatMap((s, i) => {
    if (s.kind !== "item") return [];
    if (s.item.exercise === "workstyle") return [[i + 1, ["-2", "-1", "1", "2"]]];
    const ids = s.item.options.map((o) => o.id);
    return [[i + 1, ids.flatMap((best) => ids.filter((worst) => worst !== best).map((worst) => `best=${best};worst=${worst}`))]];
  }),
);
export const ITEM_STEPS = Object.keys(CHOICES).map(Number);
export const FIRST_PAIR_STEP = STEPS.findIndex((s) => s.kind === "item" && s.item.exercise === "workstyle") + 1;
export const ITEM_IDS = STEPS.flatMap((s) => (s.kind === "item" ? [s.item.id] : []));
/** Where the application kept half-way through the assessment stops: every situation and three pairs answered, the fourth shown. */
export const MID_ASSESSMENT_STOP = FIRST_PAIR_STEP + 3;

/** Goes through the assessment as a browser does (first choice on every item) until step `stop` is shown. */
export async function assessUntil(a: Applicant, stop: number): Promise<void> {
  let res = await follow(a.browser, await send(a.browser, "GET", `/applications/${a.id}/assessment`, "ja"), "ja");
  for (let guard = 0; guard < STEPS.length; guard++) {
    const form = res.doc.querySelector("main form.form")!;
    const action = form.getAttribute("action")!;
    if (Number(action.split("/").pop()) >= stop) return;
    res = await follow(a.browser, await post(a.browser, action, assessmentAnswerFields(form)), "ja");
  }
  throw new Error(`step ${stop} was never reached`);
}

/** The answer fields a run sends: one of the step's own choices (each pick decorated), or whatever the run holds. */
export function itemAnswerOf(input: ItemAnswerInput, step: number): Record<string, unknown> {
  const situation = CHOICES[step]?.[0]?.startsWith("best=") ?? false;
  if (input.kind === "other") return situation ? { best: input.value, worst: input.value } : { answer: input.value };
  const choices = CHOICES[step] ?? ["a"];
  const decorate = (value: string) => `${input.decoration.before}${value}${input.decoration.after}`;
  const choice = choices[input.index % choices.length]!;
  const picks = /^best=(.+);worst=(.+)$/.exec(choice);
  return picks ? { best: decorate(picks[1]!), worst: decorate(picks[2]!) } : { answer: decorate(choice) };
}

/** The answer a page shows chosen, as stored: a situation's two picks, or a pair's point. */
export function shownChoice(doc: HTMLElement): string | undefined {
  const checked = (name: string) => doc.querySelector(`input[name="${name}"][checked]`)?.getAttribute("value") ?? undefined;
  return checked("best") ? `best=${checked("best")};worst=${checked("worst")}` : checked("answer");
}

/** The item at a 1-based step of an application's attempt, in the attempt's own order. */
export async function itemIdAt(applicationId: string, step: number): Promise<string> {
  return (stepsOf(bank, attemptSeed(await attemptOf(applicationId)))[step - 1] as { item: { id: string } }).item.id;
}

export async function attemptOf(applicationId: string) {
  const [attempt] = await portal.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.applicationId, applicationId));
  return attempt!;
}

/** A candidate half-way through the assessment: every situation and three pairs answered, the fourth pair shown. */
export async function applicantMidAssessment(): Promise<Applicant> {
  const a = await applicantAt("assessment");
  await assessUntil(a, MID_ASSESSMENT_STOP);
  expect((await attemptOf(a.id)).furthestStep).toBe(MID_ASSESSMENT_STOP - 1);
  return a;
}
