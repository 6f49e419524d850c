import { randomUUID } from "node:crypto";
import { parse as parseCsv } from "csv-parse/sync";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationAt } from "../../../../test/applications.ts";
import { errorSummary, newCandidate, signIn, startTestPortal, type TestPortal, textOf, type Visitor } from "../../../../test/portal.ts";
import { newStaff, signInStaff, type TestStaff } from "../../../../test/staff.ts";
import { type Application, type ApplicationState, applications, type PersonalDetails } from "../../../modules/applications/schema.ts";
import { assessmentAttempts } from "../../../modules/assessment/schema.ts";
import { listAudit } from "../../../modules/audit/audit-log.ts";
import { type Candidate, candidates } from "../../../modules/candidates/schema.ts";
import { jobs } from "../../../modules/jobs/schema.ts";
import { nextMorningInTokyo } from "../../../modules/pipeline/next-morning.ts";
import { outbox } from "../../../platform/db/schema.ts";

const JOB_A = "230107874";
const JOB_B = "230109999";

let portal: TestPortal;
let recruiter: TestStaff;
let reviewer: TestStaff;
let otherRecruiter: TestStaff;

beforeAll(async () => {
  portal = await startTestPortal();
  const [a] = await portal.db.select().from(jobs).where(eq(jobs.id, JOB_A));
  await portal.db.insert(jobs).values({ ...a!, id: JOB_B, title: { ja: "別の求人", en: "Another job" } });
  recruiter = await newStaff(portal, { role: "recruiter", jobIds: [JOB_A] });
  reviewer = await newStaff(portal, { role: "reviewer", jobIds: [JOB_A] });
  otherRecruiter = await newStaff(portal, { role: "recruiter", jobIds: [JOB_B] });
});
afterAll(async () => {
  await portal?.close();
});

let made = 0;

/** An application at a state, with the legal name given at STEP 1, from a candidate writing in `locale`. */
async function applicant(input: {
  state: ApplicationState;
  kanji: [string, string];
  kana: [string, string];
  latin: [string, string];
  jobId?: string;
  locale?: "ja" | "en";
  documents?: "uploaded" | "to_be_sent";
  /** When it was submitted (or, for a draft, started); a minute apart from the others by default. */
  at?: Date;
}): Promise<Application & { email: string; account: { candidate: Candidate; pin: string } }> {
  made += 1;
  const account = await newCandidate(portal.db);
  const { candidate } = account;
  if (input.locale === "en") await portal.db.update(candidates).set({ locale: "en" }).where(eq(candidates.id, candidate.id));
  const app = await applicationAt(portal.db, {
    candidateId: candidate.id,
    state: input.state,
    now: input.at ?? new Date(Date.UTC(2026, 10, 1) + made * 60_000),
  });
  const personal: PersonalDetails = {
    familyNameKanji: input.kanji[0],
    givenNameKanji: input.kanji[1],
    familyNameKana: input.kana[0],
    givenNameKana: input.kana[1],
    familyNameLatin: input.latin[0],
    givenNameLatin: input.latin[1],
    country: "JP",
    postalCode: "100-0001",
    prefecture: "東京都",
    city: "千代田区",
    address1: "千代田1-1",
    email: candidate.email,
    phoneType: "mobile",
    phone: candidate.phone,
    smsConsent: false,
    feedbackConsent: false,
    birthDate: "1990-04-01",
    howHeard: "web",
  };
  const [row] = await portal.db
    .update(applications)
    .set({ personal, jobId: input.jobId ?? JOB_A, documentsStatus: input.documents ?? "uploaded" })
    .where(eq(applications.id, app.id))
    .returning();
  return { ...row!, email: candidate.email, account };
}

async function signedIn(who: TestStaff): Promise<Visitor> {
  const visitor = portal.visitor();
  await signInStaff(portal, visitor, who);
  return visitor;
}

function listedReferences(doc: { querySelectorAll: (s: string) => { textContent: string }[] }): string[] {
  return doc.querySelectorAll("table.pipeline tbody tr td a").map((a) => a.textContent.trim());
}

async function csvOf(visitor: Visitor, url: string) {
  const res = await portal.app.inject({ method: "GET", url, headers: { cookie: [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
}

describe("a job's pipeline", () => {
  let yamada: Application & { email: string };
  let suzuki: Application & { email: string };
  let smith: Application & { email: string };
  beforeAll(async () => {
    yamada = await applicant({ state: "submitted", kanji: ["山田", "花子"], kana: ["ヤマダ", "ハナコ"], latin: ["Yamada", "Hanako"] });
    suzuki = await applicant({
      state: "screening",
      kanji: ["鈴木", "一郎"],
      kana: ["スズキ", "イチロウ"],
      latin: ["Suzuki", "Ichiro"],
      documents: "to_be_sent",
    });
    smith = await applicant({ state: "submitted", kanji: ["", ""], kana: ["スミス", "ジョン"], latin: ["Smith", "John"], locale: "en" });
    await applicant({ state: "draft", kanji: ["下書", "太郎"], kana: ["シタガキ", "タロウ"], latin: ["Shitagaki", "Taro"] });
    await applicant({ state: "screened_out", kanji: ["対象", "外子"], kana: ["タイショウ", "ガイコ"], latin: ["Taisho", "Gaiko"] });
    await applicant({ state: "submitted", kanji: ["別求", "人子"], kana: ["ベツキュウ", "ジンコ"], latin: ["Betsukyu", "Jinko"], jobId: JOB_B });
  });

  it("shows a recruiter the stages with counts, drafts and knock-outs apart, and a table linking each candidate", async () => {
    const visitor = await signedIn(recruiter);
    const page = await visitor.get(`/office/pipeline/${JOB_A}`);
    expect(page.status).toBe(200);
    expect(textOf(page.doc, "h1")).toBe("【在宅】お客様対応スタッフ（購入関連・サービス全般サポートチーム）- フルタイム勤務(6:00-23:00)：応募者");
    const tabs = page.doc.querySelectorAll(".stage-tabs ul a").map((a) => a.textContent.trim());
    expect(tabs).toEqual([
      "すべて（3件）",
      "応募受付（2件）",
      "書類選考中（1件）",
      "面接調整中（0件）",
      "面接済（0件）",
      "内定（0件）",
      "採用（0件）",
      "不採用（0件）",
      "取り下げ（0件）",
    ]);
    expect(page.doc.querySelector('.stage-tabs ul a[aria-current="page"]')?.textContent.trim()).toBe("すべて（3件）");
    expect(textOf(page.doc, ".stage-tabs__apart")).toContain("応募途中 1件、応募要件により対象外 1件");
    const headers = page.doc.querySelectorAll("table.pipeline thead th").map((th) => th.textContent.trim());
    expect(headers).toEqual(["選択", "応募番号", "氏名", "段階", "応募日", "書類", "適性検査", "シグナル", "メールアドレス", "電話番号"]);
    expect(textOf(page.doc, "table.pipeline caption")).toBe("応募者一覧（3件を表示）");
    expect(listedReferences(page.doc).sort()).toEqual([yamada.reference, suzuki.reference, smith.reference].sort());
    expect(page.doc.querySelector(`a[href="/office/candidates/${yamada.id}"]`)).not.toBeNull();
    expect(page.html).toContain(yamada.email);
    expect(page.doc.querySelector(`input[type=checkbox][name=ids][value="${yamada.id}"]`)?.getAttribute("aria-label")).toBe(
      `山田 花子（${yamada.reference}）を選択`,
    );
    expect(page.doc.querySelector(`a[href="/office/pipeline/${JOB_A}/export.csv"]`)).not.toBeNull();
    expect(page.html).not.toContain("別求");
  });

  it("filters by stage tab, missing documents and draft step, and finds names in kana, kanji and alphabet", async () => {
    const visitor = await signedIn(recruiter);
    const refs = async (query: string) => listedReferences((await visitor.get(`/office/pipeline/${JOB_A}?${query}`)).doc).sort();
    expect(await refs("stage=screening")).toEqual([suzuki.reference]);
    expect(await refs("docs=missing")).toEqual([suzuki.reference]);
    expect(await refs("stage=drafts&step=1")).toHaveLength(1);
    expect(await refs("stage=screened_out")).toHaveLength(1);
    expect(await refs(`q=${encodeURIComponent("やまだ")}`)).toEqual([yamada.reference]);
    expect(await refs(`q=${encodeURIComponent("ハナコ")}`)).toEqual([yamada.reference]);
    expect(await refs(`q=${encodeURIComponent("ｽｽﾞｷ")}`)).toEqual([suzuki.reference]);
    expect(await refs(`q=${encodeURIComponent("山田")}`)).toEqual([yamada.reference]);
    expect(await refs(`q=${encodeURIComponent("john smith")}`)).toEqual([smith.reference]);
    expect(await refs(`q=${encodeURIComponent(yamada.reference.toLowerCase())}`)).toEqual([yamada.reference]);
    expect(await refs(`q=${encodeURIComponent(suzuki.email)}`)).toEqual([suzuki.reference]);
    expect(await refs(`q=${encodeURIComponent("別求")}`)).toEqual([]);
    const page = await visitor.get(`/office/pipeline/${JOB_A}?stage=screening&q=x&sort=name.asc&integrity=1&band=high&from=2026-01-01&to=2026-12-31`);
    expect(page.doc.querySelector('select[name="sort"] option[selected]')?.getAttribute("value")).toBe("name.asc");
    expect(page.doc.querySelector('input[name="integrity"]')?.hasAttribute("checked")).toBe(true);
    expect(page.doc.querySelector('.stage-tabs a[aria-current="page"]')?.textContent.trim()).toBe("書類選考中（1件）");
  });

  it("shows a reviewer the list read-only: no contact details, no selection, no export, and no search by e-mail", async () => {
    const visitor = await signedIn(reviewer);
    const page = await visitor.get(`/office/pipeline/${JOB_A}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain(yamada.email);
    expect(page.doc.querySelectorAll("input[name=ids]")).toHaveLength(0);
    expect(page.doc.querySelector('a[href*="export.csv"]')).toBeNull();
    expect(page.html).toContain("閲覧のみの権限です");
    const headers = page.doc.querySelectorAll("table.pipeline thead th").map((th) => th.textContent.trim());
    expect(headers).not.toContain("メールアドレス");
    const searched = await visitor.get(`/office/pipeline/${JOB_A}?q=${encodeURIComponent(yamada.email)}`);
    expect(listedReferences(searched.doc)).toEqual([]);
    expect(searched.html).toContain("メールアドレスと電話番号での検索は");
    expect((await csvOf(visitor, `/office/pipeline/${JOB_A}/export.csv`)).status).toBe(403);
    expect((await visitor.post(`/office/pipeline/${JOB_A}/moves/confirm`, { ids: yamada.id, to: "screening" })).status).toBe(403);
  });

  it("keeps pages stable by keyset: next and previous show the same rows even as new applications arrive", async () => {
    const many: string[] = [];
    for (let i = 0; i < 62; i++) {
      const { candidate } = await newCandidate(portal.db);
      const app = await applicationAt(portal.db, { candidateId: candidate.id, state: "interviewed", now: new Date(Date.UTC(2026, 9, 1, 0, i)) });
      many.push(app.reference);
    }
    const visitor = await signedIn(recruiter);
    const first = await visitor.get(`/office/pipeline/${JOB_A}?stage=interviewed`);
    const firstRefs = listedReferences(first.doc);
    expect(firstRefs).toHaveLength(50);
    expect(first.doc.querySelector('a[rel="prev"]')).toBeNull();
    const nextUrl = first.doc.querySelector('a[rel="next"]')!.getAttribute("href")!;
    // An application arriving meanwhile is newest, so it belongs before page one and shifts nothing.
    const { candidate } = await newCandidate(portal.db);
    await applicationAt(portal.db, { candidateId: candidate.id, state: "interviewed", now: new Date(Date.UTC(2026, 9, 2)) });
    const second = await visitor.get(nextUrl);
    const secondRefs = listedReferences(second.doc);
    expect(secondRefs).toHaveLength(12);
    expect(second.doc.querySelector('a[rel="next"]')).toBeNull();
    expect(new Set([...firstRefs, ...secondRefs])).toEqual(new Set(many));
    const back = await visitor.get(second.doc.querySelector('a[rel="prev"]')!.getAttribute("href")!);
    expect(listedReferences(back.doc)).toEqual(firstRefs);
    expect(back.doc.querySelector('a[rel="prev"]')).not.toBeNull();
    const byName = await visitor.get(`/office/pipeline/${JOB_A}?stage=interviewed&sort=name.asc`);
    const afterName = await visitor.get(byName.doc.querySelector('a[rel="next"]')!.getAttribute("href")!);
    expect(new Set([...listedReferences(byName.doc), ...listedReferences(afterName.doc)]).size).toBe(63);
  });

  it("speaks English to a member whose browser asks for it", async () => {
    const visitor = portal.visitor({ acceptLanguage: "en" });
    await signInStaff(portal, visitor, recruiter);
    const page = await visitor.get(`/office/pipeline/${JOB_A}?stage=screening`);
    expect(textOf(page.doc, "h1")).toBe("[Remote] Customer Service Associate (Orders and General Service Support Team) - Full time (6:00-23:00): candidates");
    expect(page.doc.querySelector('.stage-tabs a[aria-current="page"]')?.textContent.trim()).toBe("Document review (1)");
    expect(page.doc.querySelectorAll("table.pipeline thead th").map((th) => th.textContent.trim())).toEqual([
      "Select",
      "Reference",
      "Name",
      "Stage",
      "Applied",
      "Documents",
      "Assessment",
      "Signals",
      "E-mail",
      "Phone",
    ]);
    expect(textOf(page.doc, 'label[for="f-to-stage"]')).toBe("Move to");
  });

  it("audits each view of the list", async () => {
    const visitor = await signedIn(recruiter);
    await visitor.get(`/office/pipeline/${JOB_A}?stage=screening`);
    const [entry] = await listAudit(portal.db, { filter: { staffId: recruiter.id, action: "pipeline.viewed" }, limit: 1 });
    expect(entry?.recordId).toBe(JOB_A);
    expect(entry?.detail).toMatchObject({ params: { stage: "screening" }, rows: 1 });
    // A search is recorded as made, but not what was typed: the log outlives the candidate's erasure.
    await visitor.get(`/office/pipeline/${JOB_A}?q=${encodeURIComponent("山田 花子")}`);
    const [searched] = await listAudit(portal.db, { filter: { staffId: recruiter.id, action: "pipeline.viewed" }, limit: 1 });
    expect(searched?.detail).toMatchObject({ params: { searched: true } });
    expect(JSON.stringify(searched?.detail)).not.toContain("山田");
  });
});

describe("filters on the assessment, the dates and the phone number", () => {
  /** A completed assessment of the application's candidate, with the stored score and integrity record given. */
  async function assessed(app: Application, score: Record<string, unknown>, integrity: Record<string, unknown>): Promise<void> {
    const at = new Date(Date.UTC(2026, 2, 1));
    await portal.db.insert(assessmentAttempts).values({
      id: randomUUID(),
      candidateId: app.candidateId,
      applicationId: app.id,
      bankId: "csa-ja",
      bankVersion: 1,
      state: "completed",
      deviceHash: `device-${app.id}`,
      startedAt: at,
      completedAt: at,
      score,
      integrity,
    });
  }

  it("lists only the applications in a score band, with a signal worth a look, within the days asked for, or with the phone number typed", async () => {
    // Hired, a stage no other test here uses; 応募日 in Japan: 10 March, 20 March, and 1 April (00:30, still 31 March in UTC).
    const high = await applicant({
      state: "hired",
      kanji: ["高得", "点子"],
      kana: ["コウトク", "テンコ"],
      latin: ["Kotoku", "Tenko"],
      at: new Date("2026-03-10T01:00:00Z"),
    });
    const low = await applicant({
      state: "hired",
      kanji: ["低得", "点子"],
      kana: ["テイトク", "テンコ"],
      latin: ["Teitoku", "Tenko"],
      at: new Date("2026-03-20T01:00:00Z"),
    });
    const unscored = await applicant({
      state: "hired",
      kanji: ["未受", "検子"],
      kana: ["ミジュ", "ケンコ"],
      latin: ["Miju", "Kenko"],
      at: new Date("2026-03-31T15:30:00Z"),
    });
    // Leaving the page once is ordinary; pasting is worth a look.
    await assessed(high, { situations: { score: 85 } }, { focusLosses: 1, pastes: 0 });
    await assessed(low, { situations: { score: 20 } }, { focusLosses: 0, pastes: 2 });
    const visitor = await signedIn(recruiter);
    const refs = async (query: string) => listedReferences((await visitor.get(`/office/pipeline/${JOB_A}?${query}`)).doc).sort();
    const sorted = (...apps: Application[]) => apps.map((a) => a.reference).sort();

    expect(await refs("stage=hired")).toEqual(sorted(high, low, unscored));
    expect(await refs("stage=hired&band=high")).toEqual(sorted(high));
    expect(await refs("stage=hired&band=middle")).toEqual([]);
    expect(await refs("stage=hired&band=low")).toEqual(sorted(low));
    expect(await refs("stage=hired&band=none")).toEqual(sorted(unscored));
    expect(await refs("stage=hired&integrity=1")).toEqual(sorted(low));
    expect(await refs("stage=hired&from=2026-03-15")).toEqual(sorted(low, unscored));
    expect(await refs("stage=hired&to=2026-03-31")).toEqual(sorted(high, low));
    expect(await refs("stage=hired&from=2026-03-11&to=2026-03-31")).toEqual(sorted(low));
    expect(await refs("stage=hired&band=low&integrity=1&from=2026-03-20&to=2026-03-20")).toEqual(sorted(low));

    // The phone number given at STEP 1, typed as a domestic number with hyphens, in full-width digits or not.
    const national = `0${low.personal!.phone.slice(3, 5)}-${low.personal!.phone.slice(5, 9)}-${low.personal!.phone.slice(9)}`;
    expect(await refs(`q=${encodeURIComponent(national)}`)).toEqual(sorted(low));
    const fullWidth = national.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replaceAll("-", "－");
    expect(await refs(`q=${encodeURIComponent(fullWidth)}`)).toEqual(sorted(low));
    expect(await refs(`q=${encodeURIComponent(low.personal!.phone)}`)).toEqual(sorted(low));
    const asReviewer = await signedIn(reviewer);
    expect(listedReferences((await asReviewer.get(`/office/pipeline/${JOB_A}?q=${encodeURIComponent(national)}`)).doc)).toEqual([]);
  });
});

describe("bulk moves", () => {
  it("confirms with a preview in each candidate's language, moves, e-mails each once, and does nothing twice on a resubmit", async () => {
    const ja = await applicant({ state: "submitted", kanji: ["移動", "花子"], kana: ["イドウ", "ハナコ"], latin: ["Ido", "Hanako"] });
    const en = await applicant({ state: "submitted", kanji: ["", ""], kana: ["ブラウン", "エマ"], latin: ["Brown", "Emma"], locale: "en" });
    const visitor = await signedIn(recruiter);
    await visitor.get(`/office/pipeline/${JOB_A}`);
    const confirm = await visitor.post(`/office/pipeline/${JOB_A}/moves/confirm`, {
      ids: [ja.id, en.id],
      to: "screening",
      template: "auto",
      timing: "now",
      back: `/office/pipeline/${JOB_A}?stage=submitted`,
    });
    expect(confirm.status).toBe(200);
    expect(textOf(confirm.doc, "h1")).toBe("移動の確認");
    expect(confirm.html).toContain("次の2件の応募を「書類選考中」に移動します");
    expect(textOf(confirm.doc, '[data-preview-subject="ja"]')).toBe("【サンプル商事採用事務局】書類選考開始のお知らせ");
    expect(textOf(confirm.doc, '[data-preview-body="ja"]')).toContain("移動 花子 様");
    expect(textOf(confirm.doc, '[data-preview-body="en"]')).toContain("Dear Emma Brown,");
    expect(
      await portal.db
        .select()
        .from(outbox)
        .where(inArray(outbox.recipient, [ja.email, en.email])),
    ).toEqual([]);

    const form: Record<string, string | string[]> = {
      moveId: confirm.doc.querySelector('input[name="moveId"]')!.getAttribute("value")!,
      previewed: confirm.doc.querySelector('input[name="previewed"]')!.getAttribute("value")!,
      back: `/office/pipeline/${JOB_A}?stage=submitted`,
      ids: [ja.id, en.id],
      to: "screening",
      template: "auto",
      timing: "now",
    };
    const moved = await visitor.post(`/office/pipeline/${JOB_A}/moves`, form);
    expect(moved.status).toBe(303);
    const result = await visitor.follow(moved);
    expect(textOf(result.doc, "h1")).toBe("移動の結果");
    expect(result.doc.querySelectorAll("[data-moved] li")).toHaveLength(2);
    const again = await visitor.follow(await visitor.post(`/office/pipeline/${JOB_A}/moves`, form));
    expect(again.html).toContain("この移動はすでに行われています");

    const mails = await portal.db
      .select()
      .from(outbox)
      .where(inArray(outbox.recipient, [ja.email, en.email]));
    expect(mails.map((m) => [m.recipient, m.locale, m.subject]).sort()).toEqual(
      [
        [ja.email, "ja", "【サンプル商事採用事務局】書類選考開始のお知らせ"],
        [en.email, "en", "[Sample Trading Recruiting Office] We have started reviewing your application"],
      ].sort(),
    );
    const states = await portal.db
      .select({ state: applications.state })
      .from(applications)
      .where(inArray(applications.id, [ja.id, en.id]));
    expect(states.map((s) => s.state)).toEqual(["screening", "screening"]);
    const audits = await listAudit(portal.db, { filter: { staffId: recruiter.id, action: "application.moved" }, limit: 10 });
    expect(
      audits
        .filter((a) => a.detail.moveId === form.moveId)
        .map((a) => a.recordId)
        .sort(),
    ).toEqual([ja.id, en.id].sort());

    // Each candidate sees the new status and its next step on 応募した求人, in the language they read it in.
    const seenBy = async (who: typeof ja, acceptLanguage: string) => {
      const browser = portal.visitor({ acceptLanguage });
      await signIn(portal, browser, who.account);
      return (await browser.get("/account/applications")).doc;
    };
    const jaPage = await seenBy(ja, "ja");
    expect(textOf(jaPage, ".status--screening")).toBe("書類選考中");
    expect(jaPage.text).toContain("次のステップ: 選考結果のご連絡をお待ちください");
    const enPage = await seenBy(en, "en");
    expect(textOf(enPage, ".status--screening")).toBe("Documents under review");
    expect(enPage.text).toContain("Next step: Please wait to hear the result");
  });

  it("schedules a rejection e-mail for 09:00 the next morning in Japan", async () => {
    const app = await applicant({ state: "screening", kanji: ["翌朝", "次郎"], kana: ["ヨクアサ", "ジロウ"], latin: ["Yokuasa", "Jiro"] });
    const visitor = await signedIn(recruiter);
    const confirm = await visitor.post(`/office/pipeline/${JOB_A}/moves/confirm`, { ids: app.id, to: "rejected", template: "auto", timing: "nextMorning" });
    expect(confirm.html).toContain("送信予定：");
    const done = await visitor.post(`/office/pipeline/${JOB_A}/moves`, {
      moveId: confirm.doc.querySelector('input[name="moveId"]')!.getAttribute("value")!,
      previewed: confirm.doc.querySelector('input[name="previewed"]')!.getAttribute("value")!,
      ids: app.id,
      to: "rejected",
      template: "auto",
      timing: "nextMorning",
    });
    expect(done.status).toBe(303);
    const [mail] = await portal.db.select().from(outbox).where(eq(outbox.recipient, app.email));
    expect(mail?.nextAttemptAt.toISOString()).toBe(nextMorningInTokyo(portal.clock.now()).toISOString());
  });

  it("explains bad input and keeps every choice made", async () => {
    const app = await applicant({ state: "submitted", kanji: ["入力", "誤子"], kana: ["ニュウリョク", "ゴコ"], latin: ["Nyuryoku", "Goko"] });
    const visitor = await signedIn(recruiter);
    await visitor.get(`/office/pipeline/${JOB_A}`);
    const none = await visitor.post(`/office/pipeline/${JOB_A}/moves/confirm`, { to: "screening" });
    expect(none.status).toBe(400);
    expect(errorSummary(none.doc)).toEqual(["移動する応募者を1人以上選んでください"]);
    const noStage = await visitor.post(`/office/pipeline/${JOB_A}/moves`, { ids: app.id, to: "nowhere", template: "none", timing: "nextMorning" });
    expect(noStage.status).toBe(400);
    expect(errorSummary(noStage.doc)).toEqual(["移動先の段階を選んでください"]);
    expect(noStage.doc.querySelector(`input[name=ids][value="${app.id}"]`)?.hasAttribute("checked")).toBe(true);
    expect(noStage.doc.querySelector('select[name="template"] option[selected]')?.getAttribute("value")).toBe("none");
    expect(noStage.doc.querySelector("#f-timing-nextMorning")?.hasAttribute("checked")).toBe(true);
    const unknownTemplate = await visitor.post(`/office/pipeline/${JOB_A}/moves/confirm`, { ids: app.id, to: "screening", template: "no-such-template" });
    expect(errorSummary(unknownTemplate.doc)).toEqual(["選んだテンプレートは見つかりません。もう一度選んでください"]);
    const notPreviewed = await visitor.post(`/office/pipeline/${JOB_A}/moves`, { ids: app.id, to: "rejected", template: "auto", previewed: "none" });
    expect(notPreviewed.status).toBe(409);
    expect(errorSummary(notPreviewed.doc)).toEqual([
      "選んだメールがプレビューと異なります。表示したプレビューを確認してから、もう一度「移動する」を押してください",
    ]);
    const [still] = await portal.db.select().from(applications).where(eq(applications.id, app.id));
    expect(still?.state).toBe("submitted");
  });
});

describe("the CSV export", () => {
  it("streams the filtered pipeline as UTF-8 with a BOM, neutralises formulas, and is audited", async () => {
    const payloads = ['=HYPERLINK("https://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"];
    const made = [];
    for (const p of payloads) made.push(await applicant({ state: "offered", kanji: [p, "注入"], kana: ["チュウニュウ", "テスト"], latin: ["Inject", "Test"] }));
    const visitor = await signedIn(recruiter);
    const csv = await csvOf(visitor, `/office/pipeline/${JOB_A}/export.csv?stage=offered`);
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toBe(`attachment; filename="pipeline-${JOB_A}.csv"`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(csv.bytes, { bom: true }) as string[][];
    expect(records[0]).toEqual([
      "応募番号",
      "段階",
      "応募日時",
      "氏名",
      "氏名（かな）",
      "氏名（ローマ字）",
      "メールアドレス",
      "電話番号",
      "書類",
      "応募途中の到達ステップ",
      "適性検査の点数",
      "シグナル",
    ]);
    expect(records).toHaveLength(1 + payloads.length);
    const names = records.slice(1).map((r) => r[3]!);
    for (const p of payloads) expect(names).toContain(`'${p} 注入`);
    expect(records.slice(1).every((r) => r[1] === "内定")).toBe(true);
    expect(
      records
        .slice(1)
        .map((r) => r[6])
        .sort(),
    ).toEqual(made.map((m) => m.email).sort());
    const [audit] = await listAudit(portal.db, { filter: { staffId: recruiter.id, action: "pipeline.exported" }, limit: 1 });
    expect(audit?.detail).toMatchObject({ rows: payloads.length, filter: { stage: "offered" } });
  });
});

describe("another job's pipeline", () => {
  it("is missing for a recruiter of another job: no list, no move, no export, nothing audited as theirs", async () => {
    const target = await applicant({ state: "submitted", kanji: ["他求", "人子"], kana: ["タキュウ", "ジンコ"], latin: ["Takyu", "Jinko"] });
    const visitor = await signedIn(otherRecruiter);
    const list = await visitor.get("/office/pipeline");
    expect(list.doc.querySelectorAll("table.data tbody a").map((a) => a.getAttribute("href"))).toEqual([`/office/pipeline/${JOB_B}`]);
    expect((await visitor.get(`/office/pipeline/${JOB_A}`)).status).toBe(404);
    expect((await csvOf(visitor, `/office/pipeline/${JOB_A}/export.csv`)).status).toBe(404);
    expect((await visitor.post(`/office/pipeline/${JOB_A}/moves/confirm`, { ids: target.id, to: "screening" })).status).toBe(404);
    expect((await visitor.post(`/office/pipeline/${JOB_A}/moves`, { ids: target.id, to: "screening", previewed: "none", template: "none" })).status).toBe(404);
    // From their own job's pipeline, job A's application is no application at all.
    const confirm = await visitor.post(`/office/pipeline/${JOB_B}/moves/confirm`, { ids: target.id, to: "screening", template: "none" });
    expect(confirm.doc.querySelectorAll("input[name=ids]")).toHaveLength(0);
    const moveId = confirm.doc.querySelector('input[name="moveId"]')!.getAttribute("value")!;
    const posted = await visitor.post(`/office/pipeline/${JOB_B}/moves`, { moveId, ids: target.id, to: "screening", template: "none", previewed: "none" });
    expect(posted.location).toMatch(new RegExp(`^/office/pipeline/${JOB_B}/moves/${moveId}`));
    const moved = await visitor.follow(posted);
    expect(moved.doc.querySelectorAll("[data-moved] li")).toHaveLength(0);
    expect(textOf(moved.doc, "[data-skipped]")).toContain("見つからないか、担当外の求人です");
    expect(moved.html).not.toContain("他求");
    const [still] = await portal.db.select().from(applications).where(eq(applications.id, target.id));
    expect(still?.state).toBe("submitted");
    const theirs = await listAudit(portal.db, { filter: { staffId: otherRecruiter.id }, limit: 20 });
    expect(theirs.map((a) => a.action)).not.toContain("application.moved");
    expect(theirs.map((a) => a.action)).not.toContain("pipeline.exported");
    // The result of that move is its maker's alone: job A's recruiter cannot read it under either job.
    const recruiterOfA = await signedIn(recruiter);
    expect((await recruiterOfA.get(`/office/pipeline/${JOB_B}/moves/${moveId}`)).status).toBe(404);
    expect((await recruiterOfA.get(`/office/pipeline/${JOB_A}/moves/${moveId}`)).status).toBe(404);
  });
});
