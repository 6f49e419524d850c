import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCodeAt } from "../../src/modules/staff/credentials/totp.ts";
import { type StaffRole, staffMembers } from "../../src/modules/staff/schema.ts";
import { newStaff } from "../staff.ts";
import { wcagViolationLines } from "./axe.ts";
import { launchChromium, phoneContext, type ServedPortal, screenshot, startServedPortal } from "./browser.ts";
import { applicantNumber, applyAndSubmit, JOB_ID, registerAndSignIn } from "./pages.ts";

/** The office's two devices: a desktop screen and a tablet held upright. */
const SIZES = { desktop: { width: 1366, height: 900 }, tablet: { width: 820, height: 1180 } } as const;

let portal: ServedPortal;
let browser: Browser;
let applicationId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  portal = await startServedPortal();
  browser = await launchChromium();
  // A real application, made the way a candidate makes one: every page, the whole assessment, 応募する.
  const context = await phoneContext(browser);
  const page = await context.newPage();
  const who = applicantNumber(41);
  await registerAndSignIn(page, portal, "ja", who, async () => undefined);
  applicationId = await applyAndSubmit(page, portal, "ja", who, async () => undefined);
  await context.close();
}, 240_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await portal?.close();
});

async function submitIn(page: Page, form: string): Promise<void> {
  await Promise.all([page.waitForEvent("load"), page.locator(`${form} button[type="submit"]`).click()]);
}

/** A member of staff of the demo job, signed in through the console's pages in a desktop-sized browser. */
async function signedIn(input: { role: StaffRole; javaScriptEnabled: boolean; mayViewSensitive?: boolean }): Promise<Page> {
  const clock = { now: () => new Date(), advance: () => undefined };
  const who = await newStaff({ db: portal.db, config: portal.config, clock }, { role: input.role, jobIds: [JOB_ID], name: "確認 由美" });
  if (input.mayViewSensitive) await portal.db.update(staffMembers).set({ mayViewSensitive: true }).where(eq(staffMembers.id, who.id));
  const context = await browser.newContext({ viewport: SIZES.desktop, locale: "ja-JP", javaScriptEnabled: input.javaScriptEnabled });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${portal.baseUrl}/office/sign-in`);
  await page.fill('input[name="email"]', who.email);
  await page.fill('input[name="password"]', who.password);
  await submitIn(page, "main form");
  // The enrolment used this time step's code; the next step's is accepted and never used before.
  await page.fill('input[name="code"]', totpCodeAt(who.totpSecret, new Date(Date.now() + 30_000)));
  await submitIn(page, "main form");
  expect(new URL(page.url()).pathname).toBe("/office");
  return page;
}

/** Whether anything makes the page wider than its window (a tablet cannot show what is beside the screen). */
function widerThanWindow(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

describe("the candidate page in a browser", () => {
  it("passes axe and fits the screen at desktop and tablet size, in Japanese and English, in every state", async () => {
    const page = await signedIn({ role: "recruiter", javaScriptEnabled: true, mayViewSensitive: true });
    const url = `${portal.baseUrl}/office/candidates/${applicationId}`;
    await page.goto(url);
    await page.fill('textarea[name="body"]', "電話での受け答えが丁寧でした。\n志望動機も具体的です。");
    await page.locator('input[name="rating"][value="4"]').check();
    await submitIn(page, 'form[action$="/notes"]');
    await page.selectOption('select[name="to"]', "screening");
    await submitIn(page, 'form[action$="/move"]');

    const findings: string[] = [];
    for (const locale of ["ja", "en"] as const) {
      await page.goto(url);
      if ((await page.locator("html").getAttribute("lang")) !== locale) {
        await submitIn(page, 'form[action="/language"]');
      }
      expect(await page.locator("html").getAttribute("lang")).toBe(locale);
      for (const [size, viewport] of Object.entries(SIZES)) {
        await page.setViewportSize(viewport);
        await page.goto(url);
        findings.push(...(await wcagViolationLines(page)).map((v) => `[${locale} ${size}] ${v}`));
        expect(await widerThanWindow(page), `${locale} ${size}`).toBe(false);
        await screenshot(page, `office-candidate-${locale}-${size}`);
      }
      await page.setViewportSize(SIZES.desktop);
      await page.fill('input[name="reason"]', locale === "ja" ? "面接前に勤務上の配慮の要否を確認するため" : "To check whether any adjustment is needed");
      await submitIn(page, ".reveal-form");
      expect(await page.locator('[data-question="stressHistory"] .answer-text').innerText()).toBe("無");
      findings.push(...(await wcagViolationLines(page)).map((v) => `[${locale} revealed] ${v}`));
      await screenshot(page, `office-candidate-${locale}-revealed`);
      await page.goto(url);
      await submitIn(page, 'form[action$="/notes"]');
      expect(await page.locator("[data-error-summary]").count()).toBe(1);
      expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-error-summary"))).toBe(true);
      findings.push(...(await wcagViolationLines(page)).map((v) => `[${locale} note error] ${v}`));
      await screenshot(page, `office-candidate-${locale}-note-error`);
    }
    expect(findings).toEqual([]);
  }, 120_000);

  it("is operated by keyboard alone with JavaScript off: reveal the sensitive answers with a reason, add a rated note", async () => {
    const page = await signedIn({ role: "reviewer", javaScriptEnabled: false, mayViewSensitive: true });
    await page.goto(`${portal.baseUrl}/office/candidates/${applicationId}`);
    expect(await page.locator('[data-question="stressHistory"] td').innerText()).toBe("非表示（配慮を要する回答）");

    /** Presses Tab until the element matching `selector` has focus, as a keyboard user would. */
    async function tabTo(selector: string): Promise<void> {
      for (let i = 0; i < 300; i++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      }
      throw new Error(`${selector} is never reached with Tab`);
    }

    await tabTo('input[name="reason"]');
    await page.keyboard.type("面接前の確認のため");
    await Promise.all([page.waitForEvent("load"), page.keyboard.press("Enter")]);
    expect(await page.locator('[data-question="stressHistory"] .answer-text').innerText()).toBe("無");

    await tabTo('textarea[name="body"]');
    await page.keyboard.type("書類選考の観点では問題ありません。");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("rating");
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
    await tabTo('form[action$="/notes"] button[type="submit"]');
    await Promise.all([page.waitForEvent("load"), page.keyboard.press("Enter")]);
    expect(new URL(page.url()).searchParams.get("notice")).toBe("noted");
    const newest = page.locator("#notes .note").first();
    expect(await newest.locator(".note__body").innerText()).toBe("書類選考の観点では問題ありません。");
    expect(await newest.locator(".tag").innerText()).toBe("評価 5／5");
    await screenshot(page, "office-candidate-keyboard-noted");
  }, 120_000);
});
