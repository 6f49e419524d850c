import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPortal, type TestPortal, textOf } from "../../../test/portal.ts";
import { startSmtpServer } from "../../../test/smtp.ts";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let portal: TestPortal;
beforeAll(async () => {
  smtp = await startSmtpServer();
  portal = await startTestPortal({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await portal?.close();
  await smtp?.close();
});

describe("job → 応募する → register → sign in with the e-mailed code", () => {
  it("brings a new candidate back to the job's application start, signed in", async () => {
    const visitor = portal.visitor();
    const job = await visitor.get("/jobs/230107874");
    // 応募する opens 「応募に進む前に」 (a GET changes nothing), which offers ログイン and 登録する side by side.
    const before = await visitor.get(job.doc.querySelector('a[href$="/apply"]')!.getAttribute("href")!);
    expect(before.status).toBe(200);
    expect(textOf(before.doc, "h1")).toBe("応募に進む前に");
    expect(before.doc.querySelector('a[href="/login?return_to=%2Fjobs%2F230107874%2Fapply"]')?.textContent.trim()).toBe("ログイン");
    const registerHref = before.doc
      .querySelectorAll("a")
      .find((a) => a.textContent.trim() === "登録する")!
      .getAttribute("href")!;
    expect(registerHref).toBe("/register?return_to=%2Fjobs%2F230107874%2Fapply");
    await visitor.get(registerHref);
    const registered = await visitor.post(registerHref, {
      givenName: "美咲",
      familyName: "高橋",
      givenNameLatin: "Misaki",
      familyNameLatin: "Takahashi",
      email: "misaki.takahashi@example.jp",
      emailConfirm: "misaki.takahashi@example.jp",
      phoneCountry: "JP",
      phone: "090-4444-5555",
      phoneConfirmCountry: "JP",
      phoneConfirm: "09044445555",
      timeZone: "Asia/Tokyo",
      pin: "583027",
      pinConfirm: "583027",
      contactConsent: "yes",
    });
    expect(registered.status).toBe(303);
    const pinPage = await visitor.get(registered.location!);
    const pinAction = pinPage.doc.querySelector("form.form")!.getAttribute("action")!;
    const channel = await visitor.follow(await visitor.post(pinAction, { pin: "583027" }));
    const sendAction = channel.doc.querySelector("form.form")!.getAttribute("action")!;
    const codePage = await visitor.follow(await visitor.post(sendAction, { channel: "email" }));
    await portal.drainOutbox();
    const mail = await smtp.waitFor((m) => m.to.includes("misaki.takahashi@example.jp"));
    expect(mail.subject).toBe("お客様のサンプル商事ジョブ確認コード");
    expect(mail.from).toBe("no-reply@jobs.example.jp");
    const code = mail.text.match(/\b(\d{6})\b/)![1]!;
    const codeAction = codePage.doc.querySelector("form.form")!.getAttribute("action")!;
    const done = await visitor.post(codeAction, { code });
    expect(done.location).toBe("/jobs/230107874/apply");
    const ready = await visitor.get(done.location!);
    expect(ready.doc.querySelector('form[action="/jobs/230107874/apply"] button')?.textContent.trim()).toBe("次へ");
    const start = await visitor.follow(await visitor.post("/jobs/230107874/apply"));
    expect(start.status).toBe(200);
    expect(start.html).toContain("求人ID: 230107874");
    expect(textOf(start.doc, "h1")).toBe("書類のアップロード");
    expect(textOf(start.doc, ".site-header")).toContain("高橋 美咲");
  });
});
