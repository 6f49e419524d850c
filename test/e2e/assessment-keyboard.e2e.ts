/**
 * The whole assessment with the keyboard alone (JavaScript on): Tab to an answer, Space to choose,
 * arrow keys to change it (which must never auto-advance), Enter to go on; text pages by Tab and Enter.
 * Focus lands on each new page's heading.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { phoneContext, servedPortalAndBrowser, toNextPage } from "./browser.ts";
import { applicantNumber, autoAdvanceRequests, registerAndSignIn, startApplication } from "./pages.ts";

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

/** Fills STEP 1–5 through the browser's own request context (same cookies), without the keyboard. */
async function toAssessment(page: Page, id: string): Promise<void> {
  const { portal } = e2e;
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
    familyNameLatin: "Takahashi",
    givenNameLatin: "Misaki",
    familyNameKana: "タカハシ",
    givenNameKana: "ミサキ",
    country: "JP",
    postalCode: "1000001",
    prefecture: "東京都",
    city: "千代田区",
    address1: "1-1",
    email: "misaki.kb@example.jp",
    phoneType: "mobile",
    phone: "09071112222",
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

describe("the assessment by keyboard alone", () => {
  it("answers every question with Tab, Space, arrows and Enter, never auto-advancing, and reaches the e-signature", async () => {
    const { portal, browser } = e2e;
    const context = await phoneContext(browser);
    const page = await context.newPage();
    // Nothing here is chosen with a pointer, so the script must never save an answer by itself.
    const saved = autoAdvanceRequests(page);
    await registerAndSignIn(page, portal, "ja", { ...applicantNumber(77), email: "misaki.kb@example.jp" }, async () => undefined);
    const id = await startApplication(page, portal);
    await toAssessment(page, id);
    await page.goto(`${portal.baseUrl}/applications/${id}/assessment`);
    let questions = 0;
    for (let guard = 0; guard < 120; guard++) {
      if ((await page.locator("h1").first().innerText()) === "電子署名して続行") break;
      if ((await page.locator('input[name="answer"]').count()) > 0) {
        questions += 1;
        // After the page change focus is on the page's heading, announcing where the candidate is.
        expect(await page.evaluate("document.activeElement?.hasAttribute('data-page-heading')")).toBe(true);
        const url = page.url();
        await tabTo(page, "document.activeElement?.name === 'answer'");
        const focused = await page.evaluate("document.activeElement?.value");
        await page.keyboard.press("Space");
        await page.keyboard.press("ArrowDown");
        // The arrow moved the choice on from the answer Space chose.
        const chosen = page.locator('main input[name="answer"]:checked');
        await expect.poll(async () => ((await chosen.count()) === 1 ? await chosen.inputValue() : focused), { timeout: 30_000 }).not.toBe(focused);
        expect(page.url(), "arrow keys must not auto-advance").toBe(url);
        expect(await page.locator("[data-next]").isVisible()).toBe(true);
        await enterAndWait(page);
        expect(page.url()).not.toBe(url);
        // Had the arrow keys saved the answer by themselves, that request would have been seen before this page loaded.
        expect(saved, "arrow keys must not auto-advance").toEqual([]);
        continue;
      }
      await tabTo(page, "document.activeElement?.matches('main form.form button[type=submit]')");
      await enterAndWait(page);
    }
    expect(await page.locator("h1").first().innerText()).toBe("電子署名して続行");
    expect(questions).toBeGreaterThanOrEqual(36);
    await context.close();
  });
});
