import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationAt } from "../../../../test/applications.ts";
import { errorSummary, newCandidate, startTestPortal, type TestPortal, textOf, type Visitor } from "../../../../test/portal.ts";
import { newStaff, signInStaff, type TestStaff } from "../../../../test/staff.ts";
import { listAudit } from "../../../modules/audit/audit-log.ts";
import { candidates } from "../../../modules/candidates/schema.ts";
import { accountDeletions, legalHolds, privacyRequests, retentionRuns } from "../../../modules/privacy/schema.ts";

const JOB = "230107874";

let portal: TestPortal;
let admin: TestStaff;
beforeAll(async () => {
  portal = await startTestPortal();
  admin = await newStaff(portal, { role: "admin", name: "管理 花子" });
});
afterAll(async () => {
  await portal?.close();
});

async function staffVisitor(who: TestStaff, acceptLanguage?: string): Promise<Visitor> {
  const visitor = portal.visitor(acceptLanguage ? { acceptLanguage } : {});
  await signInStaff(portal, visitor, who);
  return visitor;
}

async function submittedApplication(names: { familyName: string; givenName: string }) {
  const { candidate } = await newCandidate(portal.db, names);
  const application = await applicationAt(portal.db, { candidateId: candidate.id, state: "submitted", jobId: JOB });
  return { candidate, application };
}

/** The privacy actions audited about a candidate, oldest first, without the showings of the pages. */
async function auditOf(candidateId: string) {
  const entries = (await listAudit(portal.db, { filter: { candidateId }, limit: 100 })).reverse();
  return entries.filter((e) => e.action.startsWith("privacy.") && e.action !== "privacy.viewed");
}

describe("the privacy section of the candidate page", () => {
  it("is shown to admins only; recruiters and reviewers neither see it nor reach its pages", async () => {
    const { application } = await submittedApplication({ familyName: "開示", givenName: "見子" });
    const page = await (await staffVisitor(admin)).get(`/office/candidates/${application.id}`);
    expect(textOf(page.doc, "#privacy h2")).toBe("個人情報の取り扱い");
    expect(page.doc.querySelector(`.review-contents a[href="#privacy"]`)).not.toBeNull();
    for (const role of ["recruiter", "reviewer"] as const) {
      const member = await newStaff(portal, { role, jobIds: [JOB] });
      const visitor = await staffVisitor(member);
      const theirs = await visitor.get(`/office/candidates/${application.id}`);
      expect(theirs.status).toBe(200);
      expect(theirs.doc.querySelector("#privacy")).toBeNull();
      expect(theirs.doc.querySelector(`a[href="#privacy"]`)).toBeNull();
      expect((await visitor.get(`/office/candidates/${application.id}/privacy`)).status).toBe(403);
      expect((await visitor.post(`/office/candidates/${application.id}/privacy/hold`, { reason: "x" })).status).toBe(403);
      expect((await visitor.get("/office/retention")).status).toBe(403);
    }
    expect(await portal.db.select().from(legalHolds).where(eq(legalHolds.candidateId, application.candidateId))).toEqual([]);
  });
});

describe("a disclosure request", () => {
  it("is recorded with how and when it arrived, its file downloaded, then marked completed; each step audited without personal values", async () => {
    const { candidate, application } = await submittedApplication({ familyName: "開示", givenName: "請子" });
    const visitor = await staffVisitor(admin);
    const base = `/office/candidates/${application.id}/privacy`;
    const empty = await visitor.get(base);
    expect(textOf(empty.doc, "h1")).toBe("個人情報の取り扱い：開示 請子");
    const [viewed] = await listAudit(portal.db, { filter: { candidateId: candidate.id, action: "privacy.viewed" }, limit: 1 });
    expect(viewed).toMatchObject({ staffId: admin.id, recordId: application.id });
    expect(empty.doc.querySelector('input[name="receivedOn"]')?.getAttribute("value")).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const missing = await visitor.post(`${base}/requests`, { receivedOn: "2026-01-05" });
    expect(missing.status).toBe(400);
    expect(errorSummary(missing.doc)).toEqual(["請求の種類を選んでください", "受付方法を選んでください"]);
    const future = await visitor.post(`${base}/requests`, { kind: "disclosure", receivedVia: "letter", receivedOn: "2999-01-01" });
    expect(errorSummary(future.doc)).toEqual(["受付日を、今日またはそれより前の日付で入力してください"]);
    const impossible = await visitor.post(`${base}/requests`, {
      requestId: empty.doc.querySelector('input[name="requestId"]')?.getAttribute("value") ?? "",
      kind: "disclosure",
      receivedVia: "letter",
      receivedOn: "2026-02-30",
    });
    expect(impossible.status).toBe(400);

    // The form carries its request's id, kept through the errors above: sent twice, it records one request.
    const requestId = impossible.doc.querySelector('input[name="requestId"]')?.getAttribute("value");
    expect(requestId).toBe(empty.doc.querySelector('input[name="requestId"]')?.getAttribute("value"));
    const form = { requestId: requestId!, kind: "disclosure", receivedVia: "letter", receivedOn: "2026-01-05" };
    const [recorded, again] = await Promise.all([visitor.post(`${base}/requests`, form), visitor.post(`${base}/requests`, form)]);
    expect(recorded.location).toBe(`${base}?notice=recorded`);
    expect(again.location).toBe(`${base}?notice=recorded`);
    const [request, ...more] = await portal.db.select().from(privacyRequests).where(eq(privacyRequests.candidateId, candidate.id));
    expect(more).toEqual([]);
    expect(request!.id).toBe(requestId);
    expect(await listAudit(portal.db, { filter: { candidateId: candidate.id, action: "privacy.request_recorded" }, limit: 5 })).toHaveLength(1);
    // The same id sent for another candidate records nothing there.
    const other = await submittedApplication({ familyName: "別人", givenName: "二郎" });
    const misused = await visitor.post(`/office/candidates/${other.application.id}/privacy/requests`, form);
    expect(misused.status).toBe(400);
    expect(await portal.db.select().from(privacyRequests).where(eq(privacyRequests.candidateId, other.candidate.id))).toEqual([]);
    // A form sent back with another answer (Back, a change, 記録する) is another request.
    const otherBase = `/office/candidates/${other.application.id}/privacy`;
    const otherId = (await visitor.get(otherBase)).doc.querySelector('input[name="requestId"]')?.getAttribute("value") ?? "";
    await visitor.post(`${otherBase}/requests`, { ...form, requestId: otherId });
    expect((await visitor.post(`${otherBase}/requests`, { ...form, requestId: otherId, receivedVia: "email" })).location).toBe(`${otherBase}?notice=recorded`);
    const both = await portal.db.select().from(privacyRequests).where(eq(privacyRequests.candidateId, other.candidate.id));
    expect(both.map((r) => r.receivedVia).sort()).toEqual(["email", "letter"]);
    expect(request).toMatchObject({ kind: "disclosure", receivedVia: "letter", recordedBy: admin.id, completedAt: null });
    expect(request!.receivedAt.toISOString()).toBe("2026-01-04T15:00:00.000Z");
    const listed = await visitor.follow(recorded);
    expect(textOf(listed.doc, ".notice")).toBe("請求を記録しました。");
    expect(textOf(listed.doc, `[data-request="${request!.id}"]`)).toContain("対応中");

    const download = await portal.app.inject({
      method: "GET",
      url: `${base}/disclosure.json?request=${request!.id}`,
      headers: { cookie: [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-disposition"]).toBe(`attachment; filename="disclosure-${request!.id}.json"`);
    const file = JSON.parse(download.body);
    // The candidate's own export: the account, their applications, and the rest of what is held about them.
    expect(file.profile).toMatchObject({ id: candidate.id, email: candidate.email, familyName: "開示" });
    expect(file.applications.map((a: { id: string }) => a.id)).toEqual([application.id]);
    expect(file).toHaveProperty("consents");
    expect(file).toHaveProperty("signIns");
    expect((await visitor.get(`${base}/disclosure.json`)).status).toBe(404);

    const completed = await visitor.post(`${base}/requests/${request!.id}/complete`);
    expect(completed.location).toBe(`${base}?notice=completed`);
    const after = await visitor.follow(completed);
    expect(textOf(after.doc, `[data-request="${request!.id}"]`)).toContain("管理 花子");
    // Once completed, the file is no longer handed out against it.
    expect((await visitor.get(`${base}/disclosure.json?request=${request!.id}`)).status).toBe(404);

    const audit = await auditOf(candidate.id);
    expect(audit.map((e) => [e.action, e.staffId, e.recordId])).toEqual([
      ["privacy.request_recorded", admin.id, request!.id],
      ["privacy.disclosed", admin.id, request!.id],
      ["privacy.request_completed", admin.id, request!.id],
    ]);
    expect(JSON.stringify(audit)).not.toContain(candidate.email);
    expect(JSON.stringify(audit)).not.toContain("開示");
  });
});

describe("a legal hold and a deletion request", () => {
  it("holds one at a time, refuses the deletion while held, then erases on an explicit confirmation and completes the request", async () => {
    const { candidate, application } = await submittedApplication({ familyName: "削除", givenName: "望子" });
    const visitor = await staffVisitor(admin);
    const base = `/office/candidates/${application.id}/privacy`;

    const blank = await visitor.post(`${base}/hold`, { reason: "  " });
    expect(blank.status).toBe(400);
    expect(errorSummary(blank.doc)).toEqual(["法的保全の理由を入力してください"]);
    expect(textOf(blank.doc, "#f-reason-hint")).toContain("個人情報は書かないでください");
    const placed = await visitor.post(`${base}/hold`, { reason: "訴訟対応 令和8年(ワ)第123号" });
    expect(placed.location).toBe(`${base}?notice=placed`);
    // A second hold, from a page loaded before the first was placed: a clear refusal, not a second row.
    const twice = await visitor.post(`${base}/hold`, { reason: "重複" });
    expect(twice.status).toBe(409);
    expect(errorSummary(twice.doc)).toEqual(["この応募者にはすでに法的保全がかかっています。ページを読み込み直してご確認ください"]);
    expect(await portal.db.select().from(legalHolds).where(eq(legalHolds.candidateId, candidate.id))).toHaveLength(1);
    const candidatePage = await visitor.get(`/office/candidates/${application.id}`);
    expect(textOf(candidatePage.doc, "#privacy [data-legal-hold]")).toContain("法的保全中");

    await visitor.post(`${base}/requests`, { kind: "deletion", receivedVia: "email", receivedOn: "2026-01-06" });
    const [request] = await portal.db.select().from(privacyRequests).where(eq(privacyRequests.candidateId, candidate.id));
    const held = await visitor.get(base);
    expect(textOf(held.doc, `[data-request="${request!.id}"]`)).toContain("法的保全中のため削除できません");
    const confirmHeld = await visitor.get(`${base}/requests/${request!.id}/erase`);
    expect(confirmHeld.status).toBe(409);
    expect(textOf(confirmHeld.doc, "[data-legal-hold]")).toBe("この応募者には法的保全がかかっているため、削除できません。保全を解除してから実行してください。");
    expect(confirmHeld.doc.querySelector('input[name="confirmed"]')).toBeNull();
    expect((await visitor.post(`${base}/requests/${request!.id}/erase`, { confirmed: "yes" })).status).toBe(409);
    expect(await portal.db.select().from(candidates).where(eq(candidates.id, candidate.id))).toHaveLength(1);

    expect((await visitor.post(`${base}/hold/release`)).location).toBe(`${base}?notice=released`);
    const confirm = await visitor.get(`${base}/requests/${request!.id}/erase`);
    expect(confirm.status).toBe(200);
    expect(textOf(confirm.doc, "h1")).toBe("削除 望子さんのアカウントを削除する");
    expect(confirm.html).toContain("任意の性別の回答");
    const unticked = await visitor.post(`${base}/requests/${request!.id}/erase`);
    expect(unticked.status).toBe(400);
    expect(errorSummary(unticked.doc)).toEqual(["削除する場合は、確認のチェックボックスを選んでください"]);

    const erased = await visitor.post(`${base}/requests/${request!.id}/erase`, { confirmed: "yes" });
    expect(erased.location).toBe(`/office/privacy/requests/${request!.id}?notice=erased`);
    const entry = await visitor.follow(erased);
    expect(textOf(entry.doc, ".notice")).toBe("アカウントを削除し、削除請求を完了にしました。");
    expect(entry.html).toContain("管理 花子");
    expect(entry.html).not.toContain("望子");
    expect(entry.doc.querySelector("[data-removed]")).not.toBeNull();
    expect(await portal.db.select().from(candidates).where(eq(candidates.id, candidate.id))).toEqual([]);
    const [deletion] = await portal.db.select().from(accountDeletions).where(eq(accountDeletions.candidateId, candidate.id));
    expect(deletion).toMatchObject({ requestedBy: "office", staffId: admin.id });
    const [done] = await portal.db.select().from(privacyRequests).where(eq(privacyRequests.id, request!.id));
    expect(done).toMatchObject({ completedBy: admin.id });
    expect((await visitor.get(`/office/candidates/${application.id}`)).status).toBe(404);
    const again = await visitor.post(`${base}/requests/${request!.id}/erase`, { confirmed: "yes" });
    expect(again.location).toBe(`/office/privacy/requests/${request!.id}`);

    const audit = await auditOf(candidate.id);
    expect(audit.map((e) => e.action)).toEqual(["privacy.hold_placed", "privacy.request_recorded", "privacy.hold_released", "privacy.candidate_erased"]);
    expect(audit.at(-1)?.detail).toEqual({ deletionId: deletion!.id });
    expect(JSON.stringify(audit)).not.toContain("令和8年");
  });

  it("speaks English to a member who reads the console in English", async () => {
    const { application } = await submittedApplication({ familyName: "Eigo", givenName: "Hanako" });
    const visitor = await staffVisitor(admin, "en");
    const base = `/office/candidates/${application.id}/privacy`;
    const page = await visitor.get(base);
    expect(textOf(page.doc, "h1")).toBe("Privacy: Eigo Hanako");
    const wrong = await visitor.post(`${base}/hold`, { reason: "" });
    expect(errorSummary(wrong.doc)).toEqual(["Enter the reason for the legal hold"]);
    await visitor.post(`${base}/requests`, { kind: "deletion", receivedVia: "phone", receivedOn: "2026-01-07" });
    const listed = await visitor.get(base);
    expect(textOf(listed.doc, "[data-privacy-requests] tbody tr")).toContain("Deletion request");
    const link = listed.doc.querySelector("[data-privacy-requests] a")?.getAttribute("href") ?? "";
    const confirm = await visitor.get(link);
    expect(textOf(confirm.doc, "h1")).toBe("Delete the account of Eigo Hanako");
  });
});

describe("the retention page", () => {
  it("shows the schedule as configured and the recent runs, and records an audited dry run that removes nothing", async () => {
    const visitor = await staffVisitor(admin);
    const page = await visitor.get("/office/retention");
    expect(textOf(page.doc, "h1")).toBe("個人情報の保存期間");
    expect(textOf(page.doc, "[data-schedule] tbody tr")).toContain("183日");
    const dry = await visitor.post("/office/retention/dry-run");
    const [run] = await portal.db.select().from(retentionRuns).where(eq(retentionRuns.staffId, admin.id));
    expect(run).toMatchObject({ dryRun: true, trigger: "office" });
    expect(dry.location).toBe(`/office/retention?run=${run!.id}#dry-run`);
    const shown = await visitor.get(`/office/retention?run=${run!.id}`);
    expect(textOf(shown.doc, "[data-dry-run] h2")).toMatch(/^試しに実行した結果/);
    expect(shown.doc.querySelectorAll("[data-dry-run] [data-rule]")).toHaveLength(4);
    expect(textOf(shown.doc, "[data-runs] tbody tr")).toContain("管理 花子");
    const [entry] = await listAudit(portal.db, { filter: { staffId: admin.id, action: "retention.dry_run" }, limit: 1 });
    expect(entry?.recordId).toBe(run!.id);
    const english = await (await staffVisitor(admin, "en")).get("/office/retention");
    expect(textOf(english.doc, "h1")).toBe("Retention of personal data");
  });
});
