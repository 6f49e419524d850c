/**
 * The console's own doors in a browser: the one-time set-up (password, authenticator, recovery codes), the
 * sign-in with its second step, the console's home, the staff pages and the audit log, on a desktop and on a
 * tablet, in Japanese and English. Each page is checked with axe as it is reached, errors included, and
 * nothing on it may be wider than the screen.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCodeAt } from "../../src/modules/staff/credentials/totp.ts";
import { inviteStaff } from "../../src/modules/staff/staff-directory.ts";
import type { Locale } from "../../src/platform/i18n/catalogue.ts";
import { wcagViolationLines } from "./axe.ts";
import { launchChromium, type ServedPortal, screenshot, startServedPortal } from "./browser.ts";

const SCREENS = {
  desktop: { viewport: { width: 1366, height: 900 }, isMobile: false, hasTouch: false },
  tablet: { viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true },
} as const;

let portal: ServedPortal;
let browser: Browser;

beforeAll(async () => {
  portal = await startServedPortal();
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

async function submit(page: Page, form = "main form"): Promise<void> {
  await Promise.all([page.waitForEvent("load"), page.locator(`${form} button[type="submit"]`).first().click()]);
}

describe("the console's set-up, sign-in, staff and audit pages in a browser", () => {
  it.each([
    ["desktop", "ja"],
    ["desktop", "en"],
    ["tablet", "ja"],
    ["tablet", "en"],
  ] as const)(
    "are axe-clean on a %s in %s, from the set-up link to the audit log",
    async (screen, locale: Locale) => {
      const email = `doors.${screen}.${locale}.${process.pid}@office.example.jp`;
      const invited = await inviteStaff(portal.db, {
        email,
        name: "入口 確認",
        role: "admin",
        invitedBy: null,
        now: new Date(),
        secret: portal.config.secret,
      });
      if (!invited.ok) throw new Error("invite failed");
      const context = await browser.newContext({ ...SCREENS[screen], deviceScaleFactor: 1, locale: locale === "ja" ? "ja-JP" : "en-GB" });
      const page = await context.newPage();
      const found: string[] = [];
      const look = async (name: string) => {
        expect(await page.locator("html").getAttribute("lang"), name).toBe(locale);
        found.push(...(await wcagViolationLines(page)));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${name} is wider than the screen`).toBeLessThanOrEqual(1);
        await screenshot(page, `office-doors-${screen}-${locale}-${name}`);
      };
      try {
        await page.goto(`${portal.baseUrl}/office/setup/${invited.setupToken}`);
        await look("setup-password");
        await page.fill('input[name="password"]', "short");
        await page.fill('input[name="passwordConfirm"]', "short");
        await submit(page);
        expect(await page.locator(".error-summary").count()).toBe(1);
        await look("setup-password-error");
        const password = "しずかな朝に青い傘と三つの鍵";
        await page.fill('input[name="password"]', password);
        await page.fill('input[name="passwordConfirm"]', password);
        await submit(page);

        await page.locator("details:has([data-otpauth]) > summary").click();
        await look("setup-authenticator");
        const secret = new URL((await page.locator("[data-otpauth]").innerText()).trim()).searchParams.get("secret") ?? "";
        await page.fill('input[name="code"]', totpCodeAt(secret, new Date()));
        await submit(page);
        expect(await page.locator("[data-recovery-codes] li").count()).toBe(10);
        await look("setup-recovery-codes");
        await submit(page);

        expect(new URL(page.url()).pathname).toBe("/office/sign-in");
        await look("sign-in");
        await page.fill('input[name="email"]', email);
        await page.fill('input[name="password"]', "not the password at all");
        await submit(page);
        expect(await page.locator(".error-summary").count()).toBe(1);
        await look("sign-in-error");
        await page.fill('input[name="email"]', email);
        await page.fill('input[name="password"]', password);
        await submit(page);
        await look("sign-in-code");
        // The enrolment used this time step's code; the next step's is accepted and never used before.
        await page.fill('input[name="code"]', totpCodeAt(secret, new Date(Date.now() + 30_000)));
        await submit(page);
        expect(new URL(page.url()).pathname).toBe("/office");
        await look("home");

        await page.goto(`${portal.baseUrl}/office/staff`);
        await look("staff");
        await page.fill('input[name="email"]', `invited.${screen}.${locale}.${process.pid}@office.example.jp`);
        await page.fill('input[name="name"]', "招待 花子");
        await page.selectOption('select[name="role"]', "reviewer");
        await submit(page, 'form[action="/office/staff"]');
        expect(await page.locator("[data-setup-link]").innerText()).toMatch(/\/office\/setup\/[A-Za-z0-9_-]{43}$/);
        await look("staff-invited");
        await page.goto(`${portal.baseUrl}/office/staff/${invited.staff.id}`);
        await look("staff-member");
        await page.goto(`${portal.baseUrl}/office/audit`);
        expect(await page.locator("table.data tbody tr").count()).toBeGreaterThan(0);
        await look("audit");
      } finally {
        await context.close();
      }
      expect(found).toEqual([]);
    },
    120_000,
  );
});
