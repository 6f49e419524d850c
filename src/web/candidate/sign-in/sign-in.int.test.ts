import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  errorSummary,
  fieldError,
  lastCodeSentTo,
  newCandidate,
  signIn,
  startTestPortal,
  type TestPortal,
  textOf,
  type Visitor,
} from "../../../../test/portal.ts";
import { startApplication } from "../../../modules/applications/application-store.ts";
import { addressThrottleKey } from "../../../modules/candidates/auth-flows.ts";
import { findJob } from "../../../modules/jobs/job-repo.ts";
import { authThrottles, sessions } from "../../../platform/db/schema.ts";
import { messagesTo } from "../../../platform/mail/outbox.ts";
import { CANDIDATE_SESSIONS } from "../../../platform/security/sessions.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal?.close());

async function toCodeStep(visitor: Visitor, who: { candidate: { email: string }; pin: string }, channel: "email" | "sms" = "email") {
  const start = await visitor.post("/login", { identifier: who.candidate.email });
  const flow = start.location!.replace(/\/pin$/, "");
  const pin = await visitor.post(`${flow}/pin`, { pin: who.pin });
  expect(pin.location).toBe(`${flow}/send`);
  const sent = await visitor.post(`${flow}/send`, { channel });
  // The first code needs no 「新しい確認コードを送信しました」: the page's heading says it was sent.
  expect(sent.location).toBe(`${flow}/code`);
  return flow;
}

describe("the sign-in page for someone new", () => {
  it("offers 「はじめての方（アカウント登録）」 beside signing in, with the same weight and the way back", async () => {
    const page = await portal.visitor().get("/login?return_to=%2Fjobs%2F230107874%2Fapply");
    const cards = page.doc.querySelectorAll(".choice-card");
    expect(cards.map((c) => textOf(c, "h2"))).toEqual(["アカウントをお持ちの方", "はじめての方（アカウント登録）"]);
    const register = cards[1]!.querySelector("a.button--primary");
    expect(register?.textContent.trim()).toBe("登録する");
    expect(register?.getAttribute("href")).toBe("/register?return_to=%2Fjobs%2F230107874%2Fapply");
    expect(cards[0]!.querySelector("button.button--primary")?.textContent.trim()).toBe("次に進む");
  });

  it("shows the way to register on the PIN page and in its error, whether or not the account exists", async () => {
    const visitor = portal.visitor();
    const start = await visitor.post("/login", { identifier: "first.time@example.jp" });
    const pin = await visitor.get(start.location!);
    expect(textOf(pin.doc, ".register-instead")).toBe(
      "まだアカウントを登録していない場合は、先にアカウント登録をしてください。 はじめての方（アカウント登録）",
    );
    const wrong = await visitor.post(start.location!, { pin: "905172" });
    expect(errorSummary(wrong.doc)).toEqual(["メールアドレス・携帯電話番号または暗証番号が正しくありません"]);
    expect(wrong.doc.querySelector(".register-instead a")?.getAttribute("href")).toMatch(/^\/register\?from=[0-9a-f-]{36}$/);
  });

  it("lands a candidate who signs in from the header on 応募した求人 once they have applied", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    expect((await signIn(portal, visitor, who)).location).toBe("/account");
    const job = await findJob(portal.db, "230107874");
    await startApplication(portal.db, { candidateId: who.candidate.id, job: job!, now: new Date() });
    const again = portal.visitor();
    expect((await signIn(portal, again, who)).location).toBe("/account/applications");
  });
});

describe("sign-in flow", () => {
  it("goes identifier → PIN → where to send → code → signed in, back where the candidate was going", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    const start = await visitor.post(`/login?return_to=${encodeURIComponent("/jobs/230107874")}`, { identifier: who.candidate.email.toUpperCase() });
    expect(start.status).toBe(303);
    const pinPage = await visitor.get(start.location!);
    expect(textOf(pinPage.doc, "h1")).toBe("暗証番号を入力します");
    expect(pinPage.doc.querySelector('input[name="pin"]')?.getAttribute("autocomplete")).toBe("current-password");
    expect(pinPage.html).toContain("暗証番号を表示");
    expect(pinPage.html).toContain("暗証番号をお忘れですか？");
    expect(pinPage.html).toContain("ログインでヘルプが必要ですか？");
    const flow = start.location!.replace(/\/pin$/, "");
    const channelPage = await visitor.follow(await visitor.post(`${flow}/pin`, { pin: who.pin }));
    expect(textOf(channelPage.doc, "legend")).toContain("確認コードはどこに送ればよいですか？");
    const codePage = await visitor.follow(await visitor.post(`${flow}/send`, { channel: "email" }));
    expect(codePage.html).toContain("この確認コードは3分で無効になります");
    expect(codePage.html).not.toContain("新しい確認コードを送信しました");
    expect(codePage.html).toContain("迷惑メール設定で「@jobs.example.jp」からのメールを受信できるようにしてください");
    expect(codePage.html).toContain("電話番号でログインします");
    expect(codePage.doc.querySelector('input[name="code"]')?.getAttribute("autocomplete")).toBe("one-time-code");
    const [mail] = await messagesTo(portal.db, who.candidate.email);
    expect(mail?.subject).toBe("お客様のサンプル商事ジョブ確認コード");
    const code = await lastCodeSentTo(portal.db, who.candidate.email);
    // The code opens the message, before any greeting, and the greeting does not assume a regular customer.
    expect(mail?.textBody.split("\n")[0]).toBe(`確認コード: ${code}`);
    expect(mail?.htmlBody?.indexOf(code)).toBeLessThan(mail?.htmlBody?.indexOf("ありがとうございます") ?? 0);
    expect(mail?.textBody).not.toContain("いつもご利用いただき");
    const done = await visitor.post(`${flow}/code`, { code });
    expect(done.status).toBe(303);
    expect(done.location).toBe("/jobs/230107874");
    const account = await visitor.get("/account");
    expect(account.status).toBe(200);
    expect(textOf(account.doc, "h1")).toBe("アカウント情報");
  });

  it("signs in with the mobile number and sends the code by SMS when asked", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    const start = await visitor.post("/login", { identifier: `0${who.candidate.phone.slice(3)}` });
    const flow = start.location!.replace(/\/pin$/, "");
    await visitor.post(`${flow}/pin`, { pin: who.pin });
    await visitor.post(`${flow}/send`, { channel: "email" });
    portal.clock.advance(31_000);
    const switched = await visitor.post(`${flow}/send`, { channel: "sms" });
    expect(switched.status).toBe(303);
    const [sms] = await messagesTo(portal.db, who.candidate.phone);
    expect(sms?.channel).toBe("sms");
    const code = sms!.textBody.match(/(\d{6})/)![1]!;
    const done = await visitor.post(`${flow}/code`, { code });
    expect(done.status).toBe(303);
  });

  it("refuses a code after 3 minutes", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    const flow = await toCodeStep(visitor, who);
    const code = await lastCodeSentTo(portal.db, who.candidate.email);
    portal.clock.advance(3 * 60_000 + 1000);
    const late = await visitor.post(`${flow}/code`, { code });
    expect(late.status).toBe(400);
    expect(fieldError(late.doc, "code")).toContain("有効期限が切れました");
    expect(await visitor.get("/account").then((r) => r.status)).toBe(303);
  });

  it("uses a code once only", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    const flow = await toCodeStep(visitor, who);
    const code = await lastCodeSentTo(portal.db, who.candidate.email);
    expect((await visitor.post(`${flow}/code`, { code })).status).toBe(303);
    const again = await visitor.post(`${flow}/code`, { code });
    expect(again.status).toBe(303);
    expect(again.location).toBe("/login?notice=expired");
  });

  it("spends a code after five wrong entries, even if the right one comes next", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    const flow = await toCodeStep(visitor, who);
    const code = await lastCodeSentTo(portal.db, who.candidate.email);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) expect((await visitor.post(`${flow}/code`, { code: wrong })).status).toBe(400);
    const right = await visitor.post(`${flow}/code`, { code });
    expect(right.status).toBe(400);
    expect(fieldError(right.doc, "code")).toContain("このコードは無効になりました");
  });

  it("only the newest code works after a resend, and resends are throttled", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    const flow = await toCodeStep(visitor, who);
    const first = await lastCodeSentTo(portal.db, who.candidate.email);
    const tooSoon = await visitor.post(`${flow}/send`, { channel: "email" });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.html).toMatch(/再送信は\d+秒後にできます/);
    portal.clock.advance(31_000);
    const resent = await visitor.post(`${flow}/send`, { channel: "email" });
    expect(resent.location).toBe(`${flow}/code?notice=sent`);
    expect((await visitor.get(resent.location!)).html).toContain("新しい確認コードを送信しました");
    const second = await lastCodeSentTo(portal.db, who.candidate.email);
    if (first !== second) expect((await visitor.post(`${flow}/code`, { code: first })).status).toBe(400);
    expect((await visitor.post(`${flow}/code`, { code: second })).status).toBe(303);
  });

  it("does not hold back a sign-in on a second device with the first device's resend wait", async () => {
    const who = await newCandidate(portal.db);
    await toCodeStep(portal.visitor(), who);
    // A moment later, on another phone: a new sign-in, not a resend.
    const phone = portal.visitor();
    const flow = await toCodeStep(phone, who);
    const code = await lastCodeSentTo(portal.db, who.candidate.email);
    expect((await phone.post(`${flow}/code`, { code })).status).toBe(303);
  });

  it("counts every device's codes towards the hourly cap of the account", async () => {
    const who = await newCandidate(portal.db);
    for (let i = 0; i < 5; i++) await toCodeStep(portal.visitor(), who);
    const visitor = portal.visitor();
    const start = await visitor.post("/login", { identifier: who.candidate.email });
    const flow = start.location!.replace(/\/pin$/, "");
    await visitor.post(`${flow}/pin`, { pin: who.pin });
    const sixth = await visitor.post(`${flow}/send`, { channel: "email" });
    expect(sixth.status).toBe(429);
    expect(sixth.html).toContain("送信回数が上限に達しました");
  });

  it("sends at most five codes an hour", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    const flow = await toCodeStep(visitor, who);
    for (let i = 0; i < 4; i++) {
      portal.clock.advance(31_000);
      expect((await visitor.post(`${flow}/send`, { channel: "email" })).status).toBe(303);
    }
    portal.clock.advance(31_000);
    const sixth = await visitor.post(`${flow}/send`, { channel: "email" });
    expect(sixth.status).toBe(429);
    expect(sixth.html).toContain("送信回数が上限に達しました");
    expect((await messagesTo(portal.db, who.candidate.email)).length).toBe(5);
  });

  it("does not let another browser continue a flow it did not start", async () => {
    const who = await newCandidate(portal.db);
    const owner = portal.visitor();
    const start = await owner.post("/login", { identifier: who.candidate.email });
    const thief = portal.visitor();
    const stolen = await thief.post(start.location!, { pin: who.pin });
    expect(stolen.location).toBe("/login?notice=expired");
  });

  it("cannot reach the code step without the PIN", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    const start = await visitor.post("/login", { identifier: who.candidate.email });
    const flow = start.location!.replace(/\/pin$/, "");
    expect((await visitor.post(`${flow}/send`, { channel: "email" })).location).toBe(`${flow}/pin`);
    expect((await visitor.get(`${flow}/code`)).location).toBe(`${flow}/pin`);
    expect(await messagesTo(portal.db, who.candidate.email)).toHaveLength(0);
  });
});

describe("PIN lockout", () => {
  it("pauses sign-in after five wrong PINs, e-mails the candidate once, and refuses even the right PIN while locked", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    const start = await visitor.post("/login", { identifier: who.candidate.email });
    for (let i = 0; i < 4; i++) {
      const wrong = await visitor.post(start.location!, { pin: "905172" });
      expect(wrong.status).toBe(400);
      expect(errorSummary(wrong.doc)).toEqual(["メールアドレス・携帯電話番号または暗証番号が正しくありません"]);
    }
    const fifth = await visitor.post(start.location!, { pin: "905172" });
    expect(fifth.status).toBe(429);
    expect(fifth.html).toContain("1分後にもう一度お試しください");
    const right = await visitor.post(start.location!, { pin: who.pin });
    expect(right.status).toBe(429);
    const mails = await messagesTo(portal.db, who.candidate.email);
    expect(mails.map((m) => m.template)).toEqual(["accounts.notice.locked"]);
    portal.clock.advance(61_000);
    expect((await visitor.post(start.location!, { pin: who.pin })).status).toBe(303);
  });

  it("holds the lock however many wrong PINs arrive at once, and checks none after it starts", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    const start = await visitor.post("/login", { identifier: who.candidate.email });
    const burst = await Promise.all(Array.from({ length: 30 }, () => visitor.post(start.location!, { pin: "905172" })));
    // Five are checked and answered "wrong" or "locked"; the rest find the lock and are refused unchecked.
    expect(burst.filter((r) => r.status === 400).length).toBeLessThanOrEqual(4);
    expect(burst.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(26);
    expect((await visitor.post(start.location!, { pin: who.pin })).status).toBe(429);
    const [throttle] = await portal.db
      .select()
      .from(authThrottles)
      .where(eq(authThrottles.key, `candidate:${who.candidate.id}`));
    expect(throttle?.consecutiveFailures).toBe(5);
    expect((await messagesTo(portal.db, who.candidate.email)).filter((m) => m.template === "accounts.notice.locked")).toHaveLength(1);
  });
});

describe("no account enumeration", () => {
  it("answers an unknown identifier exactly like a known one with a wrong PIN", async () => {
    const who = await newCandidate(portal.db);
    const pages: string[] = [];
    for (const identifier of [who.candidate.email, "nobody.here@example.jp"]) {
      const visitor = portal.visitor();
      const start = await visitor.post("/login", { identifier });
      expect(start.status).toBe(303);
      expect(start.location).toMatch(/^\/login\/[0-9a-f-]{36}\/pin$/);
      const wrong = await visitor.post(start.location!, { pin: "905172" });
      expect(wrong.status).toBe(400);
      pages.push(
        wrong.html
          .replaceAll(identifier, "IDENTIFIER")
          .replace(/[0-9a-f-]{36}/g, "FLOW")
          .replace(/value="[A-Za-z0-9_-]{43}"/g, 'value="TOKEN"'),
      );
    }
    expect(pages[0]).toBe(pages[1]);
  });

  it("locks an unknown identifier after five tries just like an account", async () => {
    const visitor = portal.visitor();
    const start = await visitor.post("/login", { identifier: "ghost@example.jp" });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await visitor.post(start.location!, { pin: "905172" })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
  });
});

describe("sessions", () => {
  it("issues a new session id at sign-in and ends it at sign-out", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    visitor.cookies.set("sid", "planted-session-id-from-an-attacker");
    await signIn(portal, visitor, who);
    const sid = visitor.cookies.get("sid");
    expect(sid).toBeDefined();
    expect(sid).not.toBe("planted-session-id-from-an-attacker");
    expect(sid!.length).toBeGreaterThanOrEqual(43);
    const stored = await portal.db.select().from(sessions).where(eq(sessions.principalId, who.candidate.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.idHash).not.toBe(sid);
    const out = await visitor.post("/logout");
    expect(out.location).toBe("/login?notice=signedOut");
    expect(await portal.db.select().from(sessions).where(eq(sessions.principalId, who.candidate.id))).toHaveLength(0);
    visitor.cookies.set("sid", sid!);
    expect((await visitor.get("/account")).status).toBe(303);
  });

  it("ends a session after 30 idle minutes", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    await signIn(portal, visitor, who);
    expect((await visitor.get("/account")).status).toBe(200);
    portal.clock.advance(31 * 60_000);
    expect((await visitor.get("/account")).status).toBe(303);
  });

  it("ends a session 12 hours after sign-in however busy it has been", async () => {
    // A portal of its own: its clock moves half a day, which no other test here expects.
    const own = await startTestPortal();
    try {
      const who = await newCandidate(own.db);
      const visitor = own.visitor();
      await signIn(own, visitor, who);
      const signedInAt = own.clock.now().getTime();
      // A page every 25 minutes keeps the session from ever going idle.
      while (own.clock.now().getTime() + 25 * 60_000 < signedInAt + CANDIDATE_SESSIONS.absoluteMs) {
        own.clock.advance(25 * 60_000);
        expect((await visitor.get("/account")).status).toBe(200);
      }
      own.clock.advance(25 * 60_000);
      const after = await visitor.get("/account");
      expect(after.location).toBe("/login?return_to=%2Faccount");
      expect(visitor.cookies.has("sid")).toBe(false);
    } finally {
      await own.close();
    }
  });

  it("sets the session cookie HttpOnly and SameSite=Lax", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    const start = await visitor.post("/login", { identifier: who.candidate.email });
    const flow = start.location!.replace(/\/pin$/, "");
    await visitor.post(`${flow}/pin`, { pin: who.pin });
    await visitor.post(`${flow}/send`, { channel: "email" });
    const done = await visitor.post(`${flow}/code`, { code: await lastCodeSentTo(portal.db, who.candidate.email) });
    const cookie = ([] as string[]).concat(done.headers["set-cookie"] as string[]).find((c) => c.startsWith("sid="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });
});

describe("CSRF", () => {
  it("refuses a form post without the token, or with another browser's token", async () => {
    const visitor = portal.visitor();
    await visitor.get("/login");
    const none = await visitor.request("POST", "/login", { identifier: "a@example.jp" });
    expect(none.status).toBe(403);
    expect(textOf(none.doc, "h1")).toBe("ページの有効期限が切れました");
    const other = portal.visitor();
    await other.get("/login");
    const foreign = await visitor.request("POST", "/login", { identifier: "a@example.jp", _csrf: other.csrf! });
    expect(foreign.status).toBe(403);
  });
});

describe("return address", () => {
  it.each(["https://evil.example/", "//evil.example/x", "/\\evil.example"])("never sends the candidate off-site (%s)", async (target) => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    const done = await signIn(portal, visitor, who, target);
    expect(done.location).toBe("/account");
  });
});

describe("the client's address behind a proxy", () => {
  /** Sends one wrong PIN through a proxy that says the client is `forwardedFor`; answers the addresses it was counted against. */
  async function countedAgainst(proxied: TestPortal, forwardedFor: string): Promise<string[]> {
    const visitor = proxied.visitor();
    const pinUrl = (await visitor.post("/login", { identifier: "behind.proxy@example.jp" })).location!;
    await visitor.request("POST", pinUrl, { _csrf: visitor.csrf!, pin: "905172" }, { "x-forwarded-for": forwardedFor });
    const keys = new Set((await proxied.db.select({ key: authThrottles.key }).from(authThrottles)).map((r) => r.key));
    return ["127.0.0.1", "198.51.100.7", "203.0.113.9"].filter((address) => keys.has(addressThrottleKey(proxied.config, address)));
  }

  it("is the connection's own address unless TRUST_PROXY names a proxy", async () => {
    expect(await countedAgainst(portal, "198.51.100.7, 203.0.113.9")).toEqual(["127.0.0.1"]);
  });

  it("is the address the nearest hops name, with TRUST_PROXY as a hop count, never one the client wrote before them", async () => {
    const behindOne = await startTestPortal({ env: { TRUST_PROXY: "1" } });
    try {
      // The client wrote 198.51.100.7 itself; the one proxy in front of the portal appended the address it saw.
      expect(await countedAgainst(behindOne, "198.51.100.7, 203.0.113.9")).toEqual(["203.0.113.9"]);
    } finally {
      await behindOne.close();
    }
  });
});
