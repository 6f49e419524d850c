import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationAt } from "../../../../test/applications.ts";
import { inventEarlierApplicants } from "../../../../test/assessment-pages.ts";
import {
  errorSummary,
  lastCodeSentTo,
  newCandidate,
  personalDetailsForm,
  postApplicationPage,
  signIn,
  startTestPortal,
  type TestPortal,
  takeAssessment,
  textOf,
  type Visitor,
} from "../../../../test/portal.ts";
import { newStaff, signInStaff, type TestStaff } from "../../../../test/staff.ts";
import { latestQuestionSet } from "../../../modules/applications/application-store.ts";
import { applications, questionSets } from "../../../modules/applications/schema.ts";
import { loadItemBank } from "../../../modules/assessment/bank/index.ts";
import { recomputeNorms } from "../../../modules/assessment/norms/index.ts";
import { assessmentAnswers, assessmentAttempts } from "../../../modules/assessment/schema.ts";
import { SCORING_VERSION } from "../../../modules/assessment/scoring/index.ts";
import { type AuditAction, listAudit } from "../../../modules/audit/audit-log.ts";
import { applicationNotes } from "../../../modules/candidate-review/schema.ts";
import { saveDocument } from "../../../modules/documents/document-store.ts";
import { minimalPdf } from "../../../modules/documents/inspection/document-fixtures.ts";
import { findJob } from "../../../modules/jobs/job-repo.ts";
import { jobs } from "../../../modules/jobs/schema.ts";
import { staffMembers } from "../../../modules/staff/schema.ts";
import { outbox } from "../../../platform/db/schema.ts";

const JOB = "230107874";
const OTHER_JOB = "230299991";
/** An invented stress-history answer, distinctive enough that finding it in a page means it was shown. */
const STRESS_ANSWER = "前職の繁忙期に体調を崩し、2か月休職しました。テスト用の架空の回答です。";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
  // A second job, so staff of one job can try the other's records.
  const job = (await findJob(portal.db, JOB))!;
  await portal.db.insert(jobs).values({ ...job, id: OTHER_JOB, title: { ja: "【在宅】チャット対応スタッフ", en: "Chat support associate (remote)" } });
  const set = (await latestQuestionSet(portal.db, JOB))!;
  await portal.db.insert(questionSets).values({ id: randomUUID(), jobId: OTHER_JOB, version: 1, definition: { ...set.definition, jobId: OTHER_JOB } });
});
afterAll(async () => {
  await portal?.close();
});

function cookieHeader(visitor: Visitor): string {
  return [...visitor.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
}

async function staffVisitor(who: TestStaff): Promise<Visitor> {
  const visitor = portal.visitor();
  await signInStaff(portal, visitor, who);
  return visitor;
}

/**
 * A candidate who went through every page of the application as a browser without JavaScript would, with a
 * résumé in the profile, a voluntary gender answer and a sensitive stress-history answer, and pressed 応募する.
 */
async function appliedThroughThePages() {
  const who = await newCandidate(portal.db);
  const saved = await saveDocument(portal.db, {
    candidateId: who.candidate.id,
    label: "履歴書 山田花子",
    note: "",
    bytes: minimalPdf(),
    fileName: "rirekisho.pdf",
    now: portal.clock.now(),
  });
  if (!saved.ok) throw new Error(`document refused: ${saved.reason}`);
  const visitor = portal.visitor();
  await signIn(portal, visitor, who);
  const code = await lastCodeSentTo(portal.db, who.candidate.email);
  const start = await visitor.post(`/jobs/${JOB}/apply`);
  const id = start.location!.split("/")[2]!;
  expect((await postApplicationPage(visitor, id, "documents", { intent: "continue" })).location).toBe(`/applications/${id}/personal`);
  expect((await postApplicationPage(visitor, id, "personal", personalDetailsForm({ phone: "090-5555-0101" }))).location).toBe(
    `/applications/${id}/eligibility`,
  );
  await postApplicationPage(visitor, id, "eligibility", { age18: "yes", preHireDocuments: "understood" });
  await postApplicationPage(visitor, id, "work-authorization", { workAuthorizationType: "japanese", student: "notStudent", confirmStep3: "yes" });
  await postApplicationPage(visitor, id, "self-identification", { gender: "female" });
  expect((await postApplicationPage(visitor, id, "pledge", { consent: "yes" })).location).toBe(`/applications/${id}/assessment`);
  expect(await takeAssessment(visitor, id)).toBe(`/applications/${id}/signature`);
  await postApplicationPage(visitor, id, "signature", { signature: "山田花子" });
  const final = {
    languages: ["ja", "en"],
    privateRoom: "yes",
    workPlace: ["study"],
    quietEnvironment: "yes",
    stressHistory: STRESS_ANSWER,
    stressHistoryConsent: "yes",
    doubleWork: "none",
    workAuthorizationFinal: "japaneseOrSpecial",
    confirmFinal: "yes",
  };
  expect((await postApplicationPage(visitor, id, "final-questions", final)).location).toBe(`/applications/${id}/review`);
  expect((await visitor.post(`/applications/${id}/submit`)).location).toBe(`/applications/${id}/complete`);
  await portal.runJobs();
  return { who, id, documentId: saved.document.id, code };
}

async function auditRows(action: AuditAction, candidateId: string) {
  return listAudit(portal.db, { filter: { action, candidateId }, limit: 50 });
}

describe("the candidate page of a submitted application", () => {
  let applied: Awaited<ReturnType<typeof appliedThroughThePages>>;
  let recruiter: TestStaff;
  let reviewer: TestStaff;
  beforeAll(async () => {
    applied = await appliedThroughThePages();
    recruiter = await newStaff(portal, { role: "recruiter", jobIds: [JOB], name: "採用 一郎" });
    reviewer = await newStaff(portal, { role: "reviewer", jobIds: [JOB], name: "選考 花江" });
  });

  it("shows the profile, documents, answers with their question set's texts, the assessment, the signature and the history", async () => {
    // The candidate read one clip's transcript: an accommodation, recorded on its answer row.
    const [attempt] = await portal.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.applicationId, applied.id));
    const clip = (await loadItemBank("content/assessments/csa-ja")).items.find((i) => i.exercise === "situations" && i.media)!;
    await portal.db
      .update(assessmentAnswers)
      .set({ transcriptUsed: true })
      .where(and(eq(assessmentAnswers.attemptId, attempt!.id), eq(assessmentAnswers.itemId, clip.id)));
    const page = await (await staffVisitor(recruiter)).get(`/office/candidates/${applied.id}`);
    expect(page.status).toBe(200);
    expect(textOf(page.doc, "h1")).toBe("山田 花子");
    expect(textOf(page.doc, "[data-stage]")).toBe("応募受付");
    const profile = textOf(page.doc, "#profile");
    expect(profile).toContain("ヤマダ ハナコ");
    expect(profile).toContain("Yamada Hanako");
    expect(textOf(page.doc, "[data-contact-details]")).toContain("hanako.personal@example.jp");
    expect(textOf(page.doc, "[data-contact-details]")).toContain("+819055550101");
    expect(textOf(page.doc, "#documents")).toContain("履歴書 山田花子");

    const answers = textOf(page.doc, "#answers");
    expect(answers).toContain("質問セット バージョン2");
    expect(textOf(page.doc, '[data-question="age18"] th')).toBe("あなたは18歳以上ですか？");
    expect(textOf(page.doc, '[data-question="age18"] td')).toBe("はい");
    expect(textOf(page.doc, '[data-question="languages"]')).toContain("日本語、英語");
    expect(textOf(page.doc, '[data-question="stressHistory"] td')).toBe("非表示（配慮を要する回答）");

    const assessment = textOf(page.doc, "#assessment");
    expect(assessment).toContain("受検 csa-ja バージョン");
    expect(assessment).toContain("カスタマーサービス演習（合計）");
    expect(assessment).toContain("ワークスタイル演習（特性別）");
    expect(assessment).toContain("落ち着き");
    expect(textOf(page.doc, '[data-signal="fastAnswers"]')).toContain("当て推量の可能性がありますが");
    // Transcripts are not among the integrity signals; they are listed as an accommodation.
    expect(page.doc.querySelector('[data-signal="transcriptsUsed"]')).toBeNull();
    expect(textOf(page.doc, "[data-accommodations]")).toContain("文字起こしを読んだ設問：1問");
    expect(textOf(page.doc, "[data-accommodations]")).toContain(clip.id);
    expect(textOf(page.doc, "[data-accommodations]")).toContain("不正の兆候としては扱いません");
    // The only attempt of its bank version: a raw score and no norm to put it on yet.
    expect(textOf(page.doc, "[data-normed]")).toContain("受検者がまだ30人に満たないため、Tスコアはありません");
    expect(textOf(page.doc, '[data-signal="identicalAnswerPatternWith"]')).toMatch(/\d+人/);

    const signature = textOf(page.doc, "#signature");
    expect(signature).toContain("山田花子");
    expect(signature).toMatch(/[0-9a-f]{64}/);
    expect(signature).toContain("127.0.0.1");
    const history = page.doc.querySelectorAll("#history tbody tr[data-event]").map((tr) => tr.getAttribute("data-event"));
    expect(history).toEqual(["application.pledged", "application.assessment_completed", "application.signed", "application.submitted"]);
  });

  it("shows T-scores with their ±1 SE range on the bank version's norm, says the norm is provisional, and gives the band", async () => {
    const bank = await loadItemBank("content/assessments/csa-ja");
    // Forty earlier applicants of this bank version (invented), and the norm the worker would compute from them.
    await inventEarlierApplicants(portal.db, bank, 40);
    await recomputeNorms(portal.db, { bankId: bank.bankId, bankVersion: bank.version, scoringVersion: SCORING_VERSION, now: portal.clock.now() });
    const page = await (await staffVisitor(recruiter)).get(`/office/candidates/${applied.id}`);
    const normed = textOf(page.doc, "[data-normed]");
    expect(normed).toMatch(/応募者ノルムに対する結果 — ノルム バージョン1（受検者4\d人）/);
    expect(normed).toContain("暫定：受検者が500人になるまで");
    expect(normed).toMatch(/結果の区分（演習の合計のTスコアによる）：(高い|標準|伸びしろ)/);
    const total = page.doc.querySelectorAll("[data-normed] tbody tr")[0]!;
    expect(total.querySelector("th")?.textContent).toBe("合計");
    const [raw, t, range] = total.querySelectorAll("td").map((td) => td.textContent);
    expect(Number(raw)).toBeGreaterThan(0);
    const [low, high] = range!.split("–").map(Number);
    expect(low).toBeLessThan(Number(t));
    expect(high).toBeGreaterThan(Number(t));
    expect(page.doc.querySelectorAll("[data-normed] tbody tr").map((tr) => tr.querySelector("th")?.textContent)).toContain("落ち着き");
  });

  it("lists every message to the candidate without any body, so a sign-in code is never shown", async () => {
    const page = await (await staffVisitor(recruiter)).get(`/office/candidates/${applied.id}`);
    const templates = page.doc.querySelectorAll("#messages tbody tr").map((tr) => tr.getAttribute("data-template"));
    expect(templates).toEqual(expect.arrayContaining(["accounts.code.login", "applications.submitted"]));
    expect(textOf(page.doc, "#messages")).toContain("【サンプル商事採用事務局】 応募が完了いたしました");
    expect(page.html).not.toContain(applied.code);
    const [sent] = await portal.db.select({ body: outbox.textBody }).from(outbox).where(eq(outbox.template, "applications.submitted")).limit(1);
    expect(page.html).not.toContain(sent!.body.split("\n").find((line) => line.length > 20));
  });

  it("never shows the voluntary gender answer, nor its question", async () => {
    const page = await (await staffVisitor(recruiter)).get(`/office/candidates/${applied.id}`);
    expect(page.html).not.toContain("性別をお答えください");
    expect(page.html).not.toContain("女性");
    expect(page.html).not.toContain("回答しない");
    expect(page.doc.querySelector('[data-question="gender"]')).toBeNull();
  });

  it("hides contact details and the date of birth from reviewers, and sensitive answers from everyone not granted them", async () => {
    const page = await (await staffVisitor(reviewer)).get(`/office/candidates/${applied.id}`);
    expect(page.status).toBe(200);
    expect(page.doc.querySelector("[data-contact-details]")).toBeNull();
    expect(textOf(page.doc, "#profile")).toContain("あなたの権限では表示されません");
    // The date of birth (1995-04-15) in every form a page could show it; "1995" alone turns up by chance in ids and tokens.
    const birthDate = ["1995-04-15", "1995年", "1995/4/15", "1995/04/15", "15 April 1995", "April 15, 1995"];
    const shownToRecruiter = await (await staffVisitor(recruiter)).get(`/office/candidates/${applied.id}`);
    expect(birthDate.some((form) => shownToRecruiter.html.includes(form))).toBe(true);
    for (const secret of ["hanako.personal@example.jp", applied.who.candidate.email, "+819055550101", "100-0001", "千代田1-1", ...birthDate]) {
      expect(page.html, secret).not.toContain(secret);
    }
    expect(page.html).not.toContain(STRESS_ANSWER);
    expect(textOf(page.doc, '[data-question="stressHistory"] td')).toBe("非表示（配慮を要する回答）");
    expect(page.doc.querySelector('form[action$="/sensitive"]')).toBeNull();
    expect(page.doc.querySelector('form[action$="/move"]')).toBeNull();
    // Not allowed to ask, whatever the form says, and nothing is recorded as seen.
    const visitor = await staffVisitor(reviewer);
    await visitor.get(`/office/candidates/${applied.id}`);
    const asked = await visitor.post(`/office/candidates/${applied.id}/sensitive`, { reason: "確認のため" });
    expect(asked.status).toBe(403);
    expect(asked.html).not.toContain(STRESS_ANSWER);
    expect(await auditRows("candidate.sensitive_viewed", applied.who.candidate.id)).toEqual([]);
  });

  it("shows sensitive answers to a member granted them, for one page view, after a reason, and audits it with the reason", async () => {
    const granted = await newStaff(portal, { role: "reviewer", jobIds: [JOB], name: "配慮 確認" });
    await portal.db.update(staffMembers).set({ mayViewSensitive: true }).where(eq(staffMembers.id, granted.id));
    const visitor = await staffVisitor(granted);
    const page = await visitor.get(`/office/candidates/${applied.id}`);
    expect(page.html).not.toContain(STRESS_ANSWER);
    expect(page.doc.querySelector('form[action$="/sensitive"]')).not.toBeNull();

    const noReason = await visitor.post(`/office/candidates/${applied.id}/sensitive`, { reason: "  " });
    expect(noReason.status).toBe(400);
    expect(errorSummary(noReason.doc)).toEqual(["表示する理由を入力してください"]);
    expect(noReason.html).not.toContain(STRESS_ANSWER);

    const shown = await visitor.post(`/office/candidates/${applied.id}/sensitive`, { reason: "面接前に勤務上の配慮の要否を確認するため" });
    expect(shown.status).toBe(200);
    expect(textOf(shown.doc, '[data-question="stressHistory"] td .answer-text')).toBe(STRESS_ANSWER);
    expect(textOf(shown.doc, '[data-question="stressHistory"] td .tag')).toBe("配慮を要する回答");
    expect(textOf(shown.doc, '[role="status"]')).toContain("このページ表示に限り表示しています");
    expect(shown.headers["cache-control"]).toBe("no-store");
    const [audit] = await auditRows("candidate.sensitive_viewed", applied.who.candidate.id);
    expect(audit?.staffId).toBe(granted.id);
    expect(audit?.detail).toEqual({ reason: "面接前に勤務上の配慮の要否を確認するため", questions: ["stressHistory"] });

    const again = await visitor.get(`/office/candidates/${applied.id}`);
    expect(again.html).not.toContain(STRESS_ANSWER);
  });

  it("writes one audit entry with the candidate's id per page view", async () => {
    const visitor = await staffVisitor(recruiter);
    const before = (await auditRows("candidate.viewed", applied.who.candidate.id)).filter((e) => e.staffId === recruiter.id).length;
    await visitor.get(`/office/candidates/${applied.id}`);
    await visitor.get(`/office/candidates/${applied.id}`);
    const views = (await auditRows("candidate.viewed", applied.who.candidate.id)).filter((e) => e.staffId === recruiter.id);
    expect(views.length - before).toBe(2);
    expect([views[0]?.recordKind, views[0]?.recordId, views[0]?.candidateId]).toEqual(["application", applied.id, applied.who.candidate.id]);
    expect(views[0]?.addressHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("serves a document sent with the application as an attachment, audited", async () => {
    const visitor = await staffVisitor(reviewer);
    const page = await visitor.get(`/office/candidates/${applied.id}`);
    const href = page.doc.querySelector("#documents a[download]")?.getAttribute("href");
    expect(href).toBe(`/office/candidates/${applied.id}/documents/${applied.documentId}`);
    const res = await portal.app.inject({ method: "GET", url: href!, headers: { cookie: cookieHeader(visitor) } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(String(res.headers["content-disposition"])).toMatch(/^attachment; filename=".*\.pdf"; filename\*=UTF-8''.*%E5%B1%A5%E6%AD%B4%E6%9B%B8/);
    expect(Buffer.from(res.rawPayload).equals(Buffer.from(minimalPdf()))).toBe(true);
    const [audit] = await auditRows("document.downloaded", applied.who.candidate.id);
    expect([audit?.staffId, audit?.recordKind, audit?.recordId]).toEqual([reviewer.id, "document", applied.documentId]);
    expect(audit?.detail).toMatchObject({ applicationId: applied.id });
  });

  it("never serves a document that was not sent with this application", async () => {
    const later = await saveDocument(portal.db, {
      candidateId: applied.who.candidate.id,
      label: "後から追加した職務経歴書",
      note: "",
      bytes: minimalPdf(16),
      fileName: "cv.pdf",
      now: portal.clock.now(),
    });
    if (!later.ok) throw new Error("document refused");
    const visitor = await staffVisitor(recruiter);
    const res = await visitor.get(`/office/candidates/${applied.id}/documents/${later.document.id}`);
    expect(res.status).toBe(404);
    expect((await visitor.get(`/office/candidates/${applied.id}/documents/not-a-uuid`)).status).toBe(404);
  });
});

describe("who reaches which application", () => {
  let mine: { id: string; candidateId: string };
  let theirs: { id: string; candidateId: string };
  let documentId: string;
  beforeAll(async () => {
    const a = await newCandidate(portal.db);
    const b = await newCandidate(portal.db);
    const saved = await saveDocument(portal.db, { candidateId: b.candidate.id, label: "", note: "", bytes: minimalPdf(), fileName: "r.pdf", now: new Date() });
    if (!saved.ok) throw new Error("document refused");
    documentId = saved.document.id;
    mine = await applicationAt(portal.db, { candidateId: a.candidate.id, state: "submitted" });
    theirs = await applicationAt(portal.db, { candidateId: b.candidate.id, state: "submitted", jobId: OTHER_JOB });
    await portal.db
      .update(applications)
      .set({ documentIds: [documentId] })
      .where(eq(applications.id, theirs.id));
  });

  it("answers 404 to a recruiter of another job, for the page, its forms and its documents, and records nothing", async () => {
    const recruiter = await newStaff(portal, { role: "recruiter", jobIds: [JOB] });
    const visitor = await staffVisitor(recruiter);
    expect((await visitor.get(`/office/candidates/${mine.id}`)).status).toBe(200);
    expect((await visitor.get(`/office/candidates/${theirs.id}`)).status).toBe(404);
    expect((await visitor.get(`/office/candidates/${theirs.id}/documents/${documentId}`)).status).toBe(404);
    // The other job's document through this job's application: still not theirs to take.
    expect((await visitor.get(`/office/candidates/${mine.id}/documents/${documentId}`)).status).toBe(404);
    expect((await visitor.post(`/office/candidates/${theirs.id}/notes`, { body: "覗き見", rating: "1" })).status).toBe(404);
    expect((await visitor.post(`/office/candidates/${theirs.id}/move`, { to: "rejected" })).status).toBe(404);
    expect((await visitor.post(`/office/candidates/${theirs.id}/sensitive`, { reason: "x" })).status).toBe(404);
    for (const id of [randomUUID(), "not-a-uuid"]) expect((await visitor.get(`/office/candidates/${id}`)).status).toBe(404);
    const [row] = await portal.db.select().from(applications).where(eq(applications.id, theirs.id));
    expect(row?.state).toBe("submitted");
    expect(await portal.db.select().from(applicationNotes).where(eq(applicationNotes.applicationId, theirs.id))).toEqual([]);
    const touched = await listAudit(portal.db, { filter: { staffId: recruiter.id, candidateId: theirs.candidateId }, limit: 10 });
    expect(touched).toEqual([]);
  });

  it("answers 404 to a reviewer of another job, and lets an admin open both", async () => {
    const reviewer = await newStaff(portal, { role: "reviewer", jobIds: [OTHER_JOB] });
    expect((await (await staffVisitor(reviewer)).get(`/office/candidates/${mine.id}`)).status).toBe(404);
    const admin = await newStaff(portal, { role: "admin" });
    const visitor = await staffVisitor(admin);
    expect((await visitor.get(`/office/candidates/${mine.id}`)).status).toBe(200);
    expect((await visitor.get(`/office/candidates/${theirs.id}`)).status).toBe(200);
    const download = await visitor.get(`/office/candidates/${theirs.id}/documents/${documentId}`);
    expect(download.status).toBe(200);
  });
});

describe("notes and ratings", () => {
  it("adds a note with a rating, lists it with its author and time, audits it, and keeps it as written", async () => {
    const { candidate } = await newCandidate(portal.db);
    const application = await applicationAt(portal.db, { candidateId: candidate.id, state: "submitted" });
    const reviewer = await newStaff(portal, { role: "reviewer", jobIds: [JOB], name: "評価 太郎" });
    const visitor = await staffVisitor(reviewer);
    await visitor.get(`/office/candidates/${application.id}`);

    const empty = await visitor.post(`/office/candidates/${application.id}/notes`, { body: " \n ", rating: "" });
    expect(empty.status).toBe(400);
    expect(errorSummary(empty.doc)).toEqual(["メモを入力してください"]);
    const tooLong = await visitor.post(`/office/candidates/${application.id}/notes`, { body: "あ".repeat(2001) });
    expect(errorSummary(tooLong.doc)).toEqual(["メモは2000文字以内で入力してください"]);
    const badRating = await visitor.post(`/office/candidates/${application.id}/notes`, { body: "受け答えが丁寧", rating: "9" });
    expect(errorSummary(badRating.doc)).toEqual(["評価は1〜5から選ぶか、「評価なし」を選んでください"]);
    expect(badRating.doc.querySelector("textarea[name=body]")?.textContent).toBe("受け答えが丁寧");

    const added = await visitor.post(`/office/candidates/${application.id}/notes`, { body: "受け答えが丁寧。\r\n志望動機が具体的。", rating: "4" });
    expect(added.location).toBe(`/office/candidates/${application.id}?notice=noted#notes`);
    const page = await visitor.get(added.location!.split("#")[0]!);
    expect(textOf(page.doc, ".notice")).toBe("メモを追加しました。");
    const note = page.doc.querySelector("#notes .note");
    expect(note?.querySelector(".note__body")?.textContent).toBe("受け答えが丁寧。\n志望動機が具体的。");
    expect(textOf(note!, ".note__meta")).toMatch(/^評価 太郎（.+）\s*評価 4／5$/);

    const colleague = await newStaff(portal, { role: "recruiter", jobIds: [JOB] });
    const theirView = await (await staffVisitor(colleague)).get(`/office/candidates/${application.id}`);
    expect(theirView.doc.querySelector("#notes .note__body")?.textContent).toBe("受け答えが丁寧。\n志望動機が具体的。");

    const [audit] = await auditRows("application.noted", candidate.id);
    const [stored] = await portal.db.select().from(applicationNotes).where(eq(applicationNotes.applicationId, application.id));
    expect([audit?.staffId, audit?.recordId, audit?.detail]).toEqual([reviewer.id, application.id, { noteId: stored!.id, rating: 4 }]);
    const refusal = (error: unknown) => String((error as { cause?: Error }).cause?.message ?? (error as Error).message);
    await expect(portal.db.execute(sql`UPDATE application_notes SET body = 'changed' WHERE id = ${stored!.id}`).catch(refusal)).resolves.toMatch(
      /written once: UPDATE/,
    );
  });
});

describe("a single move from the page", () => {
  it("moves through moveApplications, with the event and the audit entry and no e-mail, and shows the new stage", async () => {
    const { candidate } = await newCandidate(portal.db);
    const application = await applicationAt(portal.db, { candidateId: candidate.id, state: "submitted" });
    const recruiter = await newStaff(portal, { role: "recruiter", jobIds: [JOB], name: "移動 次郎" });
    const visitor = await staffVisitor(recruiter);
    const page = await visitor.get(`/office/candidates/${application.id}`);
    const options = page.doc.querySelectorAll("select[name=to] option").map((o) => o.getAttribute("value"));
    expect(options).toEqual(["", "screening", "interview_scheduling", "interviewed", "offered", "hired", "rejected"]);
    const mailsBefore = (await portal.db.select().from(outbox)).length;

    const moved = await visitor.post(`/office/candidates/${application.id}/move`, { to: "screening" });
    expect(moved.location).toBe(`/office/candidates/${application.id}?notice=moved`);
    const after = await visitor.get(moved.location!);
    expect(textOf(after.doc, "[data-stage]")).toBe("書類選考中");
    const row = after.doc.querySelector('#history tr[data-event="application.moved"]');
    expect(textOf(row!, "td:nth-child(3)")).toBe("応募受付 → 書類選考中");
    expect(textOf(row!, "td:nth-child(4)")).toBe("移動 次郎");
    const [audit] = await auditRows("application.moved", candidate.id);
    expect(audit?.detail).toMatchObject({ from: "submitted", to: "screening", emailed: false });
    expect((await portal.db.select().from(outbox)).length).toBe(mailsBefore);

    for (const to of ["", "withdrawn"]) {
      const notAStage = await visitor.post(`/office/candidates/${application.id}/move`, { to });
      expect(notAStage.status).toBe(400);
      expect(errorSummary(notAStage.doc)).toEqual(["変更後の選考状況を選んでください"]);
    }
    const same = await visitor.post(`/office/candidates/${application.id}/move`, { to: "screening" });
    expect(same.status).toBe(409);
    expect(errorSummary(same.doc)[0]).toContain("選んだ選考状況に変更できません");

    const reviewer = await newStaff(portal, { role: "reviewer", jobIds: [JOB] });
    expect((await (await staffVisitor(reviewer)).post(`/office/candidates/${application.id}/move`, { to: "rejected" })).status).toBe(403);
    const [stored] = await portal.db.select().from(applications).where(eq(applications.id, application.id));
    expect(stored?.state).toBe("screening");
  });
});

describe("other applications by the same person", () => {
  it("lists the same account's and another account's with the same e-mail or phone, and only counts those of other jobs", async () => {
    const first = await newCandidate(portal.db);
    const current = await applicationAt(portal.db, { candidateId: first.candidate.id, state: "submitted" });
    const earlier = await applicationAt(portal.db, { candidateId: first.candidate.id, state: "withdrawn" });
    // A second account, registered with the phone number the first gave in STEP 1.
    const second = await newCandidate(portal.db, { phone: "+819077770202" });
    await portal.db
      .update(applications)
      .set({ personal: { ...(await stepOneOf(first.candidate.email)), phone: "+819077770202" } })
      .where(eq(applications.id, current.id));
    const sameEmail = await newCandidate(portal.db, { email: "other.account@example.jp" });
    await portal.db
      .update(applications)
      .set({ personal: { ...(await stepOneOf("other.account@example.jp")), phone: "+819077770202" } })
      .where(eq(applications.id, earlier.id));
    const bySecond = await applicationAt(portal.db, { candidateId: second.candidate.id, state: "submitted" });
    const elsewhere = await applicationAt(portal.db, { candidateId: sameEmail.candidate.id, state: "submitted", jobId: OTHER_JOB });
    const stranger = await newCandidate(portal.db);
    await applicationAt(portal.db, { candidateId: stranger.candidate.id, state: "submitted" });

    const recruiter = await newStaff(portal, { role: "recruiter", jobIds: [JOB] });
    const page = await (await staffVisitor(recruiter)).get(`/office/candidates/${current.id}`);
    const rows = page.doc.querySelectorAll("#others tbody tr").map((tr) => ({ id: tr.getAttribute("data-other"), match: textOf(tr, "td:last-child") }));
    expect(rows).toEqual(
      expect.arrayContaining([
        { id: earlier.id, match: "同じアカウント" },
        { id: bySecond.id, match: "同じ電話番号（別アカウント）" },
      ]),
    );
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.id)).not.toContain(elsewhere.id);
    expect(textOf(page.doc, "[data-others-hidden]")).toBe("ほかに、あなたの担当外の求人への応募が1件あります。");
    expect(page.doc.querySelector(`#others a[href="/office/candidates/${earlier.id}"]`)).not.toBeNull();
  });
});

/** STEP 1 details as a candidate saves them, with the given e-mail. */
async function stepOneOf(email: string) {
  return {
    familyNameLatin: "Yamada",
    givenNameLatin: "Hanako",
    familyNameKanji: "山田",
    givenNameKanji: "花子",
    familyNameKana: "ヤマダ",
    givenNameKana: "ハナコ",
    country: "JP",
    postalCode: "100-0001",
    prefecture: "東京都",
    city: "千代田区",
    address1: "千代田1-1",
    email,
    phoneType: "mobile" as const,
    phone: "+819000000000",
    smsConsent: false,
    feedbackConsent: false,
    birthDate: "1995-04-15",
    howHeard: "jobSite",
  };
}

describe("assessment results stored by any scoring version", () => {
  it("shows T-scores and bands when the stored score has them, the scoring version, and survives a score it cannot read", async () => {
    const { candidate } = await newCandidate(portal.db);
    const application = await applicationAt(portal.db, { candidateId: candidate.id, state: "submitted" });
    const attempt = (score: unknown, integrity: unknown) => ({
      id: randomUUID(),
      candidateId: candidate.id,
      applicationId: application.id,
      bankId: "csa-ja",
      bankVersion: 3,
      state: "completed" as const,
      deviceHash: "device",
      startedAt: new Date("2026-10-01T01:00:00Z"),
      completedAt: new Date("2026-10-01T01:45:00Z"),
      validUntil: new Date("2027-04-01T01:45:00Z"),
      score: score as Record<string, unknown>,
      integrity: integrity as Record<string, unknown>,
    });
    await portal.db.insert(assessmentAttempts).values([
      attempt(
        {
          bankId: "csa-ja",
          bankVersion: 3,
          scoringVersion: "irt-bands-2",
          traits: [{ traitId: "composure", theta: 0.42, se: 0.31, tScore: 54, band: "B" }],
        },
        { focusLosses: 3, pastes: 0, futureSignal: 7 },
      ),
      attempt("not an object", ["nor", "this"]),
    ]);
    const recruiter = await newStaff(portal, { role: "recruiter", jobIds: [JOB] });
    const page = await (await staffVisitor(recruiter)).get(`/office/candidates/${application.id}`);
    expect(page.status).toBe(200);
    const assessment = textOf(page.doc, "#assessment");
    expect(assessment).toContain("irt-bands-2");
    expect(assessment).toContain("Tスコア");
    const composure = page.doc.querySelectorAll("#assessment table.scores tbody tr").find((tr) => tr.textContent.includes("落ち着き"));
    expect(textOf(composure!, "th")).toBe("落ち着き");
    expect(composure!.querySelectorAll("td").map((td) => td.textContent.trim())).toEqual(["0.42", "0.31", "54", "B"]);
    expect(textOf(page.doc, '[data-signal="focusLosses"]')).toContain("3回");
    expect(textOf(page.doc, '[data-signal="focusLosses"]')).toContain("確認をおすすめします");
    expect(textOf(page.doc, '[data-signal="identicalAnswerPatternWith"]')).toContain("未確認");
    expect(assessment).toContain("futureSignal");
  });
});

describe("the candidate page in English", () => {
  it("speaks English throughout when the member chose it", async () => {
    const { candidate } = await newCandidate(portal.db);
    const application = await applicationAt(portal.db, { candidateId: candidate.id, state: "submitted" });
    const admin = await newStaff(portal, { role: "admin" });
    const visitor = portal.visitor({ acceptLanguage: "en" });
    await signInStaff(portal, visitor, admin);
    const page = await visitor.get(`/office/candidates/${application.id}`);
    expect(page.doc.querySelector("html")?.getAttribute("lang")).toBe("en");
    expect(textOf(page.doc, "[data-stage]")).toBe("Received");
    expect(textOf(page.doc, "#answers-title")).toBe("Answers");
    expect(page.html).not.toMatch(/office\.candidatePage\./);
  });
});
