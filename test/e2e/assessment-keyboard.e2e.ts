/**
 * The whole assessment with the keyboard alone (JavaScript on), auto-advance on: Tab to an answer, Space to
 * choose, arrow keys to change it (which must never auto-advance), Tab to a situation's second group and
 * Space, Enter to go on; text pages by Tab and Enter, the choice of how to move on by Tab and arrow keys.
 * Focus lands on each new page's heading.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { phoneContext, servedPortalAndBrowser, toNextPage } from "./browser.ts";
import { applicantNumber, pledgeByRequests, registerAndSignIn, startApplication } from "./pages.ts";

const e2e = servedPortalAndBrowser();

/** Presses Tab until the focused element satisfies the check; fails if it never does (a trap or a gap). */
async function tabTo(page: Page, check: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(check)) return;
  }
  throw new Error(`never reached by Tab: ${check}`);
}

function enterAndWait(page: Page): Promise<void> {
  return toNextPage(page, () => page.keyboard.press("Enter"));
}

describe("the assessment by keyboard alone", () => {
  it("answers every question with Tab, Space, arrows and Enter, never auto-advancing, and reaches the e-signature", async () => {
    const { portal, browser } = e2e;
    const context = await phoneContext(browser);
    const page = await context.newPage();
    // Nothing here is chosen with a pointer, so the script must never leave a question by itself.
    await page.addInitScript(() => {
      addEventListener("beforeunload", () => {
        (window as { leaving?: boolean }).leaving = true;
      });
    });
    const who = { ...applicantNumber(77), email: "misaki.kb@example.jp" };
    await registerAndSignIn(page, portal, "ja", who, async () => undefined);
    const id = await startApplication(page, portal);
    await pledgeByRequests(page, portal, id, who);
    await page.goto(`${portal.baseUrl}/applications/${id}/assessment`);
    let questions = 0;
    let choseHowToMoveOn = false;
    // Where the whole answer's save is awaited (the script saves a keyboard choice 600 ms after the last key):
    // the first situations and pairs. On the others Enter follows the choice at once, as a quick candidate's
    // does, before the script has saved it; the ordinary submit carries the answer.
    const awaited = { best: 0, answer: 0 };
    const AWAITED_PER_KIND = 3;
    for (let guard = 0; guard < 140; guard++) {
      if ((await page.locator("h1").first().innerText()) === "電子署名して続行") break;
      const situation = (await page.locator('main input[name="best"]').count()) > 0;
      if (situation || (await page.locator('main input[name="answer"]').count()) > 0) {
        questions += 1;
        // After the page change focus is on the page's heading, announcing where the candidate is.
        expect(await page.evaluate("document.activeElement?.hasAttribute('data-page-heading')")).toBe(true);
        const url = page.url();
        const group = situation ? "best" : "answer";
        await tabTo(page, `document.activeElement?.name === '${group}'`);
        const focused = await page.evaluate("document.activeElement?.value");
        const awaitSave = awaited[group] < AWAITED_PER_KIND;
        const whole = page.waitForResponse(
          (r) =>
            r.request().method() === "POST" &&
            new URL(r.url()).pathname === new URL(url).pathname &&
            (!situation || /(^|&)worst=[^&]/.test(r.request().postData() ?? "")),
        );
        await page.keyboard.press("Space");
        await page.keyboard.press("ArrowDown");
        // The arrow moved the choice on from the answer Space chose.
        const chosen = page.locator(`main input[name="${group}"]:checked`);
        await expect.poll(async () => ((await chosen.count()) === 1 ? await chosen.inputValue() : focused), { timeout: 30_000 }).not.toBe(focused);
        if (situation) {
          // The second group is the next Tab stop; the first of its cards differs from the best pick (the second).
          await page.keyboard.press("Tab");
          expect(await page.evaluate("document.activeElement?.name")).toBe("worst");
          await page.keyboard.press("Space");
          expect(await page.locator("main input:checked").count()).toBe(2);
        }
        if (awaitSave) {
          // The script saves a keyboard choice where the candidate stops; once the whole answer is saved and the
          // page has taken the new version, a script that moved on by itself would already be leaving.
          awaited[group] += 1;
          const saved = (await (await whole).json()) as { version: number };
          await expect
            .poll(async () => Number(await page.locator('main input[name="v"]').inputValue()), { timeout: 30_000 })
            .toBeGreaterThanOrEqual(saved.version);
          expect(await page.evaluate("window.leaving === true"), "a keyboard choice must not auto-advance").toBe(false);
          expect(page.url(), "a keyboard choice must not auto-advance").toBe(url);
        } else whole.catch(() => undefined);
        expect(await page.locator("[data-next]").isVisible()).toBe(true);
        await enterAndWait(page);
        expect(page.url()).not.toBe(url);
        continue;
      }
      if ((await page.locator('main input[type="radio"][name="autoAdvance"]').count()) > 0) {
        // Tab to the group, an arrow key to 「自分で次へを押す」 and back to auto-advance, then Tab to 開始.
        choseHowToMoveOn = true;
        await tabTo(page, "document.activeElement?.name === 'autoAdvance'");
        const howToMoveOn = page.locator('main input[type="radio"][name="autoAdvance"]:checked');
        await page.keyboard.press("ArrowDown");
        expect(await howToMoveOn.getAttribute("value")).toBe("off");
        await page.keyboard.press("ArrowUp");
        expect(await howToMoveOn.getAttribute("value")).toBe("on");
      }
      await tabTo(page, "document.activeElement?.matches('main form.form button[type=submit]')");
      await enterAndWait(page);
    }
    expect(choseHowToMoveOn).toBe(true);
    expect(await page.locator("h1").first().innerText()).toBe("電子署名して続行");
    expect(questions).toBeGreaterThanOrEqual(36);
    expect(awaited).toEqual({ best: AWAITED_PER_KIND, answer: AWAITED_PER_KIND });
    await context.close();
  });
});
