import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationAt } from "../../../../test/applications.ts";
import { newCandidate, signIn, startTestPortal, type TestPortal, type Visitor } from "../../../../test/portal.ts";
import { newStaff, signInStaff } from "../../../../test/staff.ts";
import { sendApplicationReminder } from "../../../modules/applications/application-reminders.ts";
import { moveApplications } from "../../../modules/applications/move-applications.ts";
import { type Application, applicationAnswers, applications } from "../../../modules/applications/schema.ts";
import { listAudit } from "../../../modules/audit/audit-log.ts";
import { candidates } from "../../../modules/candidates/schema.ts";
import { consentHistory, recordConsent } from "../../../modules/privacy/consents.ts";
import { setContactStopped } from "../../../modules/privacy/withdraw-consent.ts";
import { outbox } from "../../../platform/db/schema.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(async () => {
  await portal?.close();
});

const source = { textVersion: "2026-11-29", page: "/applications/:id/final-questions" };

/** An application with a stored stress-history answer given with its consent, and STEP 1's SMS box ticked. */
async function withSensitiveAnswer(candidateId: string, state: Application["state"]): Promise<Application> {
  const a = await applicationAt(portal.db, { candidateId, state });
  const now = portal.clock.now();
  await portal.db
    .insert(applicationAnswers)
    .values({ applicationId: a.id, questionKey: "stressHistory", value: "通院中です", sensitive: "sensitive", consentedAt: now, answeredAt: now });
  await recordConsent(portal.db, { candidateId, applicationId: a.id, purpose: "sensitive_answers", decision: "given", source, now });
  await recordConsent(portal.db, { candidateId, applicationId: a.id, purpose: "contact_sms", decision: "given", source, now });
  return a;
}

describe("アカウント情報 → プライバシー", () => {
  let visitor: Visitor;
  let who: Awaited<ReturnType<typeof newCandidate>>;
  let open: Application;
  let decided: Application;

  beforeAll(async () => {
    who = await newCandidate(portal.db);
    visitor = portal.visitor();
    await signIn(portal, visitor, who);
    decided = await withSensitiveAnswer(who.candidate.id, "withdrawn");
    open = await withSensitiveAnswer(who.candidate.id, "submitted");
  });

  const state = (doc: Visitor extends never ? never : Awaited<ReturnType<Visitor["get"]>>["doc"], purpose: string) =>
    doc.querySelector(`[data-purpose="${purpose}"]`)?.textContent ?? "";

  it("is linked from アカウント情報 and shows each consent, why the required ones stay, and the whole history", async () => {
    const account = await visitor.get("/account");
    expect(account.doc.querySelector('a[href="/account/privacy"]')).not.toBeNull();
    const page = await visitor.get("/account/privacy");
    expect(page.status).toBe(200);
    expect(state(page.doc, "privacy_notice")).toContain("同意しています");
    expect(state(page.doc, "privacy_notice")).toContain("アカウントを削除してください");
    expect(page.doc.querySelector('[data-purpose="privacy_notice"] button')).toBeNull();
    expect(state(page.doc, "reminder_emails")).toContain("同意しています");
    expect(state(page.doc, "result_feedback")).toContain("同意していません");
    expect(page.doc.querySelector('[data-purpose="contact_sms"] button')?.textContent).toBe("同意を撤回する");
    const rows = page.doc.querySelectorAll("[data-consent-history] > li");
    expect(rows).toHaveLength((await consentHistory(portal.db, who.candidate.id)).length);
    expect(page.doc.querySelector("[data-consent-history]")?.textContent).toContain(`応募 ${open.reference}`);
    // Each record names the page it was given on by its title, not its address.
    const history = page.doc.querySelector("[data-consent-history]")?.textContent ?? "";
    expect(history).toContain("ページ 最終確認の質問");
    expect(history).toContain("ページ アカウントの作成");
    expect(history).not.toMatch(/ページ \//);
    const english = await portal.visitor({ acceptLanguage: "en" });
    await signIn(portal, english, who);
    expect((await english.get("/account/privacy")).doc.querySelector("h1")?.textContent).toBe("Privacy");
  });

  it("withdraws SMS contact on every application it was given for, and records it", async () => {
    await portal.db
      .update(applications)
      .set({ personal: { smsConsent: true } as Application["personal"] })
      .where(eq(applications.id, open.id));
    const res = await visitor.post("/account/privacy/withdraw", { purpose: "contact_sms" });
    expect(res.location).toBe("/account/privacy?notice=withdrawn");
    const withdrawn = (await consentHistory(portal.db, who.candidate.id)).filter((r) => r.purpose === "contact_sms" && r.decision === "withdrawn");
    expect(withdrawn.map((r) => [r.applicationId, r.page]).sort()).toEqual(
      [
        [decided.id, "/account/privacy/withdraw"],
        [open.id, "/account/privacy/withdraw"],
      ].sort(),
    );
    const [row] = await portal.db.select().from(applications).where(eq(applications.id, open.id));
    expect(row!.personal?.smsConsent).toBe(false);
    const page = await visitor.follow(res);
    expect(page.doc.querySelector(".notice")?.textContent).toBe("同意を撤回しました。");
    expect(state(page.doc, "contact_sms")).toContain("撤回しました");
  });

  it("says which sensitive answers go before withdrawing, then deletes only those of applications not yet decided", async () => {
    const confirm = await visitor.get("/account/privacy/withdraw-sensitive");
    expect(confirm.doc.querySelector(".callout")?.textContent).toContain(open.reference);
    expect(confirm.doc.querySelector(".callout")?.textContent).not.toContain(decided.reference);
    const res = await visitor.post("/account/privacy/withdraw", { purpose: "sensitive_answers" });
    expect(res.location).toBe("/account/privacy?notice=sensitiveWithdrawn&n=1");
    const left = await portal.db.select().from(applicationAnswers).where(eq(applicationAnswers.sensitive, "sensitive"));
    expect(left.filter((a) => a.applicationId === open.id)).toEqual([]);
    expect(left.filter((a) => a.applicationId === decided.id)).toHaveLength(1);
    expect((await visitor.follow(res)).doc.querySelector(".notice")?.textContent).toBe("同意を撤回し、1件の回答を削除しました。");
  });

  it("stops all contact: no e-mail from the office's moves, with the reason in the audit entry; then resumes", async () => {
    await visitor.post("/account/privacy/contact", { contact: "stop" });
    const [stopped] = await portal.db.select().from(candidates).where(eq(candidates.id, who.candidate.id));
    expect(stopped!.contactStoppedAt).not.toBeNull();
    expect((await visitor.get("/account/privacy")).doc.querySelector("#contact + p")?.textContent).toContain("すべての連絡を停止しています");

    const principal = { kind: "staff", id: "5d1c1f53-0000-4000-8000-00000000000b", role: "recruiter", jobIds: ["230107874"], mayViewSensitive: false } as const;
    const message = async () => ({
      channel: "email" as const,
      recipient: who.candidate.email,
      template: "pipeline.screening",
      locale: "ja",
      subject: "s",
      textBody: "b",
    });
    const outcome = await moveApplications(portal.db, { applicationIds: [open.id], to: "screening", principal, now: portal.clock.now(), message });
    expect(outcome.moved).toEqual([open.id]);
    expect(
      await portal.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.recipient, who.candidate.email), eq(outbox.template, "pipeline.screening"))),
    ).toEqual([]);
    const [audit] = await listAudit(portal.db, { filter: { candidateId: who.candidate.id, action: "application.moved" }, limit: 1 });
    expect(audit?.detail).toMatchObject({ emailed: false, contactStopped: true });

    const recruiter = await newStaff(portal, { role: "recruiter", jobIds: ["230107874"] });
    const office = portal.visitor();
    await signInStaff(portal, office, recruiter);
    const candidatePage = await office.get(`/office/candidates/${open.id}`);
    expect(candidatePage.doc.querySelector("[data-contact-stopped]")?.textContent).toContain("すべての連絡を停止しています");

    await visitor.post("/account/privacy/contact", { contact: "resume" });
    const [resumed] = await portal.db.select().from(candidates).where(eq(candidates.id, who.candidate.id));
    expect(resumed!.contactStoppedAt).toBeNull();
  });

  it("sends no reminder while contact is stopped, and sends it again once resumed", async () => {
    const other = await newCandidate(portal.db);
    const draft = await applicationAt(portal.db, { candidateId: other.candidate.id, state: "draft" });
    const deps = {
      db: portal.db,
      now: portal.clock.now,
      secret: portal.config.secret,
      orgName: portal.config.orgName,
      baseUrl: "",
      nudgeOutbox: () => undefined,
    };
    await setContactStopped(portal.db, { candidateId: other.candidate.id, stopped: true, now: portal.clock.now() });
    expect(await sendApplicationReminder(deps, { applicationId: draft.id, number: 1 })).toBe("skipped");
    await setContactStopped(portal.db, { candidateId: other.candidate.id, stopped: false, now: portal.clock.now() });
    expect(await sendApplicationReminder(deps, { applicationId: draft.id, number: 1 })).toBe("sent");
  });

  it("refuses what is not an optional consent, and asks a signed-out visitor to sign in", async () => {
    const before = (await consentHistory(portal.db, who.candidate.id)).length;
    expect((await visitor.post("/account/privacy/withdraw", { purpose: "privacy_notice" })).location).toBe("/account/privacy");
    expect((await visitor.post("/account/privacy/withdraw", { purpose: "fairness_pledge" })).location).toBe("/account/privacy");
    expect(await consentHistory(portal.db, who.candidate.id)).toHaveLength(before);
    expect((await portal.visitor().get("/account/privacy")).location).toBe("/login?return_to=%2Faccount%2Fprivacy");
  });
});
