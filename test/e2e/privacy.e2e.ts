import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox } from "../../src/platform/db/schema.ts";
import { dumpDatabase } from "../candidate-footprint.ts";
import { codeFromMail, phoneContext, screenshot, servedPortalAndBrowser, toNextPage } from "./browser.ts";
import { applicantNumber, fillPersonalDetails, pressButton, registerAndSignIn, startApplication, visit } from "./pages.ts";

const e2e = servedPortalAndBrowser();

const wait = { timeout: 60_000, interval: 100 };

describe("a candidate's own data in a browser", () => {
  it("downloads their data, then deletes the account with the PIN and an e-mailed code, after which the database holds nothing that identifies them", async () => {
    const { portal, browser } = e2e;
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const who = {
      ...applicantNumber(71),
      familyName: "綾瀬",
      givenName: "千早",
      familyNameKana: "アヤセ",
      givenNameKana: "チハヤ",
      familyNameLatin: "Ayase",
      givenNameLatin: "Chihaya",
    };
    const look = (state: string) => screenshot(page, `privacy-${state.replaceAll(" ", "-")}`);
    await registerAndSignIn(page, portal, "ja", who, async () => undefined);
    const id = await startApplication(page, portal, "ja");
    await pressButton(page, "ja", "applications.documents.skip");
    await fillPersonalDetails(page, who, { year: 1994, month: 2, day: 17 });
    await pressButton(page, "ja", "applications.saveAndContinue");
    expect(new URL(page.url()).pathname).toBe(`/applications/${id}/eligibility`);

    // アカウント情報 → プライバシー: the data page and the JSON file hold what they typed.
    await visit(page, portal, "/account/privacy");
    await look("privacy");
    await toNextPage(page, () => page.getByRole("link", { name: "データを確認する" }).click());
    await look("my data");
    expect(await page.locator("main").innerText()).toContain(who.familyNameKana);
    await visit(page, portal, "/account/privacy");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "データをダウンロードする（JSON）" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(readFileSync((await download.path())!, "utf8"));
    expect(file.profile.email).toBe(who.email);
    expect(file.applications.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(JSON.stringify(file.applications[0])).toContain("千代田1-1");

    // アカウント情報 → アカウントを削除する: what goes, what stays and why, then the PIN.
    await visit(page, portal, "/account");
    await toNextPage(page, () => page.getByRole("link", { name: "アカウントを削除する" }).click());
    expect(await page.locator("h1").innerText()).toBe("アカウントの削除");
    expect(await page.locator("main").innerText()).toContain("匿名で残る情報とその理由");
    await look("delete account");
    await page.fill('input[name="pin"]', who.pin);
    const before = portal.smtp.received.length;
    await pressButton(page, "ja", "accountDeletion.next");
    expect(new URL(page.url()).pathname).toMatch(/^\/account\/delete\/[^/]+$/);
    await page.fill('input[name="code"]', await codeFromMail(portal.smtp, who.email, before));
    await look("delete account code");
    await pressButton(page, "ja", "accountDeletion.confirm");
    expect(new URL(page.url()).pathname).toBe("/account/deleted");
    expect(await page.locator("h1").innerText()).toBe("アカウントを削除しました");
    await look("account deleted");

    // Signed out everywhere: the account pages lead to the sign-in page.
    await visit(page, portal, "/account");
    expect(new URL(page.url()).pathname).toBe("/login");

    // The confirmation reached their address, and then the portal forgot where it went.
    const confirmation = await portal.smtp.waitFor((m) => m.to.includes(who.email) && /削除/.test(m.subject), wait.timeout);
    expect(confirmation.text).toContain("削除");
    await expect.poll(async () => (await portal.db.select().from(outbox).where(eq(outbox.recipient, who.email))).length, wait).toBe(0);

    const dump = await dumpDatabase(portal.db);
    const phoneDigits = who.phone.replaceAll("-", "").slice(1);
    for (const trace of [
      who.email,
      phoneDigits,
      who.familyName,
      who.givenName,
      who.familyNameKana,
      who.givenNameKana,
      "Ayase",
      "Chihaya",
      "1994-02-17",
      "千代田1-1",
    ]) {
      expect(dump.includes(trace), `the database still holds ${trace}`).toBe(false);
    }
    await context.close();
  });
});
