import { readFileSync } from "node:fs";
import path from "node:path";
import { asc, count, eq } from "drizzle-orm";
import fc from "fast-check";
import { type HTMLElement, parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asSentInUtf8,
  BODY_LIMIT_BYTES,
  type CsrfField,
  encodeSubmission,
  fieldValue,
  hostileText,
  malformedEscape,
  malformedUrlencoded,
  overlongSegment,
  SCRIPT_PAYLOADS,
  type Submission,
  submissionOf,
  urlEncoded,
  uuidLookalike,
} from "../../../../test/hostile-input.ts";
import {
  applicationIdSegment,
  eventKind,
  type HostileUpload,
  hostileUpload,
  type ItemAnswerInput,
  intentLike,
  itemAnswerInput,
  noticeName,
  returnValue,
  shortHostileText,
  staleVersion,
  stepSegment,
  type UploadFile,
} from "../../../../test/hostile-wizard-input.ts";
import { collapse, pageChecks } from "../../../../test/page-checks.ts";
import { newCandidate, personalDetailsForm, signIn, startTestPortal, type TestPortal, takeAssessment, type Visitor } from "../../../../test/portal.ts";
import { PREFECTURES } from "../../../modules/addresses/index.ts";
import { canOpen, resumePoint } from "../../../modules/applications/application-state.ts";
import { HOW_HEARD } from "../../../modules/applications/personal-details.ts";
import { reportsNothing } from "../../../modules/applications/question-answers.ts";
import { type QuestionPageId, questionPage, type TQuestionSet } from "../../../modules/applications/question-set.ts";
import { applicationAnswers, applications, type PersonalDetails, selfIdentifications } from "../../../modules/applications/schema.ts";
import { stepsOf } from "../../../modules/assessment/attempts.ts";
import { loadItemBank } from "../../../modules/assessment/bank/index.ts";
import { assessmentAnswers, assessmentAttempts, assessmentEvents, assessmentSurveys } from "../../../modules/assessment/schema.ts";
import type { Candidate } from "../../../modules/candidates/schema.ts";
import { deleteDocumentFor, listDocuments, MAX_DOCUMENT_LABEL_LENGTH, MAX_DOCUMENT_NOTE_LENGTH } from "../../../modules/documents/document-store.ts";
import { minimalPdf } from "../../../modules/documents/inspection/document-fixtures.ts";
import type { Locale } from "../../../platform/i18n/catalogue.ts";
import { messagesTo } from "../../../platform/mail/outbox.ts";
import { normaliseText } from "../../../platform/text/japanese-input.ts";
import { candidateMessages as catalogues } from "../messages.ts";
import { WITHDRAWAL_REASONS } from "../my-applications/views.tsx";

/*
 * QUALITY.md, Reliability, "Bad input": every step of the application wizard, the assessment player, the
 * document upload and the look-ups they use, fed random and hostile input, answers 4xx with a clear message
 * in the page's language (or goes on as a valid submission would), never 5xx; what a candidate saved before
 * is never lost or changed by a bad request, nor overwritten from a stale tab; what is accepted is stored
 * normalised; nothing it reflects runs as markup.
 */

const RUN_TIMEOUT_MS = 60_000;
const JOB_ID = "230107874";
const root = path.resolve(import.meta.dirname, "../../../..");

let portal: TestPortal;
const locale = fc.constantFrom<Locale>("ja", "ja", "en");

// ---- Talking to the portal ---------------------------------------------------------------------

/** A body as it goes over the wire; uploads are bytes, forms are text. */
type WireBody = { contentType: string | undefined; payload: string | Buffer | undefined };
const NO_BODY: WireBody = { contentType: undefined, payload: undefined };

type Answer = { status: number; location: string | undefined; contentType: string; html: string; doc: HTMLElement; sent: WireBody };

/** One request from a browser, in a language: cookies kept as a browser keeps them, Japanese unless asked otherwise. */
async function send(browser: Visitor, method: "GET" | "POST", url: string, language: Locale, body: WireBody = NO_BODY, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { ...extra };
  if (browser.cookies.size > 0) headers.cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  if (language === "en") headers["accept-language"] = "en-GB,en;q=0.9";
  if (body.contentType) headers["content-type"] = body.contentType;
  const res = await portal.app.inject({ method, url, headers, ...(body.payload !== undefined ? { payload: body.payload } : {}) });
  for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
    const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === "";
    if (expired) browser.cookies.delete(c.name);
    else browser.cookies.set(c.name, c.value);
  }
  const contentType = String(res.headers["content-type"] ?? "");
  const doc = parse(contentType.startsWith("text/html") ? res.body : "");
  // The runs post the wizard's own forms: the token comes from the pages the wizard serves, not from refusals
  // (whose own forms are checked on their own below).
  const token = doc.querySelector('input[name="_csrf"]')?.getAttribute("value");
  if (token && res.statusCode < 300) browser.csrf = token;
  return { status: res.statusCode, location: res.headers.location as string | undefined, contentType, html: res.body, doc, sent: body } satisfies Answer;
}

/**
 * The text a field holds once it reached the route, or undefined when it did not arrive as text: a form sends
 * one value as a string (a one-element list is one value, a number its digits, null nothing), JSON only strings.
 */
function arrivedText(value: unknown, encoding: Submission["encoding"]): string | undefined {
  if (typeof value === "string") return value;
  if (encoding === "json") return undefined;
  if (Array.isArray(value) && value.length === 1) return arrivedText(value[0], encoding);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "";
  return undefined;
}

/** Follows redirects with GETs, as a browser does after a form post. */
async function follow(browser: Visitor, answer: Answer, language: Locale): Promise<Answer> {
  let current = answer;
  for (let i = 0; i < 5 && current.location && current.status >= 300 && current.status < 400; i++)
    current = await send(browser, "GET", current.location, language);
  return current;
}

/** Can the router read this path segment at all? Bad escapes and over-long ids are refused before anything else. */
function routerReads(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return segment.length <= 200;
  } catch {
    return false;
  }
}

/** A path segment as the text a form field would hold (bad escapes kept as typed). */
function decodeURIComponentSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The fields as they are sent: unknown extras, then the valid form, then the damage; `undefined` means left out. */
function formOf(submission: Submission, valid: Record<string, unknown>): Record<string, unknown> {
  return { ...submission.extra, ...valid, ...submission.damage };
}

/** Submits a form as the submission says: its encoding, its CSRF field, its damaged fields. */
function submit(browser: Visitor, url: string, language: Locale, submission: Submission, fields: Record<string, unknown>, extra: Record<string, string> = {}) {
  return send(browser, "POST", url, language, encodeSubmission(submission, fields, browser.csrf ?? ""), extra);
}

/** A plain, valid form post from a page this browser was served (setting up, not under test). */
function post(browser: Visitor, url: string, fields: Record<string, unknown>) {
  return send(browser, "POST", url, "ja", encodeSubmission({ encoding: "form", csrf: { kind: "valid" }, junk: "" }, fields, browser.csrf ?? ""));
}

// ---- What a user would check -------------------------------------------------------------------

// The question set's own refusals ("check your answers, then choose Yes") are content, not catalogue entries.
const QUESTION_SET = JSON.parse(readFileSync(path.join(root, `content/question-sets/${JOB_ID}.json`), "utf8")) as TQuestionSet;
const QUESTION_SET_V2 = JSON.parse(readFileSync(path.join(root, `content/question-sets/${JOB_ID}-v2.json`), "utf8")) as TQuestionSet;
const contentMessages = (language: Locale) =>
  [QUESTION_SET, QUESTION_SET_V2].flatMap((set) =>
    set.pages.flatMap((p) =>
      p.questions.flatMap((q) => [...(q.mustBeMessage ? [q.mustBeMessage[language]] : []), ...(q.clarify ? [q.clarify.message[language]] : [])]),
    ),
  );
const { expectAnsweredWell } = pageChecks({ ja: contentMessages("ja"), en: contentMessages("en") });

/** Does this submission get past body limit, parser and token, so that the route itself decides? */
function reachesRoute(answer: Answer, submission: Pick<Submission, "encoding" | "csrf">): boolean {
  const readable = submission.encoding === "form" || submission.encoding === "json" || submission.encoding === "malformed";
  // The JSON parser refuses a body with a `__proto__` key (400) before the route or the token.
  const poisoned = submission.encoding === "json" && String(answer.sent.payload).includes('"__proto__":');
  return readable && !poisoned && submission.csrf.kind === "valid" && Buffer.byteLength(answer.sent.payload ?? "") <= BODY_LIMIT_BYTES;
}

/** A valid form as a browser sends it, untouched: the route's own answer to it is known. */
function isUndamaged(answer: Answer, submission: Submission): boolean {
  return reachesRoute(answer, submission) && submission.encoding !== "malformed" && Object.keys(submission.damage).length === 0;
}

/**
 * The status a submission must get before the route even looks at it: over the body limit 413; a body the
 * portal does not read (text, multipart, none) or a missing/wrong token 403 (or 400/415 for a type it refuses).
 * With a right token and a readable body the route decides, and it must not be a CSRF refusal.
 */
function expectGatekeeping(answer: Answer, submission: Pick<Submission, "encoding" | "csrf">): void {
  const bytes = Buffer.byteLength(answer.sent.payload ?? "");
  const shown = `${answer.status} (${submission.encoding}, csrf ${submission.csrf.kind}, ${bytes} bytes)`;
  if (bytes > BODY_LIMIT_BYTES && submission.encoding !== "multipart") {
    expect(answer.status, shown).toBe(413);
    expect(collapse(answer.doc.querySelector("h1")?.textContent ?? "")).toMatch(/送信内容が大きすぎます|What you sent is too large/);
    return;
  }
  if (submission.encoding === "multipart") {
    expect(answer.status, shown).toBeGreaterThanOrEqual(400);
    return;
  }
  if (!reachesRoute(answer, submission)) {
    if (submission.encoding === "json" && answer.status === 400) return;
    expect(answer.status, shown).toBe(403);
    expect(collapse(answer.doc.querySelector("h1")?.textContent ?? "")).toMatch(/ページの有効期限が切れました|This page has expired/);
    return;
  }
  expect(answer.status, shown).not.toBe(403);
}

/** The stale-tab warning: the page says another tab or device saved first. */
function expectToldStale(answer: Answer, language: Locale): void {
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
async function recordOf(applicationId: string) {
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
type ApplicationRecord = Awaited<ReturnType<typeof recordOf>>;

/** Applications saved before the hostile input that no request in this file may change, with what each must still hold. */
const kept: { name: string; id: string; expected: ApplicationRecord }[] = [];

async function expectKeptApplicationsIntact(): Promise<void> {
  for (const { name, id, expected } of kept) expect(await recordOf(id), `${name}: saved data changed`).toEqual(expected);
}

/** A property over the portal: bounded runs, the kept applications checked after every run. */
async function check<T>(arbitrary: fc.Arbitrary<T>, run: (value: T) => Promise<void>, options: { numRuns: number; examples?: NoInfer<T>[] }) {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      await run(value);
      await expectKeptApplicationsIntact();
    }),
    { numRuns: options.numRuns, ...(options.examples ? { examples: options.examples.map((e) => [e] as [T]) } : {}) },
  );
}

/** 保存する on STEP 1 keeps a form's valid fields as a draft: only the draft (and the page's version) may change. */
async function expectOnlyDraftChangedBy(answer: Answer, id: string, before: ApplicationRecord): Promise<void> {
  const after = await recordOf(id);
  const outside = (r: ApplicationRecord) => ({
    ...r,
    application: { ...r.application, personalDraft: null, pageVersions: null, completedPages: null, updatedAt: null },
  });
  expect(outside(after), `a ${answer.status} answer changed more than the draft`).toEqual(outside(before));
  for (const value of Object.values(after.application?.personalDraft ?? {})) expectStoredNormalised("draft field", value, 300);
}

/** After a refusal, the application is exactly as it was before the request. */
async function expectUnchangedBy(answer: Answer, id: string, before: ApplicationRecord): Promise<void> {
  expect(await recordOf(id), `a ${answer.status} answer changed saved data`).toEqual(before);
}

const isWellFormed = (text: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

/** Stored text as the portal promises to keep it: NFKC, no control characters, trimmed, valid Unicode, within its field's size. */
function expectStoredNormalised(what: string, value: string, maxLength: number): void {
  expect(isWellFormed(value), `${what} holds a lone surrogate`).toBe(true);
  expect(value, `${what} is stored as sent, not normalised`).toBe(normaliseText(value));
  expect(Array.from(value).length, `${what} is longer than its field allows (${maxLength})`).toBeLessThanOrEqual(maxLength);
}

// ---- The wizard's forms, valid as a browser sends them -------------------------------------------

/** The STEP 1 answers of the application saved before the runs. */
const PERSONAL: Record<string, string> = personalDetailsForm();
const VALID_FORMS: Record<string, Record<string, unknown>> = {
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
const BEFORE_ASSESSMENT_PAGES = ["documents", "personal", "eligibility", "work-authorization", "self-identification", "pledge"] as const;

/** Plausible alternatives to each field, so that damage to one field lets the others reach the route's own checks. */
const phoneLike = fc.constantFrom("090-1234-5678", "０９０－１２３４－５６７８", "09012345678", "+81 90 1234 5678", "0312345678", "12", "+1 202 555 0143");
const yesNo = fc.constantFrom("yes", "no", "YES", "はい", "on");
const PERSONAL_SHAPE = {
  familyNameLatin: fc.constantFrom("Yamada", "ＹＡＭＡＤＡ", "yamada", "O'Neil", "van der Berg", "ヤマダ", "a".repeat(41)),
  givenNameLatin: fc.constantFrom("Hanako", "Ｈａｎａｋｏ", "Anne-Marie", "Hanako1", "花子"),
  middleNameLatin: fc.constantFrom("", "Anne", "Ａｎｎｅ", "J.", "1"),
  familyNameKanji: fc.constantFrom("山田", "髙橋", "𠮷野", "", "ﾔﾏﾀﾞ"),
  givenNameKanji: fc.constantFrom("花子", "", "a".repeat(41)),
  familyNameKana: fc.constantFrom("ヤマダ", "ﾔﾏﾀﾞ", "やまだ", "ヤマダ\u3000", "ヤ・マダ"),
  givenNameKana: fc.constantFrom("ハナコ", "ﾊﾅｺ", "はなこ", ""),
  preferredName: fc.constantFrom("", "ハナ", "Hana", "😀"),
  country: fc.constantFrom("JP", "JP", "OTHER", "jp", "US"),
  postalCode: fc.constantFrom("100-0001", "１００－０００１", "〒1000001", "1000001", "12345", "0000000", "SW1A 1AA", "10115"),
  prefecture: fc.constantFrom("東京都", "大阪府", "Tokyo", "", "東京"),
  city: fc.constantFrom("千代田区", "ﾁﾖﾀﾞｸ", "London", "a".repeat(61)),
  address1: fc.constantFrom("千代田1-1", "１－１", "221B Baker Street", "a".repeat(81)),
  address2: fc.constantFrom("", "サンプルビル3階", "Flat 2"),
  address3: fc.constantFrom("", "c/o Yamada"),
  email: fc.constantFrom("hanako.personal@example.jp", "ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ", "Hanako@Example.JP", "a@b", "a..b@example.jp"),
  phoneType: fc.constantFrom("mobile", "home", "fax"),
  phone: phoneLike,
  smsConsent: fc.constantFrom("yes", "no", ""),
  feedbackConsent: fc.constantFrom("yes", "no", ""),
  birthYear: fc.constantFrom("1995", "１９９５", "95", "1899", "2100", "2012", ""),
  birthMonth: fc.constantFrom("4", "04", "０４", "13", "0", "2"),
  birthDay: fc.constantFrom("15", "31", "30", "0", "１５"),
  startYear: fc.constantFrom("", "2099", "2020", "２０９９"),
  startMonth: fc.constantFrom("", "1", "12"),
  startDay: fc.constantFrom("", "1", "31"),
  howHeard: fc.constantFrom("jobSite", "sns", "other", "tv", ""),
  intent: intentLike,
  return: returnValue,
};
const FORM_SHAPES: Record<string, Record<string, fc.Arbitrary<string>>> = {
  documents: { intent: fc.constantFrom("skip", "continue", "save", "SKIP", "") },
  eligibility: { age18: yesNo, preHireDocuments: fc.constantFrom("understood", "notUnderstood", "理解した"), intent: intentLike, return: returnValue },
  "work-authorization": {
    workAuthorizationType: fc.constantFrom("japanese", "permanent", "otherWorkVisa", "none", "JAPANESE", "日本国籍"),
    student: fc.constantFrom("student", "notStudent", ""),
    confirmStep3: yesNo,
    intent: intentLike,
  },
  "self-identification": { gender: fc.constantFrom("female", "male", "noAnswer", "other", "Female", ""), intent: intentLike },
  pledge: { consent: fc.constantFrom("yes", "no", "on", "YES", "") },
  "final-questions": {
    languages: fc.constantFrom("ja", "en", "other", "xx", "ja,en"),
    privateRoom: yesNo,
    workPlace: fc.constantFrom("study", "ownRoom", "garage"),
    quietEnvironment: yesNo,
    stressHistory: fc.constantFrom("無", "なし\r\n特にありません", "ｱﾘ", " 無 ", "x".repeat(1_001), ...SCRIPT_PAYLOADS),
    stressHistoryConsent: fc.constantFrom("yes", "no", ""),
    doubleWork: fc.constantFrom("none", "planned", "undecided", "maybe"),
    workAuthorizationFinal: fc.constantFrom("japaneseOrSpecial", "residentStatus", "workVisa", "none", "NONE"),
    confirmFinal: yesNo,
    intent: intentLike,
    return: returnValue,
  },
};
FORM_SHAPES.personal = PERSONAL_SHAPE;

// ---- Candidates and their applications ---------------------------------------------------------------

type Applicant = { who: { candidate: Candidate; pin: string }; browser: Visitor; id: string };

/** A signed-in candidate who has pressed 応募する. */
async function newApplicant(): Promise<Applicant> {
  const who = await newCandidate(portal.db);
  const browser = portal.visitor();
  await signIn(portal, browser, who);
  const start = await browser.post(`/jobs/${JOB_ID}/apply`);
  expect(start.location).toMatch(/^\/applications\/[0-9a-f-]{36}\/documents$/);
  return { who, browser, id: start.location!.split("/")[2]! };
}

async function versionOn(applicationId: string, page: string): Promise<number> {
  const [row] = await portal.db.select({ pageVersions: applications.pageVersions }).from(applications).where(eq(applications.id, applicationId));
  return row?.pageVersions[page] ?? 0;
}

async function applicationRow(applicationId: string) {
  const [row] = await portal.db.select().from(applications).where(eq(applications.id, applicationId));
  return row!;
}

/** Saves one page with its valid form and the current version, as 保存して続行する does. */
async function completePage(a: Applicant, page: string): Promise<void> {
  await a.browser.get(`/applications/${a.id}/${page}`);
  const done = await post(a.browser, `/applications/${a.id}/${page}`, { ...VALID_FORMS[page], version: String(await versionOn(a.id, page)) });
  expect(done.status, `setting up ${page}: ${done.html.slice(0, 200)}`).toBe(303);
}

/** A candidate whose application has every page before `page` done (`assessment`: pledged; `signature`: assessment taken). */
async function applicantAt(page: (typeof BEFORE_ASSESSMENT_PAGES)[number] | "assessment" | "signature"): Promise<Applicant> {
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
const STEPS = stepsOf(bank);
const SURVEY_STEP = STEPS.length;
/** The answers a browser can give to the item at each 1-based step: option ids, or the four points of a pair. */
const CHOICES: Record<number, string[]> = Object.fromEntries(
  STEPS.flatMap((s, i) => (s.kind === "item" ? [[i + 1, s.item.exercise === "situations" ? s.item.options.map((o) => o.id) : ["-2", "-1", "1", "2"]]] : [])),
);
const ITEM_STEPS = Object.keys(CHOICES).map(Number);
const FIRST_PAIR_STEP = STEPS.findIndex((s) => s.kind === "item" && s.item.exercise === "workstyle") + 1;
const ITEM_IDS = STEPS.flatMap((s) => (s.kind === "item" ? [s.item.id] : []));

/** Goes through the assessment as a browser does (first choice on every item) until step `stop` is shown. */
async function assessUntil(a: Applicant, stop: number): Promise<void> {
  let res = await follow(a.browser, await send(a.browser, "GET", `/applications/${a.id}/assessment`, "ja"), "ja");
  for (let guard = 0; guard < STEPS.length; guard++) {
    const form = res.doc.querySelector("main form.form")!;
    const action = form.getAttribute("action")!;
    if (Number(action.split("/").pop()) >= stop) return;
    const choice = form.querySelector('input[name="answer"]')?.getAttribute("value");
    const fields = choice ? { answer: choice, v: form.querySelector('input[name="v"]')!.getAttribute("value")! } : {};
    res = await follow(a.browser, await post(a.browser, action, fields), "ja");
  }
  throw new Error(`step ${stop} was never reached`);
}

/** The answer a run sends: one of the step's own choices (decorated), or whatever the run holds. */
function itemAnswerOf(input: ItemAnswerInput, step: number): unknown {
  if (input.kind === "other") return input.value;
  const choices = CHOICES[step] ?? ["a"];
  return `${input.decoration.before}${choices[input.index % choices.length]}${input.decoration.after}`;
}

async function attemptOf(applicationId: string) {
  const [attempt] = await portal.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.applicationId, applicationId));
  return attempt!;
}

// ---- The document upload ------------------------------------------------------------------------

const UPLOAD_BYTES: Record<UploadFile["content"], Buffer> = {
  pdf: Buffer.from(minimalPdf()),
  html: Buffer.from("<!doctype html><html><body><script>fuzz(1)</script></body></html>"),
  empty: Buffer.alloc(0),
  text: Buffer.from("履歴書\n山田花子\n"),
};

function tokensOf(csrf: CsrfField, token: string): string[] {
  switch (csrf.kind) {
    case "valid":
      return [token];
    case "missing":
      return [];
    case "twice":
      return [token, token];
    case "wrong":
      return [csrf.value];
  }
}

/** The upload as bytes on the wire, framed (or broken) as it says. */
function multipartOf(upload: HostileUpload, token: string): WireBody {
  const boundary = "----wizardfuzz7MA4YWxkTrZu0gW";
  const quoted = (name: string) => name.replace(/"/g, "%22").replace(/[\r\n]/g, " ");
  const chunks: Buffer[] = [];
  for (const part of upload.parts) {
    if (part.kind === "field") {
      for (const value of part.name === "_csrf" ? tokensOf(upload.csrf, token) : [part.value]) {
        chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"\r\n\r\n${value}\r\n`, "utf8"));
      }
      continue;
    }
    const type = part.file.contentType ? `Content-Type: ${part.file.contentType}\r\n` : "";
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"; filename="${quoted(part.file.fileName)}"\r\n${type}\r\n`,
        "utf8",
      ),
    );
    chunks.push(UPLOAD_BYTES[part.file.content], Buffer.from("\r\n"));
  }
  if (upload.framing !== "no-closing-boundary") chunks.push(Buffer.from(`--${boundary}--\r\n`));
  let payload = Buffer.concat(chunks);
  if (upload.framing === "cut-short") payload = payload.subarray(0, Math.floor(payload.length / 2));
  const contentType =
    upload.framing === "no-boundary"
      ? "multipart/form-data"
      : `multipart/form-data; boundary=${upload.framing === "wrong-boundary" ? "----someoneelse" : boundary}`;
  return { contentType, payload };
}

// ---- Setting the scene -------------------------------------------------------------------------

/** STEP 1–4 done with the answers above, waiting at the pledge: no request in this file may change it. */
let throughStep4: Applicant;
/** Half-way through the assessment (every situation and three pairs answered, the fourth shown): no request may change it. */
let midAssessment: Applicant;
const MID_ASSESSMENT_STOP = FIRST_PAIR_STEP + 3;
/** Uploads documents to their profile from STEP 1; their application itself must not change. */
let uploader: Applicant;

beforeAll(async () => {
  portal = await startTestPortal();
  throughStep4 = await applicantAt("pledge");
  midAssessment = await applicantAt("assessment");
  await assessUntil(midAssessment, MID_ASSESSMENT_STOP);
  expect((await attemptOf(midAssessment.id)).furthestStep).toBe(MID_ASSESSMENT_STOP - 1);
  uploader = await applicantAt("personal");
  for (const [name, a] of [
    ["the application through STEP 4", throughStep4],
    ["the application half-way through the assessment", midAssessment],
    ["the uploader's application", uploader],
  ] as const) {
    kept.push({ name, id: a.id, expected: await recordOf(a.id) });
  }
}, 60_000);
afterAll(() => portal?.close());

// ---- STEP 1–5 of the application saved before: hostile input, always with a stale version ------------

describe("STEP 1–5 of a saved application under hostile input from a stale tab", () => {
  for (const page of BEFORE_ASSESSMENT_PAGES) {
    it(
      `POST /applications/:id/${page}: refuses or reports the stale tab, and never changes what was saved`,
      async () => {
        const current = await versionOn(throughStep4.id, page);
        const input = fc.record({
          submission: submissionOf(FORM_SHAPES[page]!, 2),
          version: staleVersion(current),
          returnTo: fc.option(returnValue, { freq: 4 }),
          language: locale,
        });
        await check(
          input,
          async ({ submission, version, returnTo, language }) => {
            const url = `/applications/${throughStep4.id}/${page}${returnTo === null ? "" : `?return=${urlEncoded(returnTo)}`}`;
            const answer = await submit(throughStep4.browser, url, language, submission, { ...formOf(submission, VALID_FORMS[page]!), version });
            expectGatekeeping(answer, submission);
            expectAnsweredWell(answer, language);
            if (!isUndamaged(answer, submission)) return;
            // The valid form from an older tab: told what happened, never saved.
            if (page === "pledge") expect(answer.location).toBe(`/applications/${throughStep4.id}/pledge`);
            else {
              expect(answer.status).toBe(409);
              expectToldStale(answer, language);
            }
          },
          { numRuns: 25 },
        );
      },
      RUN_TIMEOUT_MS,
    );
  }

  it(
    "POST /applications/:id/withdraw: shows the confirmation or a refusal, escaped, and withdraws nothing",
    async () => {
      const input = fc.record({
        submission: submissionOf(
          {
            reason: fc.constantFrom(...WITHDRAWAL_REASONS, "OTHERJOB", "", "toString"),
            note: fc.constantFrom("他社に決まりました", "", "x".repeat(501), ...SCRIPT_PAYLOADS),
          },
          1,
        ),
        language: locale,
      });
      await check(
        input,
        async ({ submission, language }) => {
          const answer = await submit(
            throughStep4.browser,
            `/applications/${throughStep4.id}/withdraw`,
            language,
            submission,
            formOf(submission, { reason: "otherJob", note: "他社に決まりました" }),
          );
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (reachesRoute(answer, submission)) expect([200, 400]).toContain(answer.status);
        },
        { numRuns: 30 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "POST /applications/:id/submit: an application not ready to submit stays as it is, whatever is sent",
    async () => {
      const input = fc.record({ submission: submissionOf({ confirm: fc.constantFrom("yes", "on") }), whose: fc.constantFrom(0, 1), language: locale });
      await check(
        input,
        async ({ submission, whose, language }) => {
          const a = [throughStep4, midAssessment][whose]!;
          const answer = await submit(a.browser, `/applications/${a.id}/submit`, language, submission, formOf(submission, {}));
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (reachesRoute(answer, submission) && answer.status === 303) expect(answer.location).not.toMatch(/\/complete$/);
        },
        { numRuns: 20 },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

// ---- Valid changes are saved normalised; refusals change nothing -------------------------------------

describe("STEP 1 personal details: what is accepted is stored normalised, what is refused changes nothing", () => {
  /** The form's own limits (maxlength, or the longest option of a select): the server must hold the same line. */
  const LIMITS: Record<string, number> = {
    familyNameLatin: 40,
    givenNameLatin: 40,
    middleNameLatin: 40,
    familyNameKanji: 40,
    givenNameKanji: 40,
    familyNameKana: 40,
    givenNameKana: 40,
    preferredName: 40,
    country: 5,
    postalCode: 10,
    prefecture: Math.max(...PREFECTURES.map((p) => p.ja.length)),
    city: 60,
    address1: 80,
    address2: 80,
    address3: 80,
    email: 254,
    phone: 16,
    birthDate: 10,
    earliestStart: 10,
    howHeard: 20,
    phoneType: 6,
  };

  function expectPersonalNormalised(p: PersonalDetails): void {
    for (const [field, value] of Object.entries(p)) if (typeof value === "string") expectStoredNormalised(`personal.${field}`, value, LIMITS[field] ?? 40);
    expect(["JP", "OTHER"]).toContain(p.country);
    if (p.country === "JP") {
      expect(p.postalCode).toMatch(/^\d{7}$/);
      expect(PREFECTURES.map((x) => x.ja)).toContain(p.prefecture);
    }
    expect(p.phone).toMatch(/^\+\d{6,15}$/);
    expect(p.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(HOW_HEARD.map((h) => h.value)).toContain(p.howHeard);
  }

  it(
    "POST /applications/:id/personal with the current version",
    async () => {
      const editor = await applicantAt("personal");
      const input = fc.record({ submission: submissionOf(PERSONAL_SHAPE, 6), language: locale });
      const abroad = (prefecture: string): Submission => ({
        damage: { country: "OTHER", prefecture, postalCode: "SW1A 1AA" },
        extra: {},
        encoding: "form",
        csrf: { kind: "valid" },
        junk: "",
      });
      await check(
        input,
        async ({ submission, language }) => {
          const before = await recordOf(editor.id);
          const version = String(await versionOn(editor.id, "personal"));
          const answer = await submit(
            editor.browser,
            `/applications/${editor.id}/personal`,
            language,
            submission,
            formOf(submission, { ...PERSONAL, version }),
          );
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          const draft = answer.status === 400 && answer.doc.querySelector('.notice[role="status"]') !== null;
          if (answer.status !== 303 || answer.location?.endsWith("?notice=saved")) {
            await (draft || answer.status === 303 ? expectOnlyDraftChangedBy(answer, editor.id, before) : expectUnchangedBy(answer, editor.id, before));
            return;
          }
          expect(answer.location).toMatch(new RegExp(`^/applications/${editor.id}/(eligibility|personal\\?notice=saved)$`));
          const saved = (await applicationRow(editor.id)).personal!;
          expectPersonalNormalised(saved);
          const sent = formOf(submission, PERSONAL);
          for (const field of ["city", "address1"] as const) {
            expect(saved[field]).toBe(asSentInUtf8(normaliseText(arrivedText(sent[field], submission.encoding) ?? "")));
          }
          // The saved details come back on the page, escaped, in the page's language.
          expectAnsweredWell(await send(editor.browser, "GET", `/applications/${editor.id}/personal`, language), language);
        },
        {
          numRuns: 40,
          // An address abroad: the prefecture select offers Japan's only, so whatever arrives is made by hand.
          examples: [{ submission: abroad("\u0001"), language: "ja" }],
        },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "text the database cannot hold (NUL, lone surrogates) in any field, sent as a form or as a script's JSON, is refused or cleaned, never a failure",
    async () => {
      const editor = await applicantAt("personal");
      const input = fc.record({
        field: fc.constantFrom("address1", "city", "address2", "familyNameKanji", "preferredName", "postalCode", "prefecture"),
        text: fc.oneof(
          fc.constantFrom("\u0000", "a\u0000b", "\ud800", "a\udc00", "\ud83d", "東京都\u0000"),
          hostileText.filter((t) => t.length < 60),
        ),
        // Abroad, postal code and prefecture are free text: Japan's rules do not refuse them first.
        country: fc.constantFrom("JP", "OTHER"),
        encoding: fc.constantFrom<Submission["encoding"]>("form", "json"),
        language: locale,
      });
      await check(
        input,
        async ({ field, text, country, encoding, language }) => {
          const before = await recordOf(editor.id);
          const version = String(await versionOn(editor.id, "personal"));
          const submission: Submission = { damage: { country, [field]: text }, extra: {}, encoding, csrf: { kind: "valid" }, junk: "" };
          const answer = await submit(
            editor.browser,
            `/applications/${editor.id}/personal`,
            language,
            submission,
            formOf(submission, { ...PERSONAL, intent: "save", version }),
          );
          expectAnsweredWell(answer, language);
          // 保存する: whatever is valid is kept as a draft, the rest reported.
          await expectOnlyDraftChangedBy(answer, editor.id, before);
        },
        {
          numRuns: 25,
          examples: [
            { field: "prefecture", text: "\u0000", country: "OTHER", encoding: "form", language: "ja" },
            { field: "address1", text: "\ud800", country: "JP", encoding: "json", language: "ja" },
          ],
        },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

/** Every stored answer of a page is one of its question's choices, or normalised text within its limit; sensitive ones carry their consent. */
async function expectPageAnswersValid(applicationId: string, pageId: QuestionPageId): Promise<void> {
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

describe("STEP 2–4 questions: what is accepted is one of the choices, what is refused changes nothing", () => {
  it(
    "POST /applications/:id/{eligibility,work-authorization,self-identification} with the current version",
    async () => {
      let editor = await applicantAt("eligibility");
      const input = fc.record({
        page: fc.constantFrom("eligibility", "work-authorization", "self-identification"),
        submission: submissionOf({ ...FORM_SHAPES.eligibility, ...FORM_SHAPES["work-authorization"], ...FORM_SHAPES["self-identification"] }, 4),
        language: locale,
      });
      await check(
        input,
        async ({ page: wanted, submission, language }) => {
          let app = await applicationRow(editor.id);
          if (app.state !== "draft") {
            // A knock-out answer closed the application: carry on with another candidate's.
            editor = await applicantAt("eligibility");
            app = await applicationRow(editor.id);
          }
          // 保存する un-completes a page; the later pages wait until it is done again.
          const point = resumePoint(app);
          const page = canOpen(app, wanted) || point === "pledge" ? wanted : (point as typeof wanted);
          const before = await recordOf(editor.id);
          const version = String(await versionOn(editor.id, page));
          const answer = await submit(
            editor.browser,
            `/applications/${editor.id}/${page}`,
            language,
            submission,
            formOf(submission, { ...VALID_FORMS[page], version }),
          );
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status !== 303) {
            await expectUnchangedBy(answer, editor.id, before);
            return;
          }
          await expectPageAnswersValid(editor.id, page);
          const after = await applicationRow(editor.id);
          if (after.state === "screened_out") {
            expect(answer.location).toBe(`/applications/${editor.id}/screened-out`);
            expect(after.screenedOutQuestion).not.toBeNull();
            expectAnsweredWell(await send(editor.browser, "GET", answer.location!, language), language);
          }
        },
        { numRuns: 40 },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

// ---- After the assessment: survey, e-signature, final questions, 応募する ------------------------------

describe("STEP 6 under hostile input: survey, e-signature, final questions and 応募する", () => {
  let signer: Applicant;
  beforeAll(async () => {
    signer = await applicantAt("signature");
  }, 60_000);

  /** Signs with the legal name, so that the final questions can be reached. */
  async function ensureSigned(): Promise<void> {
    let app = await applicationRow(signer.id);
    if (app.state !== "signed" && app.state !== "assessment_done") {
      signer = await applicantAt("signature");
      app = await applicationRow(signer.id);
    }
    if (app.state === "assessment_done") await completePage(signer, "signature");
  }

  it(
    "POST /applications/:id/assessment/<survey>: keeps only answers 1–5 to its own questions, once",
    async () => {
      const last = STEPS.at(-1);
      const questions = last?.kind === "survey" ? last.page.questions.map((q) => q.id) : [];
      const score = fc.constantFrom("1", "3", "5", "0", "6", "３", " 3", "3.0", "");
      const input = fc.record({ submission: submissionOf(Object.fromEntries(questions.map((q) => [q, score])), 1), language: locale });
      let firstSaved: unknown = null;
      await check(
        input,
        async ({ submission, language }) => {
          const before = await recordOf(signer.id);
          const answer = await submit(signer.browser, `/applications/${signer.id}/assessment/${SURVEY_STEP}`, language, submission, formOf(submission, {}));
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          const after = await recordOf(signer.id);
          expect({ ...after, survey: null }).toEqual({ ...before, survey: null });
          if (after.survey) {
            for (const [key, value] of Object.entries(after.survey.answers)) {
              expect(questions).toContain(key);
              expect([1, 2, 3, 4, 5]).toContain(value);
            }
            firstSaved ??= after.survey;
            expect(after.survey, "the survey was saved twice").toEqual(firstSaved);
          }
          if (reachesRoute(answer, submission)) expect(answer.location).toBe(`/applications/${signer.id}/signature`);
        },
        { numRuns: 20 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "POST /applications/:id/signature: signs only with the legal name, stored as typed but normalised",
    async () => {
      const signature = fc.constantFrom(
        "Hanako Yamada",
        "山田花子",
        "ＹＡＭＡＤＡ　ｈａｎａｋｏ",
        "yamada-hanako",
        "ヤマダハナコ",
        " Hanako\u200bYamada ",
        "Hanako Yamada\u0007",
        "Taro Suzuki",
        "",
        "a".repeat(101),
      );
      const input = fc.record({
        submission: submissionOf({ signature, version: fc.constantFrom("0", "1", "2", "-1", "") }, 2),
        returnTo: fc.option(returnValue, { freq: 3 }),
        language: locale,
      });
      await check(
        input,
        async ({ submission, returnTo, language }) => {
          const before = await recordOf(signer.id);
          const version = String(await versionOn(signer.id, "signature"));
          const url = `/applications/${signer.id}/signature${returnTo === null ? "" : `?return=${urlEncoded(returnTo)}`}`;
          const answer = await submit(signer.browser, url, language, submission, formOf(submission, { ...VALID_FORMS.signature, version }));
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status !== 303 || answer.location === `/applications/${signer.id}/signature`) {
            await expectUnchangedBy(answer, signer.id, before);
            return;
          }
          expect(answer.location).toMatch(new RegExp(`^/applications/${signer.id}/(final-questions|review)$`));
          const app = await applicationRow(signer.id);
          expect(app.state).toBe("signed");
          const typed = arrivedText(formOf(submission, VALID_FORMS.signature!).signature, submission.encoding) ?? "";
          expect(app.signedName).toBe(asSentInUtf8(normaliseText(typed)));
          expectStoredNormalised("signedName", app.signedName!, 100);
        },
        { numRuns: 30 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "POST /applications/:id/submit before the final questions: nothing is submitted, whatever is sent",
    async () => {
      await ensureSigned();
      const input = fc.record({ submission: submissionOf({}), language: locale });
      await check(
        input,
        async ({ submission, language }) => {
          const before = await recordOf(signer.id);
          const answer = await submit(signer.browser, `/applications/${signer.id}/submit`, language, submission, formOf(submission, {}));
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          await expectUnchangedBy(answer, signer.id, before);
          if (reachesRoute(answer, submission)) expect(answer.location).toBe(`/applications/${signer.id}/final-questions`);
        },
        { numRuns: 20 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "POST /applications/:id/final-questions: stores only the choices offered and the sensitive answer with its consent",
    async () => {
      await ensureSigned();
      const input = fc.record({
        submission: submissionOf(FORM_SHAPES["final-questions"]!, 3),
        returnTo: fc.option(returnValue, { freq: 3 }),
        language: locale,
      });
      await check(
        input,
        async ({ submission, returnTo, language }) => {
          await ensureSigned();
          const before = await recordOf(signer.id);
          const version = String(await versionOn(signer.id, "final-questions"));
          const url = `/applications/${signer.id}/final-questions${returnTo === null ? "" : `?return=${urlEncoded(returnTo)}`}`;
          const answer = await submit(signer.browser, url, language, submission, formOf(submission, { ...VALID_FORMS["final-questions"], version }));
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status !== 303) {
            await expectUnchangedBy(answer, signer.id, before);
            return;
          }
          await expectPageAnswersValid(signer.id, "final-questions");
          expectAnsweredWell(await send(signer.browser, "GET", answer.location!, language), language);
        },
        {
          numRuns: 30,
          // A script's JSON can carry text a browser's form cannot: a lone surrogate in the free-text answer.
          examples: [
            {
              submission: { damage: { stressHistory: "\ud800" }, extra: {}, encoding: "json", csrf: { kind: "valid" }, junk: "" },
              returnTo: null,
              language: "ja",
            },
          ],
        },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it("応募する then submits once, with one e-mail", async () => {
    await ensureSigned();
    const version = String(await versionOn(signer.id, "final-questions"));
    await signer.browser.get(`/applications/${signer.id}/final-questions`);
    expect((await post(signer.browser, `/applications/${signer.id}/final-questions`, { ...VALID_FORMS["final-questions"], version })).status).toBe(303);
    const done = await post(signer.browser, `/applications/${signer.id}/submit`, {});
    expect(done.location).toBe(`/applications/${signer.id}/complete`);
    const mails = (await messagesTo(portal.db, signer.who.candidate.email)).filter((m) => m.template === "applications.submitted");
    expect(mails).toHaveLength(1);
  });
});

// ---- Withdrawal ----------------------------------------------------------------------------------

describe("応募を取り下げる (POST /applications/:id/withdraw/confirm) under hostile input", () => {
  it(
    "withdraws only with a listed reason, keeps the note normalised, and changes nothing on a refusal",
    async () => {
      const leaver = await newApplicant();
      const input = fc.record({
        submission: submissionOf(
          {
            reason: fc.constantFrom(...WITHDRAWAL_REASONS, "OTHERJOB", "", "toString", "__proto__"),
            note: fc.constantFrom("他社に決まりました", "", " 　改行\r\nあり ", "ﾃｽﾄ", "x".repeat(500), "x".repeat(501), ...SCRIPT_PAYLOADS),
          },
          2,
        ),
        language: locale,
      });
      await check(
        input,
        async ({ submission, language }) => {
          // Applying again after a withdrawal opens a new application, so every run has one to withdraw.
          if ((await applicationRow(leaver.id)).state === "withdrawn")
            leaver.id = (await leaver.browser.post(`/jobs/${JOB_ID}/apply`)).location!.split("/")[2]!;
          const before = await recordOf(leaver.id);
          const valid = { reason: "otherJob", note: "他社に決まりました" };
          const answer = await submit(leaver.browser, `/applications/${leaver.id}/withdraw/confirm`, language, submission, formOf(submission, valid));
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status !== 303) {
            await expectUnchangedBy(answer, leaver.id, before);
            return;
          }
          expect(answer.location).toBe("/account/applications?notice=withdrawn");
          const sent = formOf(submission, valid);
          const app = await applicationRow(leaver.id);
          expect(app.state).toBe("withdrawn");
          expect(app.withdrawalReason).toBe(arrivedText(sent.reason, submission.encoding));
          const note = asSentInUtf8(normaliseText(arrivedText(sent.note, submission.encoding) ?? ""));
          expect(app.withdrawalNote).toBe(note === "" ? null : note);
          if (app.withdrawalNote) expectStoredNormalised("withdrawalNote", app.withdrawalNote, 500);
          expectAnsweredWell(await send(leaver.browser, "GET", answer.location!, language), language);
        },
        { numRuns: 30 },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

// ---- The assessment player ---------------------------------------------------------------------------

describe("the assessment player under hostile input", () => {
  it(
    "POST /applications/:id/assessment/<n> from a stale tab: never changes a saved answer, whatever step, answer and version",
    async () => {
      // Answered items are at version 1, the item on screen at 0: neither may be sent.
      const v = staleVersion(1).filter((value) => !(typeof value === "string" && /^\d+$/.test(value) && Number(value) === 0));
      const input = fc.record({
        step: fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...ITEM_STEPS.filter((s) => s <= MID_ASSESSMENT_STOP)).map(String) },
          { weight: 2, arbitrary: stepSegment },
        ),
        answer: itemAnswerInput,
        v,
        submission: submissionOf({}),
        script: fc.boolean(),
        language: locale,
      });
      await check(
        input,
        async ({ step, answer: given, v, submission, script, language }) => {
          const fields = { ...submission.extra, answer: itemAnswerOf(given, Number(step)), v };
          const headers: Record<string, string> = script ? { accept: "application/json" } : {};
          const answer = await submit(midAssessment.browser, `/applications/${midAssessment.id}/assessment/${step}`, language, submission, fields, headers);
          if (routerReads(step)) expectGatekeeping(answer, submission);
          else expect(answer.status).toBe(400);
          // "events" in place of a step number reaches the player's event endpoint, which only ever answers its script, in JSON.
          expectAnsweredWell(answer, language, { json: script || step === "events" });
          // A valid choice for a step already reached, from a tab that saw another version: told, not saved.
          const reached = /^\d+$/.test(step) && ITEM_STEPS.includes(Number(step)) && Number(step) <= MID_ASSESSMENT_STOP;
          const plainChoice = given.kind === "choice" && given.decoration.before === "" && given.decoration.after === "";
          if (reached && plainChoice && submission.encoding !== "malformed" && reachesRoute(answer, submission)) expect(answer.status).toBe(409);
        },
        { numRuns: 40 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "POST /applications/:id/assessment/settings: switches auto-advance and returns to a step of this attempt",
    async () => {
      const input = fc.record({
        submission: submissionOf({ autoAdvance: fc.constantFrom("on", "off", "ON", "true", "1"), step: stepSegment.map(decodeURIComponentSafely) }, 1),
        language: locale,
      });
      await check(
        input,
        async ({ submission, language }) => {
          const sent = formOf(submission, { autoAdvance: "off", step: String(MID_ASSESSMENT_STOP) });
          const answer = await submit(midAssessment.browser, `/applications/${midAssessment.id}/assessment/settings`, language, submission, sent);
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status !== 303) return;
          expect(answer.location).toMatch(new RegExp(`^/applications/${midAssessment.id}/assessment/\\d+$`));
          expect((await attemptOf(midAssessment.id)).autoAdvance).toBe(sent.autoAdvance === "on");
          expectAnsweredWell(await follow(midAssessment.browser, answer, language), language);
        },
        { numRuns: 20 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "POST /applications/:id/assessment/events: records one event for a known kind, nothing for anything else",
    async () => {
      const attempt = await attemptOf(midAssessment.id);
      const events = async () => (await portal.db.select({ n: count() }).from(assessmentEvents).where(eq(assessmentEvents.attemptId, attempt.id)))[0]!.n;
      const input = fc.record({
        kind: eventKind,
        item: fc.oneof(fc.constantFrom(...ITEM_IDS), fieldValue(fc.constantFrom("sit-late-delivery", "ws-01"))),
        // The player's script reports events as JSON; hand-made and broken requests come in every shape.
        submission: fc
          .tuple(submissionOf({}), fc.boolean())
          .map(([submission, asScript]) => (asScript ? { ...submission, encoding: "json" as const } : submission)),
        language: locale,
      });
      await check(
        input,
        async ({ kind, item, submission, language }) => {
          const before = await events();
          const answer = await submit(
            midAssessment.browser,
            `/applications/${midAssessment.id}/assessment/events`,
            language,
            submission,
            { ...submission.extra, kind, item },
            {
              accept: "application/json",
            },
          );
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language, { json: true });
          const recorded = answer.status === 200 && (JSON.parse(answer.html) as { ok: boolean }).ok;
          expect(await events()).toBe(before + (recorded ? 1 : 0));
          // In a form, a field sent once is a field sent once, whatever the client held it in.
          const arrived = Array.isArray(kind) && kind.length === 1 && submission.encoding !== "json" ? kind[0] : kind;
          if (recorded) expect(["focus-lost", "hidden", "paste", "play", "transcript"]).toContain(arrived);
        },
        { numRuns: 30 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "an accepted answer is stored as one of the item's choices and shown chosen when the candidate comes back to it",
    async () => {
      const taker = await applicantAt("assessment");
      await assessUntil(taker, FIRST_PAIR_STEP);
      const input = fc.record({
        pick: fc.nat(),
        answer: itemAnswerInput,
        fresh: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        submission: submissionOf({}),
        script: fc.boolean(),
        language: locale,
      });
      await check(
        input,
        async ({ pick, answer: given, fresh, submission, script, language }) => {
          // Any item reached so far: the one on screen or one answered earlier (going back to change it).
          const furthest = (await attemptOf(taker.id)).furthestStep + 1;
          const reachable = ITEM_STEPS.filter((s) => s <= furthest);
          const step = reachable[pick % reachable.length]!;
          const url = `/applications/${taker.id}/assessment/${step}`;
          const page = await send(taker.browser, "GET", url, language);
          const shownVersion = Number(page.doc.querySelector('input[name="v"]')?.getAttribute("value") ?? "0");
          const before = await recordOf(taker.id);
          const fields = { ...submission.extra, answer: itemAnswerOf(given, step), v: String(fresh ? shownVersion : shownVersion + 1) };
          const answer = await submit(taker.browser, url, language, submission, fields, script ? { accept: "application/json" } : {});
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language, { json: script });
          const saved = answer.status === 303 || (answer.status === 200 && script);
          if (!saved) {
            await expectUnchangedBy(answer, taker.id, before);
            return;
          }
          const itemId = (STEPS[step - 1] as { item: { id: string } }).item.id;
          const stored = (await recordOf(taker.id)).items.find((r) => r.itemId === itemId)!.answer;
          expect(CHOICES[step], `answer ${JSON.stringify(stored)} stored for ${itemId}`).toContain(stored);
          const back = await send(taker.browser, "GET", url, language);
          expect(back.doc.querySelector('input[name="answer"][checked]')?.getAttribute("value"), "the saved answer is not shown chosen").toBe(stored);
        },
        {
          numRuns: 30,
          // A work-style point with a sign a script may add: 「+1」 reads as 1.
          examples: [
            {
              pick: ITEM_STEPS.indexOf(FIRST_PAIR_STEP),
              answer: { kind: "choice", index: 2, decoration: { before: "+", after: "" } },
              fresh: true,
              submission: { damage: {}, extra: {}, encoding: "form", csrf: { kind: "valid" }, junk: "" },
              script: false,
              language: "ja",
            },
          ],
        },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

// ---- The document upload from STEP 1 ----------------------------------------------------------------

describe("書類のアップロード (POST /documents) under hostile multipart bodies", () => {
  it(
    "keeps a document only from a well-formed form with the token before the file, with label and note normalised",
    async () => {
      const back = `/applications/${uploader.id}/documents`;
      const input = fc.record({
        upload: hostileUpload(
          fc.constantFrom(
            back,
            "/account/documents",
            "//evil.example/x",
            "https://evil.example/",
            "/\\evil.example",
            "/.//evil.example",
            `${back}?documents=deleted#top`,
          ),
        ),
        language: locale,
      });
      await check(
        input,
        async ({ upload, language }) => {
          // Keep room under the ten-document limit, so a valid upload is kept rather than refused for the count.
          const existing = await listDocuments(portal.db, uploader.who.candidate.id);
          if (existing.length >= 8)
            for (const d of existing) await deleteDocumentFor(portal.db, { principal: { kind: "candidate", id: uploader.who.candidate.id }, documentId: d.id });
          const answer = await send(uploader.browser, "POST", "/documents", language, multipartOf(upload, uploader.browser.csrf ?? ""));
          expectAnsweredWell(answer, language);
          const firstFile = upload.parts.findIndex((p) => p.kind === "file");
          const token = upload.parts.findIndex((p) => p.kind === "field" && p.name === "_csrf");
          const tokenInTime = upload.csrf.kind === "valid" && (firstFile < 0 || token < firstFile);
          // Refused before any file byte is kept: no token (403), or a body too broken or too many parts to read it (400, 413).
          if (!tokenInTime) expect([400, 403, 413], `${answer.status} for a form without its token before the file`).toContain(answer.status);
          if (answer.status !== 303) return;
          expect(answer.location).toMatch(/[?&](documents=uploaded|documentError=[a-z-]+)$/);
          if (answer.location!.endsWith("documents=uploaded")) {
            const [newest] = await listDocuments(portal.db, uploader.who.candidate.id);
            const field = (name: string) => (upload.parts.find((p) => p.kind === "field" && p.name === name) as { value: string } | undefined)?.value ?? "";
            // NFKC can lengthen text a little (㍻ → 平成); the store cuts it at the limit, in characters.
            const kept = (text: string, limit: number) =>
              Array.from(normaliseText(asSentInUtf8(text)))
                .slice(0, limit)
                .join("");
            // With no 書類名 the file's own name names the document (its normalisation is checked below).
            if (kept(field("label"), MAX_DOCUMENT_LABEL_LENGTH) !== "") expect(newest!.label).toBe(kept(field("label"), MAX_DOCUMENT_LABEL_LENGTH));
            expect(newest!.note).toBe(kept(field("note"), MAX_DOCUMENT_NOTE_LENGTH));
            expectStoredNormalised("document label", newest!.label, MAX_DOCUMENT_LABEL_LENGTH);
            expectStoredNormalised("document note", newest!.note, MAX_DOCUMENT_NOTE_LENGTH);
          }
          // The page the form returns to reports the outcome in the page's language, with every label escaped.
          expectAnsweredWell(await follow(uploader.browser, answer, language), language);
        },
        { numRuns: 40 },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

// ---- Addresses: ids, steps and queries ---------------------------------------------------------------

describe("random paths and queries around the wizard", () => {
  const WIZARD_PATHS = [
    "",
    "/resume",
    "/documents",
    "/personal",
    "/eligibility",
    "/work-authorization",
    "/self-identification",
    "/pledge",
    "/assessment",
    "/assessment/1",
    "/signature",
    "/final-questions",
    "/review",
    "/complete",
    "/screened-out",
    "/withdraw",
  ];

  it(
    "GET and POST /applications/<random id>/<page>: a clear 404 or a sign-in redirect; another candidate's application is a 404",
    async () => {
      const anonymous = portal.visitor();
      await anonymous.get("/jobs");
      const input = fc.record({
        id: fc.oneof({ weight: 4, arbitrary: applicationIdSegment }, { weight: 1, arbitrary: fc.constantFrom(midAssessment.id, uploader.id) }),
        page: fc.constantFrom(...WIZARD_PATHS),
        method: fc.constantFrom<"GET" | "POST">("GET", "GET", "POST"),
        signedIn: fc.boolean(),
        language: locale,
      });
      await check(
        input,
        async ({ id, page, method, signedIn, language }) => {
          const browser = signedIn ? throughStep4.browser : anonymous;
          const body =
            method === "POST" ? encodeSubmission({ encoding: "form", csrf: { kind: "valid" }, junk: "" }, { version: "0" }, browser.csrf ?? "") : NO_BODY;
          const answer = await send(browser, method, `/applications/${id}${page}`, language, body);
          expectAnsweredWell(answer, language);
          if (signedIn && (id === midAssessment.id || id === uploader.id)) {
            expect(answer.status, `${method} ${page} of another candidate's application`).toBe(404);
          }
          if (!signedIn && answer.status === 303) expect(answer.location).toMatch(/^\/login\?return_to=/);
        },
        { numRuns: 40, examples: [{ id: "%zz", page: "/personal", method: "GET", signedIn: true, language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "GET /applications/:id/<page>?return=…&notice=…: the page, a redirect, or its own notice sentence, never a foreign one",
    async () => {
      const junkQuery = fc.option(malformedUrlencoded, { freq: 3 });
      const input = fc.record({
        whose: fc.constantFrom(0, 1),
        page: fc.constantFrom(...WIZARD_PATHS),
        returnTo: fc.option(returnValue, { freq: 2 }),
        notice: fc.option(noticeName, { freq: 2 }),
        junk: junkQuery,
        language: locale,
      });
      await check(
        input,
        async ({ whose, page, returnTo, notice, junk, language }) => {
          const a = [throughStep4, midAssessment][whose]!;
          const query = [returnTo === null ? "" : `return=${urlEncoded(returnTo)}`, notice === null ? "" : `notice=${urlEncoded(notice)}`, junk ?? ""]
            .filter(Boolean)
            .join("&");
          expectAnsweredWell(await send(a.browser, "GET", `/applications/${a.id}${page}${query ? `?${query}` : ""}`, language), language);
        },
        { numRuns: 40, examples: [{ whose: 0, page: "/personal", returnTo: null, notice: "toString", junk: null, language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "GET /applications/:id/assessment/<random step>: the step, or a redirect to where the candidate may be",
    async () => {
      const input = fc.record({ whose: fc.constantFrom(0, 1, 1), step: stepSegment, language: locale });
      await check(
        input,
        async ({ whose, step, language }) => {
          const a = [throughStep4, midAssessment][whose]!;
          const answer = await send(a.browser, "GET", `/applications/${a.id}/assessment/${step}`, language);
          expectAnsweredWell(answer, language);
          if (answer.status === 303 && whose === 1) expect(answer.location).toMatch(new RegExp(`^/applications/${a.id}/`));
        },
        { numRuns: 40, examples: [{ whose: 1, step: "%ED%A0%80", language: "en" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "GET /account/applications/<random>/job: the snapshot of the candidate's own job, or a clear 404",
    async () => {
      const input = fc.record({ id: fc.oneof(applicationIdSegment, fc.constant(midAssessment.id), fc.constant(throughStep4.id)), language: locale });
      await check(
        input,
        async ({ id, language }) => {
          const answer = await send(throughStep4.browser, "GET", `/account/applications/${id}/job`, language);
          expectAnsweredWell(answer, language);
          if (id === midAssessment.id) expect(answer.status).toBe(404);
          if (id === throughStep4.id) expect(answer.status).toBe(200);
        },
        { numRuns: 30 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "GET /assessment-media/<random>/audio/<random>: a clip of the bank, or a clear 404",
    async () => {
      const piece = fc.oneof(
        fc.constantFrom(
          "csa-ja",
          "CSA-JA",
          "..",
          "%2e%2e",
          "csa-ja%2F..",
          "audio-check.mp3",
          "audio-check.MP3",
          "..%2Fbank.json",
          "%2Fetc%2Fpasswd",
          "sit-late-delivery.mp3",
        ),
        shortHostileText.map(urlEncoded).filter((s) => s.length > 0 && s.length <= 200),
        malformedEscape,
        overlongSegment,
      );
      const input = fc.record({ bankId: piece, file: piece, language: locale });
      await check(
        input,
        async ({ bankId, file, language }) => {
          const answer = await send(throughStep4.browser, "GET", `/assessment-media/${bankId}/audio/${file}`, language);
          expectAnsweredWell(answer, language, { audio: true });
          if (answer.status === 200) expect(bankId).toBe("csa-ja");
        },
        { numRuns: 30, examples: [{ bankId: "csa-ja", file: "audio-check.mp3", language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "GET /api/postal-codes/<random>: the address list (empty when there is none), or a clear 4xx page",
    async () => {
      const code = fc.oneof(
        fc.constantFrom("1000001", "100-0001", "１００－０００１", "〒100-0001", "0000000", "12345", `1000001${"0".repeat(20)}`),
        shortHostileText.map(urlEncoded).filter((s) => s.length > 0 && s.length <= 200),
        malformedEscape,
        overlongSegment,
        uuidLookalike,
      );
      const input = fc.record({ code, language: locale });
      await check(
        input,
        async ({ code, language }) => {
          // Typed as a person types it; the browser percent-encodes what is not printable ASCII (and leaves escapes as they are).
          const inAddressBar = [...code].map((c) => (/[\x21-\x7e]/.test(c) ? c : encodeURIComponent(c))).join("");
          const answer = await send(throughStep4.browser, "GET", `/api/postal-codes/${inAddressBar}`, language);
          expectAnsweredWell(answer, language, { json: true });
          if (answer.status === 200) {
            const { addresses } = JSON.parse(answer.html) as { addresses: { postalCode: string }[] };
            expect(addresses.length).toBeLessThanOrEqual(1);
            for (const address of addresses) expect(address.postalCode).toMatch(/^\d{7}$/);
          }
        },
        { numRuns: 30 },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

describe("addresses no router can read", () => {
  const unreadable = fc.record({
    segment: fc.oneof(malformedEscape, overlongSegment),
    page: fc.constantFrom("", "/personal", "/assessment/12", "/withdraw"),
  });

  it(
    "a malformed or over-long address gets its 4xx page in the language chosen in the language menu",
    async () => {
      const input = fc.record({ address: unreadable, chosen: fc.constantFrom<Locale>("ja", "en") });
      await check(
        input,
        async ({ address, chosen }) => {
          const browser = portal.visitor();
          await browser.get("/jobs");
          // Chosen in the menu (the cookie it sets), while the browser itself asks for the other language.
          browser.cookies.set("lang", chosen);
          const answer = await send(browser, "GET", `/applications/${address.segment}${address.page}`, chosen === "ja" ? "en" : "ja");
          expect(answer.status).toBe(400);
          expectAnsweredWell(answer, chosen);
        },
        { numRuns: 20, examples: [{ address: { segment: "%zz", page: "/personal" }, chosen: "en" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "the language menu (and sign-out) on that 4xx page works: its token belongs to the browser",
    async () => {
      const input = fc.record({ address: unreadable, language: locale });
      await check(
        input,
        async ({ address, language }) => {
          const browser = portal.visitor();
          await browser.get("/jobs");
          const answer = await send(browser, "GET", `/applications/${address.segment}${address.page}`, language);
          expectAnsweredWell(answer, language);
          const token = answer.doc.querySelector('form[action="/language"] input[name="_csrf"]')?.getAttribute("value");
          expect(token, "no language menu on the page").toBeDefined();
          const switched = await send(browser, "POST", "/language", language, {
            contentType: "application/x-www-form-urlencoded",
            payload: new URLSearchParams({ _csrf: token!, locale: language === "ja" ? "en" : "ja", back: "/jobs" }).toString(),
          });
          expect(switched.status, "choosing a language from this page answers that the page has expired").toBe(303);
        },
        { numRuns: 20, examples: [{ address: { segment: "%zz", page: "/personal" }, language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

// ---- After everything -----------------------------------------------------------------------------

describe("after all the hostile input", () => {
  it("every application saved before is unchanged and resumes where it was left", async () => {
    await expectKeptApplicationsIntact();
    expect((await throughStep4.browser.get(`/applications/${throughStep4.id}/resume`)).location).toBe(`/applications/${throughStep4.id}/pledge`);
    const resumed = await midAssessment.browser.get(`/applications/${midAssessment.id}/assessment`);
    expect(resumed.location, "the assessment does not resume at the first unanswered item").toBe(
      `/applications/${midAssessment.id}/assessment/${MID_ASSESSMENT_STOP}`,
    );
    const first = await midAssessment.browser.get(`/applications/${midAssessment.id}/assessment/${ITEM_STEPS[0]}`);
    expect(first.doc.querySelector('input[name="answer"][checked]')?.getAttribute("value")).toBe(CHOICES[ITEM_STEPS[0]!]![0]);
    const personal = await throughStep4.browser.get(`/applications/${throughStep4.id}/personal`);
    expect(personal.doc.querySelector('input[name="address1"]')?.getAttribute("value")).toBe(PERSONAL.address1);
    await expectKeptApplicationsIntact();
  });

  it("the candidate saved before carries on from where they were: 保存して続行する on the pledge goes on to the assessment", async () => {
    // Last, because it changes the application every run above had to leave alone.
    const version = String(await versionOn(throughStep4.id, "pledge"));
    await throughStep4.browser.get(`/applications/${throughStep4.id}/pledge`);
    const pledged = await post(throughStep4.browser, `/applications/${throughStep4.id}/pledge`, { consent: "yes", version });
    expect(pledged.location).toBe(`/applications/${throughStep4.id}/assessment`);
    expect((await applicationRow(throughStep4.id)).state).toBe("assessment_pending");
  });
});
