import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationAt } from "../../../../test/applications.ts";
import { errorSummary, fieldError, newCandidate, type PageResponse, startTestPortal, type TestPortal, textOf } from "../../../../test/portal.ts";
import { newStaff, signInStaff, type TestStaff } from "../../../../test/staff.ts";
import { listAudit } from "../../../modules/audit/audit-log.ts";
import { findCurrentTemplate, templateVersions } from "../../../modules/email-templates/template-store.ts";

let portal: TestPortal;
let admin: TestStaff;
beforeAll(async () => {
  portal = await startTestPortal();
  admin = await newStaff(portal, { role: "admin", name: "管理 花子" });
});
afterAll(async () => {
  await portal?.close();
});

type Doc = PageResponse["doc"];

function formOf(doc: Doc, names: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const field = doc.querySelector(`[name="${name}"]`);
    values[name] = field?.tagName === "TEXTAREA" ? field.textContent : (field?.getAttribute("value") ?? "");
  }
  return values;
}

const FIELDS = ["nameJa", "nameEn", "subjectJa", "subjectEn", "bodyJa", "bodyEn", "basedOn"];

describe("e-mail templates", () => {
  it("lists every template with its stage and version", async () => {
    const visitor = portal.visitor();
    await signInStaff(portal, visitor, admin);
    const page = await visitor.get("/office/templates");
    expect(page.status).toBe(200);
    const rows = page.doc.querySelectorAll("table.data tbody tr").map((tr) => tr.querySelectorAll("th, td").map((c) => c.textContent.trim()));
    expect(rows[0]).toEqual(["書類選考開始のお知らせ", "書類選考中", "1", "使用中"]);
    expect(rows.map((r) => r[1])).toContain("不採用");
  });

  it("previews both languages on the server, saves a new version, and audits what changed", async () => {
    const visitor = portal.visitor();
    await signInStaff(portal, visitor, admin);
    const editor = await visitor.get("/office/templates/screening");
    expect(textOf(editor.doc, "h1")).toBe("テンプレートの編集：書類選考開始のお知らせ");
    expect(textOf(editor.doc, '[data-preview-body="ja"]')).toContain("山田 花子 様");
    const form: Record<string, string> = { ...formOf(editor.doc, FIELDS), stage: "screening", active: "yes" };
    expect(form.basedOn).toBe("1");
    const edited = { ...form, subjectJa: "【{org}】書類選考を始めました（{reference}）", subjectEn: "[{org}] Review started ({reference})" };

    const previewed = await visitor.post("/office/templates/screening", { ...edited, intent: "preview" });
    expect(previewed.status).toBe(200);
    expect(textOf(previewed.doc, '[data-preview-subject="ja"]')).toBe("【サンプル商事】書類選考を始めました（2611-SAMPLE）");
    expect(textOf(previewed.doc, '[data-preview-subject="en"]')).toBe("[Sample Trading] Review started (2611-SAMPLE)");
    expect((await findCurrentTemplate(portal.db, "screening"))?.version).toBe(1);

    const saved = await visitor.post("/office/templates/screening", { ...edited, intent: "save" });
    expect(saved.location).toBe("/office/templates/screening?saved=2");
    const after = await visitor.follow(saved);
    expect(textOf(after.doc, ".notice")).toBe("保存しました（第2版）。");
    expect(after.doc.querySelectorAll("table.data tbody tr").map((tr) => tr.querySelector("td")?.textContent.trim())).toEqual(["2", "1"]);
    expect(after.html).toContain("管理 花子");
    const versions = await templateVersions(portal.db, "screening");
    expect(versions.map((v) => [v.version, v.subject.ja])).toEqual([
      [2, "【{org}】書類選考を始めました（{reference}）"],
      [1, "【{org}採用事務局】書類選考開始のお知らせ"],
    ]);
    const [audit] = await listAudit(portal.db, { filter: { staffId: admin.id, action: "template.changed" }, limit: 1 });
    expect(audit?.detail).toEqual({ key: "screening", version: 2, from: 1, changed: ["subject"] });

    // The same form again, from the tab that still shows version 1: refused, with what was typed kept.
    const stale = await visitor.post("/office/templates/screening", { ...edited, subjectJa: "古いタブ", intent: "save" });
    expect(stale.status).toBe(409);
    expect(errorSummary(stale.doc)).toEqual(["このテンプレートは、あなたが開いた後に他の人が保存しました。最新の版を確認してから、もう一度保存してください"]);
    expect(stale.doc.querySelector('[name="subjectJa"]')?.getAttribute("value")).toBe("古いタブ");
  });

  it("refuses unknown variables and stray braces with a clear error, saving nothing and keeping what was typed", async () => {
    const visitor = portal.visitor();
    await signInStaff(portal, visitor, admin);
    const editor = await visitor.get("/office/templates/rejection");
    const form: Record<string, string> = { ...formOf(editor.doc, FIELDS), stage: "rejected", active: "yes" };
    const bad = await visitor.post("/office/templates/rejection", {
      ...form,
      bodyJa: `${form.bodyJa}\n\n{氏名} 様 {salary}`,
      subjectEn: "Hello {name",
      intent: "save",
    });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.doc, "bodyJa")).toBe(
      "使えない差し込み項目があります：{氏名}、{salary}。使えるのは {name} {job} {jobId} {reference} {org} {helpEmail} です",
    );
    expect(fieldError(bad.doc, "subjectEn")).toBe("「{」と「}」は差し込み項目を囲むときだけ使えます");
    expect(bad.doc.querySelector('[name="bodyJa"]')?.textContent).toContain("{salary}");
    expect(bad.doc.querySelector("[data-template-preview]")).toBeNull();
    expect((await findCurrentTemplate(portal.db, "rejection"))?.version).toBe(1);
    const empty = await visitor.post("/office/templates/rejection", { ...form, nameEn: "  ", stage: "nowhere", intent: "preview" });
    expect(errorSummary(empty.doc)).toEqual(["入力してください", "段階を一覧から選んでください"]);
  });

  it("creates a new template that the pipeline then offers", async () => {
    const { candidate } = await newCandidate(portal.db);
    await applicationAt(portal.db, { candidateId: candidate.id, state: "submitted" });
    const visitor = portal.visitor();
    await signInStaff(portal, visitor, admin);
    await visitor.get("/office/templates/new");
    const created = await visitor.post("/office/templates", {
      nameJa: "面接日程のご案内（二次）",
      nameEn: "Second interview",
      subjectJa: "【{org}】二次面接のご案内",
      subjectEn: "[{org}] Your second interview",
      bodyJa: "{name} 様\n\n二次面接のご案内です。",
      bodyEn: "Dear {name},\n\nWe would like to invite you to a second interview.",
      stage: "interview_scheduling",
      active: "yes",
      intent: "save",
    });
    expect(created.location).toMatch(/^\/office\/templates\/custom-[0-9a-f]{8}\?saved=1$/);
    const pipeline = await visitor.get("/office/pipeline/230107874");
    expect(pipeline.doc.querySelectorAll('select[name="template"] option').map((o) => o.textContent.trim())).toContain("面接日程のご案内（二次）");
  });

  it("is for admins only", async () => {
    const recruiter = await newStaff(portal, { role: "recruiter", jobIds: ["230107874"] });
    const visitor = portal.visitor();
    await signInStaff(portal, visitor, recruiter);
    expect((await visitor.get("/office/templates")).status).toBe(403);
    expect((await visitor.post("/office/templates/screening", { intent: "save" })).status).toBe(403);
  });
});
