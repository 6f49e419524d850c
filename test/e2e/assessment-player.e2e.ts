/**
 * The player's details in a real browser on a phone: ヘルプ in the top bar, a situation's two picks that
 * cannot be the same response, audio plays counted and limited by the server (a pause is not a play), the
 * pages without JavaScript and in English, and the short report after 応募する once there is a norm.
 */
import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { loadItemBank } from "../../src/modules/assessment/bank/index.ts";
import { recomputeNorms } from "../../src/modules/assessment/norms/index.ts";
import { assessmentAnswers, assessmentAttempts } from "../../src/modules/assessment/schema.ts";
import { SCORING_VERSION } from "../../src/modules/assessment/scoring/index.ts";
import { inventEarlierApplicants } from "../assessment-pages.ts";
import { phoneContext, screenshot, servedPortalAndBrowser } from "./browser.ts";
import { applicantNumber, assessByRequests, pledgeByRequests, registerAndSignIn, startApplication, submitByRequests } from "./pages.ts";

const e2e = servedPortalAndBrowser();
const bank = await loadItemBank("content/assessments/csa-ja");

const wait = { timeout: 10_000, interval: 100 };

/** A signed-in candidate whose application waits at the assessment, in a phone-sized browser. */
async function candidate(n: number, options: { javaScriptEnabled?: boolean; locale?: "ja" | "en" } = {}) {
  const locale = options.locale ?? "ja";
  const { portal, browser } = e2e;
  const context = await phoneContext(browser, { javaScriptEnabled: options.javaScriptEnabled ?? true, locale: locale === "ja" ? "ja-JP" : "en-US" });
  const page = await context.newPage();
  const who = applicantNumber(n);
  await registerAndSignIn(page, portal, locale, who, async () => undefined);
  const id = await startApplication(page, portal, locale);
  await pledgeByRequests(page, portal, id, who);
  return { page, id, who, close: () => context.close() };
}

const isSituation = (_url: string, html: string) => html.includes('name="best"');
const hasPlayLimit = (_url: string, html: string) => html.includes("data-max-plays=");

async function playsOf(id: string, itemId: string): Promise<number> {
  const { portal } = e2e;
  const [attempt] = await portal.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.applicationId, id));
  const [row] = await portal.db
    .select()
    .from(assessmentAnswers)
    .where(and(eq(assessmentAnswers.attemptId, attempt!.id), eq(assessmentAnswers.itemId, itemId)));
  return row?.plays ?? 0;
}

async function gotoAndWait(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState("load");
}

describe("the assessment player on a phone", () => {
  it("has ヘルプ at the top right of the player, and keeps a situation's two picks apart", async () => {
    const { portal } = e2e;
    const { page, id, close } = await candidate(31);
    const url = await assessByRequests(page, portal, id, isSituation);
    await gotoAndWait(page, url);
    // ヘルプ: the right end of the player's top bar, level with the progress bar, as the tips page says.
    const help = await page.locator("main .player__help-toggle").boundingBox();
    const progress = await page.locator("main .player__progress").boundingBox();
    expect(help!.x + help!.width).toBeGreaterThan(390 - 24);
    expect(Math.abs(help!.y + help!.height / 2 - (progress!.y + progress!.height / 2))).toBeLessThan(12);
    await page.locator("main .player__help-toggle").click();
    await expect.poll(() => page.locator("main .player__help-panel").isVisible(), wait).toBe(true);
    await screenshot(page, "player-help-open-ja");
    await page.locator("main .player__help-toggle").click();

    // The same response as best and as worst: the second choice clears the first, and the page says so.
    const best = page.locator("main .picks--best label.choice").first();
    const value = await best.locator("input").getAttribute("value");
    await best.click();
    await page.locator(`main .picks--worst label.choice:has(input[value="${value}"])`).click();
    await expect
      .poll(() => page.locator("main [data-pick-note]").innerText(), wait)
      .toBe("「最も効果的」の選択を外しました。同じ対応を両方に選ぶことはできません。");
    expect(await page.locator("main .picks--best input:checked").count()).toBe(0);
    expect(page.url()).toBe(url);
    await screenshot(page, "player-same-pick-cleared-ja");
    await close();
  });

  it("counts a play from the beginning or after the end, not a resume after a pause, and says when the server refuses one", async () => {
    const { portal } = e2e;
    const { page, id, close } = await candidate(32);
    const url = await assessByRequests(page, portal, id, hasPlayLimit);
    await gotoAndWait(page, url);
    const item = (await page.locator("main form[data-item-form]").getAttribute("data-item"))!;
    expect(await page.locator("main [data-plays-note]").innerText()).toBe("再生は2回までです（残り2回）。");
    // Played past the first second, paused, resumed and paused again: one play.
    await page.evaluate(async () => {
      const audio = document.querySelector<HTMLAudioElement>("main audio")!;
      const past = (seconds: number) =>
        new Promise<void>((resolve) => {
          const check = () => {
            if (audio.currentTime <= seconds) return;
            audio.removeEventListener("timeupdate", check);
            resolve();
          };
          audio.addEventListener("timeupdate", check);
          check();
        });
      await audio.play();
      await past(1);
      audio.pause();
      await audio.play();
      await past(1.5);
      audio.pause();
    });
    await expect.poll(() => playsOf(id, item), wait).toBe(1);
    expect(await page.locator("main [data-plays-note]").innerText()).toBe("再生は2回までです（残り1回）。");

    // Another tab plays it once more: the server has counted both plays, this page still thinks one is left.
    const csrf = await page.locator('main input[name="_csrf"]').last().getAttribute("value");
    const shown = await page.locator('main input[name="shown"]').getAttribute("value");
    const other = await page.request.post(`${portal.baseUrl}/applications/${id}/assessment/plays`, {
      data: { _csrf: csrf, item, shown },
      headers: { accept: "application/json" },
    });
    expect(other.status()).toBe(200);
    await page.evaluate(async () => {
      const audio = document.querySelector<HTMLAudioElement>("main audio")!;
      audio.currentTime = 0;
      await audio.play().catch(() => undefined);
    });
    await expect
      .poll(() => page.locator("main [data-audio-status]").innerText(), wait)
      .toBe("この音声は、再生できる回数（2回）をすべて再生しました。内容は下の「音声の内容を文字で読む」で確認できます。");
    expect(await page.locator("main audio").isVisible()).toBe(false);
    expect(await playsOf(id, item)).toBe(2);
    await screenshot(page, "player-plays-used-ja");
    // Opened again, the page says the same from the server's count alone.
    await gotoAndWait(page, url);
    expect(await page.locator("main audio").count()).toBe(0);
    expect(await page.locator("main .audio .callout").innerText()).toContain("再生できる回数（2回）をすべて再生しました");

    // The next clip with a limit: playing it again after it ended is a second play.
    const next = await assessByRequests(page, portal, id, (at, html) => at !== url && hasPlayLimit(at, html));
    await gotoAndWait(page, next);
    const second = (await page.locator("main form[data-item-form]").getAttribute("data-item"))!;
    // Played, skipped to the end, played again from the beginning: two plays.
    await page.evaluate(async () => {
      const audio = document.querySelector<HTMLAudioElement>("main audio")!;
      const past = (seconds: number) =>
        new Promise<void>((resolve) => {
          const check = () => {
            if (audio.currentTime <= seconds) return;
            audio.removeEventListener("timeupdate", check);
            resolve();
          };
          audio.addEventListener("timeupdate", check);
          check();
        });
      const ended = new Promise((r) => audio.addEventListener("ended", r, { once: true }));
      await audio.play();
      await past(0.2);
      audio.currentTime = Math.max(0, audio.duration - 0.3);
      await ended;
      await audio.play();
      await past(0.2);
      audio.pause();
    });
    await expect.poll(() => playsOf(id, second), wait).toBe(2);
    await close();
  });

  it("works without JavaScript in English: both picks in one form, and a clear message when one is missing", async () => {
    const { portal } = e2e;
    const { page, id, close } = await candidate(33, { javaScriptEnabled: false, locale: "en" });
    const url = await assessByRequests(page, portal, id, isSituation);
    await gotoAndWait(page, url);
    expect((await page.locator("main .picks__legend").allInnerTexts()).map((t) => t.replace(/[◎✕]/g, "").trim())).toEqual([
      "Most effective",
      "Least effective",
    ]);
    expect(await page.locator("main [data-next]").isVisible()).toBe(true);
    await screenshot(page, "player-situation-nojs-en");
    await page.locator("main .picks--best label.choice").first().click();
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Next", exact: true }).click()]);
    expect(await page.locator("[data-error-summary]").innerText()).toBe("Choose the least effective response too. Your other choice has been saved");
    expect(await page.locator("main .picks--best input:checked").count()).toBe(1);
    await screenshot(page, "player-one-pick-nojs-en");
    await page.locator("main .picks--worst label.choice").last().click();
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Next", exact: true }).click()]);
    expect(page.url()).not.toBe(url);
    await close();
  });

  it("reports the band, two relative strengths and how long the result is valid after 応募する", async () => {
    const { portal } = e2e;
    await inventEarlierApplicants(portal.db, bank, 40);
    for (const locale of ["ja", "en"] as const) {
      const { page, id, who, close } = await candidate(locale === "ja" ? 34 : 35, { locale });
      await assessByRequests(page, portal, id);
      await recomputeNorms(portal.db, { bankId: bank.bankId, bankVersion: bank.version, scoringVersion: SCORING_VERSION, now: new Date() });
      await submitByRequests(page, portal, id, who);
      await gotoAndWait(page, `${portal.baseUrl}/applications/${id}/complete`);
      const report = await page.locator("main .report").innerText();
      expect(report).toContain(locale === "ja" ? "お客様対応の演習：" : "Customer-service exercise: ");
      expect(await page.locator("main .report__strengths li").count()).toBe(2);
      await screenshot(page, `report-complete-${locale}`);
      await gotoAndWait(page, `${portal.baseUrl}/account/applications`);
      expect(await page.locator("main .card .report__strengths li").count()).toBe(2);
      await screenshot(page, `report-my-applications-${locale}`);
      await close();
    }
  });
});
