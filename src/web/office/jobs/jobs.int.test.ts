import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorSummary, fieldError, newCandidate, signIn, startTestPortal, type TestPortal, textOf, type Visitor } from "../../../../test/portal.ts";
import { newStaff, signInStaff } from "../../../../test/staff.ts";
import { listAudit } from "../../../modules/audit/audit-log.ts";
import { seedJobs } from "../../../modules/jobs/job-content.ts";
import { JOB_CACHE_MS } from "../../../modules/jobs/job-repo.ts";
import { jobs } from "../../../modules/jobs/schema.ts";
import { PROJECT_ROOT } from "../../../platform/project-root.ts";

let portal: TestPortal;
let admin: Visitor;
let adminId: string;
beforeAll(async () => {
  portal = await startTestPortal();
  const who = await newStaff(portal, { role: "admin" });
  adminId = who.id;
  admin = portal.visitor();
  await signInStaff(portal, admin, who);
});
afterAll(async () => {
  await portal?.close();
});

/** A complete, valid editor form for an on-site job; override any field. */
function jobForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    titleJa: "【出社】お客様対応スタッフ（横浜）",
    titleEn: "[On site] Customer Service Associate (Yokohama)",
    teamJa: "カスタマーサービス 横浜センター",
    teamEn: "Customer Service, Yokohama centre",
    summaryJa: "横浜のセンターで、お客様からのお問い合わせに電話とチャットで対応します。",
    summaryEn: "Answer customers by phone and chat at our Yokohama centre.",
    descriptionJa: "ご注文や配送のお問い合わせに対応します。\n\n研修は有給です。",
    descriptionEn: "Answer questions about orders and deliveries.\n\nTraining is paid.",
    remote: "onsite",
    prefecture: "14",
    localityJa: "横浜市西区",
    localityEn: "Nishi-ku, Yokohama",
    hoursJa: "9:00〜18:00（休憩60分）",
    hoursEn: "9:00 to 18:00 (60-minute break)",
    employmentType: "PART_TIME",
    payCurrency: "JPY",
    payMin: "１，３００",
    payMax: "1500",
    payUnit: "HOUR",
    validThrough: "2099-12-31",
    questionSet: "230107874",
    assessmentBank: "csa-ja",
    ...overrides,
  };
}

async function auditOf(jobId: string): Promise<{ action: string; detail: unknown }[]> {
  const entries = await listAudit(portal.db, { filter: { staffId: adminId }, limit: 200 });
  return entries
    .filter((e) => e.recordKind === "job" && e.recordId === jobId)
    .reverse()
    .map((e) => ({ action: e.action, detail: e.detail }));
}

/** The job pages cache a job for a few seconds per instance; move past it to see a change. */
function pastJobCache(): void {
  portal.clock.advance(JOB_CACHE_MS + 1);
}

describe("the job editor", () => {
  it("lists the demo job for admins", async () => {
    const list = await admin.get("/office/jobs");
    expect(list.status).toBe(200);
    expect(textOf(list.doc, "h1")).toBe("求人");
    expect(list.doc.querySelector('a[href="/office/jobs/230107874"]')?.textContent).toContain("【在宅】お客様対応スタッフ");
    expect(list.html).toContain("公開中");
  });

  it("refuses an incomplete form with a message at each field, in either language, keeping everything typed", async () => {
    const long = "長い説明の段落です。".repeat(80);
    const sent = jobForm({ titleEn: "", localityJa: "", payMax: "1000", validThrough: "2099-02-30", descriptionJa: `${long}\n${long}` });
    const ja = await admin.post("/office/jobs", sent);
    expect(ja.status).toBe(400);
    expect(errorSummary(ja.doc)).toEqual([
      "求人名（英語）を入力してください",
      "出社または一部在宅の求人では、勤務地の市区町村（日本語）を入力してください",
      "給与の上限は下限以上にしてください",
      "掲載終了日を正しい日付で入力してください（例：2027-03-31）",
    ]);
    expect(fieldError(ja.doc, "payMax")).toBe("給与の上限は下限以上にしてください");
    // Nothing typed is lost, the long description included.
    expect(ja.doc.querySelector("#f-descriptionJa")?.textContent).toBe(`${long}\n${long}`);
    expect(ja.doc.querySelector("#f-titleJa")?.getAttribute("value")).toBe(sent.titleJa);
    expect(ja.doc.querySelector("#f-payMin")?.getAttribute("value")).toBe("１，３００");
    expect(ja.doc.querySelector('#f-prefecture option[value="14"]')?.hasAttribute("selected")).toBe(true);

    const english = portal.visitor({ acceptLanguage: "en" });
    await signInStaff(portal, english, await newStaff(portal, { role: "admin" }));
    const en = await english.post("/office/jobs", jobForm({ titleEn: "", questionSet: "nope", payCurrency: "円" }));
    expect(errorSummary(en.doc)).toEqual([
      "Enter the title in English",
      "Enter the currency as a three-letter code (for example JPY)",
      "Choose a question set",
    ]);
  });

  it("creates a draft, which the public cannot see or apply to, then publishes it with its JSON-LD", async () => {
    const created = await admin.post("/office/jobs", jobForm({ id: "" }));
    expect(created.status).toBe(303);
    const id = created.location!.match(/^\/office\/jobs\/(\d+)\?notice=created$/)![1]!;
    expect(Number(id)).toBeGreaterThan(230107874);
    const [row] = await portal.db.select().from(jobs).where(eq(jobs.id, id));
    expect(row).toMatchObject({
      status: "draft",
      pay: { currency: "JPY", minValue: 1300, maxValue: 1500, unitText: "HOUR" },
      location: { prefectureCode: "14", locality: { ja: "横浜市西区", en: "Nishi-ku, Yokohama" } },
      description: {
        ja: ["ご注文や配送のお問い合わせに対応します。", "研修は有給です。"],
        en: ["Answer questions about orders and deliveries.", "Training is paid."],
      },
      questionSet: "230107874",
      assessmentBank: "csa-ja",
    });
    expect(row!.validThrough.toISOString()).toBe("2099-12-31T14:59:59.000Z");

    const candidate = await newCandidate(portal.db);
    const visitor = portal.visitor();
    await signIn(portal, visitor, candidate);
    expect((await visitor.get(`/jobs/${id}`)).status).toBe(404);
    expect((await visitor.get(`/jobs/${id}/apply`)).status).toBe(404);
    expect((await visitor.post(`/jobs/${id}/apply`)).status).toBe(404);
    expect((await visitor.get("/jobs")).html).not.toContain("横浜");

    const published = await admin.post(`/office/jobs/${id}/publish`);
    expect(published.location).toBe(`/office/jobs/${id}?notice=published`);
    pastJobCache();
    const page = await portal.visitor().get(`/jobs/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("神奈川県横浜市西区");
    expect(page.html).toContain("時給 1,300円〜1,500円");
    const ld = JSON.parse(page.doc.querySelector('script[type="application/ld+json"]')!.textContent) as Record<string, unknown>;
    expect(ld.validThrough).toBe("2099-12-31T14:59:59.000Z");
    expect(ld.jobLocation).toEqual({
      "@type": "Place",
      address: { "@type": "PostalAddress", addressLocality: "横浜市西区", addressRegion: "神奈川県", addressCountry: "JP" },
    });
    expect(ld.jobLocationType).toBeUndefined();
    expect((await portal.visitor().get("/jobs")).doc.querySelector(`a[href="/jobs/${id}"]`)).not.toBeNull();
    expect((await visitor.post(`/jobs/${id}/apply`)).location).toMatch(/^\/applications\/[0-9a-f-]{36}\/documents$/);

    expect((await auditOf(id)).map((a) => a.action)).toEqual(["job.created", "job.published"]);
  });

  it("saves changes in both languages, audits which fields changed, and keeps a stale editor's typing", async () => {
    const created = await admin.post("/office/jobs", jobForm({ id: "240000001" }));
    expect(created.location).toBe("/office/jobs/240000001?notice=created");
    const editor = await admin.get("/office/jobs/240000001");
    const revision = editor.doc.querySelector('input[name="revision"]')?.getAttribute("value");
    expect(revision).toBe("1");
    expect(editor.doc.querySelector("#f-descriptionEn")?.textContent).toBe("Answer questions about orders and deliveries.\nTraining is paid.");

    const saved = await admin.post("/office/jobs/240000001", jobForm({ revision: "1", titleEn: "Customer Service Associate, Yokohama", payMax: "1600" }));
    expect(saved.location).toBe("/office/jobs/240000001?notice=saved");
    const [row] = await portal.db.select().from(jobs).where(eq(jobs.id, "240000001"));
    expect(row?.title.en).toBe("Customer Service Associate, Yokohama");
    expect(row?.revision).toBe(2);

    // A second editor opened at revision 1: refused, and shown what they typed beside the warning.
    const stale = await admin.post("/office/jobs/240000001", jobForm({ revision: "1", summaryJa: "古い画面からの変更" }));
    expect(stale.status).toBe(409);
    expect(textOf(stale.doc, '[role="alert"]')).toContain("編集中に他の人がこの求人を保存しました");
    expect(stale.doc.querySelector("#f-summaryJa")?.textContent).toBe("古い画面からの変更");
    expect(stale.doc.querySelector('input[name="revision"]')?.getAttribute("value")).toBe("2");
    const [still] = await portal.db.select().from(jobs).where(eq(jobs.id, "240000001"));
    expect(still?.summary.ja).not.toBe("古い画面からの変更");

    expect(
      (await admin.post("/office/jobs/240000001", jobForm({ revision: "2", titleEn: "Customer Service Associate, Yokohama", payMax: "1600" }))).location,
    ).toBe("/office/jobs/240000001?notice=unchanged");
    const taken = await admin.post("/office/jobs", jobForm({ id: "240000001" }));
    expect(taken.status).toBe(409);
    expect(errorSummary(taken.doc)).toEqual(["この求人IDは既に使われています"]);

    expect(await auditOf("240000001")).toEqual([
      { action: "job.created", detail: {} },
      { action: "job.changed", detail: { fields: ["title", "pay"] } },
    ]);
  });

  it("closes a job: off the list, no JSON-LD, no new applications, and unfinished ones refused at every step", async () => {
    const created = await admin.post("/office/jobs", jobForm({ id: "240000002", remote: "remote", prefecture: "", localityJa: "", localityEn: "" }));
    expect(created.status).toBe(303);
    await admin.post("/office/jobs/240000002/publish");
    pastJobCache();

    const candidate = await newCandidate(portal.db);
    const visitor = portal.visitor();
    await signIn(portal, visitor, candidate);
    const start = await visitor.post("/jobs/240000002/apply");
    const applicationId = start.location!.split("/")[2]!;
    expect((await visitor.get(`/applications/${applicationId}/documents`)).status).toBe(200);

    expect((await admin.post("/office/jobs/240000002/close")).location).toBe("/office/jobs/240000002?notice=closed");
    pastJobCache();
    const page = await portal.visitor().get("/jobs/240000002");
    expect(page.status).toBe(200);
    expect(page.html).toContain("この求人の募集は終了しました");
    expect(page.doc.querySelector('script[type="application/ld+json"]')).toBeNull();
    expect((await portal.visitor().get("/jobs")).html).not.toContain("/jobs/240000002");
    expect((await visitor.get("/jobs/240000002/apply")).location).toBe("/jobs/240000002");
    for (const step of ["documents", "personal", "eligibility", "pledge", "signature", "review", "resume"]) {
      expect((await visitor.get(`/applications/${applicationId}/${step}`)).location, step).toBe("/jobs/240000002");
    }
    expect((await visitor.post(`/applications/${applicationId}/documents`, { version: "0", intent: "skip" })).location).toBe("/jobs/240000002");
    expect((await visitor.post(`/applications/${applicationId}/submit`)).location).toBe("/jobs/240000002");
    // The overview still says where the application stands.
    expect((await visitor.get(`/applications/${applicationId}`)).status).toBe(200);

    // Reopening needs a closing date ahead.
    await portal.db
      .update(jobs)
      .set({ validThrough: new Date(portal.clock.now().getTime() - 1000) })
      .where(eq(jobs.id, "240000002"));
    const refused = await admin.post("/office/jobs/240000002/publish");
    expect(refused.status).toBe(409);
    expect(errorSummary(refused.doc)).toEqual(["掲載終了日が過ぎているため公開できません。先に掲載終了日を今日より後の日付に変更してください"]);
    expect((await auditOf("240000002")).map((a) => a.action)).toEqual(["job.created", "job.published", "job.closed"]);
  });

  it("refuses a closing date already passed for an open job", async () => {
    const created = await admin.post("/office/jobs", jobForm({ id: "240000003" }));
    expect(created.status).toBe(303);
    await admin.post("/office/jobs/240000003/publish");
    const res = await admin.post("/office/jobs/240000003", jobForm({ revision: "2", validThrough: "2020-01-01" }));
    expect(res.status).toBe(400);
    expect(fieldError(res.doc, "validThrough")).toContain("公開中の求人の掲載終了日は、今日より後の日付にしてください");
  });

  it("copies a job into a new draft under the next free 求人ID", async () => {
    const copied = await admin.post("/office/jobs/230107874/copy");
    const id = copied.location!.match(/^\/office\/jobs\/(\d+)\?notice=copied$/)![1]!;
    const [copy] = await portal.db.select().from(jobs).where(eq(jobs.id, id));
    const [original] = await portal.db.select().from(jobs).where(eq(jobs.id, "230107874"));
    expect(copy?.status).toBe("draft");
    expect(copy?.title).toEqual(original?.title);
    expect(copy?.description).toEqual(original?.description);
    expect(copy?.questionSet).toBe("230107874");
    expect(await auditOf(id)).toEqual([{ action: "job.created", detail: { copiedFrom: "230107874" } }]);
    const page = await admin.follow(copied);
    expect(textOf(page.doc, '[role="status"]')).toBe("求人をコピーしました。これは新しい下書きです。");
  });

  it("keeps the office's edits of the demo job when the content is seeded again at the next start", async () => {
    const editor = await admin.get("/office/jobs/230107874");
    const values = Object.fromEntries(
      editor.doc
        .querySelectorAll("form.job-form input, form.job-form select, form.job-form textarea")
        .filter((el) => el.getAttribute("name") && el.getAttribute("name") !== "_csrf")
        .map((el) => {
          const name = el.getAttribute("name")!;
          if (el.tagName === "TEXTAREA") return [name, el.textContent];
          if (el.tagName === "SELECT") return [name, el.querySelector("option[selected]")?.getAttribute("value") ?? ""];
          if (el.getAttribute("type") === "radio") return [name, el.hasAttribute("checked") ? el.getAttribute("value")! : undefined];
          return [name, el.getAttribute("value") ?? ""];
        })
        .filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    values.remote = "remote";
    values.hoursJa = "6:00〜23:00の間のシフト制（実働8時間、相談可）";
    expect((await admin.post("/office/jobs/230107874", values)).location).toBe("/office/jobs/230107874?notice=saved");
    await seedJobs(portal.db, path.join(PROJECT_ROOT, "content/jobs"));
    const [after] = await portal.db.select().from(jobs).where(eq(jobs.id, "230107874"));
    expect(after?.hours.ja).toBe("6:00〜23:00の間のシフト制（実働8時間、相談可）");
  });
});
