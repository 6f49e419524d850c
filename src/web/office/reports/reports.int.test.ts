import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPortal, type TestPortal, textOf, type Visitor } from "../../../../test/portal.ts";
import { seedReportCohort } from "../../../../test/report-cohort.ts";
import { newStaff, signInStaff } from "../../../../test/staff.ts";
import { applications } from "../../../modules/applications/schema.ts";
import { type ItemBank, loadItemBank } from "../../../modules/assessment/bank/index.ts";
import { assessmentAttempts, assessmentSurveys } from "../../../modules/assessment/schema.ts";
import { listAudit } from "../../../modules/audit/audit-log.ts";
import { publishJob } from "../../../modules/jobs/change-job-status.ts";
import { draftOfJob } from "../../../modules/jobs/copy-job.ts";
import { createJob } from "../../../modules/jobs/create-job.ts";
import { findJob } from "../../../modules/jobs/job-repo.ts";
import { PUBLIC_DATASETS } from "../../../modules/reports/report-datasets.ts";
import { PROJECT_ROOT } from "../../../platform/project-root.ts";

const DEMO = "230107874";
const OTHER = "250000001";

let portal: TestPortal;
let bank: ItemBank;
let admin: Visitor;
let adminId: string;
let recruiter: Visitor;
beforeAll(async () => {
  portal = await startTestPortal();
  bank = await loadItemBank(path.join(PROJECT_ROOT, "content/assessments/csa-ja"));
  const adminWho = await newStaff(portal, { role: "admin" });
  adminId = adminWho.id;
  const demo = await findJob(portal.db, DEMO);
  const other = await createJob(portal.db, { draft: draftOfJob(demo!), id: OTHER, by: adminId, now: portal.clock.now() });
  if (!other.ok) throw new Error("could not create the second job");
  await publishJob(portal.db, { jobId: OTHER, by: adminId, now: portal.clock.now() });
  await seedReportCohort(portal.db, { jobId: DEMO, bank, candidates: 160, seed: 7, start: new Date("2026-09-01T00:00:00+09:00"), days: 30 });
  await seedReportCohort(portal.db, { jobId: OTHER, bank, candidates: 12, seed: 8, start: new Date("2026-09-01T00:00:00+09:00"), surveyShare: 0 });
  admin = portal.visitor();
  await signInStaff(portal, admin, adminWho);
  recruiter = portal.visitor();
  await signInStaff(portal, recruiter, await newStaff(portal, { role: "recruiter", jobIds: [DEMO] }));
}, 120_000);
afterAll(async () => {
  await portal?.close();
});

/** The rows of a CSV export, as text cells (the byte order mark and the quotes taken off). */
function csvRows(body: string): string[][] {
  return body
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .map((line) => line.split(",").map((cell) => cell.replace(/^"|"$/g, "")));
}

describe("who sees which report", () => {
  it("lists only the jobs a recruiter covers, and answers 404 for any page or file of another job", async () => {
    const index = await recruiter.get("/office/reports");
    expect(index.status).toBe(200);
    expect(index.doc.querySelector(`a[href="/office/reports/${DEMO}"]`)).not.toBeNull();
    expect(index.doc.querySelector(`a[href="/office/reports/${OTHER}"]`)).toBeNull();
    for (const url of [
      `/office/reports/${OTHER}`,
      `/office/reports/${OTHER}/items`,
      `/office/reports/${OTHER}/fairness`,
      `/office/reports/${OTHER}/data/funnel.csv`,
    ]) {
      const res = await recruiter.get(url);
      expect(res.status, url).toBe(404);
      expect(textOf(res.doc, "h1"), url).toBe("ページが見つかりません");
    }
    expect((await admin.get(`/office/reports/${OTHER}`)).status).toBe(200);
    expect((await recruiter.get(`/office/reports/999999999`)).status).toBe(404);
  });
});

describe("the funnel report", () => {
  it("draws each figure on the server as an SVG image with a table of its numbers beside it", async () => {
    const page = await recruiter.get(`/office/reports/${DEMO}`);
    expect(page.status).toBe(200);
    expect(textOf(page.doc, "h1")).toContain("ファネル");
    const charts = page.doc.querySelectorAll('svg[role="img"]');
    expect(charts.map((c) => c.getAttribute("id"))).toEqual(["funnel-chart", "times-chart", "parts-chart", "survey-chart"]);
    const captions = page.doc.querySelectorAll("table.chart-table caption").map((c) => c.textContent.trim());
    expect(captions).toEqual(["応募の流れ", "段階の間の所要時間（中央値）", "適性検査のパートごとの回答時間（中央値）", "検査後アンケート（任意）"]);
    const [started] = page.doc.querySelectorAll("table.chart-table")[0]!.querySelectorAll("tbody tr");
    expect(started?.querySelector("th")?.textContent).toBe("応募開始");
    expect(started?.querySelector("td")?.textContent).toBe("160");
    expect(page.html).not.toContain("<script>");
  });

  it("counts only the applications started within the dates asked for, and says when a date was not understood", async () => {
    const september = await recruiter.get(`/office/reports/${DEMO}?from=2026-09-10&to=2026-09-20`);
    const count = Number(september.doc.querySelectorAll("table.chart-table")[0]!.querySelector("tbody tr td")?.textContent);
    expect(count).toBeGreaterThan(20);
    expect(count).toBeLessThan(160);
    expect(september.doc.querySelector("#f-from")?.getAttribute("value")).toBe("2026-09-10");
    const odd = await recruiter.get(`/office/reports/${DEMO}?from=2026-02-30`);
    expect(odd.status).toBe(200);
    expect(odd.html).toContain("正しくない日付は無視しました");
  });

  it("shows no survey answers below five responses, and exports none", async () => {
    const attempts = await admin.get(`/office/reports/${OTHER}`);
    expect(attempts.html).toContain("回答が5件未満のため表示しません");
    const completed = await portal.db
      .select({ id: assessmentAttempts.id })
      .from(assessmentAttempts)
      .innerJoin(applications, eq(applications.id, assessmentAttempts.applicationId))
      .where(and(eq(applications.jobId, OTHER), eq(assessmentAttempts.state, "completed")));
    expect(completed.length).toBeGreaterThanOrEqual(5);
    for (const a of completed.slice(0, 4)) {
      await portal.db.insert(assessmentSurveys).values({ attemptId: a.id, bankId: "csa-ja", answers: { "fair-chance": 4 }, submittedAt: portal.clock.now() });
    }
    expect((await admin.get(`/office/reports/${OTHER}`)).html).toContain("回答が5件未満のため表示しません");
    expect(csvRows((await admin.get(`/office/reports/${OTHER}/data/survey.csv`)).html)).toHaveLength(1);
    await portal.db
      .insert(assessmentSurveys)
      .values({ attemptId: completed[4]!.id, bankId: "csa-ja", answers: { "fair-chance": 5 }, submittedAt: portal.clock.now() });
    const shown = await admin.get(`/office/reports/${OTHER}`);
    expect(shown.doc.querySelector("#survey-chart")).not.toBeNull();
    expect(csvRows((await admin.get(`/office/reports/${OTHER}/data/survey.csv`)).html)).toHaveLength(6);
  });
});

describe("the assessment reports", () => {
  it("give item statistics with α, ω and SEM, each situation's item–rest r and option shares", async () => {
    const page = await recruiter.get(`/office/reports/${DEMO}/items`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("問題セット：csa-ja（第2版）");
    const scale = Object.fromEntries(
      page.doc.querySelectorAll("table.data--narrow tbody tr").map((tr) => [tr.querySelector("th")?.textContent, tr.querySelector("td")?.textContent]),
    );
    expect(Number(scale["α係数（Cronbach）"])).toBeGreaterThan(0.3);
    expect(Number(scale["ω係数（McDonald、1因子）"])).toBeGreaterThan(0.3);
    expect(Number(scale["測定の標準誤差（合計点）"])).toBeGreaterThan(0);
    expect(page.doc.querySelectorAll("details.report-details")).toHaveLength(24);
    expect(page.doc.querySelector("#item-rest-chart")).not.toBeNull();
    // Fewer than 100 complete: the figures are marked as unstable.
    expect(page.html).toContain("100件未満の数値は大きく揺れるため");
  });

  it("withholds DIF, by gender, age band and language, and the counts of any group under its minimum", async () => {
    const page = await recruiter.get(`/office/reports/${DEMO}/fairness`);
    expect(page.status).toBe(200);
    expect(page.doc.querySelectorAll("h3").map((h) => h.textContent)).toEqual(
      expect.arrayContaining(["女性（対 男性）", "30〜44歳（対 30歳未満）", "45歳以上（対 30歳未満）", "英語で回答（対 日本語で回答）"]),
    );
    expect(page.html.match(/どちらかのグループが100人未満のため表示しません/g)).toHaveLength(4);
    expect(csvRows((await recruiter.get(`/office/reports/${DEMO}/data/dif-language.csv`)).html)).toEqual([
      ["comparison", "item", "matching", "reference_right", "reference_wrong", "focal_right", "focal_wrong"],
    ]);
    const rows = page.doc.querySelectorAll("table.chart-table tbody tr");
    const scarce = rows.filter((tr) => tr.textContent.includes("データ不足（30人未満）"));
    expect(scarce.length).toBeGreaterThan(0);
    // A group under the minimum shows no number at all.
    for (const tr of scarce) expect(tr.querySelectorAll("td.numeric")).toHaveLength(0);
    const csv = csvRows((await recruiter.get(`/office/reports/${DEMO}/data/impact-gender.csv`)).html);
    expect(csv[0]).toEqual(["stage", "group", "selected", "considered"]);
    for (const row of csv.slice(1)) expect(Number(row[3])).toBeGreaterThanOrEqual(30);
  });

  it("never puts a gender or an id beside anyone's answers in an export, and never offers the gender DIF strata", async () => {
    for (const name of [...PUBLIC_DATASETS.funnel, ...PUBLIC_DATASETS.assessment]) {
      const res = await admin.get(`/office/reports/${DEMO}/data/${name}.csv`);
      expect(res.status, name).toBe(200);
      expect(res.headers["content-disposition"]).toBe(`attachment; filename="${DEMO}-${name}.csv"`);
      const [header, ...rows] = csvRows(res.html);
      expect(res.html, name).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
      if (name.startsWith("impact-") || name.startsWith("dif-")) continue;
      expect(header?.[0], name).toBe("row");
      for (const column of header ?? [])
        expect(column, name).not.toMatch(/^(gender|sex|group|birth_?date|age|age_band|application_?id|candidate_?id|name|email)$/i);
      expect(rows.map((r) => r[0]).slice(0, 3), name).toEqual(rows.length >= 3 ? ["1", "2", "3"] : rows.map((_, i) => String(i + 1)));
    }
    expect((await admin.get(`/office/reports/${DEMO}/data/dif-gender.csv`)).status).toBe(404);
    expect((await admin.get(`/office/reports/${DEMO}/data/anything.csv`)).status).toBe(404);
    const exported = await listAudit(portal.db, { filter: { staffId: adminId, action: "report.exported" }, limit: 50 });
    expect(exported.length).toBeGreaterThanOrEqual(PUBLIC_DATASETS.funnel.length + PUBLIC_DATASETS.assessment.length);
    expect(exported[0]).toMatchObject({ recordKind: "job", recordId: DEMO });
  });

  it("speaks English to an English-speaking member", async () => {
    const english = portal.visitor({ acceptLanguage: "en" });
    await signInStaff(portal, english, await newStaff(portal, { role: "recruiter", jobIds: [DEMO] }));
    const page = await english.get(`/office/reports/${DEMO}/fairness`);
    expect(textOf(page.doc, "h1")).toContain("Fairness");
    expect(page.html).toContain("Adverse impact at each selection stage");
    expect(page.html).not.toMatch(/office\.reports\./);
  });
});
