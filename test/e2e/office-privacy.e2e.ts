import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/platform/i18n/catalogue.ts";
import { applicationAt } from "../applications.ts";
import { newCandidate } from "../portal.ts";
import { newStaff, type TestStaff } from "../staff.ts";
import { wcagViolationLines } from "./axe.ts";
import { launchChromium, type ServedPortal, screenshot, startServedPortal } from "./browser.ts";

const SIZES = { desktop: { width: 1366, height: 900 }, tablet: { width: 820, height: 1180 } } as const;

let portal: ServedPortal;
let browser: Browser;
let admin: TestStaff;
let codesUsed = 0;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  portal = await startServedPortal();
  browser = await launchChromium();
  const clock = { now: () => new Date(), advance: () => undefined };
  admin = await newStaff({ db: portal.db, config: portal.config, clock }, { role: "admin", name: "管理 花子" });
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await portal?.close();
});

async function submitIn(page: Page, form: string): Promise<void> {
  await Promise.all([page.waitForEvent("load"), page.locator(`${form} button[type="submit"]`).first().click()]);
}

/** The admin, signed in through the console's pages with a recovery code (each is used once). */
async function signedIn(locale: Locale, size: keyof typeof SIZES, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ viewport: SIZES[size], locale: locale === "ja" ? "ja-JP" : "en-GB", javaScriptEnabled });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${portal.baseUrl}/office/sign-in`);
  await page.fill('input[name="email"]', admin.email);
  await page.fill('input[name="password"]', admin.password);
  await submitIn(page, "main form");
  await page.fill('input[name="code"]', admin.recoveryCodes[codesUsed++] ?? "");
  await submitIn(page, "main form");
  expect(new URL(page.url()).pathname).toBe("/office");
  return page;
}

describe("the office's privacy pages in a browser", () => {
  it.each([
    ["ja", "desktop", false],
    ["ja", "desktop", true],
    ["en", "tablet", true],
  ] as const)(
    "in %s on a %s (JavaScript %s): a hold, a deletion request refused under it, then carried out; the fairness report after it; the retention page and a dry run; axe-clean",
    async (locale, size, javaScript) => {
      const { candidate } = await newCandidate(portal.db);
      const application = await applicationAt(portal.db, { candidateId: candidate.id, state: "submitted" });
      const page = await signedIn(locale, size, javaScript);
      const found: string[] = [];
      const look = async (name: string) => {
        expect(await page.locator("html").getAttribute("lang")).toBe(locale);
        // axe runs in the page, so only where scripts may run; the pages themselves need none.
        if (javaScript) found.push(...(await wcagViolationLines(page)));
        expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1), `${name} is wider than the window`).toBe(false);
        await screenshot(page, `office-privacy-${size}-${locale}-${javaScript ? "js" : "nojs"}-${name}`);
      };

      await page.goto(`${portal.baseUrl}/office/candidates/${application.id}#privacy`);
      await look("candidate-section");
      await Promise.all([page.waitForEvent("load"), page.locator(`#privacy a[href$="/privacy"]`).click()]);
      await look("privacy");

      await submitIn(page, 'form[action$="/privacy/hold"]');
      expect(await page.locator(".error-summary").count()).toBe(1);
      await look("hold-error");
      await page.fill("#f-reason", "2026-L-0042");
      await submitIn(page, 'form[action$="/privacy/hold"]');
      expect(await page.locator("[data-legal-hold]").count()).toBe(1);

      await page.check('input[name="kind"][value="deletion"]');
      await page.check('input[name="receivedVia"][value="letter"]');
      await submitIn(page, 'form[action$="/privacy/requests"]');
      await look("held-with-request");
      expect(await page.locator('[data-privacy-requests] a[href$="/erase"]').count()).toBe(0);

      await submitIn(page, 'form[action$="/hold/release"]');
      await Promise.all([page.waitForEvent("load"), page.locator('[data-privacy-requests] a[href$="/erase"]').click()]);
      await look("erase-confirm");
      await submitIn(page, 'form[action$="/erase"]');
      await look("erase-unticked");
      await page.check('input[name="confirmed"]');
      await submitIn(page, 'form[action$="/erase"]');
      expect(new URL(page.url()).pathname).toMatch(/^\/office\/privacy\/requests\//);
      await look("erased");
      // The fairness report keeps its section on erased accounts' gender answers (here too few to show).
      await page.goto(`${portal.baseUrl}/office/reports/230107874/fairness`);
      expect(await page.locator("[data-erased-answers]").count()).toBe(1);
      await look("fairness-erased");

      await page.goto(`${portal.baseUrl}/office/retention`);
      await look("retention");
      await submitIn(page, 'form[action="/office/retention/dry-run"]');
      expect(await page.locator("[data-dry-run]").count()).toBe(1);
      await look("retention-dry-run");
      expect(found).toEqual([]);
    },
    120_000,
  );
});
