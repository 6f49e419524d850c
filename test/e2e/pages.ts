import { eq } from "drizzle-orm";
import { parse } from "node-html-parser";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { candidates } from "../../src/modules/candidates/schema.ts";
import { minimalPdf } from "../../src/modules/documents/inspection/document-fixtures.ts";
import { recordConsent } from "../../src/modules/privacy/consents.ts";
import type { Locale } from "../../src/platform/i18n/catalogue.ts";
import { candidateTexts, type MessageKey } from "../../src/web/candidate/messages.ts";
import { type AssessmentChoice, assessmentAnswerFields } from "../portal.ts";
import { codeFromMail, type ServedPortal, toNextPage } from "./browser.ts";

/** The one job the demo content opens for applications. */
export const JOB_ID = "230107874";

/** A job id that does not exist, for the 404 page. */
export const MISSING_JOB_ID = "999";

/** Someone registering an account; e-mail and phone must differ between candidates of one portal. */
export type Applicant = {
  givenName: string;
  familyName: string;
  givenNameLatin: string;
  familyNameLatin: string;
  familyNameKana: string;
  givenNameKana: string;
  email: string;
  phone: string;
  pin: string;
};

/** A fresh applicant; `n` keeps e-mail and phone unique when several register on one portal. */
export function applicantNumber(n: number): Applicant {
  const digits = String(1000 + n).slice(-4);
  return {
    givenName: "美咲",
    familyName: "高橋",
    givenNameLatin: "Misaki",
    familyNameLatin: "Takahashi",
    familyNameKana: "タカハシ",
    givenNameKana: "ミサキ",
    email: `misaki.${n}@example.jp`,
    phone: `090-7${digits.slice(0, 3)}-${digits}`,
    pin: "583027",
  };
}

/**
 * Submits a form by its button inside main, named in the page's own language (so one tour serves both),
 * and waits for the next page.
 */
export async function pressButton(page: Page, locale: Locale, key: MessageKey): Promise<void> {
  const button = page
    .locator("main")
    .getByRole("button", { name: candidateTexts[locale](key), exact: true })
    .first();
  await toNextPage(page, () => button.click());
}

export async function visit(page: Page, portal: ServedPortal, path: string): Promise<void> {
  await page.goto(`${portal.baseUrl}${path}`);
}

/** The application id in a wizard URL such as /applications/<id>/documents. */
export function applicationIdOf(page: Page): string {
  const id = new URL(page.url()).pathname.match(/^\/applications\/([0-9a-f-]{36})\//)?.[1];
  if (!id) throw new Error(`not on an application page: ${page.url()}`);
  return id;
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** Opens every <details> menu on the page (header globe, account menu, the 「…」 actions), as a reader would. */
export async function openEveryMenu(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const menu of document.querySelectorAll("details")) menu.open = true;
  });
}

/**
 * Something that inspects the page as it stands now; `state` names what the candidate sees
 * ("registration, after an empty submit"), the URL comes from the page itself.
 */
export type Look = (state: string) => Promise<void>;

/** The pages anyone can open without an account. */
export async function tourSignedOutPages(page: Page, portal: ServedPortal, locale: Locale, look: Look): Promise<void> {
  await visit(page, portal, "/jobs");
  await look("job list");
  await visit(page, portal, `/jobs/${JOB_ID}`);
  await look("job page");
  await visit(page, portal, `/jobs/${MISSING_JOB_ID}`);
  await look("missing job (404 page)");
  await visit(page, portal, `/jobs/${JOB_ID}/apply`);
  await look("before you apply, signed out");
  await visit(page, portal, "/login");
  await look("sign-in");
  await visit(page, portal, "/login/help");
  await look("sign-in help");
  await visit(page, portal, "/privacy");
  await look("privacy policy");
  await visit(page, portal, "/help");
  await look("help");

  await visit(page, portal, "/pin-reset");
  await look("PIN reset");
  // An address with no account still reaches the code step: the portal never tells who is registered.
  await page.fill('input[name="identifier"]', `nobody.${locale}@example.jp`);
  await pressButton(page, locale, "accounts.reset.send");
  expect(pathOf(page)).toMatch(/^\/pin-reset\/[^/]+$/);
  await look("PIN reset, code and new PIN");
}

/** Registration through to a signed-in session, looking at every step including its error states. */
export async function registerAndSignIn(page: Page, portal: ServedPortal, locale: Locale, who: Applicant, look: Look): Promise<void> {
  await visit(page, portal, "/register");
  await look("registration");
  await pressButton(page, locale, "accounts.next");
  expect(await page.locator("[data-error-summary]").count()).toBe(1);
  await look("registration, after an empty submit");

  await page.fill('input[name="givenName"]', who.givenName);
  await page.fill('input[name="familyName"]', who.familyName);
  await page.fill('input[name="givenNameLatin"]', who.givenNameLatin);
  await page.fill('input[name="familyNameLatin"]', who.familyNameLatin);
  await page.fill('input[name="email"]', who.email);
  await page.fill('input[name="emailConfirm"]', who.email);
  await page.fill('input[name="phone"]', who.phone);
  await page.fill('input[name="phoneConfirm"]', who.phone);
  await page.fill('input[name="pin"]', who.pin);
  await page.fill('input[name="pinConfirm"]', who.pin);
  await page.locator('input[name="contactConsent"][value="yes"]').check();
  await pressButton(page, locale, "accounts.next");
  expect(pathOf(page)).toMatch(/^\/login\/[^/]+\/pin$/);
  await look("PIN, just registered");

  // One wrong PIN only: five in a row would lock the account for the rest of the tour.
  await page.fill('input[name="pin"]', "902714");
  await pressButton(page, locale, "accounts.next");
  expect(await page.locator("[data-error-summary]").count()).toBe(1);
  await look("PIN, after a wrong PIN");
  await page.fill('input[name="pin"]', who.pin);
  await pressButton(page, locale, "accounts.next");
  expect(pathOf(page)).toMatch(/^\/login\/[^/]+\/send$/);
  await look("where to send the code");

  const before = portal.smtp.received.length;
  await pressButton(page, locale, "accounts.channel.send");
  expect(pathOf(page)).toMatch(/^\/login\/[^/]+\/code$/);
  await look("enter the code");
  await page.fill('input[name="code"]', await codeFromMail(portal.smtp, who.email, before));
  await pressButton(page, locale, "accounts.next");
  expect(pathOf(page)).toBe("/account");
}

/** アカウント情報 and its sub-pages, before any application exists. */
export async function tourAccountPages(page: Page, portal: ServedPortal, look: Look): Promise<void> {
  await visit(page, portal, "/account");
  await look("account details");
  await visit(page, portal, "/account/contact?kind=email");
  await look("change e-mail address");
  await submitPrimary(page, "main form button.button--primary");
  expect(await page.locator("[data-error-summary] li").count()).toBe(2);
  await look("change e-mail address, nothing typed");
  await visit(page, portal, "/account/contact?kind=phone");
  await look("change phone number");
  await visit(page, portal, "/account/documents");
  await look("documents");
  // One document, so the page lists it as a card.
  await page.setInputFiles('main input[name="file"]', { name: "rirekisho.pdf", mimeType: "application/pdf", buffer: Buffer.from(minimalPdf()) });
  await submitPrimary(page, 'main form[action="/documents"] button[type="submit"]');
  expect(await page.locator("main .document-card").count()).toBe(1);
  await look("documents, one uploaded");
  await visit(page, portal, "/account/applications");
  await look("my applications, none yet");
}

/**
 * アカウント情報 → プライバシー with a submitted application: consents and their history, the confirmation before
 * withdrawing the sensitive answers' consent, the data page, all contact stopped and resumed; then a new notice
 * version (the account's agreement made older) asked for once at the next page.
 */
export async function tourPrivacyPages(page: Page, portal: ServedPortal, locale: Locale, who: Applicant, look: Look): Promise<void> {
  await visit(page, portal, "/account/privacy");
  await look("privacy: consents and their history");
  await visit(page, portal, "/account/privacy/withdraw-sensitive");
  await look("privacy: before withdrawing consent for sensitive answers");
  await visit(page, portal, "/account/privacy/data");
  await look("privacy: the candidate's data");
  await visit(page, portal, "/account/privacy");
  await pressButton(page, locale, "privacy.contact.stop");
  await look("privacy: all contact stopped");
  await pressButton(page, locale, "privacy.contact.resume");

  const [account] = await portal.db.select({ id: candidates.id }).from(candidates).where(eq(candidates.email, who.email));
  await recordConsent(portal.db, {
    candidateId: account!.id,
    purpose: "privacy_notice",
    decision: "given",
    source: { textVersion: "unversioned", page: "/register" },
    now: portal.clock.now(),
  });
  await visit(page, portal, "/account");
  expect(pathOf(page)).toBe("/privacy/acknowledge");
  await look("a new privacy notice to acknowledge");
  await pressButton(page, locale, "privacy.ack.submit");
  expect(pathOf(page)).toBe("/account");
}

/** Starts an application for the demo job from 「応募に進む前に」; returns its id, on the STEP 1 documents page. */
export async function startApplication(page: Page, portal: ServedPortal, locale: Locale = "ja", look?: Look): Promise<string> {
  await visit(page, portal, `/jobs/${JOB_ID}/apply`);
  await look?.("before you apply");
  await pressButton(page, locale, "applications.before.start");
  expect(pathOf(page)).toMatch(/\/documents$/);
  return applicationIdOf(page);
}

/** STEP 1 personal details; the postal code last, so the address script only confirms what is there. */
export async function fillPersonalDetails(page: Page, who: Applicant, birth: { year: number; month: number; day: number }): Promise<void> {
  await page.fill('input[name="familyNameKana"]', who.familyNameKana);
  await page.fill('input[name="givenNameKana"]', who.givenNameKana);
  await page.fill('input[name="city"]', "千代田区千代田");
  await page.selectOption('select[name="prefecture"]', "東京都");
  await page.fill('input[name="postalCode"]', "100-0001");
  await page.fill('input[name="address1"]', "千代田1-1");
  await page.fill('input[name="birthYear"]', String(birth.year));
  await page.fill('input[name="birthMonth"]', String(birth.month));
  await page.fill('input[name="birthDay"]', String(birth.day));
  await page.selectOption('select[name="howHeard"]', "jobSite");
}

async function choose(page: Page, name: string, value: string): Promise<void> {
  await page.locator(`input[name="${name}"][value="${value}"]`).check();
}

/** Submits the page's one primary form button and waits for the next page. */
async function submitPrimary(page: Page, selector: string): Promise<void> {
  await toNextPage(page, () => page.locator(selector).first().click());
}

/**
 * The online assessment from its first page to the e-signature. Every page between the exercises is
 * looked at (their content differs), the auto-advance page also after 開始 without a choice; of the
 * exercises, the first situation (also with no answer chosen, and with ヘルプ open) and
 * the first work-style pair, since the rest share their layout. Answers are picked with Space, as a
 * keyboard user would, which keeps auto-advance out of the way.
 */
export async function takeAssessment(page: Page, look: Look): Promise<void> {
  const seenExercises = new Set<string>();
  if (/\/assessment$/.test(pathOf(page))) {
    await look("assessment: start");
    await submitPrimary(page, "main form.form button.button--primary");
  }
  for (let steps = 0; steps < 200; steps++) {
    const here = pathOf(page);
    if (!/\/assessment\/\d+$/.test(here)) return;
    const title = (await page.locator("[data-page-heading]").first().innerText()).trim().replace(/\s+/g, " ").slice(0, 60);
    const itemForm = page.locator("main form[data-item-form]");
    if ((await itemForm.count()) === 0) {
      await look(`assessment: ${title}`);
      if ((await page.locator('main input[type="radio"][name="autoAdvance"]').count()) > 0) {
        await submitPrimary(page, "main form.form button.button--primary");
        expect(await page.locator("[data-error-summary]").count()).toBe(1);
        await look(`assessment: ${title}, without a choice`);
        await page.locator('main input[type="radio"][name="autoAdvance"][value="on"]').check();
      }
      await submitPrimary(page, "main form.form:not([data-item-form]) button.button--primary");
    } else {
      const situation = (await page.locator('main input[name="best"]').count()) > 0;
      const exercise = situation ? "situation" : "work-style pair";
      if (!seenExercises.has(exercise)) {
        seenExercises.add(exercise);
        await look(`assessment: first ${exercise}`);
        if (situation) {
          await page.locator("main details.player__help summary").click();
          await look("assessment: first situation, ヘルプ open");
          await page.locator("main details.player__help summary").click();
          // With auto-advance on, 次へ shows once a key is pressed inside the form; Shift chooses nothing.
          await page.locator('main input[name="best"]').first().focus();
          await page.keyboard.press("Shift");
          await submitPrimary(page, "main [data-next]");
          expect(pathOf(page)).toBe(here);
          await look("assessment: first situation, no answer chosen");
        }
      }
      if (situation) {
        await page.locator('main input[name="best"]').first().focus();
        await page.keyboard.press("Space");
        await page.locator('main input[name="worst"]').nth(1).focus();
        await page.keyboard.press("Space");
      } else {
        await page.locator('main input[name="answer"]').first().focus();
        await page.keyboard.press("Space");
      }
      await submitPrimary(page, "main [data-next]");
    }
    if (pathOf(page) === here) throw new Error(`the assessment did not move on from ${here} (${title})`);
  }
  throw new Error("the assessment never ended");
}

/** The whole application from STEP 1 to 「応募する」, looking at every page and its error states. */
export async function applyAndSubmit(
  page: Page,
  portal: ServedPortal,
  locale: Locale,
  who: Applicant,
  look: Look,
  resume?: { fileName: string; bytes: Uint8Array },
): Promise<string> {
  const id = await startApplication(page, portal, locale, look);
  await look("STEP 1 documents");
  await visit(page, portal, `/applications/${id}`);
  await look("application overview");
  await visit(page, portal, `/applications/${id}/documents`);
  if (resume) {
    // The résumé uploaded on the documents step itself, then sent with the application.
    await page.setInputFiles('input[name="file"]', { name: resume.fileName, mimeType: "application/pdf", buffer: Buffer.from(resume.bytes) });
    await pressButton(page, locale, "documents.upload.submit");
    await pressButton(page, locale, "applications.documents.useThese");
  } else await pressButton(page, locale, "applications.documents.skip");

  expect(pathOf(page)).toBe(`/applications/${id}/personal`);
  await look("STEP 1 personal details");
  await pressButton(page, locale, "applications.saveAndContinue");
  expect(await page.locator("[data-error-summary]").count()).toBe(1);
  await look("STEP 1 personal details, with errors");
  await fillPersonalDetails(page, who, { year: 1996, month: 7, day: 3 });
  await pressButton(page, locale, "applications.saveAndContinue");

  expect(pathOf(page)).toBe(`/applications/${id}/eligibility`);
  await look("STEP 2 eligibility");
  await pressButton(page, locale, "applications.saveAndContinue");
  expect(await page.locator("[data-error-summary]").count()).toBe(1);
  await look("STEP 2 eligibility, with errors");
  await choose(page, "age18", "yes");
  await choose(page, "preHireDocuments", "understood");
  await pressButton(page, locale, "applications.saveAndContinue");

  expect(pathOf(page)).toBe(`/applications/${id}/work-authorization`);
  await look("STEP 3 work authorization");
  await page.selectOption('select[name="workAuthorizationType"]', "japanese");
  await choose(page, "student", "notStudent");
  await choose(page, "confirmStep3", "yes");
  await pressButton(page, locale, "applications.saveAndContinue");

  expect(pathOf(page)).toBe(`/applications/${id}/self-identification`);
  await look("STEP 4 self-identification");
  await choose(page, "gender", "noAnswer");
  await pressButton(page, locale, "applications.saveAndContinue");

  expect(pathOf(page)).toBe(`/applications/${id}/pledge`);
  await look("STEP 5 pledge");
  await pressButton(page, locale, "applications.pledge.submit");
  expect(await page.locator("[data-error-summary]").count()).toBe(1);
  await look("STEP 5 pledge, without consent");
  await page.locator('input[name="consent"]').check();
  await pressButton(page, locale, "applications.pledge.submit");

  expect(pathOf(page)).toMatch(new RegExp(`^/applications/${id}/assessment`));
  await takeAssessment(page, look);

  expect(pathOf(page)).toBe(`/applications/${id}/signature`);
  await look("e-signature");
  await page.fill('input[name="signature"]', "Hanako Yamada");
  await pressButton(page, locale, "applications.signature.submit");
  expect(await page.locator("[data-error-summary]").count()).toBe(1);
  await look("e-signature, name does not match");
  await page.fill('input[name="signature"]', `${who.givenNameLatin} ${who.familyNameLatin}`);
  await pressButton(page, locale, "applications.signature.submit");

  expect(pathOf(page)).toBe(`/applications/${id}/final-questions`);
  await look("final questions");
  await choose(page, "languages", "ja");
  await choose(page, "privateRoom", "yes");
  await choose(page, "workPlace", "ownRoom");
  await choose(page, "quietEnvironment", "yes");
  await page.fill('textarea[name="stressHistory"]', "無");
  await choose(page, "doubleWork", "none");
  await choose(page, "confirmFinal", "yes");
  await pressButton(page, locale, "applications.saveAndContinue");

  expect(pathOf(page)).toBe(`/applications/${id}/review`);
  await look("review");
  await pressButton(page, locale, "applications.review.submit");
  expect(pathOf(page)).toBe(`/applications/${id}/complete`);
  await look("application complete");
  return id;
}

/** 応募した求人 with a submitted application, the job as applied for, and withdrawal with its confirmation. */
export async function tourSubmittedApplication(page: Page, portal: ServedPortal, locale: Locale, id: string, look: Look): Promise<void> {
  await visit(page, portal, "/account/applications");
  await look("my applications, one submitted");
  await openEveryMenu(page);
  await look("my applications, every menu open");
  await visit(page, portal, `/account/applications/${id}/job`);
  await look("the job as applied for");

  await visit(page, portal, `/applications/${id}/withdraw`);
  await look("withdraw");
  await pressButton(page, locale, "applications.withdraw.next");
  expect(await page.locator("[data-error-summary]").count()).toBe(1);
  await look("withdraw, without a reason");
  await choose(page, "reason", "otherJob");
  await pressButton(page, locale, "applications.withdraw.next");
  await look("withdraw, confirm");
  await pressButton(page, locale, "applications.withdraw.confirm");
  expect(pathOf(page)).toBe("/account/applications");
  await look("my applications, after withdrawing");
}

/**
 * A second application by the same candidate (the first is withdrawn), this time as someone under 18
 * who answers いいえ to 「あなたは18歳以上ですか？」 and is screened out.
 */
export async function screenedOut(page: Page, portal: ServedPortal, locale: Locale, who: Applicant, look: Look): Promise<void> {
  const id = await startApplication(page, portal, locale);
  await pressButton(page, locale, "applications.documents.skip");
  const thisYear = new Date().getFullYear();
  await fillPersonalDetails(page, who, { year: thisYear - 12, month: 4, day: 1 });
  await pressButton(page, locale, "applications.saveAndContinue");
  expect(pathOf(page)).toBe(`/applications/${id}/eligibility`);
  // 「理解していない」 first: an explanation and where to ask, not the end of the application.
  await choose(page, "age18", "no");
  await choose(page, "preHireDocuments", "notUnderstood");
  await pressButton(page, locale, "applications.saveAndContinue");
  expect(pathOf(page)).toBe(`/applications/${id}/eligibility`);
  await look("STEP 2, 「理解していない」 explained");
  await choose(page, "preHireDocuments", "understood");
  await pressButton(page, locale, "applications.saveAndContinue");
  expect(pathOf(page)).toBe(`/applications/${id}/eligibility/confirm-answer`);
  await look("knock-out answer, asked to confirm");
  await pressButton(page, locale, "applications.knockout.confirm");
  expect(pathOf(page)).toBe(`/applications/${id}/screened-out`);
  await look("screened out (under 18)");
}

/** Every page a candidate can reach, in one language, from the job list to a screened-out application. */
export async function tourEveryCandidatePage(page: Page, portal: ServedPortal, locale: Locale, who: Applicant, look: Look): Promise<void> {
  await tourSignedOutPages(page, portal, locale, look);
  await registerAndSignIn(page, portal, locale, who, look);
  await tourAccountPages(page, portal, look);
  const id = await applyAndSubmit(page, portal, locale, who, look);
  await visit(page, portal, `/applications/${id}`);
  await look("application overview, submitted");
  await tourPrivacyPages(page, portal, locale, who, look);
  await tourSubmittedApplication(page, portal, locale, id, look);
  await screenedOut(page, portal, locale, who, look);
  await visit(page, portal, "/reminders/off?c=00000000-0000-4000-8000-000000000000&t=not-ours");
  await look("reminders off, with a link that is not ours");
  await visit(page, portal, "/dev/mailbox");
  await look("local mailbox");
}

/** STEP 1–5 sent through the page's own request context (same cookies), without looking at the pages: for tests of what comes after. */
export async function pledgeByRequests(page: Page, portal: ServedPortal, id: string, who: Applicant): Promise<void> {
  const post = async (step: string, form: Record<string, string>) => {
    await page.goto(`${portal.baseUrl}/applications/${id}/${step}`);
    const csrf = await page.locator('main input[name="_csrf"]').last().getAttribute("value");
    const version = (await page.locator('input[name="version"]').count()) ? await page.locator('input[name="version"]').first().getAttribute("value") : "0";
    const res = await page.request.post(`${portal.baseUrl}/applications/${id}/${step}`, {
      form: { _csrf: csrf ?? "", version: version ?? "0", intent: "continue", ...form },
      maxRedirects: 0,
    });
    expect(res.status(), step).toBe(303);
  };
  await post("documents", { intent: "skip" });
  await post("personal", {
    familyNameLatin: who.familyNameLatin,
    givenNameLatin: who.givenNameLatin,
    familyNameKana: who.familyNameKana,
    givenNameKana: who.givenNameKana,
    country: "JP",
    postalCode: "1000001",
    prefecture: "東京都",
    city: "千代田区",
    address1: "1-1",
    email: who.email,
    phoneType: "mobile",
    phone: who.phone,
    birthYear: "1994",
    birthMonth: "5",
    birthDay: "6",
    howHeard: "sns",
  });
  await post("eligibility", { age18: "yes", preHireDocuments: "understood" });
  await post("work-authorization", { workAuthorizationType: "japanese", student: "notStudent", confirmStep3: "yes" });
  await post("self-identification", { gender: "noAnswer" });
  await post("pledge", { consent: "yes" });
}

/**
 * Goes through the assessment with plain form posts from the page's request context (as without
 * JavaScript, first choices), from wherever the attempt stands until `stop` says so about a page (its
 * URL and HTML) or the assessment is over. Returns the URL it stopped at.
 */
export async function assessByRequests(
  page: Page,
  portal: ServedPortal,
  id: string,
  stop: (url: string, html: string) => boolean = () => false,
  choose?: AssessmentChoice,
): Promise<string> {
  let url = `${portal.baseUrl}/applications/${id}/assessment`;
  for (let guard = 0; guard < 300; guard++) {
    const res = await page.request.get(url, { maxRedirects: 0 });
    if (res.status() === 303) {
      const next = new URL(res.headers().location!, portal.baseUrl).toString();
      if (!next.includes("/assessment")) return next;
      url = next;
      continue;
    }
    const html = await res.text();
    if (stop(url, html)) return url;
    const form = parse(html).querySelector("main form.form");
    if (!form) throw new Error(`no form at ${url}`);
    const fields = { _csrf: form.querySelector('input[name="_csrf"]')?.getAttribute("value") ?? "", ...assessmentAnswerFields(form, choose) };
    const posted = await page.request.post(new URL(form.getAttribute("action")!, portal.baseUrl).toString(), { form: fields, maxRedirects: 0 });
    expect(posted.status(), url).toBe(303);
    const next = new URL(posted.headers().location!, portal.baseUrl).toString();
    if (!next.includes("/assessment")) return next;
    url = next;
  }
  throw new Error("the assessment did not end");
}

/** The e-signature, the final questions and 応募する, sent through the page's request context. */
export async function submitByRequests(page: Page, portal: ServedPortal, id: string, who: Applicant): Promise<void> {
  const post = async (step: string, form: Record<string, string | string[]>, action = step) => {
    await page.goto(`${portal.baseUrl}/applications/${id}/${step}`);
    const csrf = await page.locator('main input[name="_csrf"]').last().getAttribute("value");
    const version = (await page.locator('input[name="version"]').count()) ? await page.locator('input[name="version"]').first().getAttribute("value") : "0";
    const body = new URLSearchParams({ _csrf: csrf ?? "", version: version ?? "0", intent: "continue" });
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const res = await page.request.post(`${portal.baseUrl}/applications/${id}/${action}`, {
      data: body.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      maxRedirects: 0,
    });
    expect(res.status(), step).toBe(303);
  };
  await post("signature", { signature: `${who.givenNameLatin} ${who.familyNameLatin}` });
  await post("final-questions", {
    languages: ["ja"],
    privateRoom: "yes",
    workPlace: ["ownRoom"],
    quietEnvironment: "yes",
    stressHistory: "無",
    stressHistoryConsent: "yes",
    doubleWork: "none",
    workAuthorizationFinal: "japaneseOrSpecial",
    confirmFinal: "yes",
  });
  await post("review", {}, "submit");
}
