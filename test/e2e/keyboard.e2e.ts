import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { codeFromMail, phoneContext, screenshot, servedPortalAndBrowser, toNextPage } from "./browser.ts";
import { applicantNumber, fillPersonalDetails, JOB_ID, pressButton, registerAndSignIn, startApplication } from "./pages.ts";

const e2e = servedPortalAndBrowser();

const wait = { timeout: 30_000, interval: 50 };

/**
 * What has focus, in words a person fixing the page can find it by, and whether it can be seen: a
 * focus ring drawn, and the element inside the phone's screen width (the page cannot be scrolled sideways
 * to something placed left of it, so a ring there is never seen).
 */
type FocusStop = {
  what: string;
  isBody: boolean;
  ring: boolean;
  offScreen: string | null;
  pageHeading: boolean;
  errorSummary: boolean;
  mainLandmark: boolean;
};

function focusStop(page: Page): Promise<FocusStop> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) {
      return { what: "body", isBody: true, ring: false, offScreen: null, pageHeading: false, errorSummary: false, mainLandmark: false };
    }
    const attr = (name: string) => el.getAttribute(name);
    const text = (el.innerText || attr("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 40);
    const kind = (attr("type") === "radio" || attr("type") === "checkbox") && attr("value") !== null ? `[value="${attr("value")}"]` : "";
    const what =
      el.tagName.toLowerCase() +
      (el.id ? `#${el.id}` : "") +
      (attr("name") ? `[name="${attr("name")}"]` : "") +
      kind +
      (attr("href") ? `[href="${attr("href")}"]` : "") +
      (text ? ` "${text}"` : "");
    const style = getComputedStyle(el);
    // A ring is an outline of some width, or a box-shadow: the two ways the portal's CSS draws focus.
    const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== "none";
    const box = el.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    // A pixel of slack for sub-pixel layout.
    const offScreen = box.left < -1 || box.right > width + 1 ? `spans x ${Math.round(box.left)}..${Math.round(box.right)} of a ${width}px wide screen` : null;
    return {
      what,
      isBody: false,
      ring: outline || shadow,
      offScreen,
      pageHeading: el.hasAttribute("data-page-heading"),
      errorSummary: el.hasAttribute("data-error-summary"),
      mainLandmark: el.tagName === "MAIN",
    };
  });
}

/**
 * One candidate's keyboard: every Tab and Shift+Tab stop is checked for focus that can be seen, and
 * the ones where it cannot are kept so the test can list them all at the end.
 */
class Keyboard {
  readonly focusNotSeen: string[] = [];

  constructor(private readonly page: Page) {}

  private where(): string {
    const url = new URL(this.page.url());
    return url.pathname + url.search;
  }

  async press(key: "Tab" | "Shift+Tab"): Promise<FocusStop> {
    await this.page.keyboard.press(key);
    const stop = await focusStop(this.page);
    const problems = stop.isBody ? [] : [...(stop.ring ? [] : ["no outline or box-shadow"]), ...(stop.offScreen ? [`off screen: ${stop.offScreen}`] : [])];
    if (problems.length > 0) {
      const entry = `${this.where()}: ${stop.what} (${problems.join("; ")})`;
      if (!this.focusNotSeen.includes(entry)) this.focusNotSeen.push(entry);
    }
    return stop;
  }

  /** Tabs (or Shift+Tabs) until the focused element matches; failing to get there is a trap or a missing stop. */
  async reach(selector: string, direction: "Tab" | "Shift+Tab" = "Tab", most = 120): Promise<FocusStop> {
    const trail: string[] = [];
    for (let i = 0; i < most; i++) {
      const stop = await this.press(direction);
      trail.push(stop.what);
      if (await this.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return stop;
    }
    throw new Error(`${direction} never reached ${selector} on ${this.where()}; the last stops were:\n  ${trail.slice(-15).join("\n  ")}`);
  }

  /**
   * Tabs through the whole page until focus comes back round to the skip link. Focus that keeps
   * circling elsewhere is a keyboard trap; every stop on the way is checked for focus that can be seen.
   */
  async walkWholePage(most = 200): Promise<string[]> {
    const trail: string[] = [];
    for (let i = 0; i < most; i++) {
      const stop = await this.press("Tab");
      trail.push(stop.what);
      if (trail.length > 1 && (await this.page.evaluate(() => document.activeElement?.classList.contains("skip-link") ?? false))) return trail;
    }
    throw new Error(
      `focus never came back round to the skip link on ${this.where()} (a keyboard trap?); the last stops were:\n  ${trail.slice(-20).join("\n  ")}`,
    );
  }

  async type(selector: string, text: string): Promise<void> {
    await this.reach(selector);
    await this.page.keyboard.type(text);
  }

  /** A closed <select> steps through its options with the arrow keys, as on a desktop keyboard. */
  async choose(selector: string, value: string, most = 60): Promise<void> {
    await this.reach(selector);
    for (let i = 0; i < most; i++) {
      if ((await this.page.locator(selector).inputValue()) === value) return;
      await this.page.keyboard.press("ArrowDown");
    }
    throw new Error(`the arrow keys never chose ${value} in ${selector} on ${this.where()}`);
  }

  /** Presses a key that leads to another page, and waits for it. */
  async follow(key: "Enter" | "Space"): Promise<void> {
    await toNextPage(this.page, () => this.page.keyboard.press(key));
  }

  async focusedNow(): Promise<FocusStop> {
    return focusStop(this.page);
  }
}

function heading(page: Page): Promise<string> {
  return page.locator("[data-page-heading]").first().innerText();
}

function path(page: Page): string {
  return new URL(page.url()).pathname;
}

/** After a page change inside the portal the script moves focus to the new page's heading. */
async function expectFocusOnHeading(keys: Keyboard) {
  await expect.poll(async () => (await keys.focusedNow()).pageHeading, wait).toBe(true);
}

async function expectFocusOnErrorSummary(keys: Keyboard) {
  await expect.poll(async () => (await keys.focusedNow()).errorSummary, wait).toBe(true);
}

async function isOpen(page: Page, menu: string): Promise<boolean> {
  return page.locator(menu).evaluate((d) => (d as HTMLDetailsElement).open);
}

const LANGUAGE_MENU = "header details.menu:has(form[action='/language'])";
const ACCOUNT_MENU = "header details.menu:has(form[action='/logout'])";

describe("the candidate journey by keyboard alone, with JavaScript on", () => {
  it("registers, signs in and completes STEP 1 and STEP 2 without a mouse", async () => {
    const { portal, browser } = e2e;
    const who = applicantNumber(41);
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const keys = new Keyboard(page);

    // ---- The job page, as a fresh visit from outside the portal ------------------------------
    await page.goto(`${portal.baseUrl}/jobs/${JOB_ID}`);
    const first = await keys.press("Tab");
    expect(first.what).toContain("本文へ移動");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("skip-link"))).toBe(true);
    await screenshot(page, "keyboard-01-skip-link-focused");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await keys.focusedNow()).mainLandmark, wait).toBe(true);

    // The whole page once round, so a trap or focus that cannot be seen anywhere on it is found.
    await keys.walkWholePage();

    // The globe menu: Enter opens it and both languages can be reached; English is chosen, then Japanese again.
    await keys.reach(`${LANGUAGE_MENU} > summary`);
    expect(await isOpen(page, LANGUAGE_MENU)).toBe(false);
    await page.keyboard.press("Enter");
    expect(await isOpen(page, LANGUAGE_MENU)).toBe(true);
    expect((await keys.press("Tab")).what).toContain("日本語");
    expect((await keys.press("Tab")).what).toContain("English");
    await screenshot(page, "keyboard-02-language-menu-open");
    await keys.follow("Enter");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expectFocusOnHeading(keys);
    await keys.reach(`${LANGUAGE_MENU} > summary`, "Shift+Tab");
    await page.keyboard.press("Enter");
    await keys.reach(`${LANGUAGE_MENU} button[value="ja"]`);
    await keys.follow("Enter");
    expect(await page.locator("html").getAttribute("lang")).toBe("ja");
    expect(path(page)).toBe(`/jobs/${JOB_ID}`);
    await expectFocusOnHeading(keys);

    // ---- 応募する → 応募に進む前に → 登録する ------------------------------------------------------
    await keys.reach(`main a[href="/jobs/${JOB_ID}/apply"]`);
    await keys.follow("Enter");
    expect(await heading(page)).toBe("応募に進む前に");
    await expectFocusOnHeading(keys);
    await keys.walkWholePage();
    await keys.reach('main a[href^="/register"]');
    await keys.follow("Enter");
    expect(await heading(page)).toBe("アカウントの作成");
    await expectFocusOnHeading(keys);
    await keys.walkWholePage();

    // An empty submit: focus goes to the error summary, so its list is read out first.
    await keys.reach('main button[type="submit"]');
    await keys.follow("Enter");
    await expectFocusOnErrorSummary(keys);

    // Each line of the summary is a link that takes focus into its field.
    expect((await keys.press("Tab")).what).toContain('a[href="#f-familyName"]');
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await keys.focusedNow()).what, wait).toContain("input#f-familyName");
    await page.keyboard.type(who.familyName);
    await keys.type('input[name="givenName"]', who.givenName);
    await keys.type('input[name="givenNameLatin"]', who.givenNameLatin);
    await keys.type('input[name="familyNameLatin"]', who.familyNameLatin);
    await keys.type('input[name="email"]', who.email);
    await keys.type('input[name="emailConfirm"]', who.email);
    await keys.type('input[name="phone"]', who.phone);
    await keys.type('input[name="phoneConfirm"]', who.phone);
    await keys.type('input[name="pin"]', who.pin);
    // Shift+Tab back over a field and forward again: both directions keep the form's order.
    expect((await keys.press("Shift+Tab")).what).toContain("select#f-timeZone");
    await keys.type('input[name="pinConfirm"]', who.pin);
    // A radio group is one Tab stop; Space picks the focused option.
    await keys.reach('input[name="contactConsent"]');
    await page.keyboard.press("Space");
    expect(await page.locator('input[name="contactConsent"][value="yes"]').isChecked()).toBe(true);
    await keys.reach('main button[type="submit"]');
    await keys.follow("Enter");

    // ---- PIN, where to send the code, the code --------------------------------------------------
    expect(await heading(page)).toBe("暗証番号を入力します");
    await expectFocusOnHeading(keys);
    await keys.walkWholePage();
    await keys.type('input[name="pin"]', who.pin);
    await keys.reach('main button[type="submit"]');
    await keys.follow("Enter");

    expect(path(page)).toMatch(/\/send$/);
    await expectFocusOnHeading(keys);
    await keys.walkWholePage();
    // The e-mail is already chosen; arrow keys move within the group and pick as they go.
    await keys.reach('input[name="channel"]:checked');
    await page.keyboard.press("ArrowDown");
    expect(await page.locator('input[name="channel"][value="sms"]').isChecked()).toBe(true);
    await page.keyboard.press("ArrowUp");
    expect(await page.locator('input[name="channel"][value="email"]').isChecked()).toBe(true);
    const before = portal.smtp.received.length;
    await keys.reach('main button[type="submit"]');
    await keys.follow("Enter");

    expect(await heading(page)).toContain("確認コードが");
    await expectFocusOnHeading(keys);
    await keys.walkWholePage();
    await keys.type('input[name="code"]', await codeFromMail(portal.smtp, who.email, before));
    await keys.reach('main form[action$="/code"] button[type="submit"]');
    await keys.follow("Enter");

    // ---- Signed in, back at 「応募に進む前に」; its 次へ opens the application ---------------------------
    expect(await heading(page)).toBe("応募に進む前に");
    await expectFocusOnHeading(keys);
    await keys.reach(`main form[action="/jobs/${JOB_ID}/apply"] button[type="submit"]`);
    await keys.follow("Enter");

    // ---- STEP 1 documents ------------------------------------------------------------------------
    expect(await heading(page)).toBe("書類のアップロード");
    await expectFocusOnHeading(keys);
    await keys.walkWholePage();

    // The account menu sits before main: Shift+Tab back to it, Enter opens it, every item is a stop.
    await keys.reach(`${ACCOUNT_MENU} > summary`, "Shift+Tab");
    await page.keyboard.press("Enter");
    expect(await isOpen(page, ACCOUNT_MENU)).toBe(true);
    expect((await keys.press("Tab")).what).toContain('[href="/account"]');
    expect((await keys.press("Tab")).what).toContain('[href="/account/applications"]');
    expect((await keys.press("Tab")).what).toMatch(/^button .*ログアウト/);
    await keys.reach(`${ACCOUNT_MENU} > summary`, "Shift+Tab");
    await page.keyboard.press("Enter");
    expect(await isOpen(page, ACCOUNT_MENU)).toBe(false);

    // Space works on a button as well as Enter.
    await keys.reach('main button[value="skip"]');
    await keys.follow("Space");

    // ---- STEP 1 personal details ---------------------------------------------------------------
    expect(await heading(page)).toBe("個人情報");
    await expectFocusOnHeading(keys);
    await keys.walkWholePage();
    await keys.reach('main button[value="continue"]');
    await keys.follow("Enter");
    await expectFocusOnErrorSummary(keys);

    await keys.type('input[name="familyNameKana"]', who.familyNameKana);
    await keys.type('input[name="givenNameKana"]', who.givenNameKana);
    await keys.type('input[name="postalCode"]', "1000001");
    await expect.poll(() => page.locator('select[name="prefecture"]').inputValue(), wait).toBe("東京都");
    await expect.poll(() => page.locator('input[name="city"]').inputValue(), wait).toBe("千代田区");
    // The town is in 住所1 already; the candidate adds the block number after it.
    await expect.poll(() => page.locator('input[name="address1"]').inputValue(), wait).toBe("千代田");
    await keys.type('input[name="address1"]', "1-1");
    await keys.type('input[name="birthYear"]', "1996");
    await keys.type('input[name="birthMonth"]', "7");
    await keys.type('input[name="birthDay"]', "3");
    await keys.choose('select[name="howHeard"]', "jobSite");
    await keys.reach('main button[value="continue"]');
    await keys.follow("Enter");

    // ---- STEP 2 eligibility ---------------------------------------------------------------------
    expect(await heading(page)).toContain("STEP 2");
    await expectFocusOnHeading(keys);
    await keys.walkWholePage();
    await keys.reach('main button[value="continue"]');
    await keys.follow("Enter");
    await expectFocusOnErrorSummary(keys);

    await keys.reach('input[name="age18"]');
    await page.keyboard.press("Space");
    expect(await page.locator('input[name="age18"][value="yes"]').isChecked()).toBe(true);
    // Stacked answers: the arrow keys still move within the group.
    await page.keyboard.press("ArrowDown");
    expect(await page.locator('input[name="age18"][value="no"]').isChecked()).toBe(true);
    await page.keyboard.press("ArrowUp");
    expect(await page.locator('input[name="age18"][value="yes"]').isChecked()).toBe(true);
    await keys.reach('input[name="preHireDocuments"]');
    await page.keyboard.press("Space");
    expect(await page.locator('input[name="preHireDocuments"][value="understood"]').isChecked()).toBe(true);
    await keys.reach('main button[value="continue"]');
    await keys.follow("Enter");

    expect(await heading(page)).toContain("STEP 3");
    await expectFocusOnHeading(keys);
    await context.close();

    // Listed all at once, so one run shows every control whose focus cannot be seen.
    expect(keys.focusNotSeen).toEqual([]);
  });

  it("saves STEP 1 and moves on when Enter is pressed in a field, as 保存して続行する does", async () => {
    // Reaching a filled-in STEP 1 is only the setting here; what is tested is the one Enter key.
    const { portal, browser } = e2e;
    const who = applicantNumber(42);
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await registerAndSignIn(page, portal, "ja", who, async () => undefined);
    await startApplication(page, portal);
    await pressButton(page, "ja", "applications.documents.skip");
    await fillPersonalDetails(page, who, { year: 1996, month: 7, day: 3 });

    // Enter in a text field submits the form with its default button: the first submit button in it.
    await page.locator('input[name="address1"]').focus();
    await toNextPage(page, () => page.keyboard.press("Enter"));
    const landed = { heading: await heading(page), notice: await page.locator("main .notice").allInnerTexts() };
    await context.close();
    expect(landed.heading, `Enter in 町名・番地 gave ${JSON.stringify(landed)}`).toContain("STEP 2");
  });
});
