import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorSummary, fieldError, newCandidate, startTestPortal, type TestPortal, textOf } from "../../../../test/portal.ts";
import { candidates } from "../../../modules/candidates/schema.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal?.close());

let n = 0;
function validForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  n += 1;
  const suffix = String(7000 + n);
  return {
    givenName: "太郎",
    familyName: "佐藤",
    givenNameLatin: "Taro",
    familyNameLatin: "Sato",
    email: `taro.${n}@example.jp`,
    emailConfirm: `taro.${n}@example.jp`,
    phoneCountry: "JP",
    phone: `0803333${suffix}`,
    phoneConfirmCountry: "JP",
    phoneConfirm: `0803333${suffix}`,
    timeZone: "Asia/Tokyo",
    pin: "482915",
    pinConfirm: "482915",
    contactConsent: "yes",
    ...overrides,
  };
}

describe("registration form", () => {
  it("shows the seed's fields, marks and defaults", async () => {
    const page = await portal.visitor().get("/register");
    expect(textOf(page.doc, "h1")).toBe("アカウントの作成");
    expect(page.html).toContain("このアカウントはサンプル商事の採用応募専用です。サンプル商事のショッピングなど、ほかのサービスのアカウントとは別のものです。");
    // 姓 comes before 名, as Japanese names are written.
    const names = page.doc.querySelectorAll("input").map((i) => i.getAttribute("name"));
    expect(names.indexOf("familyName")).toBeLessThan(names.indexOf("givenName"));
    expect(names.indexOf("familyNameLatin")).toBeLessThan(names.indexOf("givenNameLatin"));
    expect(textOf(page.doc, "#f-email-hint")).toContain("「@jobs.example.jp」からのメールを受信できる");
    for (const label of [
      "名",
      "姓",
      "名 (アルファベット)",
      "姓 (アルファベット)",
      "メールアドレス",
      "メールアドレスを再入力",
      "電話番号",
      "電話番号を再入力",
      "希望するタイムゾーン",
      "暗証番号を再入力してください。",
    ]) {
      expect(
        page.doc.querySelectorAll(".field__label").some((l) => l.textContent.trim().startsWith(label)),
        label,
      ).toBe(true);
    }
    expect(page.doc.querySelector('select[name="phoneCountry"] option[selected]')?.textContent).toContain("+81");
    expect(page.doc.querySelector('select[name="timeZone"] option[selected]')?.textContent).toBe("(GMT+09:00) 日本標準時（アジア／東京）");
    expect(page.doc.querySelector('input[name="pin"]')?.getAttribute("autocomplete")).toBe("new-password");
    expect(page.doc.querySelector('input[name="givenName"]')?.getAttribute("autocomplete")).toBe("given-name");
    expect(page.doc.querySelector('input[name="email"]')?.getAttribute("autocomplete")).toBe("email");
    expect(page.doc.querySelector('a[href="/privacy"]')).not.toBeNull();
    expect(page.html).toContain("※必須");
  });

  it("creates the account and goes on to sign in with the PIN", async () => {
    const visitor = portal.visitor();
    const form = validForm({
      email: "Mixed.Case@Example.JP",
      emailConfirm: "mixed.case@example.jp",
      phone: "０８０－３３３３－１２１２",
      phoneConfirm: "08033331212",
    });
    const res = await visitor.post("/register", form);
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/login\/[0-9a-f-]{36}\/pin\?notice=registered$/);
    const [row] = await portal.db.select().from(candidates).where(eq(candidates.email, "mixed.case@example.jp"));
    expect(row?.phone).toBe("+818033331212");
    expect(row?.pinHash).toMatch(/^\$argon2id\$/);
    expect(row?.contactConsent).toBe(true);
    const pinPage = await visitor.get(res.location!);
    expect(pinPage.html).toContain("アカウントを作成しました。暗証番号を入力してログインしてください。");
  });

  const cases: [string, Record<string, string | string[]>, string, string][] = [
    ["missing given name", { givenName: "" }, "givenName", "名を入力してください"],
    ["missing family name", { familyName: "  " }, "familyName", "姓を入力してください"],
    ["given name too long", { givenName: "あ".repeat(41) }, "givenName", "40文字以内で入力してください"],
    ["alphabet name in kana", { givenNameLatin: "タロウ" }, "givenNameLatin", "アルファベットで入力してください（例: Yamada）"],
    ["missing alphabet family name", { familyNameLatin: "" }, "familyNameLatin", "姓 (アルファベット) を入力してください"],
    ["missing e-mail", { email: "", emailConfirm: "" }, "email", "メールアドレスを入力してください"],
    ["malformed e-mail", { email: "taro@", emailConfirm: "taro@" }, "email", "メールアドレスの形式が正しくありません（例: hanako@example.jp）"],
    ["e-mail re-entry differs", { emailConfirm: "other@example.jp" }, "emailConfirm", "メールアドレスが一致しません"],
    ["missing phone", { phone: "" }, "phone", "電話番号を入力してください"],
    ["phone not a number", { phone: "12", phoneConfirm: "12" }, "phone", "電話番号が正しくありません（例: 09012345678）"],
    ["phone re-entry differs", { phoneConfirm: "08099998888" }, "phoneConfirm", "電話番号が一致しません"],
    ["unknown dial code", { phoneCountry: "ZZ" }, "phoneCountry", "国番号を選択してください"],
    ["unknown time zone", { timeZone: "Mars/Olympus" }, "timeZone", "タイムゾーンを選択してください"],
    ["PIN of five digits", { pin: "48291", pinConfirm: "48291" }, "pin", "暗証番号は6桁の数字で入力してください"],
    ["PIN with letters", { pin: "48a915", pinConfirm: "48a915" }, "pin", "暗証番号は6桁の数字で入力してください"],
    ["trivial PIN", { pin: "123456", pinConfirm: "123456" }, "pin", "推測されやすい暗証番号です。同じ数字の繰り返しや連続した数字以外を設定してください"],
    [
      "repeated-digit PIN",
      { pin: "777777", pinConfirm: "777777" },
      "pin",
      "推測されやすい暗証番号です。同じ数字の繰り返しや連続した数字以外を設定してください",
    ],
    ["PIN re-entry differs", { pinConfirm: "482916" }, "pinConfirm", "暗証番号が一致しません"],
    ["no consent answer", { contactConsent: "" }, "contactConsent", "「はい」または「いいえ」を選択してください"],
    ["field sent twice", { givenName: ["太郎", "次郎"] }, "givenName", "名を入力してください"],
  ];

  it.each(cases)("refuses %s with a message at the field and in the summary, saving nothing", async (_name, overrides, field, message) => {
    const visitor = portal.visitor();
    const form = validForm(overrides);
    const res = await visitor.post("/register", form);
    expect(res.status).toBe(400);
    expect(fieldError(res.doc, field)).toBe(message);
    expect(errorSummary(res.doc)).toContain(message);
    expect(res.doc.querySelector(".error-summary")?.getAttribute("role")).toBe("alert");
    expect(res.doc.querySelector('input[name="pin"]')?.getAttribute("value") ?? "").toBe("");
    const email = typeof form.email === "string" ? form.email.toLowerCase() : "";
    if (email) expect(await portal.db.select().from(candidates).where(eq(candidates.email, email))).toHaveLength(0);
  });

  it("reports every mistake in one answer, cross-field rules included, and asks for the PIN again", async () => {
    // What once took four rounds: consent, then phone re-entry and a trivial PIN, then the e-mail's format,
    // then the e-mail and PIN re-entries.
    const res = await portal.visitor().post(
      "/register",
      validForm({
        contactConsent: "",
        phone: "09012345678",
        phoneConfirm: "09012345679",
        pin: "123456",
        pinConfirm: "123456",
        email: "taro@example",
        emailConfirm: "taro@example.jp",
        givenNameLatin: "タロウ",
      }),
    );
    expect(res.status).toBe(400);
    expect(errorSummary(res.doc)).toEqual([
      "アルファベットで入力してください（例: Yamada）",
      "メールアドレスの形式が正しくありません（例: hanako@example.jp）",
      "電話番号が一致しません",
      "推測されやすい暗証番号です。同じ数字の繰り返しや連続した数字以外を設定してください",
      "「はい」または「いいえ」を選択してください",
    ]);
    expect(res.doc.querySelector('input[name="phone"]')?.getAttribute("value")).toBe("09012345678");
    expect(textOf(res.doc, "#pin-retype")).toContain("暗証番号（2か所）をもう一度入力してください");

    const mismatches = await portal.visitor().post("/register", validForm({ emailConfirm: "other@example.jp", pinConfirm: "482916", contactConsent: "" }));
    expect(errorSummary(mismatches.doc)).toEqual(["メールアドレスが一致しません", "暗証番号が一致しません", "「はい」または「いいえ」を選択してください"]);
  });

  it("offers what was typed at the PIN step when someone new goes on to register", async () => {
    const visitor = portal.visitor();
    const start = await visitor.post("/login?return_to=%2Fjobs%2F230107874%2Fapply", { identifier: "Newcomer@Example.jp" });
    const pin = await visitor.get(start.location!);
    const link = pin.doc.querySelector(".register-instead a")?.getAttribute("href") ?? "";
    expect(link).toMatch(/^\/register\?return_to=%2Fjobs%2F230107874%2Fapply&from=[0-9a-f-]{36}$/);
    const page = await visitor.get(link);
    expect(page.doc.querySelector('input[name="email"]')?.getAttribute("value")).toBe("newcomer@example.jp");
    // Another browser holding the link learns nothing.
    const other = await portal.visitor().get(link);
    expect(other.doc.querySelector('input[name="email"]')?.getAttribute("value") ?? "").toBe("");
  });

  it("shows the English messages to an English visitor", async () => {
    const visitor = portal.visitor({ acceptLanguage: "en" });
    const res = await visitor.post("/register", validForm({ emailConfirm: "x@example.jp" }));
    expect(fieldError(res.doc, "emailConfirm")).toBe("The e-mail addresses do not match");
    expect(res.doc.querySelector("html")?.getAttribute("lang")).toBe("en");
  });

  it("refuses an e-mail address or phone number that is already registered, whatever the case or width", async () => {
    const { candidate } = await newCandidate(portal.db);
    const visitor = portal.visitor();
    const upper = candidate.email.toUpperCase();
    const national = `0${candidate.phone.slice(3)}`.replace(/(\d{3})(\d{4})(\d{4})/, "$1-$2-$3");
    const res = await visitor.post("/register", validForm({ email: upper, emailConfirm: upper, phone: national, phoneConfirm: national }));
    expect(res.status).toBe(409);
    expect(fieldError(res.doc, "email")).toContain("既に登録されています");
    expect(fieldError(res.doc, "phone")).toContain("既に登録されています");
  });

  it("keeps what was typed (except the PIN) when it shows errors", async () => {
    const res = await portal.visitor().post("/register", validForm({ givenName: "", familyName: "<script>alert(1)</script>" }));
    expect(res.doc.querySelector('input[name="familyName"]')?.getAttribute("value")).toBe("<script>alert(1)</script>");
    expect(res.html).not.toContain("<script>alert(1)</script>");
    expect(res.doc.querySelector('input[name="pin"]')?.getAttribute("value") ?? "").toBe("");
  });

  it("makes one account when the same registration is sent twice at once", async () => {
    const visitor = portal.visitor();
    await visitor.get("/register");
    const form = validForm();
    const results = await Promise.all([visitor.post("/register", form), visitor.post("/register", form)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([303, 409]);
    expect(
      await portal.db
        .select()
        .from(candidates)
        .where(eq(candidates.email, form.email as string)),
    ).toHaveLength(1);
  });
});
