import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { minimalPdf } from "../../src/modules/documents/inspection/document-fixtures.ts";
import { codeFromMail, phoneContext, screenshot, servedPortalAndBrowser, toNextPage } from "./browser.ts";
import { autoAdvanceRequests } from "./pages.ts";

const e2e = servedPortalAndBrowser();

/** Clicks a button that submits a form and waits for the next page to load. */
function clickButton(page: Page, name: string) {
  return toNextPage(page, () => page.getByRole("button", { name, exact: true }).click());
}

function clickLink(page: Page, name: string) {
  return toNextPage(page, () => page.getByRole("link", { name, exact: true }).first().click());
}

function heading(page: Page): Promise<string> {
  return page.getByRole("heading", { level: 1 }).first().innerText();
}

const wait = { timeout: 30_000, interval: 100 };

/**
 * The assessment as a candidate takes it: text pages with their own buttons; on questions, with
 * JavaScript a tap on an answer moves on by itself (auto-advance) except on the items answered with
 * the keyboard, where arrow keys choose and Enter goes on; without JavaScript, an answer and 次へ.
 */
async function takeAssessmentInBrowser(
  page: Page,
  js: boolean,
  shot: (name: string) => Promise<void>,
  leaveMidway: (page: Page) => Promise<Page>,
): Promise<Page> {
  expect(await heading(page)).toBe("今後の流れ");
  let items = 0;
  let switched = false;
  for (let guard = 0; guard < 120; guard++) {
    if ((await heading(page)) === "電子署名して続行") return page;
    const answers = page.locator('input[name="answer"]');
    if ((await answers.count()) > 0) {
      items += 1;
      if (items === 4 && !switched) {
        // Leave midway; carry on from another browser, which must open this same question.
        const left = page.url();
        page = await leaveMidway(page);
        expect(page.url()).toBe(left);
        switched = true;
        items -= 1;
        continue;
      }
      if (items === 1) await shot("08a-first-situation");
      const url = page.url();
      if (js && items % 5 !== 0) {
        // A tap: auto-advance saves and moves on without 次へ.
        expect(await page.locator("[data-next]").isVisible()).toBe(false);
        await toNextPage(page, () => page.locator("main form.item label").first().click());
        expect(page.url()).not.toBe(url);
      } else if (js) {
        // The keyboard: arrow keys change the choice without leaving the page; Enter submits.
        const saved = autoAdvanceRequests(page);
        const before = saved.length;
        await answers.first().focus();
        await page.keyboard.press("Space");
        await page.keyboard.press("ArrowDown");
        await expect.poll(() => answers.nth(1).isChecked(), wait).toBe(true);
        expect(page.url()).toBe(url);
        expect(await page.locator("[data-next]").isVisible()).toBe(true);
        await toNextPage(page, () => page.keyboard.press("Enter"));
        // Had the arrow keys saved the answer by themselves, that request would have been seen before this page loaded.
        expect(saved.slice(before), "arrow keys must not auto-advance").toEqual([]);
      } else {
        await answers.first().check();
        await clickButton(page, "次へ");
      }
      continue;
    }
    if ((await page.locator("audio").count()) > 0 && items === 0) {
      await shot("08-audio-check");
      // The transcript is there for anyone who cannot listen.
      await page.locator("details.transcript summary").click();
      expect((await page.locator("details.transcript p").innerText()).length).toBeGreaterThan(5);
      if (js) {
        await page.evaluate(() => document.querySelector("audio")!.play());
        // It really plays: its time moves on past the first fifth of a second.
        await page.waitForFunction(() => document.querySelector("audio")!.currentTime > 0.2, undefined, { timeout: wait.timeout });
      }
    }
    await toNextPage(page, () => page.locator("main form.form button[type=submit]").last().click());
  }
  throw new Error("the assessment did not reach the e-signature");
}

/** The whole candidate journey of the seed's section 2 and 3, as a person on a phone does it. */
async function journey(js: boolean) {
  const { portal, browser } = e2e;
  const tag = js ? "js" : "nojs";
  const email = `misaki.${tag}@example.jp`;
  const phone = js ? "090-2222-3333" : "090-4444-6666";
  const context = await phoneContext(browser, { javaScriptEnabled: js });
  let page = await context.newPage();
  const shot = (name: string) => (js ? screenshot(page, `journey-${name}`) : Promise.resolve());

  await page.goto(`${portal.baseUrl}/jobs/230107874`);
  await shot("01-job");
  await clickLink(page, "応募する");
  expect(await heading(page)).toBe("応募に進む前に");
  await shot("01b-before-you-apply");
  await clickLink(page, "登録する");
  expect(await heading(page)).toBe("アカウントの作成");

  // An empty submit shows the error summary first.
  await clickButton(page, "次に進む");
  expect(await page.getByRole("alert").first().innerText()).toContain("入力内容を確認してください");
  await shot("02-register-errors");

  await page.fill('input[name="givenName"]', "美咲");
  await page.fill('input[name="familyName"]', "高橋");
  await page.fill('input[name="givenNameLatin"]', "Misaki");
  await page.fill('input[name="familyNameLatin"]', "Takahashi");
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="emailConfirm"]', email);
  await page.fill('input[name="phone"]', phone);
  await page.fill('input[name="phoneConfirm"]', phone.replace(/-/g, ""));
  await page.fill('input[name="pin"]', "583027");
  await page.fill('input[name="pinConfirm"]', "583027");
  await page.getByLabel("はい").check();
  await clickButton(page, "次に進む");

  expect(await heading(page)).toBe("暗証番号を入力します");
  await page.fill('input[name="pin"]', "583027");
  if (js) {
    await page.getByLabel("暗証番号を表示").check();
    expect(await page.locator('input[name="pin"]').getAttribute("type")).toBe("text");
  } else {
    expect(await page.getByLabel("暗証番号を表示").isVisible()).toBe(false);
  }
  await clickButton(page, "次に進む");
  expect(await page.locator("legend").first().innerText()).toContain("確認コードはどこに送ればよいですか？");
  const before = portal.smtp.received.length;
  await clickButton(page, "確認コードを送信");
  expect(await heading(page)).toContain("確認コードが");
  await shot("03-code");
  const code = await codeFromMail(portal.smtp, email, before);
  await page.fill('input[name="code"]', code);
  await clickButton(page, "次に進む");

  // Signed in and back at 「応募に進む前に」: its 次へ opens the application at STEP 1 documents.
  expect(await heading(page)).toBe("応募に進む前に");
  await clickButton(page, "次へ");
  expect(await heading(page)).toBe("書類のアップロード");
  expect(await page.locator(".job-banner").innerText()).toContain("求人ID: 230107874");
  if (js) {
    await page.locator('input[type="file"]').setInputFiles({ name: "rirekisho.pdf", mimeType: "application/pdf", buffer: Buffer.from(minimalPdf()) });
    await page.fill('input[name="label"]', "履歴書");
    await clickButton(page, "アップロード");
    expect(await page.getByRole("status").first().innerText()).toContain("アップロード");
    await shot("04-documents");
    await clickButton(page, "アップロードした書類で続行する");
  } else {
    await clickButton(page, "書類をアップロードせず先へ進む");
  }

  expect(await heading(page)).toBe("個人情報");
  await page.fill('input[name="familyNameKana"]', "タカハシ");
  await page.fill('input[name="givenNameKana"]', "ミサキ");
  if (js) {
    await page.locator('input[name="postalCode"]').pressSequentially("1000001");
    await expect.poll(() => page.locator('select[name="prefecture"]').inputValue(), wait).toBe("東京都");
    await expect.poll(() => page.locator('input[name="city"]').inputValue(), wait).toBe("千代田区");
    await expect.poll(() => page.locator('input[name="address1"]').inputValue(), wait).toBe("千代田");
  } else {
    await page.fill('input[name="postalCode"]', "100-0001");
    await clickButton(page, "住所を検索");
    await expect.poll(() => page.locator('select[name="prefecture"]').inputValue(), wait).toBe("東京都");
  }
  await page.fill('input[name="address1"]', "千代田1-1");
  await page.fill('input[name="birthYear"]', "1996");
  await page.fill('input[name="birthMonth"]', "7");
  await page.fill('input[name="birthDay"]', "3");
  await page.selectOption('select[name="howHeard"]', "jobSite");
  await shot("05-personal");
  await clickButton(page, "保存して続行する");

  expect(await heading(page)).toContain("STEP 2");
  await page.getByLabel("はい").check();
  await page.getByLabel("理解した", { exact: true }).check();
  await shot("06-step2");
  await clickButton(page, "保存して続行する");
  expect(await heading(page)).toContain("STEP 3");
  await page.selectOption('select[name="workAuthorizationType"]', "japanese");
  await page.getByLabel("学生ではありません").check();
  await page.getByLabel("はい").check();
  await clickButton(page, "保存して続行する");
  expect(await heading(page)).toContain("STEP 4");
  await page.getByLabel("回答しない").check();
  await clickButton(page, "保存して続行する");

  expect(await heading(page)).toBe("あなたの未来を実現させましょう！");
  await page.getByLabel("このボックスにチェックを入れると").check();
  await shot("07-pledge");
  await clickButton(page, "送信");
  page = await takeAssessmentInBrowser(page, js, shot, async (old) => {
    await old.context().close();
    const elsewhere = await phoneContext(browser, { javaScriptEnabled: js });
    const next = await elsewhere.newPage();
    await next.goto(`${portal.baseUrl}/login`);
    await next.fill('input[name="identifier"]', email);
    await clickButton(next, "次に進む");
    await next.fill('input[name="pin"]', "583027");
    await clickButton(next, "次に進む");
    const mark = portal.smtp.received.length;
    await clickButton(next, "確認コードを送信");
    // Codes are 30 seconds apart per account: the page says how long to wait, and the candidate waits that
    // long; here the portal's clock moves on by as much instead of the test sleeping through it.
    const wait = (await next.locator("main").innerText()).match(/再送信は(\d+)秒後/);
    if (wait) {
      portal.clock.advance((Number(wait[1]) + 1) * 1000);
      await clickButton(next, "確認コードを送信");
    }
    await next.fill('input[name="code"]', await codeFromMail(portal.smtp, email, mark));
    await clickButton(next, "次に進む");
    await next.goto(`${portal.baseUrl}/account/applications`);
    await clickLink(next, "応募を続ける");
    await clickLink(next, "再開");
    return next;
  });

  expect(await heading(page)).toBe("電子署名して続行");
  await page.fill('input[name="signature"]', "Misaki Takahashi");
  await clickButton(page, "署名して続行する");
  expect(await heading(page)).toBe("最終確認の質問");
  await page.getByLabel("日本語", { exact: true }).check();
  await page.locator('input[name="privateRoom"][value="yes"]').check();
  await page.getByLabel("自室").check();
  await page.locator('input[name="quietEnvironment"][value="yes"]').check();
  await page.fill('textarea[name="stressHistory"]', "無");
  // 「無」 needs no consent: with JavaScript the box stays out of the way; without, it is there with its hint.
  expect(await page.locator("[data-consent-for]").isVisible()).toBe(!js);
  await page.getByLabel("予定なし").check();
  await page.locator('input[name="confirmFinal"][value="yes"]').check();
  await shot("08-final");
  await clickButton(page, "保存して続行する");

  expect(await heading(page)).toBe("回答内容の確認");
  await shot("09-review");
  await clickButton(page, "応募する");
  expect(await heading(page)).toBe("応募が完了しました");
  await shot("10-complete");
  const mail = await portal.smtp.waitFor((m) => m.to.includes(email) && m.subject.includes("応募が完了いたしました"), 15_000);
  expect(mail.subject).toBe("【サンプル商事採用事務局】 応募が完了いたしました");

  await page.goto(`${portal.baseUrl}/account/applications`);
  expect(await page.locator(".card").first().innerText()).toContain("応募完了（選考中）");
  await shot("11-my-applications");
  await page.context().close();
}

describe("the candidate journey in Chromium on a phone", () => {
  it("works from the job page to 応募する with JavaScript on", async () => {
    await journey(true);
  });

  it("works from the job page to 応募する with JavaScript off", async () => {
    await journey(false);
  });
});
