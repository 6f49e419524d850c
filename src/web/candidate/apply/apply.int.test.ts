import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statementsDuring } from "../../../../test/database.ts";
import {
  errorSummary,
  fieldError,
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
import { startSmtpServer } from "../../../../test/smtp.ts";
import { applicationAnswers, applications, questionSets, selfIdentifications } from "../../../modules/applications/schema.ts";
import { eventsOf } from "../../../modules/events/read-events.ts";
import { messagesTo } from "../../../platform/mail/outbox.ts";

let portal: TestPortal;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  portal = await startTestPortal({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await portal?.close();
  await smtp?.close();
});

function personalForm(overrides: Record<string, string> = {}): Record<string, string> {
  return personalDetailsForm({ version: "0", ...overrides });
}

async function begin(on: TestPortal = portal): Promise<{ visitor: Visitor; id: string; who: Awaited<ReturnType<typeof newCandidate>> }> {
  const who = await newCandidate(on.db);
  const visitor = on.visitor();
  await signIn(on, visitor, who);
  const start = await visitor.post("/jobs/230107874/apply");
  expect(start.location).toMatch(/^\/applications\/[0-9a-f-]{36}\/documents$/);
  return { visitor, id: start.location!.split("/")[2]!, who };
}

/** Drives an application through STEP 1–5 and the assessment, to the e-signature. */
async function toSignature(on: TestPortal = portal): Promise<{ visitor: Visitor; id: string; who: Awaited<ReturnType<typeof newCandidate>> }> {
  const started = await begin(on);
  const { visitor, id } = started;
  expect((await postApplicationPage(visitor, id, "documents", { intent: "skip" })).location).toBe(`/applications/${id}/personal`);
  expect((await postApplicationPage(visitor, id, "personal", personalForm())).location).toBe(`/applications/${id}/eligibility`);
  expect((await postApplicationPage(visitor, id, "eligibility", { age18: "yes", preHireDocuments: "understood" })).location).toBe(
    `/applications/${id}/work-authorization`,
  );
  expect(
    (await postApplicationPage(visitor, id, "work-authorization", { workAuthorizationType: "japanese", student: "notStudent", confirmStep3: "yes" })).location,
  ).toBe(`/applications/${id}/self-identification`);
  expect((await postApplicationPage(visitor, id, "self-identification", { gender: "female" })).location).toBe(`/applications/${id}/pledge`);
  expect((await postApplicationPage(visitor, id, "pledge", { consent: "yes" })).location).toBe(`/applications/${id}/assessment`);
  expect(await takeAssessment(visitor, id)).toBe(`/applications/${id}/signature`);
  return started;
}

const finalAnswers = {
  languages: ["ja", "en"],
  privateRoom: "yes",
  workPlace: ["study", "ownRoom"],
  quietEnvironment: "yes",
  stressHistory: "面接で相談したい事情があります",
  stressHistoryConsent: "yes",
  doubleWork: "none",
  workAuthorizationFinal: "japaneseOrSpecial",
  confirmFinal: "yes",
};

describe("「応募に進む前に」", () => {
  it("says how long it takes and what to have ready, and opening it (even from another site) starts nothing", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    await signIn(portal, visitor, who);
    const page = await visitor.request("GET", "/jobs/230107874/apply", undefined, { referer: "https://elsewhere.example/", "sec-fetch-site": "cross-site" });
    expect(page.status).toBe(200);
    expect(textOf(page.doc, "h1")).toBe("応募に進む前に");
    expect(page.html).toContain("全体で80分ほどです");
    for (const thing of [
      "履歴書と職務経歴書のファイル",
      "郵便番号と住所",
      "静かで、落ち着いて取り組める場所",
      "イヤホン・ヘッドホンまたはスピーカー",
      "別の端末からログインして、続きから再開できます",
    ]) {
      expect(page.html).toContain(thing);
    }
    expect(await portal.db.select().from(applications).where(eq(applications.candidateId, who.candidate.id))).toHaveLength(0);
    // Its 次へ is a form: a POST with this browser's token.
    expect(page.doc.querySelector('form[method="post"][action="/jobs/230107874/apply"] input[name="_csrf"]')).not.toBeNull();
    const forged = await visitor.request("POST", "/jobs/230107874/apply", {});
    expect(forged.status).toBe(403);
    expect(await portal.db.select().from(applications).where(eq(applications.candidateId, who.candidate.id))).toHaveLength(0);
  });

  it("offers ログイン and registration to a visitor who is not signed in, and 応募を続ける once an application is open", async () => {
    const signedOut = await portal.visitor().get("/jobs/230107874/apply");
    expect(signedOut.doc.querySelectorAll(".choice-card a.button--primary").map((a) => [a.textContent.trim(), a.getAttribute("href")])).toEqual([
      ["ログイン", "/login?return_to=%2Fjobs%2F230107874%2Fapply"],
      ["登録する", "/register?return_to=%2Fjobs%2F230107874%2Fapply"],
    ]);
    const { visitor, id } = await begin();
    const again = await visitor.get("/jobs/230107874/apply");
    expect(again.doc.querySelector(`a[href="/applications/${id}/resume"]`)?.textContent.trim()).toBe("応募を続ける");
  });
});

describe("starting and moving through the wizard", () => {
  it("opens one application per candidate and job, however often 応募する is pressed", async () => {
    const { visitor, id } = await begin();
    const again = await visitor.post("/jobs/230107874/apply");
    expect(again.location).toBe(`/applications/${id}/documents`);
    const both = await Promise.all([visitor.post("/jobs/230107874/apply"), visitor.post("/jobs/230107874/apply")]);
    expect(new Set(both.map((r) => r.location))).toEqual(new Set([`/applications/${id}/documents`]));
  });

  it("shows the seed's step indicator, job banner and buttons", async () => {
    const { visitor, id } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    const page = await visitor.get(`/applications/${id}/personal`);
    expect(page.html).toContain("求人ID: 230107874");
    expect(page.doc.querySelector('[aria-current="step"]')?.textContent).toContain("STEP 1");
    const buttons = page.doc.querySelectorAll(".wizard-actions > *").map((b) => b.textContent.trim());
    expect(buttons).toEqual(["戻る", "保存する", "保存して続行する"]);
    expect(page.doc.querySelector('input[name="email"]')?.getAttribute("value")).toContain("@example.jp");
    expect(page.doc.querySelector('input[name="birthYear"]')?.getAttribute("autocomplete")).toBe("bday-year");
    // 姓 before 名 in every script, as on registration and アカウント情報.
    const names = page.doc.querySelectorAll("main input").map((i) => i.getAttribute("name"));
    for (const script of ["Latin", "Kanji", "Kana"]) {
      expect(names.indexOf(`familyName${script}`), script).toBeLessThan(names.indexOf(`givenName${script}`));
      expect(names.indexOf(`familyName${script}`), script).toBeGreaterThan(-1);
    }
    await postApplicationPage(visitor, id, "personal", personalForm());
    const step2 = await visitor.get(`/applications/${id}/eligibility`);
    const steps = step2.doc.querySelectorAll(".steps__item").map((li) => li.textContent.trim().replace(/\s+/g, ""));
    expect(steps).toEqual(["✓STEP1書類・個人情報(完了)", "2STEP2応募条件", "3STEP3就労資格", "4STEP4自己申告", "5STEP5誓約", "6STEP6署名・確認"]);
    expect(step2.doc.querySelector('[aria-current="step"]')?.textContent).toContain("STEP 2");
  });

  it("reads the session, the candidate and the application in one statement for a wizard page", async () => {
    const { visitor, id } = await begin();
    // The first view reads the job into the wizard's short job cache; a second view is what every page costs.
    await visitor.get(`/applications/${id}/documents`);
    // STEP 1's documents page lists the candidate's documents, read in the same statement.
    expect(await statementsDuring(portal.db, () => visitor.get(`/applications/${id}/documents`))).toBe(1);
    expect(await statementsDuring(portal.db, () => visitor.get("/account/documents"))).toBe(1);
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    expect(await statementsDuring(portal.db, () => visitor.get(`/applications/${id}/personal`))).toBe(1);
    const stranger = portal.visitor();
    await signIn(portal, stranger, await newCandidate(portal.db));
    expect(await statementsDuring(portal.db, () => stranger.get(`/applications/${id}/personal`))).toBe(1);
    // 応募した求人 reads the applications with the session; the job each one read comes from memory once seen.
    await visitor.get("/account/applications");
    const list = await statementsDuring(portal.db, () => visitor.get("/account/applications"));
    expect(list).toBe(1);
  });

  it("never lets an edited URL skip a step", async () => {
    const { visitor, id } = await begin();
    for (const page of ["personal", "eligibility", "pledge", "signature", "final-questions", "review", "complete"]) {
      const res = await visitor.get(`/applications/${id}/${page}`);
      expect(res.location, page).toBe(`/applications/${id}/documents`);
    }
    const forced = await visitor.post(`/applications/${id}/pledge`, { consent: "yes", version: "0" });
    expect(forced.location).toBe(`/applications/${id}/documents`);
    const [row] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect(row?.state).toBe("draft");
  });

  it("keeps another candidate out of the application (404), whatever page they try", async () => {
    const { id } = await begin();
    const stranger = portal.visitor();
    await signIn(portal, stranger, await newCandidate(portal.db));
    for (const page of ["", "/documents", "/personal", "/review", "/withdraw", "/resume"])
      expect((await stranger.get(`/applications/${id}${page}`)).status, page).toBe(404);
    expect((await stranger.post(`/applications/${id}/personal`, personalForm())).status).toBe(404);
    expect((await stranger.get(`/account/applications/${id}/job`)).status).toBe(404);
  });
});

describe("STEP 1", () => {
  it("asks for documents or the choice to send them later", async () => {
    const { visitor, id } = await begin();
    const page = await visitor.get(`/applications/${id}/documents`);
    expect(page.html).toContain("書類をアップロードせず先へ進む");
    expect(page.html).toContain("saiyo-help@jobs.example.jp");
    const none = await postApplicationPage(visitor, id, "documents", { intent: "continue" });
    expect(none.status).toBe(400);
    expect(errorSummary(none.doc)[0]).toContain("書類がまだアップロードされていません");
    // One rule, said once: required, and e-mail when uploading does not work.
    expect(page.html).toContain("履歴書と職務経歴書の提出は必須です。");
    expect(page.html).not.toContain("この手順は任意です");
    expect(page.doc.querySelector('label[for="f-documentFile"] .mark')).toBeNull();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    const [row] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect(row?.documentsStatus).toBe("to_be_sent");
    // The step is done, the documents are not: the status says so rather than 完了.
    const overview = await visitor.get(`/applications/${id}`);
    expect(textOf(overview.doc, ".task-list__item")).toContain("未提出（メールで送付）");
    const mine = await visitor.get("/account/applications");
    expect(textOf(mine.doc, ".card")).toContain("書類: 未提出（メールで送付）");
    // The job as applied for, with its pay, hours and place.
    const snapshot = await visitor.get(`/account/applications/${id}/job`);
    for (const fact of ["時給 1,400円〜1,600円", "6:00〜23:00の間のシフト制", "日本（在宅勤務）"]) expect(textOf(snapshot.doc, "main")).toContain(fact);
  });

  it("fills prefecture, city (千代田区) and address line 1 (千代田) from the postal code without JavaScript", async () => {
    const { visitor, id } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    const res = await postApplicationPage(
      visitor,
      id,
      "personal",
      personalForm({ postalCode: "１００－０００１", prefecture: "", city: "", address1: "", intent: "lookup" }),
    );
    expect(res.status).toBe(200);
    expect(res.doc.querySelector('select[name="prefecture"] option[selected]')?.getAttribute("value")).toBe("東京都");
    expect(res.doc.querySelector('input[name="city"]')?.getAttribute("value")).toBe("千代田区");
    expect(res.doc.querySelector('input[name="address1"]')?.getAttribute("value")).toBe("千代田");
    expect(res.doc.querySelector('input[name="postalCode"]')?.getAttribute("value")).toBe("100-0001");
    expect(res.doc.querySelector('input[name="familyNameKana"]')?.getAttribute("value")).toBe("ヤマダ");
    const missing = await postApplicationPage(visitor, id, "personal", personalForm({ postalCode: "0000000", intent: "lookup" }));
    expect(fieldError(missing.doc, "postalCode")).toContain("見つかりませんでした");
    const [row] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect(row?.personal).toBeNull();
  });

  it.each([
    ["katakana in alphabet", { familyNameLatin: "ヤマダ" }, "familyNameLatin", "アルファベットで入力してください（例: Yamada）"],
    ["kana not katakana", { givenNameKana: "Hanako" }, "givenNameKana", "カタカナで入力してください"],
    ["short postal code", { postalCode: "12345" }, "postalCode", "郵便番号は7桁の数字で入力してください（例: 1000001）"],
    ["no prefecture", { prefecture: "" }, "prefecture", "都道府県を選択してください"],
    ["no street", { address1: "" }, "address1", "町名・番地を入力してください"],
    ["impossible birth date", { birthMonth: "2", birthDay: "30" }, "birthYear", "生年月日が正しくありません。年・月・日を数字で入力してください"],
    ["no birth date", { birthYear: "", birthMonth: "", birthDay: "" }, "birthYear", "生年月日を入力してください"],
    ["start date in the past", { startYear: "2020", startMonth: "1", startDay: "1" }, "startYear", "入社可能日は今日以降の日付を入力してください"],
    ["no answer to how heard", { howHeard: "" }, "howHeard", "この求人を知ったきっかけを選択してください"],
  ])("refuses %s with a clear message, keeping what was typed", async (_name, overrides, field, message) => {
    const { visitor, id } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    const res = await postApplicationPage(visitor, id, "personal", personalForm(overrides));
    expect(res.status).toBe(400);
    expect(fieldError(res.doc, field)).toBe(message);
    expect(errorSummary(res.doc)).toContain(message);
    expect(res.doc.querySelector('input[name="address2"]')?.getAttribute("value")).toBe("サンプルビル3階");
  });

  it("reports every mistake in one answer, the rules across fields included", async () => {
    const { visitor, id } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    const res = await postApplicationPage(
      visitor,
      id,
      "personal",
      personalForm({ familyNameLatin: "ヤマダ", postalCode: "12345", phone: "12", birthMonth: "2", birthDay: "30", howHeard: "" }),
    );
    expect(res.status).toBe(400);
    expect(errorSummary(res.doc)).toEqual([
      "アルファベットで入力してください（例: Yamada）",
      "郵便番号は7桁の数字で入力してください（例: 1000001）",
      "電話番号が正しくありません（例: 09012345678）",
      "生年月日が正しくありません。年・月・日を数字で入力してください",
      "この求人を知ったきっかけを選択してください",
    ]);
  });

  it("保存する saves every valid field even while required ones are empty; only 保存して続行する needs them all", async () => {
    const { visitor, id } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    const partial = {
      familyNameKana: "やまだ",
      givenNameKana: "",
      postalCode: "1000001",
      city: "千代田区",
      address1: "",
      birthYear: "",
      birthMonth: "",
      birthDay: "",
    };
    const saved = await postApplicationPage(visitor, id, "personal", personalDetailsForm({ ...partial, intent: "save" }));
    expect(saved.location).toBe(`/applications/${id}/personal?notice=saved`);
    const [row] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect(row?.personalDraft).toMatchObject({ familyNameKana: "ヤマダ", postalCode: "100-0001", city: "千代田区", address2: "サンプルビル3階" });
    expect(row?.personal).toBeNull();
    const page = await visitor.get(saved.location!);
    expect(page.doc.querySelector('input[name="familyNameKana"]')?.getAttribute("value")).toBe("ヤマダ");
    expect(page.doc.querySelector('input[name="address2"]')?.getAttribute("value")).toBe("サンプルビル3階");
    // A wrong field is reported; the right ones beside it are still saved.
    const mixed = await postApplicationPage(visitor, id, "personal", personalDetailsForm({ ...partial, phone: "12", address3: "305号室", intent: "save" }));
    expect(mixed.status).toBe(400);
    expect(errorSummary(mixed.doc)).toEqual(["電話番号が正しくありません（例: 09012345678）"]);
    expect(textOf(mixed.doc, ".notice")).toContain("正しく入力された項目を保存しました");
    const [after] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect(after?.personalDraft?.address3).toBe("305号室");
    const going = await postApplicationPage(visitor, id, "personal", personalDetailsForm({ ...partial }));
    expect(going.status).toBe(400);
    expect(errorSummary(going.doc)).toEqual(["カタカナのメイを入力してください", "町名・番地を入力してください", "生年月日を入力してください"]);
    expect((await postApplicationPage(visitor, id, "personal", personalDetailsForm())).location).toBe(`/applications/${id}/eligibility`);
    const [done] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect(done?.personalDraft).toBeNull();
  });

  it("turns hiragana into katakana, reads 和暦 years, and shows the phone and postal code as they are written", async () => {
    const { visitor, id } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    const page = await visitor.get(`/applications/${id}/personal`);
    expect(page.doc.querySelector('input[name="phone"]')?.getAttribute("autocomplete")).toBe("tel");
    expect(textOf(page.doc, "#f-birth-hint")).toContain("西暦");
    const res = await postApplicationPage(
      visitor,
      id,
      "personal",
      personalDetailsForm({ familyNameKana: "やまだ", givenNameKana: "はなこ", birthYear: "平成7年", phone: "09012345678" }),
    );
    expect(res.location, errorSummary(res.doc).join(" / ")).toBe(`/applications/${id}/eligibility`);
    const [row] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect([row?.personal?.familyNameKana, row?.personal?.givenNameKana, row?.personal?.birthDate]).toEqual(["ヤマダ", "ハナコ", "1995-04-15"]);
    const again = await visitor.get(`/applications/${id}/personal`);
    expect(again.doc.querySelector('input[name="phone"]')?.getAttribute("value")).toBe("090-1234-5678");
    expect(again.doc.querySelector('input[name="postalCode"]')?.getAttribute("value")).toBe("100-0001");
    const h7 = await postApplicationPage(visitor, id, "personal", personalDetailsForm({ birthYear: "H7" }));
    expect(h7.location).toBe(`/applications/${id}/eligibility`);
  });

  it("after an idle time-out during a save, says so and shows what was typed again once the candidate signs back in", async () => {
    const { visitor, id, who } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    const page = await visitor.get(`/applications/${id}/personal`);
    const version = page.doc.querySelector('input[name="version"]')!.getAttribute("value")!;
    portal.clock.advance(31 * 60_000);
    const late = await visitor.request(
      "POST",
      `/applications/${id}/personal`,
      { _csrf: visitor.csrf!, ...personalForm({ version, address1: "千代田1-1 遅れて送った住所", intent: "continue" }) },
      { referer: `http://localhost/applications/${id}/personal`, host: "localhost" },
    );
    expect(late.location).toBe(`/login?return_to=${encodeURIComponent(`/applications/${id}/personal`)}&notice=timedOut`);
    const login = await visitor.get(late.location!);
    expect(textOf(login.doc, ".notice")).toContain("30分間操作がなかったため");
    const back = await signIn(portal, visitor, who, `/applications/${id}/personal`);
    expect(back.location).toBe(`/applications/${id}/personal`);
    const restored = await visitor.get(back.location!);
    expect(restored.doc.querySelector('input[name="address1"]')?.getAttribute("value")).toBe("千代田1-1 遅れて送った住所");
    expect(textOf(restored.doc, ".notice")).toContain("まだ保存されていません");
    // Once only: the next visit shows what is stored.
    const later = await visitor.get(`/applications/${id}/personal`);
    expect(later.doc.querySelector('input[name="address1"]')?.getAttribute("value") ?? "").not.toContain("遅れて送った住所");
  });

  it("accepts full-width digits and stores normalised values", async () => {
    const { visitor, id } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    const res = await postApplicationPage(
      visitor,
      id,
      "personal",
      personalForm({ birthYear: "１９９５", birthMonth: "０４", birthDay: "１５", phone: "０９０ー１２３４ー５６７８" }),
    );
    expect(res.status, errorSummary(res.doc).join(" / ")).toBe(303);
    const [row] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect(row?.personal?.birthDate).toBe("1995-04-15");
    expect(row?.personal?.phone).toBe("+819012345678");
    expect(row?.personal?.postalCode).toBe("1000001");
  });
});

describe("knock-out questions", () => {
  it("ends the application politely when the candidate is under 18, and records why", async () => {
    const { visitor, id } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    await postApplicationPage(visitor, id, "personal", personalForm({ birthYear: "2012" }));
    const res = await postApplicationPage(visitor, id, "eligibility", { age18: "no", preHireDocuments: "understood" });
    // One tap ends nothing: first a page says what the answer means, with both ways on.
    expect(res.location).toBe(`/applications/${id}/eligibility/confirm-answer`);
    const confirm = await visitor.get(res.location!);
    expect(textOf(confirm.doc, "h1")).toBe("この回答で確定しますか？");
    expect(confirm.html).toContain("「いいえ」と回答すると、この求人の応募条件を満たさないため、応募手続きはここで終了します。");
    expect(confirm.doc.querySelector(`a[href="/applications/${id}/eligibility#f-age18"]`)?.textContent.trim()).toBe("回答を変更する");
    expect(confirm.doc.querySelector('button[value="confirmKnockout"]')?.textContent.trim()).toBe("この回答で確定する");
    const [waiting] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect(waiting?.state).toBe("draft");
    const version = confirm.doc.querySelector('input[name="version"]')!.getAttribute("value")!;
    const confirmed = await visitor.post(`/applications/${id}/eligibility`, { intent: "confirmKnockout", version });
    expect(confirmed.location).toBe(`/applications/${id}/screened-out`);
    const page = await visitor.get(confirmed.location!);
    expect(page.html).toContain("この求人は18歳以上の方が対象です。");
    const [row] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect([row?.state, row?.screenedOutQuestion, row?.screenedOutAnswer]).toEqual(["screened_out", "age18", "no"]);
    expect(row?.screenedOutAt).toBeInstanceOf(Date);
    const [event, ...more] = await eventsOf(portal.db, { kind: "application", id });
    expect(more).toHaveLength(0);
    expect([event?.name, event?.fromState, event?.toState, event?.data]).toEqual([
      "application.screened_out",
      "draft",
      "screened_out",
      { jobId: "230107874", question: "age18", answer: "no" },
    ]);
    expect((await visitor.get(`/applications/${id}/work-authorization`)).location).toBe(`/applications/${id}/screened-out`);
    expect((await visitor.post("/jobs/230107874/apply")).location).toBe(`/applications/${id}/screened-out`);
  });

  it("refuses a 18+ answer that the date of birth contradicts", async () => {
    const { visitor, id } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    await postApplicationPage(visitor, id, "personal", personalForm({ birthYear: "2012" }));
    const res = await postApplicationPage(visitor, id, "eligibility", { age18: "yes", preHireDocuments: "understood" });
    expect(res.status).toBe(400);
    expect(fieldError(res.doc, "age18")).toContain("生年月日と回答が一致しません");
  });

  it("asks for the confirmation again instead of knocking out, and knocks out on no work authorization", async () => {
    const { visitor, id } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    await postApplicationPage(visitor, id, "personal", personalForm());
    await postApplicationPage(visitor, id, "eligibility", { age18: "yes", preHireDocuments: "understood" });
    const unconfirmed = await postApplicationPage(visitor, id, "work-authorization", {
      workAuthorizationType: "japanese",
      student: "student",
      confirmStep3: "no",
    });
    expect(unconfirmed.status).toBe(400);
    expect(fieldError(unconfirmed.doc, "confirmStep3")).toBe("回答内容をご確認のうえ、「はい」を選択してください");
    const knocked = await postApplicationPage(visitor, id, "work-authorization", { workAuthorizationType: "none", student: "student", confirmStep3: "yes" });
    expect(knocked.location).toBe(`/applications/${id}/work-authorization/confirm-answer`);
    // 回答を変更する: the page shows the answer to change, and a right answer goes on as usual.
    const back = await visitor.get(`/applications/${id}/work-authorization`);
    expect(back.doc.querySelector('select[name="workAuthorizationType"] option[selected]')?.getAttribute("value")).toBe("none");
    const changed = await postApplicationPage(visitor, id, "work-authorization", {
      workAuthorizationType: "permanent",
      student: "student",
      confirmStep3: "yes",
    });
    expect(changed.location).toBe(`/applications/${id}/self-identification`);
    // A confirmation with nothing to confirm (the answer was changed meanwhile) ends nothing.
    const stray = await visitor.post(`/applications/${id}/work-authorization`, { intent: "confirmKnockout", version: "9" });
    expect(stray.location).toBe(`/applications/${id}/work-authorization`);
    const [row] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect(row?.state).toBe("draft");
  });

  it("asks before the final questions of an application begun on version 1 end it for work authorization", async () => {
    // An application begun before version 2 keeps version 1, which asks work authorization again at the end.
    const { visitor, id } = await begin();
    const [v1] = await portal.db
      .select()
      .from(questionSets)
      .where(and(eq(questionSets.jobId, "230107874"), eq(questionSets.version, 1)));
    await portal.db.update(applications).set({ questionSetId: v1!.id }).where(eq(applications.id, id));
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    await postApplicationPage(visitor, id, "personal", personalForm());
    await postApplicationPage(visitor, id, "eligibility", { age18: "yes", preHireDocuments: "understood" });
    await postApplicationPage(visitor, id, "work-authorization", { workAuthorizationType: "japanese", student: "notStudent", confirmStep3: "yes" });
    await postApplicationPage(visitor, id, "self-identification", { gender: "female" });
    await postApplicationPage(visitor, id, "pledge", { consent: "yes" });
    expect(await takeAssessment(visitor, id)).toBe(`/applications/${id}/signature`);
    await postApplicationPage(visitor, id, "signature", { signature: "Hanako Yamada" });
    const final = await visitor.get(`/applications/${id}/final-questions`);
    expect(final.doc.querySelector('select[name="workAuthorizationFinal"]')).not.toBeNull();

    const held = await postApplicationPage(visitor, id, "final-questions", { ...finalAnswers, workAuthorizationFinal: "none" });
    expect(held.location).toBe(`/applications/${id}/final-questions/confirm-answer`);
    const confirm = await visitor.get(held.location!);
    expect(confirm.html).toContain("この求人には、日本で就労できる資格が必要です。");
    expect(confirm.doc.querySelector(`a[href^="/applications/${id}/final-questions"]`)?.textContent.trim()).toBe("回答を変更する");
    const [waiting] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect(waiting?.state).toBe("signed");

    const version = confirm.doc.querySelector('input[name="version"]')!.getAttribute("value")!;
    const confirmed = await visitor.post(`/applications/${id}/final-questions`, { intent: "confirmKnockout", version });
    expect(confirmed.location).toBe(`/applications/${id}/screened-out`);
    const [row] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect([row?.state, row?.screenedOutQuestion, row?.screenedOutAnswer]).toEqual(["screened_out", "workAuthorizationFinal", "none"]);
  });

  it("answers 「理解していない」 with an explanation and where to ask, never a knock-out", async () => {
    const { visitor, id } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    await postApplicationPage(visitor, id, "personal", personalForm());
    const page = await visitor.get(`/applications/${id}/eligibility`);
    expect(page.doc.querySelectorAll(".radios--inline")).toHaveLength(0);
    const res = await postApplicationPage(visitor, id, "eligibility", { age18: "yes", preHireDocuments: "notUnderstood" });
    expect(res.status).toBe(400);
    expect(fieldError(res.doc, "preHireDocuments")).toContain("就労資格を確認できる書類");
    expect(fieldError(res.doc, "preHireDocuments")).toContain("saiyo-help@jobs.example.jp までお問い合わせください");
    expect(res.doc.querySelector('#f-preHireDocuments-error a[href="/help"]')).not.toBeNull();
    const [row] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect(row?.state).toBe("draft");
    expect((await postApplicationPage(visitor, id, "eligibility", { age18: "yes", preHireDocuments: "understood" })).location).toBe(
      `/applications/${id}/work-authorization`,
    );
  });
});

describe("saving, two tabs and resuming", () => {
  it("保存する keeps the candidate on the page and saves", async () => {
    const { visitor, id } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    await postApplicationPage(visitor, id, "personal", personalForm());
    const saved = await postApplicationPage(visitor, id, "eligibility", { age18: "yes", intent: "save" });
    expect(saved.location).toBe(`/applications/${id}/eligibility?notice=saved`);
    const page = await visitor.get(saved.location!);
    expect(page.html).toContain("保存しました");
    expect(page.doc.querySelector('input[name="age18"][value="yes"]')?.getAttribute("checked")).not.toBeUndefined();
    expect((await visitor.get(`/applications/${id}/work-authorization`)).location).toBe(`/applications/${id}/eligibility`);
  });

  it("tells an older tab what happened instead of overwriting the newer answer", async () => {
    const { visitor, id } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    const tabA = await visitor.get(`/applications/${id}/personal`);
    const tabB = await visitor.get(`/applications/${id}/personal`);
    const versionA = tabA.doc.querySelector('input[name="version"]')!.getAttribute("value")!;
    const versionB = tabB.doc.querySelector('input[name="version"]')!.getAttribute("value")!;
    expect((await visitor.post(`/applications/${id}/personal`, personalForm({ version: versionA, address1: "新しい住所1-2" }))).status).toBe(303);
    const stale = await visitor.post(`/applications/${id}/personal`, personalForm({ version: versionB, address1: "古いタブの住所" }));
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("別のタブまたは別の端末で更新されています");
    expect(stale.doc.querySelector('input[name="address1"]')?.getAttribute("value")).toBe("新しい住所1-2");
    const [row] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect(row?.personal?.address1).toBe("新しい住所1-2");
  });

  it("resumes from another browser at the first incomplete step", async () => {
    const { visitor, id, who } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    await postApplicationPage(visitor, id, "personal", personalForm());
    const other = portal.visitor();
    portal.clock.advance(31_000);
    await signIn(portal, other, who);
    const list = await other.get("/account/applications");
    const resume = list.doc.querySelectorAll("a").find((a) => a.textContent.trim() === "応募を続ける");
    expect(resume?.getAttribute("href")).toBe(`/applications/${id}`);
    const overview = await other.get(resume!.getAttribute("href")!);
    const restart = overview.doc.querySelectorAll("a").find((a) => a.textContent.trim() === "再開");
    expect(restart?.getAttribute("href")).toBe(`/applications/${id}/resume`);
    expect((await other.get(`/applications/${id}/resume`)).location).toBe(`/applications/${id}/eligibility`);
  });
});

describe("self-identification and sensitive answers", () => {
  it("keeps gender apart from the application's answers", async () => {
    const { id } = await toSignature();
    const answers = await portal.db.select().from(applicationAnswers).where(eq(applicationAnswers.applicationId, id));
    expect(answers.map((a) => a.questionKey)).not.toContain("gender");
    const [self] = await portal.db.select().from(selfIdentifications).where(eq(selfIdentifications.applicationId, id));
    expect(self?.gender).toBe("female");
  });

  it("asks for consent only when the stress-history answer says something, and keeps the typed text on error", async () => {
    const { visitor, id } = await toSignature();
    const signature = await visitor.get(`/applications/${id}/signature`);
    expect(signature.doc.querySelector(`.wizard-actions a[href="/applications/${id}"]`)?.textContent.trim()).toBe("戻る");
    await postApplicationPage(visitor, id, "signature", { signature: "Hanako Yamada" });
    const final = await visitor.get(`/applications/${id}/final-questions`);
    expect(final.doc.querySelector(`.wizard-actions a[href="/applications/${id}/signature"]`)?.textContent.trim()).toBe("戻る");
    // Work authorization was asked at STEP 3; the final questions do not ask it again.
    expect(final.doc.querySelector('[name="workAuthorizationFinal"]')).toBeNull();
    expect(final.doc.querySelector("[data-consent-for]")?.getAttribute("data-consent-for")).toBe("f-stressHistory");
    const written = "前職で体調を崩し、1か月休職しました。";
    const noConsent = await postApplicationPage(visitor, id, "final-questions", { ...finalAnswers, stressHistory: written, stressHistoryConsent: "" });
    expect(noConsent.status).toBe(400);
    expect(noConsent.doc.querySelector('textarea[name="stressHistory"]')?.textContent).toBe(written);
    for (const nothing of ["無", " なし ", ""]) {
      const res = await postApplicationPage(visitor, id, "final-questions", { ...finalAnswers, stressHistory: nothing, stressHistoryConsent: "" });
      expect(res.location, `${JSON.stringify(nothing)}: ${errorSummary(res.doc).join(" / ")}`).toBe(`/applications/${id}/review`);
    }
  });

  it("marks the voluntary gender question ※任意 and goes on without an answer", async () => {
    const { visitor, id } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    await postApplicationPage(visitor, id, "personal", personalForm());
    await postApplicationPage(visitor, id, "eligibility", { age18: "yes", preHireDocuments: "understood" });
    await postApplicationPage(visitor, id, "work-authorization", { workAuthorizationType: "japanese", student: "notStudent", confirmStep3: "yes" });
    const page = await visitor.get(`/applications/${id}/self-identification`);
    expect(textOf(page.doc, "fieldset legend")).toContain("※任意");
    expect(page.html).not.toContain("※必須");
    expect((await postApplicationPage(visitor, id, "self-identification", {})).location).toBe(`/applications/${id}/pledge`);
  });

  it("stores the stress-history answer only with its own consent, marked sensitive", async () => {
    const { visitor, id } = await toSignature();
    await postApplicationPage(visitor, id, "signature", { signature: "Hanako Yamada" });
    const noConsent = await postApplicationPage(visitor, id, "final-questions", { ...finalAnswers, stressHistoryConsent: "" });
    expect(noConsent.status).toBe(400);
    expect(fieldError(noConsent.doc, "stressHistoryConsent")).toBe("この回答を送るには、同意欄にチェックを入れてください");
    expect((await postApplicationPage(visitor, id, "final-questions", finalAnswers)).location).toBe(`/applications/${id}/review`);
    const [row] = await portal.db
      .select()
      .from(applicationAnswers)
      .where(and(eq(applicationAnswers.applicationId, id), eq(applicationAnswers.questionKey, "stressHistory")));
    expect(row?.sensitive).toBe("sensitive");
    expect(row?.consentedAt).toBeInstanceOf(Date);
  });
});

describe("pledge, e-signature, review and 応募する", () => {
  it("needs the pledge's consent box", async () => {
    const { visitor, id } = await begin();
    await postApplicationPage(visitor, id, "documents", { intent: "skip" });
    await postApplicationPage(visitor, id, "personal", personalForm());
    await postApplicationPage(visitor, id, "eligibility", { age18: "yes", preHireDocuments: "understood" });
    await postApplicationPage(visitor, id, "work-authorization", { workAuthorizationType: "permanent", student: "notStudent", confirmStep3: "yes" });
    await postApplicationPage(visitor, id, "self-identification", { gender: "noAnswer" });
    const page = await visitor.get(`/applications/${id}/pledge`);
    expect(page.doc.querySelectorAll("ol.pledge li")).toHaveLength(7);
    expect(page.html).toContain("この仕事に応募しているのは私自身です。");
    const res = await postApplicationPage(visitor, id, "pledge", {});
    expect(res.status).toBe(400);
    expect(fieldError(res.doc, "consent")).toContain("チェックを入れてください");
  });

  it("checks the signature against the legal name, in alphabet or kanji, any order and width", async () => {
    const { visitor, id } = await toSignature();
    const wrong = await postApplicationPage(visitor, id, "signature", { signature: "Taro Suzuki" });
    expect(wrong.status).toBe(400);
    expect(fieldError(wrong.doc, "signature")).toBe("入力されたお名前が、STEP 1でご入力の正式名と一致しません");
    const right = await postApplicationPage(visitor, id, "signature", { signature: "ＹＡＭＡＤＡ　ｈａｎａｋｏ" });
    expect(right.location).toBe(`/applications/${id}/final-questions`);
    const [row] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect(row?.state).toBe("signed");
    expect(row?.signedStatementHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.signedAt).toBeInstanceOf(Date);
    expect(row?.signedIp).toBeTruthy();
  });

  it("records the address the request came from as signature evidence, whatever X-Forwarded-For claims", async () => {
    const { visitor, id } = await toSignature();
    const page = await visitor.get(`/applications/${id}/signature`);
    const version = page.doc.querySelector('input[name="version"]')!.getAttribute("value")!;
    const signed = await visitor.request(
      "POST",
      `/applications/${id}/signature`,
      { _csrf: visitor.csrf!, version, signature: "山田花子" },
      { "x-forwarded-for": "203.0.113.9" },
    );
    expect(signed.status).toBe(303);
    const [row] = await portal.db.select().from(applications).where(eq(applications.id, id));
    // No TRUST_PROXY here: the client's claim is ignored and the connection's own address is kept.
    expect(row?.signedIp).toBe("127.0.0.1");
  });

  it("believes X-Forwarded-For only from a proxy named in TRUST_PROXY", async () => {
    const behindProxy = await startTestPortal({ env: { TRUST_PROXY: "127.0.0.1" } });
    try {
      const { visitor, id } = await toSignature(behindProxy);
      const page = await visitor.get(`/applications/${id}/signature`);
      const version = page.doc.querySelector('input[name="version"]')!.getAttribute("value")!;
      const form = { _csrf: visitor.csrf!, version, signature: "山田花子" };
      expect((await visitor.request("POST", `/applications/${id}/signature`, form, { "x-forwarded-for": "203.0.113.9" })).status).toBe(303);
      const [row] = await behindProxy.db.select().from(applications).where(eq(applications.id, id));
      expect(row?.signedIp).toBe("203.0.113.9");
    } finally {
      await behindProxy.close();
    }
  });

  it("goes from the review page to a change and back, then submits once with one e-mail", async () => {
    const { visitor, id, who } = await toSignature();
    await postApplicationPage(visitor, id, "signature", { signature: "山田花子" });
    await postApplicationPage(visitor, id, "final-questions", finalAnswers);
    const review = await visitor.get(`/applications/${id}/review`);
    expect(textOf(review.doc, "h1")).toBe("回答内容の確認");
    expect(review.html).toContain("日本語、英語");
    const change = review.doc.querySelectorAll("a").find((a) => a.getAttribute("href")?.includes("final-questions?return=review"));
    const changePage = await visitor.get(change!.getAttribute("href")!.split("#")[0]!);
    const version = changePage.doc.querySelector('input[name="version"]')!.getAttribute("value")!;
    const back = await visitor.post(`${change!.getAttribute("href")!.split("#")[0]!}`, { ...finalAnswers, doubleWork: "planned", version });
    expect(back.location).toBe(`/applications/${id}/review`);
    expect((await visitor.get(back.location!)).html).toContain("予定あり");
    const results = await Promise.all(Array.from({ length: 10 }, () => visitor.post(`/applications/${id}/submit`)));
    expect(new Set(results.map((r) => r.location))).toEqual(new Set([`/applications/${id}/complete`]));
    const done = await visitor.get(`/applications/${id}/complete`);
    expect(textOf(done.doc, "h1")).toBe("応募が完了しました");
    expect(done.html).toContain("ご応募いただき、ありがとうございます。応募職種：【在宅】お客様対応スタッフ");
    expect(done.doc.querySelectorAll("a").some((a) => a.textContent.trim() === "求人を見る")).toBe(true);
    const mails = (await messagesTo(portal.db, who.candidate.email)).filter((m) => m.template === "applications.submitted");
    expect(mails).toHaveLength(1);
    await portal.drainOutbox();
    await portal.drainOutbox();
    await smtp.waitFor((m) => m.to.includes(who.candidate.email) && m.subject.includes("応募が完了いたしました"));
    expect(smtp.received.filter((m) => m.to.includes(who.candidate.email) && m.subject === "【サンプル商事採用事務局】 応募が完了いたしました")).toHaveLength(
      1,
    );
    expect(mails[0]?.subject).toBe("【サンプル商事採用事務局】 応募が完了いたしました");
    expect(mails[0]?.textBody).toContain("saiyo-help@jobs.example.jp");
    expect((await visitor.get(`/applications/${id}/personal`)).location).toBe(`/applications/${id}/complete`);
    const list = await visitor.get("/account/applications");
    expect(list.html).toContain("応募完了（選考中）");
    const history = await eventsOf(portal.db, { kind: "application", id });
    expect(history.map((e) => [e.name, e.fromState, e.toState, e.actorKind, e.actorId])).toEqual([
      ["application.pledged", "draft", "assessment_pending", "candidate", who.candidate.id],
      ["application.assessment_completed", "assessment_pending", "assessment_done", "candidate", who.candidate.id],
      ["application.signed", "assessment_done", "signed", "candidate", who.candidate.id],
      ["application.submitted", "signed", "submitted", "candidate", who.candidate.id],
    ]);
  });
});

describe("応募した求人 and withdrawal", () => {
  it("shows the job as applied for, withdraws with a reason after confirmation, and lets the candidate apply again", async () => {
    const { visitor, id, who } = await begin();
    const snapshot = await visitor.get(`/account/applications/${id}/job`);
    expect(snapshot.html).toContain("応募した時点の求人内容です。");
    const form = await visitor.get(`/applications/${id}/withdraw`);
    expect(textOf(form.doc, "h1")).toBe("応募を取り下げる");
    const noReason = await visitor.post(`/applications/${id}/withdraw`, {});
    expect(fieldError(noReason.doc, "reason")).toBe("辞退理由を選択してください");
    const confirm = await visitor.post(`/applications/${id}/withdraw`, { reason: "otherJob", note: "他社に決まりました" });
    expect(textOf(confirm.doc, "h1")).toBe("この応募を取り下げますか？");
    let [row] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect(row?.state).toBe("draft");
    const done = await visitor.post(`/applications/${id}/withdraw/confirm`, { reason: "otherJob", note: "他社に決まりました" });
    expect(done.location).toBe("/account/applications?notice=withdrawn");
    [row] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect([row?.state, row?.withdrawalReason, row?.withdrawalNote]).toEqual(["withdrawn", "otherJob", "他社に決まりました"]);
    const history = await eventsOf(portal.db, { kind: "application", id });
    expect(history.map((e) => [e.name, e.fromState, e.toState, e.data.reason])).toEqual([["application.withdrawn", "draft", "withdrawn", "otherJob"]]);
    expect((await messagesTo(portal.db, who.candidate.email)).some((m) => m.template === "applications.withdrawn")).toBe(true);
    expect((await visitor.post(`/applications/${id}/personal`, personalForm())).location).toBe("/account/applications?notice=closed");
    const again = await visitor.post("/jobs/230107874/apply");
    expect(again.location).not.toContain(id);
    expect(again.location).toMatch(/\/documents$/);
  });
});

describe("help", () => {
  it("answers the seed's six questions", async () => {
    const page = await portal.visitor().get("/help");
    for (const q of [
      "アセスメント中にエラーが生じ、応募完了できない",
      "アセスメントを途中から再開したい",
      "応募完了となっているか確認したい",
      "履歴書と職務経歴書をメールで送りたい",
      "応募した求人内容を確認したい",
      "選考を辞退したい",
    ]) {
      expect(page.html).toContain(q);
    }
  });
});
