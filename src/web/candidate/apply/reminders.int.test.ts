import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCandidate, signIn, startTestPortal, type TestPortal, textOf, type Visitor } from "../../../../test/portal.ts";
import { type ReceivedMail, startSmtpServer } from "../../../../test/smtp.ts";
import { applications } from "../../../modules/applications/schema.ts";

const HOUR = 3600_000;

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

/** A signed-in candidate who pressed 次へ on 「応募に進む前に」 and left the application unfinished. */
async function started(): Promise<{ visitor: Visitor; id: string; email: string }> {
  const who = await newCandidate(portal.db);
  const visitor = portal.visitor();
  await signIn(portal, visitor, who);
  const start = await visitor.post("/jobs/230107874/apply");
  expect(start.location).toMatch(/^\/applications\/[0-9a-f-]{36}\/documents$/);
  return { visitor, id: start.location!.split("/")[2]!, email: who.candidate.email };
}

/** Runs the due jobs, delivers the outbox to the SMTP server, and returns the reminders this address has received. */
async function remindersTo(email: string): Promise<ReceivedMail[]> {
  await portal.runJobs();
  await portal.drainOutbox();
  return smtp.received.filter((m) => m.to.includes(email) && m.subject.includes("応募手続きが途中です"));
}

describe("reminders about an unfinished application", () => {
  it("come after 24 and 72 hours, two at most, with a link that resumes the application after sign-in", async () => {
    const { id, email } = await started();
    portal.clock.advance(23 * HOUR);
    expect(await remindersTo(email)).toHaveLength(0);

    portal.clock.advance(1 * HOUR + 60_000);
    const [first, ...others] = await remindersTo(email);
    expect(others).toHaveLength(0);
    expect(first?.subject).toBe("【サンプル商事採用事務局】 応募手続きが途中です");
    expect(first?.text).toContain("【在宅】お客様対応スタッフ");
    const resume = first?.text.match(/https?:\/\/\S+\/applications\/[0-9a-f-]{36}\/resume/)?.[0];
    expect(resume).toBe(`${portal.config.publicBaseUrl}/applications/${id}/resume`);

    // The link asks for sign-in first (the e-mail is no key), then lands where the candidate stopped.
    const stranger = portal.visitor();
    const path = new URL(resume!).pathname;
    expect((await stranger.get(path)).location).toBe(`/login?return_to=${encodeURIComponent(path)}`);

    portal.clock.advance(48 * HOUR);
    expect(await remindersTo(email)).toHaveLength(2);
    portal.clock.advance(30 * 24 * HOUR);
    expect(await remindersTo(email)).toHaveLength(2);
  });

  it("are not sent once the application is withdrawn", async () => {
    const { visitor, id, email } = await started();
    const withdrawn = await visitor.post(`/applications/${id}/withdraw/confirm`, { reason: "otherJob" });
    expect(withdrawn.location).toBe("/account/applications?notice=withdrawn");
    portal.clock.advance(80 * HOUR);
    expect(await remindersTo(email)).toHaveLength(0);
  });

  it("are not sent once the application is submitted", async () => {
    const { id, email } = await started();
    await portal.db.update(applications).set({ state: "submitted" }).where(eq(applications.id, id));
    portal.clock.advance(80 * HOUR);
    expect(await remindersTo(email)).toHaveLength(0);
  });

  it("can be turned off on アカウント情報", async () => {
    const { visitor, email } = await started();
    const account = await visitor.get("/account");
    expect(account.doc.querySelector('input[name="reminders"]')?.hasAttribute("checked")).toBe(true);
    const saved = await visitor.post("/account/reminders", {});
    expect(saved.location).toBe("/account?notice=reminders#reminders");
    const after = await visitor.get("/account?notice=reminders");
    expect(after.doc.querySelector('input[name="reminders"]')?.hasAttribute("checked")).toBe(false);
    expect(textOf(after.doc, ".notice")).toBe("お知らせメールの設定を保存しました");
    portal.clock.advance(80 * HOUR);
    expect(await remindersTo(email)).toHaveLength(0);
  });

  it("can be turned off from the link in the first one, without signing in, by a button (opening the link changes nothing)", async () => {
    const { email } = await started();
    portal.clock.advance(25 * HOUR);
    const [first] = await remindersTo(email);
    const off = first?.text.match(/https?:\/\/\S+\/reminders\/off\?\S+/)?.[0];
    expect(off).toBeDefined();
    const link = new URL(off!);
    const reader = portal.visitor();
    const page = await reader.get(link.pathname + link.search);
    expect(textOf(page.doc, "h1")).toBe("応募手続きのお知らせメールの配信停止");
    portal.clock.advance(48 * HOUR);
    expect(await remindersTo(email)).toHaveLength(2);

    const { email: other } = await started();
    portal.clock.advance(25 * HOUR);
    const [theirs] = await remindersTo(other);
    const theirLink = new URL(theirs!.text.match(/https?:\/\/\S+\/reminders\/off\?\S+/)![0]);
    const form = await reader.get(theirLink.pathname + theirLink.search);
    const fields = Object.fromEntries(
      form.doc.querySelectorAll('form[action="/reminders/off"] input[type="hidden"]').map((i) => [i.getAttribute("name")!, i.getAttribute("value")!]),
    );
    const done = await reader.post("/reminders/off", { c: fields.c!, t: fields.t! });
    expect(textOf(done.doc, ".notice")).toBe("お知らせメールの配信を停止しました。");
    // A forged token turns nothing off.
    expect((await reader.post("/reminders/off", { c: fields.c!, t: "forged" })).status).toBe(400);
    portal.clock.advance(48 * HOUR);
    expect(await remindersTo(other)).toHaveLength(1);
  });
});
