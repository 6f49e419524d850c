import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationAt } from "../../../../test/applications.ts";
import { errorSummary, fieldError, lastCodeSentTo, newCandidate, signIn, startTestPortal, type TestPortal, textOf } from "../../../../test/portal.ts";
import { applications, type PersonalDetails } from "../../../modules/applications/schema.ts";
import { candidates } from "../../../modules/candidates/schema.ts";
import { messagesTo } from "../../../platform/mail/outbox.ts";

const personalDetails: PersonalDetails = {
  familyNameLatin: "Yamada",
  givenNameLatin: "Hanako",
  familyNameKana: "ヤマダ",
  givenNameKana: "ハナコ",
  country: "JP",
  postalCode: "1000001",
  prefecture: "東京都",
  city: "千代田区",
  address1: "千代田1-1",
  email: "hanako@example.jp",
  phoneType: "mobile",
  phone: "+819012345678",
  smsConsent: false,
  feedbackConsent: false,
  birthDate: "1990-04-15",
  howHeard: "jobSite",
};

let portal: TestPortal;

/** A PIN reset started, its code read, by a candidate who gave 1990-04-15 as their birth date on an application. */
async function pinResetWithBirthDate(account: { phone?: string } = {}) {
  const who = await newCandidate(portal.db, account);
  const a = await applicationAt(portal.db, { candidateId: who.candidate.id, state: "draft" });
  await portal.db
    .update(applications)
    .set({ personal: { ...personalDetails, birthDate: "1990-04-15" } })
    .where(eq(applications.id, a.id));
  portal.clock.advance(31_000);
  const visitor = portal.visitor();
  const start = await visitor.post("/pin-reset", { identifier: who.candidate.email });
  return { visitor, start, code: await lastCodeSentTo(portal.db, who.candidate.email) };
}
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal?.close());

describe("PIN reset", () => {
  it("sets a new PIN with a code sent to the registered address, and ends every session", async () => {
    const who = await newCandidate(portal.db);
    const elsewhere = portal.visitor();
    await signIn(portal, elsewhere, who);
    expect((await elsewhere.get("/account")).status).toBe(200);

    const visitor = portal.visitor();
    // A PIN reset is a flow of its own: the sign-in code sent a moment ago does not hold it back.
    const start = await visitor.post("/pin-reset", { identifier: who.candidate.email });
    expect(start.location).toMatch(/^\/pin-reset\/[0-9a-f-]{36}$/);
    const page = await visitor.get(start.location!);
    expect(textOf(page.doc, "h1")).toBe("確認コードと新しい暗証番号を入力します");
    const code = await lastCodeSentTo(portal.db, who.candidate.email);
    const trivial = await visitor.post(start.location!, { code, pin: "111111", pinConfirm: "111111" });
    expect(fieldError(trivial.doc, "pin")).toContain("推測されやすい");
    // Every mistake at once: the missing code, and the re-entry that differs.
    const both = await visitor.post(start.location!, { code: "", pin: "730164", pinConfirm: "730165" });
    expect([fieldError(both.doc, "code"), fieldError(both.doc, "pinConfirm")]).toEqual(["確認コードを入力してください", "暗証番号が一致しません"]);
    const done = await visitor.post(start.location!, { code, pin: "730164", pinConfirm: "730164" });
    expect(done.status, done.doc.querySelector(".error-summary")?.textContent).toBe(303);
    expect(done.location).toBe("/login?notice=pinReset");
    expect((await elsewhere.get("/account")).status).toBe(303);
    const notices = await messagesTo(portal.db, who.candidate.email);
    expect(notices[0]?.template).toBe("accounts.notice.pinChanged");
    portal.clock.advance(31_000);
    const again = await signIn(portal, portal.visitor(), { candidate: who.candidate, pin: "730164" });
    expect(again.location).toBe("/account");
  });

  it("refuses the birth date the candidate gave on an application, and well-known sequences, as the new PIN", async () => {
    const { visitor, start, code } = await pinResetWithBirthDate();
    const birthday = await visitor.post(start.location!, { code, pin: "900415", pinConfirm: "900415" });
    expect(birthday.status).toBe(400);
    expect(fieldError(birthday.doc, "pin")).toContain("生年月日");
    for (const pin of ["246810", "135790", "112358"]) {
      const sequence = await visitor.post(start.location!, { code, pin, pinConfirm: pin });
      expect(fieldError(sequence.doc, "pin"), pin).toContain("推測されやすい");
    }
  });

  it("says that a new PIN is the birth date or the phone number only to someone holding the code, whose code stays live", async () => {
    const { visitor, start, code } = await pinResetWithBirthDate({ phone: "+819038271645" });
    const wrongCode = code === "306142" ? "306143" : "306142";
    // Without the code, the birth date, the phone number's end and any other PIN are answered alike.
    const answers = [];
    for (const pin of ["900415", "271645", "730164"]) {
      const guess = await visitor.post(start.location!, { code: wrongCode, pin, pinConfirm: pin });
      expect(guess.status).toBe(400);
      answers.push({ code: fieldError(guess.doc, "code"), pin: fieldError(guess.doc, "pin"), summary: textOf(guess.doc, ".error-summary") });
    }
    expect(answers[0]!.code).toBe("確認コードが正しくありません。届いたコードをもう一度ご確認ください");
    expect(answers[0]!.pin).toBe("");
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    // With it, the candidate learns why, and the code is not spent on it.
    const birthday = await visitor.post(start.location!, { code, pin: "900415", pinConfirm: "900415" });
    expect(fieldError(birthday.doc, "pin")).toContain("生年月日");
    const phone = await visitor.post(start.location!, { code, pin: "271645", pinConfirm: "271645" });
    expect(fieldError(phone.doc, "pin")).toContain("電話番号");
    const done = await visitor.post(start.location!, { code, pin: "730164", pinConfirm: "730164" });
    expect(done.location).toBe("/login?notice=pinReset");
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const visitor = portal.visitor();
    const start = await visitor.post("/pin-reset", { identifier: "unknown.person@example.jp" });
    expect(start.location).toMatch(/^\/pin-reset\/[0-9a-f-]{36}$/);
    const page = await visitor.get(start.location!);
    expect(page.html).toContain("ご登録のアカウントがある場合");
    const attempt = await visitor.post(start.location!, { code: "123987", pin: "730164", pinConfirm: "730164" });
    expect(fieldError(attempt.doc, "code")).toBe("確認コードが正しくありません。届いたコードをもう一度ご確認ください");
    expect(await messagesTo(portal.db, "unknown.person@example.jp")).toHaveLength(0);
  });
});

describe("アカウント情報", () => {
  it("asks a signed-out visitor to sign in first and comes back", async () => {
    const res = await portal.visitor().get("/account");
    expect(res.location).toBe("/login?return_to=%2Faccount");
  });

  it("edits names and time zone", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    await signIn(portal, visitor, who);
    const page = await visitor.get("/account");
    expect(page.html).toContain(who.candidate.email);
    // 姓 comes before 名, as Japanese names are written: in the fields and in the list of mistakes.
    const names = page.doc.querySelectorAll("main input").map((i) => i.getAttribute("name"));
    expect(names.indexOf("familyName")).toBeLessThan(names.indexOf("givenName"));
    expect(names.indexOf("familyNameLatin")).toBeLessThan(names.indexOf("givenNameLatin"));
    const bad = await visitor.post("/account", {
      givenName: "",
      familyName: "",
      givenNameLatin: "",
      familyNameLatin: "山田",
      timeZone: "Asia/Tokyo",
    });
    expect(bad.status).toBe(400);
    expect(errorSummary(bad.doc)).toEqual([
      "姓を入力してください",
      "名を入力してください",
      "アルファベットで入力してください（例: Yamada）",
      "名 (アルファベット) を入力してください",
    ]);
    const ok = await visitor.post("/account", {
      givenName: "花",
      familyName: "山本",
      givenNameLatin: "Hana",
      familyNameLatin: "Yamamoto",
      timeZone: "Asia/Seoul",
    });
    expect(ok.location).toBe("/account?notice=saved");
    const [row] = await portal.db.select().from(candidates).where(eq(candidates.id, who.candidate.id));
    expect([row?.familyName, row?.givenName, row?.timeZone]).toEqual(["山本", "花", "Asia/Seoul"]);
    expect((await visitor.get("/account?notice=saved")).html).toContain("山本 花");
  });

  it("reports a missing or mistyped new address together with a missing PIN, in one answer", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    await signIn(portal, visitor, who);
    const email = await visitor.post("/account/contact?kind=email", { email: "hanako@example", pin: "" });
    expect(email.status).toBe(400);
    expect(errorSummary(email.doc)).toEqual(["メールアドレスの形式が正しくありません（例: hanako@example.jp）", "暗証番号を入力してください"]);
    expect(email.doc.querySelector('input[name="email"]')?.getAttribute("value")).toBe("hanako@example");
    const empty = await visitor.post("/account/contact?kind=email", { email: "", pin: "" });
    expect(errorSummary(empty.doc)).toEqual(["メールアドレスを入力してください", "暗証番号を入力してください"]);
    const same = await visitor.post("/account/contact?kind=email", { email: who.candidate.email.toUpperCase(), pin: "" });
    expect(errorSummary(same.doc)).toEqual(["現在と同じ連絡先です", "暗証番号を入力してください"]);
    const phone = await visitor.post("/account/contact?kind=phone", { phoneCountry: "JP", phone: "12", pin: "" });
    expect(errorSummary(phone.doc)).toEqual(["電話番号が正しくありません（例: 09012345678）", "暗証番号を入力してください"]);
    // A form with mistakes of its own tries no PIN: nothing counts towards the lock.
    const withPin = await visitor.post("/account/contact?kind=email", { email: "hanako@example", pin: "905172" });
    expect(errorSummary(withPin.doc)).toEqual(["メールアドレスの形式が正しくありません（例: hanako@example.jp）"]);
    const [row] = await portal.db.select().from(candidates).where(eq(candidates.id, who.candidate.id));
    expect(row?.email).toBe(who.candidate.email);
  });

  it("changes the e-mail address only with the PIN and a code sent to the new address, and tells the old one", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    await signIn(portal, visitor, who);
    const wrongPin = await visitor.post("/account/contact?kind=email", { email: "new.address@example.jp", pin: "905172" });
    expect(fieldError(wrongPin.doc, "pin")).toContain("暗証番号が正しくありません");
    portal.clock.advance(31_000);
    const start = await visitor.post("/account/contact?kind=email", { email: "New.Address@example.jp", pin: who.pin });
    expect(start.location).toMatch(/^\/account\/contact\/[0-9a-f-]{36}$/);
    const code = await lastCodeSentTo(portal.db, "new.address@example.jp");
    const stranger = portal.visitor();
    await signIn(portal, stranger, await newCandidate(portal.db));
    expect((await stranger.post(start.location!, { code })).location).not.toBe("/account?notice=contactChanged");
    const done = await visitor.post(start.location!, { code });
    expect(done.location).toBe("/account?notice=contactChanged");
    const [row] = await portal.db.select().from(candidates).where(eq(candidates.id, who.candidate.id));
    expect(row?.email).toBe("new.address@example.jp");
    expect((await messagesTo(portal.db, who.candidate.email))[0]?.template).toBe("accounts.notice.contactChanged");
  });

  it("checks the PIN before saying that an address belongs to another account", async () => {
    const who = await newCandidate(portal.db);
    const other = await newCandidate(portal.db);
    const visitor = portal.visitor();
    await signIn(portal, visitor, who);
    const taken = await visitor.post("/account/contact?kind=email", { email: other.candidate.email, pin: "905172" });
    const unused = await visitor.post("/account/contact?kind=email", { email: "nobody.has.this@example.jp", pin: "905172" });
    expect([taken.status, unused.status]).toEqual([400, 400]);
    expect(fieldError(taken.doc, "email")).toBe("");
    expect(textOf(taken.doc, ".error-summary")).toBe(textOf(unused.doc, ".error-summary"));
    portal.clock.advance(31_000);
    const withPin = await visitor.post("/account/contact?kind=email", { email: other.candidate.email, pin: who.pin });
    expect(withPin.status).toBe(409);
    expect(fieldError(withPin.doc, "email")).toContain("既に登録されています");
  });

  it("changes the phone number with a code by SMS to the new number", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    await signIn(portal, visitor, who);
    portal.clock.advance(31_000);
    const taken = await newCandidate(portal.db);
    const start = await visitor.post("/account/contact?kind=phone", { phoneCountry: "JP", phone: "070-1111-2222", pin: who.pin });
    expect(start.status).toBe(303);
    const [sms] = await messagesTo(portal.db, "+817011112222");
    expect(sms?.channel).toBe("sms");
    const done = await visitor.post(start.location!, { code: sms!.textBody.match(/(\d{6})/)![1]! });
    expect(done.location).toBe("/account?notice=contactChanged");
    const [row] = await portal.db.select().from(candidates).where(eq(candidates.id, who.candidate.id));
    expect(row?.phone).toBe("+817011112222");
    portal.clock.advance(31_000);
    const clash = await visitor.post("/account/contact?kind=phone", { phoneCountry: "JP", phone: `0${taken.candidate.phone.slice(3)}`, pin: who.pin });
    expect(clash.status).toBe(409);
    expect(fieldError(clash.doc, "phone")).toContain("既に登録されています");
  });
});

describe("アカウント情報 after an idle time-out", () => {
  it("shows the names typed before the time-out again, once, after signing back in, and a phone number as it is written", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    await signIn(portal, visitor, who);
    const page = await visitor.get("/account");
    expect(page.html).toContain(`${who.candidate.phone.slice(3, 5)}-`);
    expect(textOf(page.doc, ".summary-list")).toMatch(/0\d0-\d{4}-\d{4}/);
    portal.clock.advance(31 * 60_000);
    const late = await visitor.request(
      "POST",
      "/account",
      { _csrf: visitor.csrf!, familyName: "佐々木", givenName: "花子", familyNameLatin: "Sasaki", givenNameLatin: "Hanako", timeZone: "Asia/Tokyo" },
      { referer: "http://localhost/account", host: "localhost" },
    );
    expect(late.location).toBe("/login?return_to=%2Faccount&notice=timedOut");
    const back = await signIn(portal, visitor, who, "/account");
    const restored = await visitor.get(back.location!);
    expect(restored.doc.querySelector('input[name="familyName"]')?.getAttribute("value")).toBe("佐々木");
    expect(textOf(restored.doc, ".notice")).toContain("まだ保存されていません");
    const [row] = await portal.db.select().from(candidates).where(eq(candidates.id, who.candidate.id));
    expect(row?.familyName).toBe(who.candidate.familyName);
  });
});
