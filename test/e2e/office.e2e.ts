import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadItemBank } from "../../src/modules/assessment/bank/index.ts";
import type { Locale } from "../../src/platform/i18n/catalogue.ts";
import { applicationAt } from "../applications.ts";
import { newCandidate } from "../portal.ts";
import { seedReportCohort } from "../report-cohort.ts";
import { newStaff, type TestStaff } from "../staff.ts";
import { wcagViolationLines } from "./axe.ts";
import { launchChromium, screenshot, startServedPortal } from "./browser.ts";

/** The console is for desktops first, and must work on a tablet held either way. */
const SCREENS = {
  desktop: { width: 1366, height: 900, isMobile: false, hasTouch: false },
  tablet: { width: 820, height: 1180, isMobile: true, hasTouch: true },
} as const;
type Screen = keyof typeof SCREENS;

const JOB = "230107874";

let portal: Awaited<ReturnType<typeof startServedPortal>>;
let browser: Browser;
let admin: TestStaff;
let codesUsed = 0;

beforeAll(async () => {
  portal = await startServedPortal();
  browser = await launchChromium();
  const bank = await loadItemBank(path.join(import.meta.dirname, "../../content/assessments/csa-ja"));
  await seedReportCohort(portal.db, {
    jobId: JOB,
    bank,
    candidates: 900,
    seed: 42,
    start: new Date(Date.now() - 60 * 86_400_000),
    difItem: 4,
    weakItem: 9,
    olderScreeningPenalty: 1.2,
  });
  // The cohort above stands for report data only (its applications have no accounts); the pipeline's tour
  // needs applications of real candidates.
  for (let n = 0; n < 3; n++) await applicationAt(portal.db, { candidateId: (await newCandidate(portal.db)).candidate.id, state: "submitted" });
  admin = await newStaff({ db: portal.db, config: portal.config, clock: { now: () => new Date(), advance: () => undefined } }, { role: "admin" });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

async function consoleContext(screen: Screen, locale: Locale, javaScriptEnabled = true): Promise<BrowserContext> {
  const { width, height, ...device } = SCREENS[screen];
  return browser.newContext({ viewport: { width, height }, ...device, deviceScaleFactor: 1, locale: locale === "ja" ? "ja-JP" : "en-GB", javaScriptEnabled });
}

/** Signs in through the console's own pages, with a recovery code as the second step (each is used once). */
async function signIn(page: Page): Promise<void> {
  await page.goto(`${portal.baseUrl}/office/sign-in`);
  await page.fill("#f-email", admin.email);
  await page.fill("#f-password", admin.password);
  await page.locator("main form button[type=submit]").click();
  await page.fill("#f-code", admin.recoveryCodes[codesUsed++] ?? "");
  await page.locator("main form button[type=submit]").click();
  await page.waitForURL(/\/office(\?|$)/);
}

describe("the console's jobs, pipeline, templates and reports in a browser", () => {
  it.each([
    ["desktop", "ja"],
    ["desktop", "en"],
    ["tablet", "ja"],
    ["tablet", "en"],
  ] as const)(
    "are axe-clean on a %s in %s, with every chart beside its table",
    async (screen, locale) => {
      const context = await consoleContext(screen, locale);
      const page = await context.newPage();
      const found: string[] = [];
      try {
        await signIn(page);
        const look = async (name: string) => {
          expect(await page.locator("html").getAttribute("lang")).toBe(locale);
          found.push(...(await wcagViolationLines(page)));
          await screenshot(page, `office-${screen}-${locale}-${name}`);
        };
        await page.goto(`${portal.baseUrl}/office/jobs`);
        await look("jobs");
        await page.goto(`${portal.baseUrl}/office/jobs/new`);
        await look("job-new");
        await page.fill("#f-titleEn", "");
        await page.locator("form.job-form button[type=submit]").click();
        await expect.poll(() => page.locator(".error-summary").count()).toBe(1);
        expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
        await look("job-new-errors");
        await page.goto(`${portal.baseUrl}/office/jobs/${JOB}`);
        await look("job-edit");
        await page.goto(`${portal.baseUrl}/office/pipeline`);
        await look("pipeline-jobs");
        await page.goto(`${portal.baseUrl}/office/pipeline/${JOB}?stage=submitted`);
        await look("pipeline");
        // A move of two applications up to its confirmation, with the e-mail previewed (nothing is moved).
        await page.locator('input[name="ids"]').nth(0).check();
        await page.locator('input[name="ids"]').nth(1).check();
        await page.selectOption("#f-to-stage", "screening");
        await Promise.all([page.waitForEvent("load"), page.locator(`form[action="/office/pipeline/${JOB}/moves/confirm"] button[type=submit]`).last().click()]);
        await look("move-confirm");
        await page.goto(`${portal.baseUrl}/office/templates`);
        await look("templates");
        await page.locator('main a[href^="/office/templates/"]:not([href$="/new"])').first().click();
        await page.waitForURL(/\/office\/templates\/[^/]+$/);
        await look("template-edit");
        await page.goto(`${portal.baseUrl}/office/reports`);
        await look("reports");
        await page.goto(`${portal.baseUrl}/office/reports/${JOB}`);
        expect(await page.locator("svg.chart[role=img]").count()).toBe(4);
        await look("report-funnel");
        await page.goto(`${portal.baseUrl}/office/reports/${JOB}/items`);
        await page.locator("details.report-details summary").first().click();
        await look("report-items");
        await page.goto(`${portal.baseUrl}/office/reports/${JOB}/fairness`);
        expect(await page.locator("svg.chart[role=img]").count()).toBe(3);
        await look("report-fairness");
        // Nothing on a console page is wider than the screen: tables scroll inside their own box.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(1);
      } finally {
        await context.close();
      }
      expect(found).toEqual([]);
    },
    120_000,
  );

  it("can be used by keyboard alone: the report tabs, an item's options, and every field of the job editor", async () => {
    const context = await consoleContext("desktop", "ja");
    const page = await context.newPage();
    try {
      await signIn(page);
      await page.goto(`${portal.baseUrl}/office/reports/${JOB}`);
      const focusedText = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? "");
      for (let i = 0; i < 40 && (await focusedText()) !== "項目分析"; i++) await page.keyboard.press("Tab");
      expect(await focusedText()).toBe("項目分析");
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/items$/);
      for (let i = 0; i < 80 && !(await page.evaluate(() => document.activeElement?.tagName === "SUMMARY")); i++) await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      expect(await page.locator("details.report-details[open]").count()).toBe(1);

      await page.goto(`${portal.baseUrl}/office/jobs/${JOB}`);
      const names = await page.locator("form.job-form [name]:not([type=hidden])").evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute("name")))]);
      const reached = new Set<string>();
      for (let i = 0; i < 120; i++) {
        await page.keyboard.press("Tab");
        const stop = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          const style = el ? getComputedStyle(el) : null;
          return {
            // Fields of the job form only: the header's language button also has a name.
            name: el?.closest("form.job-form") ? (el.getAttribute("name") ?? "") : "",
            save: el?.tagName === "BUTTON" && el.closest("form.job-form") !== null,
            ring: !!style && ((style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none"),
          };
        });
        if (stop.name) {
          reached.add(stop.name);
          expect(stop.ring, `focus ring on ${stop.name}`).toBe(true);
        }
        if (stop.save) break;
      }
      expect([...reached].sort()).toEqual([...names].sort());
    } finally {
      await context.close();
    }
  }, 120_000);

  it("works without JavaScript: a job is created, published and shown to the public", async () => {
    const context = await consoleContext("desktop", "ja", false);
    const page = await context.newPage();
    try {
      await signIn(page);
      await page.goto(`${portal.baseUrl}/office/jobs/new`);
      const fields: Record<string, string> = {
        "#f-titleJa": "【在宅】メール対応スタッフ",
        "#f-titleEn": "[Remote] E-mail support associate",
        "#f-teamJa": "メール窓口",
        "#f-teamEn": "E-mail desk",
        "#f-summaryJa": "ご自宅からメールでお問い合わせに対応します。",
        "#f-summaryEn": "Answer customers' e-mails from home.",
        "#f-descriptionJa": "お問い合わせのメールに返信します。\n研修は有給です。",
        "#f-descriptionEn": "Reply to customers' e-mails.\nTraining is paid.",
        "#f-hoursJa": "9:00〜18:00",
        "#f-hoursEn": "9:00 to 18:00",
        "#f-payMin": "1300",
        "#f-payMax": "1500",
      };
      for (const [selector, value] of Object.entries(fields)) await page.fill(selector, value);
      await page.locator("form.job-form button[type=submit]").click();
      await expect.poll(() => page.locator('[role="status"]').innerText()).toContain("下書きとして作成しました");
      const id = new URL(page.url()).pathname.split("/").pop() ?? "";
      await page.locator(`form[action="/office/jobs/${id}/publish"] button`).click();
      await expect.poll(() => page.locator('[role="status"]').innerText()).toContain("公開しました");
      await screenshot(page, "office-desktop-ja-job-published-no-js");
      const publicPage = await context.newPage();
      await publicPage.goto(`${portal.baseUrl}/jobs/${id}`);
      expect(await publicPage.locator("h1").innerText()).toBe("【在宅】メール対応スタッフ");
      expect(await publicPage.locator('script[type="application/ld+json"]').count()).toBe(1);
    } finally {
      await context.close();
    }
  }, 120_000);
});
