import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registrationForm } from "../../../../test/journey-by-form.ts";
import {
  lastCodeSentTo,
  personalDetailsForm,
  postApplicationPage,
  startTestPortal,
  type TestPortal,
  takeAssessment,
  type Visitor,
} from "../../../../test/portal.ts";
import { candidates } from "../../../modules/candidates/schema.ts";
import { consentHistory } from "../../../modules/privacy/consents.ts";
import { currentNoticeVersion } from "../../../modules/privacy/privacy-notice.ts";
import { candidateSignIns } from "../../../modules/privacy/schema.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(async () => {
  await portal?.close();
});

const who = {
  familyName: "佐藤",
  givenName: "美咲",
  familyNameKana: "サトウ",
  givenNameKana: "ミサキ",
  familyNameLatin: "Sato",
  givenNameLatin: "Misaki",
  email: "misaki.consents@example.jp",
  phone: "08011112222",
};

async function candidateId(): Promise<string> {
  const [row] = await portal.db.select({ id: candidates.id }).from(candidates).where(eq(candidates.email, who.email));
  return row!.id;
}

/** Each record as purpose/decision@page, oldest first. */
async function recorded(): Promise<string[]> {
  return (await consentHistory(portal.db, await candidateId())).map((r) => `${r.purpose}/${r.decision}@${r.page}`);
}

describe("consent records, written where each consent is given or withdrawn", () => {
  let visitor: Visitor;
  let id: string;

  it("records the notice and e-mail contact at registration, and every completed sign-in", async () => {
    visitor = portal.visitor();
    const registered = await visitor.post("/register", registrationForm(who));
    expect(registered.status).toBe(303);
    const history = await consentHistory(portal.db, await candidateId());
    // Both are written in one transaction, at one time: their order between them is not meaningful.
    expect(history.map((r) => [r.purpose, r.decision, r.page, r.textVersion, r.applicationId]).sort()).toEqual([
      ["contact_email", "given", "/register", currentNoticeVersion(), null],
      ["privacy_notice", "given", "/register", currentNoticeVersion(), null],
    ]);
    const flow = registered.location!.replace(/\/pin(\?.*)?$/, "");
    await visitor.post(`${flow}/pin`, { pin: "583027" });
    await visitor.post(`${flow}/send`, { channel: "email" });
    portal.clock.advance(60_000);
    const signedIn = await visitor.post(`${flow}/code`, { code: await lastCodeSentTo(portal.db, who.email) });
    expect(signedIn.status).toBe(303);
    const signIns = await portal.db
      .select()
      .from(candidateSignIns)
      .where(eq(candidateSignIns.candidateId, await candidateId()));
    expect(signIns.map((s) => s.channel)).toEqual(["email"]);
    const [account] = await portal.db
      .select()
      .from(candidates)
      .where(eq(candidates.id, await candidateId()));
    expect(account!.lastActiveAt.getTime()).toBe(signIns[0]!.signedInAt.getTime());
  });

  it("records STEP 1's SMS and feedback boxes per application, only when they change", async () => {
    const start = await visitor.post("/jobs/230107874/apply");
    id = start.location!.match(/applications\/([0-9a-f-]{36})/)![1]!;
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    const page = await visitor.get(`/applications/${id}/personal`);
    expect(page.doc.querySelector('main a[href="/privacy#application"]')?.textContent).toBe("利用目的の詳細（候補者プライバシー規約）");
    const personal = personalDetailsForm({ smsConsent: "yes", feedbackConsent: "yes" });
    expect((await postApplicationPage(visitor, id, "personal", personal)).location).toBe(`/applications/${id}/eligibility`);
    expect((await postApplicationPage(visitor, id, "personal", personal)).status).toBe(303);
    const { smsConsent: _sms, ...withoutSms } = personal;
    await postApplicationPage(visitor, id, "personal", withoutSms);
    const records = (await consentHistory(portal.db, await candidateId())).filter((r) => r.applicationId === id);
    expect(records.map((r) => `${r.purpose}/${r.decision}@${r.page}`).sort()).toEqual([
      "contact_sms/given@/applications/:id/personal",
      "contact_sms/withdrawn@/applications/:id/personal",
      "result_feedback/given@/applications/:id/personal",
    ]);
    expect(records.at(-1)?.decision).toBe("withdrawn");
  });

  it("records the pledge, and the sensitive answer's own consent, per application", async () => {
    await postApplicationPage(visitor, id, "eligibility", { age18: "yes", preHireDocuments: "understood" });
    await postApplicationPage(visitor, id, "work-authorization", { workAuthorizationType: "japanese", student: "notStudent", confirmStep3: "yes" });
    await postApplicationPage(visitor, id, "self-identification", { gender: "female" });
    expect((await postApplicationPage(visitor, id, "pledge", { consent: "yes" })).location).toBe(`/applications/${id}/assessment`);
    expect(await recorded()).toContain("fairness_pledge/given@/applications/:id/pledge");
    expect(await takeAssessment(visitor, id)).toBe(`/applications/${id}/signature`);
    await postApplicationPage(visitor, id, "signature", { signature: "Hanako Yamada" });
    const final = await visitor.get(`/applications/${id}/final-questions`);
    expect(final.doc.querySelector('main a[href="/privacy#sensitive"]')).not.toBeNull();
    const answers = { languages: ["ja"], privateRoom: "yes", workPlace: ["study"], quietEnvironment: "yes", doubleWork: "none", confirmFinal: "yes" };
    await postApplicationPage(visitor, id, "final-questions", { ...answers, stressHistory: "通院中です", stressHistoryConsent: "yes", intent: "save" });
    await postApplicationPage(visitor, id, "final-questions", { ...answers, stressHistory: "通院中です", stressHistoryConsent: "yes" });
    const sensitive = (await consentHistory(portal.db, await candidateId())).filter((r) => r.purpose === "sensitive_answers");
    expect(sensitive.map((r) => [r.decision, r.applicationId, r.page])).toEqual([["given", id, "/applications/:id/final-questions"]]);
  });

  it("records reminders switched off and on from アカウント情報, and nothing when the setting stays", async () => {
    await visitor.post("/account/reminders", {});
    await visitor.post("/account/reminders", {});
    await visitor.post("/account/reminders", { reminders: "yes" });
    expect((await recorded()).filter((r) => r.startsWith("reminder_emails"))).toEqual([
      "reminder_emails/withdrawn@/account/reminders",
      "reminder_emails/given@/account/reminders",
    ]);
  });

  it("keeps each purpose of use one link away from where the data is collected", async () => {
    const pages: [string, string][] = [
      ["/register", "/privacy#account"],
      ["/account/documents", "/privacy#documents"],
    ];
    for (const [url, link] of pages) {
      const page = await (url === "/register" ? portal.visitor() : visitor).get(url);
      expect(page.doc.querySelector(`main a[href="${link}"]`)?.textContent, url).toBe("利用目的の詳細（候補者プライバシー規約）");
    }
    const notice = await portal.visitor().get("/privacy");
    for (const anchor of ["account", "application", "documents", "sensitive", "self-identification", "assessment"]) {
      expect(notice.doc.querySelector(`h2#${anchor}`), anchor).not.toBeNull();
    }
    expect(notice.doc.querySelector("main")?.textContent).toContain(
      `この規約は ${currentNoticeVersion().replace(/^(\d+)-0?(\d+)-0?(\d+)$/, "$1年$2月$3日")} 版です。`,
    );
    const english = await portal.visitor({ acceptLanguage: "en" }).get("/privacy");
    expect(english.doc.querySelector("h1")?.textContent).toBe("Candidate privacy notice");
  });
});
