/**
 * The office's side of hiring, end to end in Chromium: an administrator created from the command line sets
 * a password and enrols an authenticator (the test computes its codes from the secret shown), and publishes
 * a job; a recruiter, also from the command line, finds the application (with its résumé) a candidate made through the
 * candidate pages in the job's pipeline, opens it, downloads the résumé, and moves it to 面接調整中 with the stage's e-mail, which
 * a real SMTP server on 127.0.0.1 receives; the candidate sees the new status and its next step on 応募した求人. The staff command reaches the portal's database only on PostgreSQL, so this runs there.
 */
import { readFile } from "node:fs/promises";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimalPdf } from "../../src/modules/documents/inspection/document-fixtures.ts";
import { auditLog } from "../../src/modules/staff/schema.ts";
import { launchChromium, phoneContext, type ServedPortal, screenshot, startServedPortal } from "./browser.ts";
import { setUpStaffInBrowser, signInToConsole, staffFromCommandLine } from "./office-pages.ts";
import { applicantNumber, applyAndSubmit, JOB_ID, registerAndSignIn } from "./pages.ts";

const ci = process.env.CI === "true" || process.env.CI === "1";
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
if (!onPostgres && ci) throw new Error("CI: TEST_DATABASE_URL is not set, so the staff command cannot reach the portal's database.");
if (!onPostgres) console.log("office journey: skipped, the staff command needs the portal on PostgreSQL (set TEST_DATABASE_URL=postgres://…)");

const DESKTOP = { width: 1366, height: 900 };

describe.skipIf(!onPostgres)("the office hires through the console", () => {
  let portal: ServedPortal;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    portal = await startServedPortal();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await portal?.close();
  });

  async function desktopPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP, locale: "ja-JP" });
    contexts.push(context);
    return context.newPage();
  }

  async function submitIn(page: Page, form: string): Promise<void> {
    await Promise.all([page.waitForEvent("load"), page.locator(`${form} button[type="submit"]`).first().click()]);
  }

  it("from the command line to a decision the candidate sees", async () => {
    // A candidate applies through the candidate pages on a phone.
    const candidateContext = await phoneContext(browser);
    contexts.push(candidateContext);
    const candidate = await candidateContext.newPage();
    const who = applicantNumber(61);
    await registerAndSignIn(candidate, portal, "ja", who, async () => undefined);
    const resume = minimalPdf(2_000);
    const applicationId = await applyAndSubmit(candidate, portal, "ja", who, async () => undefined, { fileName: "rirekisho.pdf", bytes: resume });

    // The administrator: created in a shell, set up and signed in in the browser.
    const adminLink = staffFromCommandLine(portal, { email: "kanri.office@example.jp", name: "管理 太郎", role: "admin" });
    const admin = await desktopPage();
    const adminPassword = "しずかな朝に青い傘と三つの鍵";
    const adminAuth = await setUpStaffInBrowser(admin, adminLink, adminPassword);
    await signInToConsole(admin, portal, { email: "kanri.office@example.jp", password: adminPassword, ...adminAuth });

    // A new posting, copied from the demo job and published: the public sees it.
    await admin.goto(`${portal.baseUrl}/office/jobs/${JOB_ID}`);
    await submitIn(admin, `form[action="/office/jobs/${JOB_ID}/copy"]`);
    const copyId = new URL(admin.url()).pathname.split("/").pop() ?? "";
    expect(copyId).toMatch(/^\d+$/);
    expect(copyId).not.toBe(JOB_ID);
    await submitIn(admin, `form[action="/office/jobs/${copyId}/publish"]`);
    const published = await fetch(`${portal.baseUrl}/jobs/${copyId}`);
    expect(published.status).toBe(200);
    await screenshot(admin, "office-journey-job-published");

    // The recruiter of the demo job: created in a shell, set up, signed in; opens the application.
    const recruiterLink = staffFromCommandLine(portal, { email: "saiyo.office@example.jp", name: "採用 花子", role: "recruiter", jobs: [JOB_ID] });
    const recruiter = await desktopPage();
    const recruiterPassword = "木曜の港で緑の列車を待つ";
    const recruiterAuth = await setUpStaffInBrowser(recruiter, recruiterLink, recruiterPassword);
    await signInToConsole(recruiter, portal, { email: "saiyo.office@example.jp", password: recruiterPassword, ...recruiterAuth });
    // The recruiter finds the candidate in the job's pipeline by the kana of their name, as typed in katakana.
    await recruiter.goto(`${portal.baseUrl}/office/pipeline/${JOB_ID}`);
    await recruiter.fill('input[name="q"]', who.familyNameKana);
    await submitIn(recruiter, "form.filters");
    const row = recruiter.locator(`input[name="ids"][value="${applicationId}"]`);
    expect(await row.count()).toBe(1);
    await screenshot(recruiter, "office-journey-pipeline-search");

    // The application page, reached from the row: the recruiter reviews it there.
    await recruiter.locator(`a[href="/office/candidates/${applicationId}"]`).click();
    await recruiter.waitForURL(`**/office/candidates/${applicationId}`);
    expect(await recruiter.locator("h1").innerText()).toContain(who.familyName);
    // The résumé downloads as the candidate sent it, and the download is in the audit log.
    const [download] = await Promise.all([
      recruiter.waitForEvent("download"),
      recruiter.locator(`a[href^="/office/candidates/${applicationId}/documents/"]`).first().click(),
    ]);
    const saved = await download.path();
    expect((await readFile(saved)).equals(Buffer.from(resume)), "the downloaded résumé differs from the uploaded one").toBe(true);
    const downloads = await portal.db.select().from(auditLog).where(eq(auditLog.action, "document.downloaded"));
    expect(downloads.map((d) => d.recordKind)).toContain("document");

    /** Ticks the candidate, chooses the stage, previews the e-mail and confirms, as a member does. */
    const move = async (to: string, template: string) => {
      await recruiter.goto(`${portal.baseUrl}/office/pipeline/${JOB_ID}?q=${encodeURIComponent(who.familyNameKana)}`);
      await recruiter.locator(`input[name="ids"][value="${applicationId}"]`).check();
      await recruiter.selectOption("#f-to-stage", to);
      await recruiter.selectOption("#f-template", template);
      await submitIn(recruiter, `form[action="/office/pipeline/${JOB_ID}/moves/confirm"]`);
      await Promise.all([recruiter.waitForEvent("load"), recruiter.locator("main form button.button--primary").click()]);
    };
    await move("screening", "none");
    await move("interview_scheduling", "auto");
    await screenshot(recruiter, "office-journey-moved");

    // The templated e-mail reaches the candidate through the real SMTP server, once.
    const mail = await portal.smtp.waitFor((m) => m.to.includes(who.email) && /面接/.test(m.subject), 30_000);
    expect(mail.text).toContain(who.familyName);
    expect(portal.smtp.received.filter((m) => m.to.includes(who.email) && m.subject === mail.subject)).toHaveLength(1);

    // The candidate sees the decision and what comes next.
    await candidate.goto(`${portal.baseUrl}/account/applications`);
    const listed = await candidate.locator("main").innerText();
    expect(listed).toContain("面接日程の調整中");
    expect(listed).toContain("採用事務局から面接日程のご案内をお送りします");
    await screenshot(candidate, "office-journey-candidate-sees-status");
  }, 360_000);
});
