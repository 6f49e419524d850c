import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCandidate, signIn, startTestPortal, type TestPortal, type Visitor } from "../../../../test/portal.ts";
import { consentHistory, recordConsent } from "../../../modules/privacy/consents.ts";
import { currentNoticeVersion } from "../../../modules/privacy/privacy-notice.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(async () => {
  await portal?.close();
});

/** An account whose latest agreement is to the notice before versions, as every account made before them. */
async function olderAccount() {
  const who = await newCandidate(portal.db);
  portal.clock.advance(1000);
  await recordConsent(portal.db, {
    candidateId: who.candidate.id,
    purpose: "privacy_notice",
    decision: "given",
    source: { textVersion: "unversioned", page: "/register" },
    now: portal.clock.now(),
  });
  return who;
}

describe("a new version of the privacy notice, acknowledged once", () => {
  let visitor: Visitor;
  let who: Awaited<ReturnType<typeof olderAccount>>;

  it("stops a signed-in candidate at the page they were going to after the e-mailed code, and brings them back", async () => {
    who = await olderAccount();
    visitor = portal.visitor();
    const signedIn = await signIn(portal, visitor, who, "/account/applications");
    expect(signedIn.location).toBe("/account/applications");
    const stopped = await visitor.get("/account/applications");
    expect(stopped.location).toBe("/privacy/acknowledge?return_to=%2Faccount%2Fapplications");
    const page = await visitor.get(stopped.location!);
    expect(page.doc.querySelector("h1")?.textContent).toBe("候補者プライバシー規約を改定しました");
    expect(page.doc.querySelector('main a[href="/privacy"]')).not.toBeNull();
    expect(page.doc.querySelectorAll("main form button")).toHaveLength(1);
    const done = await visitor.post("/privacy/acknowledge", { return_to: "/account/applications" });
    expect(done.location).toBe("/account/applications");
    expect((await visitor.get("/account/applications")).status).toBe(200);
    const [latest] = (await consentHistory(portal.db, who.candidate.id)).slice(-1);
    expect([latest?.purpose, latest?.textVersion, latest?.page]).toEqual(["privacy_notice", currentNoticeVersion(), "/privacy/acknowledge"]);
  });

  it("never asks again for the same version, and a second click records nothing", async () => {
    const before = (await consentHistory(portal.db, who.candidate.id)).length;
    expect((await visitor.post("/privacy/acknowledge", { return_to: "/account" })).location).toBe("/account");
    expect(await consentHistory(portal.db, who.candidate.id)).toHaveLength(before);
    expect((await visitor.get("/privacy/acknowledge?return_to=%2Faccount")).location).toBe("/account");
    expect((await visitor.get("/account")).status).toBe(200);
  });

  it("lets forms, public pages, the assessment and downloads through, and asks again at the next page", async () => {
    const other = await olderAccount();
    const v = portal.visitor();
    await signIn(portal, v, other);
    expect((await v.post("/account/reminders", {})).location).toBe("/account?notice=reminders#reminders");
    expect((await v.get("/jobs")).status).toBe(200);
    expect((await v.get("/privacy")).status).toBe(200);
    expect((await v.get("/account/privacy/data.json")).status).toBe(200);
    const start = await v.post("/jobs/230107874/apply");
    const id = start.location!.match(/applications\/([0-9a-f-]{36})/)![1]!;
    expect((await v.get(`/applications/${id}/assessment`)).location ?? "").not.toContain("/privacy/acknowledge");
    expect((await v.get(`/applications/${id}/documents`)).location).toBe(`/privacy/acknowledge?return_to=%2Fapplications%2F${id}%2Fdocuments`);
  });

  it("refuses to send anyone elsewhere than this site afterwards", async () => {
    const other = await olderAccount();
    const v = portal.visitor();
    await signIn(portal, v, other);
    expect((await v.post("/privacy/acknowledge", { return_to: "https://evil.example/" })).location).toBe("/account");
  });
});
