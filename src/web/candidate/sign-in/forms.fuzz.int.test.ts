import { inArray } from "drizzle-orm";
import fc from "fast-check";
import { type HTMLElement, parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asSentInUtf8,
  BODY_LIMIT_BYTES,
  type EncodedBody,
  encodeSubmission,
  fieldsOf,
  hostileText,
  malformedEscape,
  malformedUrlencoded,
  overlongSegment,
  SCRIPT_PAYLOADS,
  type Submission,
  submissionOf,
  urlEncoded,
  uuidLookalike,
} from "../../../../test/hostile-input.ts";
import { collapse, pageChecks } from "../../../../test/page-checks.ts";
import { newCandidate, registrationData, signIn, startTestPortal, type TestPortal, type Visitor } from "../../../../test/portal.ts";
import { type Candidate, candidates } from "../../../modules/candidates/schema.ts";
import type { Locale } from "../../../platform/i18n/catalogue.ts";
import { normaliseText } from "../../../platform/text/japanese-input.ts";

/*
 * QUALITY.md, Reliability, "Bad input": every form and endpoint of accounts, language and jobs, fed random and
 * hostile input, answers 4xx with a clear message in the page's language (or goes on as a valid submission
 * would), never 5xx; nothing a candidate saved before is lost or changed; nothing it reflects runs as markup.
 */

const RUN_TIMEOUT_MS = 60_000;

let portal: TestPortal;

type Person = { candidate: Candidate; pin: string };
/** Accounts that existed before the hostile input, with the row each must still have. */
const saved: { who: Person; expected: Candidate }[] = [];
/** Signed in before the runs; every form behind sign-in is attacked from this browser. */
let keeper: Person;
let keeperBrowser: Visitor;
/** Halfway through signing in: PIN given, the code step ahead. */
let traveller: Person;
let travellerBrowser: Visitor;
let travellerFlow: string;
/** A PIN reset and a contact change of the keeper's, each waiting for its code. */
let resetBrowser: Visitor;
let resetFlow: string;
let contactFlow: string;

const locale = fc.constantFrom<Locale>("ja", "ja", "en");

// ---- Talking to the portal ---------------------------------------------------------------------

type Answer = { status: number; location: string | undefined; contentType: string; html: string; doc: HTMLElement; sent: EncodedBody };

/** One request from a browser, in a language: cookies kept as a browser keeps them, Japanese unless asked otherwise. */
async function send(
  browser: Visitor,
  method: "GET" | "POST",
  url: string,
  language: Locale,
  body: EncodedBody = { contentType: undefined, payload: undefined },
) {
  const headers: Record<string, string> = {};
  if (browser.cookies.size > 0) headers.cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  if (language === "en") headers["accept-language"] = "en-GB,en;q=0.9";
  if (body.contentType) headers["content-type"] = body.contentType;
  const res = await portal.app.inject({ method, url, headers, ...(body.payload !== undefined ? { payload: body.payload } : {}) });
  for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
    const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === "";
    if (expired) browser.cookies.delete(c.name);
    else browser.cookies.set(c.name, c.value);
  }
  const doc = parse(res.body);
  const token = doc.querySelector('input[name="_csrf"]')?.getAttribute("value");
  if (token) browser.csrf = token;
  return {
    status: res.statusCode,
    location: res.headers.location as string | undefined,
    contentType: String(res.headers["content-type"] ?? ""),
    html: res.body,
    doc,
    sent: body,
  } satisfies Answer;
}

/** Submits a form as the submission says: its encoding, its CSRF field, its damaged fields. */
function submit(browser: Visitor, url: string, language: Locale, submission: Submission, valid: Record<string, string>) {
  return send(browser, "POST", url, language, encodeSubmission(submission, fieldsOf(submission, valid), browser.csrf ?? ""));
}

async function freshBrowser(): Promise<Visitor> {
  const browser = portal.visitor();
  await browser.get("/login");
  return browser;
}

// ---- What a user would check -------------------------------------------------------------------

const { refusalMessages, expectAnsweredWell } = pageChecks();

/**
 * The status a submission must get before the route even looks at it: over the body limit 413; a body the
 * portal does not read (text, multipart, none) or a missing/wrong token 403 (or 400/415 for a type it refuses).
 * With a right token and a readable body the route decides, and it must not be a CSRF refusal.
 */
function expectGatekeeping(answer: Answer, submission: Submission): void {
  const bytes = Buffer.byteLength(answer.sent.payload ?? "");
  const shown = `${answer.status} (${submission.encoding}, csrf ${submission.csrf.kind}, ${bytes} bytes)`;
  if (bytes > BODY_LIMIT_BYTES && submission.encoding !== "multipart") {
    expect(answer.status, shown).toBe(413);
    expect(collapse(answer.doc.querySelector("h1")?.textContent ?? "")).toMatch(/送信内容が大きすぎます|What you sent is too large/);
    return;
  }
  if (submission.encoding === "multipart") {
    expect(answer.status, shown).toBeGreaterThanOrEqual(400);
    return;
  }
  const readable = submission.encoding === "form" || submission.encoding === "json" || submission.encoding === "malformed";
  if (!readable || submission.csrf.kind !== "valid") {
    // A JSON body with a `__proto__` key is refused by the parser before the token is looked at.
    if (submission.encoding === "json" && answer.status === 400) return;
    expect(answer.status, shown).toBe(403);
    expect(collapse(answer.doc.querySelector("h1")?.textContent ?? "")).toMatch(/ページの有効期限が切れました|This page has expired/);
    return;
  }
  expect(answer.status, shown).not.toBe(403);
}

async function savedRows(): Promise<Map<string, Candidate>> {
  const rows = await portal.db
    .select()
    .from(candidates)
    .where(
      inArray(
        candidates.id,
        saved.map((s) => s.who.candidate.id),
      ),
    );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Every account saved before the runs is exactly as it was (or as the last valid change left it). */
async function expectSavedAccountsIntact(): Promise<void> {
  const rows = await savedRows();
  for (const { expected } of saved) expect(rows.get(expected.id), `account ${expected.email} changed`).toEqual(expected);
}

/** A property over the portal: bounded runs, the saved accounts checked after every run. */
async function check<T>(arbitrary: fc.Arbitrary<T>, run: (value: T) => Promise<void>, options: { numRuns: number; examples?: NoInfer<T>[] }) {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      await run(value);
      await expectSavedAccountsIntact();
    }),
    { numRuns: options.numRuns, ...(options.examples ? { examples: options.examples.map((e) => [e] as [T]) } : {}) },
  );
}

// ---- Plausible values, so that damage to one field lets the others reach the route's own checks ----

const pinLike = fc.constantFrom("905172", "９０５１７２", "905-172", " 905172 ", "90517", "9051720", "482915", "４８２９１５", "４８２－９１５");
const codeLike = fc.constantFrom("000000", "０００００１", "000-001", "00000", "0000000", " 123456 ", "12 34 56");
const emailLike = fc.oneof(fc.emailAddress(), fc.constantFrom("Hanako@Example.JP", "ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ", "a@b", "a@@b.jp", "a..b@example.jp"));
const phoneLike = fc.constantFrom(
  "090-1234-5678",
  "０９０－１２３４－５６７８",
  "09012345678",
  "+81 90 1234 5678",
  "(090) 1234 5678",
  "0312345678",
  "12",
  "+1 202 555 0143",
);
const returnAddress = fc.oneof(
  fc.constantFrom("/jobs/230107874", "/account", "//evil.example/x", "https://evil.example/", "/\\evil.example", "/jobs?x=1#top"),
  hostileText.filter((t) => t.length < 600),
);

beforeAll(async () => {
  portal = await startTestPortal();

  // Numbers fixed here rather than taken from registrationData, whose numbers are not all valid JP mobiles.
  keeper = await newCandidate(portal.db, { phone: "+817011112222" });
  keeperBrowser = portal.visitor();
  expect((await signIn(portal, keeperBrowser, keeper)).location).toBe("/account");

  traveller = await newCandidate(portal.db, { phone: "+817011113333" });
  travellerBrowser = portal.visitor();
  const start = await travellerBrowser.post("/login", { identifier: traveller.candidate.email });
  travellerFlow = start.location!.replace(/\/pin$/, "");
  expect((await travellerBrowser.post(`${travellerFlow}/pin`, { pin: traveller.pin })).location).toBe(`${travellerFlow}/send`);

  // Codes for one account go out at most every 30 s: move on so the reset and the contact change each send theirs.
  portal.clock.advance(31_000);
  resetBrowser = await freshBrowser();
  resetFlow = (await resetBrowser.post("/pin-reset", { identifier: keeper.candidate.email })).location!;
  expect(resetFlow).toMatch(/^\/pin-reset\/[0-9a-f-]{36}$/);
  portal.clock.advance(31_000);
  contactFlow = (await keeperBrowser.post("/account/contact?kind=email", { email: "keeper.next@example.jp", pin: keeper.pin })).location!;
  expect(contactFlow).toMatch(/^\/account\/contact\/[0-9a-f-]{36}$/);

  const rows = await portal.db.select().from(candidates);
  for (const who of [keeper, traveller]) saved.push({ who, expected: rows.find((r) => r.id === who.candidate.id)! });
});
afterAll(() => portal?.close());

// ---- Forms ---------------------------------------------------------------------------------------

describe("アカウントの作成 (POST /register) under hostile input", () => {
  const shape = {
    givenName: fc.constantFrom("花子", "ﾊﾅｺ", "𠮷子", "Ａｎｎｅ", "a".repeat(41)),
    familyName: fc.constantFrom("山田", "髙橋", "ヤマダ"),
    givenNameLatin: fc.constantFrom("Hanako", "Anne-Marie", "O'Brien", "ＨＡＮＡＫＯ", "Hanako1", "花子"),
    familyNameLatin: fc.constantFrom("Yamada", "van der Berg", "Ｙａｍａｄａ"),
    email: emailLike,
    emailConfirm: emailLike,
    phoneCountry: fc.constantFrom("JP", "US", "jp", "XX"),
    phone: phoneLike,
    phoneConfirmCountry: fc.constantFrom("JP", "US"),
    phoneConfirm: phoneLike,
    timeZone: fc.constantFrom("Asia/Tokyo", "Europe/London", "Asia/Pyongyang", "UTC"),
    pin: pinLike,
    pinConfirm: pinLike,
    contactConsent: fc.constantFrom("yes", "no", "YES", "on"),
  };
  const input = fc.record({
    submission: submissionOf(shape, 6),
    // Someone else tries to register with the saved account's own address or number, as people type them.
    takeover: fc.constantFrom(null, null, null, "email", "phone"),
    returnTo: fc.option(returnAddress, { freq: 4 }),
    language: locale,
  });
  let registrations = 0;

  it(
    "answers every registration 303, 400 or 409 in the page's language and never touches the saved account",
    async () => {
      const browser = await freshBrowser();
      await check(
        input,
        async ({ submission, takeover, returnTo, language }) => {
          const data = registrationData();
          const national = `０${keeper.candidate.phone.slice(3)}`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
          const email = takeover === "email" ? keeper.candidate.email.toUpperCase() : data.email;
          registrations += 1;
          const phone = takeover === "phone" ? national : `080${20_000_000 + registrations}`;
          const valid = {
            givenName: data.givenName,
            familyName: data.familyName,
            givenNameLatin: data.givenNameLatin,
            familyNameLatin: data.familyNameLatin,
            email,
            emailConfirm: email,
            phoneCountry: "JP",
            phone,
            phoneConfirmCountry: "JP",
            phoneConfirm: phone,
            timeZone: "Asia/Tokyo",
            pin: "482915",
            pinConfirm: "482915",
            contactConsent: "yes",
          };
          const url = returnTo === null ? "/register" : `/register?return_to=${urlEncoded(returnTo)}`;
          const answer = await submit(browser, url, language, submission, valid);
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status < 400) expect(answer.location).toMatch(/^\/login\/[0-9a-f-]{36}\/pin\?notice=registered$/);
          // An otherwise valid form that reaches the route with the saved account's address or number is told it is taken.
          const reachesRoute =
            submission.csrf.kind === "valid" && submission.encoding === "form" && Buffer.byteLength(answer.sent.payload ?? "") <= BODY_LIMIT_BYTES;
          if (takeover && reachesRoute && Object.keys(submission.damage).length === 0) {
            expect(answer.status, refusalMessages(answer, language).join(" / ")).toBe(409);
          }
        },
        { numRuns: 50 },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

describe("ログイン (POST /login and the PIN step) under hostile input", () => {
  it(
    "refuses a bad identifier with a message, and goes on to the PIN step for any well-formed one",
    async () => {
      const browser = await freshBrowser();
      const input = fc.record({
        submission: submissionOf({ identifier: fc.oneof(emailLike, phoneLike, fc.constant(keeper.candidate.email.toUpperCase())) }, 1),
        returnTo: fc.option(returnAddress, { freq: 3 }),
        language: locale,
      });
      await check(
        input,
        async ({ submission, returnTo, language }) => {
          const url = returnTo === null ? "/login" : `/login?return_to=${urlEncoded(returnTo)}`;
          const answer = await submit(browser, url, language, submission, { identifier: `stranger.${Date.now()}@example.jp` });
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status === 303) {
            expect(answer.location).toMatch(/^\/login\/[0-9a-f-]{36}\/pin$/);
            // The PIN step shows the identifier back: escaped, in the same language.
            expectAnsweredWell(await send(browser, "GET", answer.location!, language), language);
          }
        },
        { numRuns: 50 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "refuses a bad PIN with a message (or a lock), for the saved account and for unknown ones alike",
    async () => {
      const browser = await freshBrowser();
      const input = fc.record({ submission: submissionOf({ pin: pinLike }, 1), whose: fc.constantFrom("stranger", "stranger", "keeper"), language: locale });
      let n = 0;
      await check(
        input,
        async ({ submission, whose, language }) => {
          n += 1;
          const identifier = whose === "keeper" ? keeper.candidate.email : `stranger.${n}.${Date.now()}@example.jp`;
          const start = await send(
            browser,
            "POST",
            "/login",
            "ja",
            encodeSubmission({ encoding: "form", csrf: { kind: "valid" }, junk: "" }, { identifier }, browser.csrf!),
          );
          const flow = start.location!.replace(/\/pin$/, "");
          const answer = await submit(browser, `${flow}/pin`, language, submission, { pin: "905172" });
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status === 303) expect(answer.location).toBe(`${flow}/send`);
        },
        { numRuns: 40 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "refuses a bad choice of where to send the code, then bad codes, without signing anyone in",
    async () => {
      const channel = fc.record({
        submission: submissionOf({ channel: fc.constantFrom("email", "sms", "EMAIL", "post", "email ") }, 1),
        language: locale,
      });
      await check(
        channel,
        async ({ submission, language }) => {
          const answer = await submit(travellerBrowser, `${travellerFlow}/send`, language, submission, { channel: "email" });
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status === 303) expect([`${travellerFlow}/code`, `${travellerFlow}/code?notice=sent`]).toContain(answer.location);
        },
        { numRuns: 30 },
      );
      // Whatever happened above, one valid choice puts the flow at the code step (or it is already there).
      await travellerBrowser.post(`${travellerFlow}/send`, { channel: "email" });
      const code = fc.record({ submission: submissionOf({ code: codeLike }, 1), language: locale });
      await check(
        code,
        async ({ submission, language }) => {
          const answer = await submit(travellerBrowser, `${travellerFlow}/code`, language, submission, { code: "000000" });
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          expect(travellerBrowser.cookies.has("sid"), "signed in without the code").toBe(false);
        },
        { numRuns: 40 },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

describe("暗証番号の再設定 (POST /pin-reset…) under hostile input", () => {
  it(
    "refuses a bad identifier with a message and goes on for any well-formed one",
    async () => {
      const browser = await freshBrowser();
      const input = fc.record({ submission: submissionOf({ identifier: fc.oneof(emailLike, phoneLike) }, 1), language: locale });
      await check(
        input,
        async ({ submission, language }) => {
          const answer = await submit(browser, "/pin-reset", language, submission, { identifier: `stranger.${Date.now()}@example.jp` });
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status === 303) expect(answer.location).toMatch(/^\/pin-reset\/[0-9a-f-]{36}$/);
        },
        { numRuns: 40 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "never sets a new PIN without the right code, whatever is sent as code, PIN and confirmation",
    async () => {
      const input = fc.record({
        submission: submissionOf({ code: codeLike, pin: fc.constantFrom("739146", "７３９１４６", "111111", "123456", "73914"), pinConfirm: pinLike }, 2),
        language: locale,
      });
      await check(
        input,
        async ({ submission, language }) => {
          const answer = await submit(resetBrowser, resetFlow, language, submission, { code: "000000", pin: "739146", pinConfirm: "739146" });
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          expect(answer.location ?? "").not.toBe("/login?notice=pinReset");
        },
        { numRuns: 40 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "answers a resend request of any shape with a redirect or a clear refusal",
    async () => {
      const input = fc.record({ submission: submissionOf({}), language: locale });
      await check(
        input,
        async ({ submission, language }) => {
          const answer = await submit(resetBrowser, `${resetFlow}/send`, language, submission, {});
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
        },
        { numRuns: 30 },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

describe("アカウント情報 (POST /account, /account/contact…) under hostile input", () => {
  it(
    "saves names and time zone only when they are valid, exactly as normalised, and refuses the rest with a message",
    async () => {
      const shape = {
        givenName: fc.constantFrom("花子", "ﾊﾅｺ", "Ｈａｎａｋｏ", " 花子\u3000", "a".repeat(41), ...SCRIPT_PAYLOADS),
        familyName: fc.constantFrom("山田", "髙橋", "ヤマダ"),
        givenNameLatin: fc.constantFrom("Hanako", "ＨＡＮＡＫＯ", "Anne-Marie", "Hanako1", "花子"),
        familyNameLatin: fc.constantFrom("Yamada", "O'Neil", "Ｙａｍａｄａ"),
        timeZone: fc.constantFrom("Asia/Tokyo", "Europe/London", "UTC", "asia/tokyo"),
      };
      const input = fc.record({ submission: submissionOf(shape, 3), language: locale });
      const keeperEntry = saved.find((s) => s.who === keeper)!;
      await check(
        input,
        async ({ submission, language }) => {
          const valid = { givenName: "花子", familyName: "山田", givenNameLatin: "Hanako", familyNameLatin: "Yamada", timeZone: "Asia/Tokyo" };
          const answer = await submit(keeperBrowser, "/account", language, submission, valid);
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status === 303) {
            expect(answer.location).toBe("/account?notice=saved");
            // A valid change: what is stored is what was typed, normalised (NFKC, trimmed, no control characters).
            const sent = fieldsOf(submission, valid);
            const stored = (await savedRows()).get(keeper.candidate.id)!;
            const profile = {
              givenName: asSentInUtf8(normaliseText(String(sent.givenName))),
              familyName: asSentInUtf8(normaliseText(String(sent.familyName))),
              givenNameLatin: asSentInUtf8(normaliseText(String(sent.givenNameLatin))),
              familyNameLatin: asSentInUtf8(normaliseText(String(sent.familyNameLatin))),
              timeZone: String(sent.timeZone),
            };
            keeperEntry.expected = { ...keeperEntry.expected, ...profile, updatedAt: stored.updatedAt };
            // The new names appear on the next page, escaped.
            expectAnsweredWell(await send(keeperBrowser, "GET", "/account?notice=saved", language), language);
          }
        },
        { numRuns: 40 },
      );
      expect((await send(keeperBrowser, "GET", "/account", "ja")).status, "the candidate was signed out").toBe(200);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "never changes e-mail or phone from the first step of a change, whatever is sent, and explains every refusal",
    async () => {
      const shape = {
        email: emailLike,
        phone: phoneLike,
        phoneCountry: fc.constantFrom("JP", "US", "XX", ""),
        pin: fc.constantFrom(keeper.pin, "４８２９１５", "905172", "４８２－９１５"),
      };
      const input = fc.record({
        submission: submissionOf(shape, 2),
        kind: fc.oneof(
          fc.constantFrom("email", "phone", "PHONE"),
          hostileText.filter((t) => t.length < 300),
        ),
        language: locale,
      });
      await check(
        input,
        async ({ submission, kind, language }) => {
          const valid = { email: "keeper.other@example.jp", phone: "080-2345-6789", phoneCountry: "JP", pin: keeper.pin };
          const answer = await submit(keeperBrowser, `/account/contact?kind=${urlEncoded(kind)}`, language, submission, valid);
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status === 303) expect(answer.location).toMatch(/^\/account\/contact\/[0-9a-f-]{36}$/);
        },
        { numRuns: 40 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "never changes the address without the code sent to it, and answers resend requests of any shape",
    async () => {
      const code = fc.record({ submission: submissionOf({ code: codeLike }, 1), language: locale });
      await check(
        code,
        async ({ submission, language }) => {
          const answer = await submit(keeperBrowser, contactFlow, language, submission, { code: "000000" });
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
        },
        { numRuns: 40 },
      );
      const resend = fc.record({ submission: submissionOf({}), language: locale });
      await check(
        resend,
        async ({ submission, language }) => {
          const answer = await submit(keeperBrowser, `${contactFlow}/send`, language, submission, {});
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
        },
        { numRuns: 20 },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

describe("language menu and sign-out under hostile input", () => {
  it(
    "POST /language: switches to ja or en and returns to a page of this site, whatever is sent",
    async () => {
      const browser = await freshBrowser();
      const input = fc.record({
        submission: submissionOf({ locale: fc.constantFrom("ja", "en", "EN", "fr", "en-US"), back: returnAddress }, 1),
        language: locale,
      });
      await check(
        input,
        async ({ submission, language }) => {
          browser.cookies.delete("lang");
          const answer = await submit(browser, "/language", language, submission, { locale: "en", back: "/jobs" });
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status === 303) expect(["ja", "en"]).toContain(browser.cookies.get("lang"));
          browser.cookies.delete("lang");
        },
        // A path in Japanese, as a client that does not percent-encode (or a crafted form) sends it back.
        {
          numRuns: 40,
          examples: [{ submission: { damage: { back: "/求人" }, extra: {}, encoding: "form", csrf: { kind: "valid" }, junk: "" }, language: "ja" }],
        },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "POST /logout: signs out only with the form's token, and never fails on a strange session cookie",
    async () => {
      const input = fc.record({
        submission: submissionOf({}),
        sid: fc.option(fc.stringMatching(/^[\x21-\x3a\x3c-\x7e]{0,150}$/), { freq: 3 }),
        language: locale,
      });
      await check(
        input,
        async ({ submission, sid, language }) => {
          // A refused sign-out is tried on the signed-in candidate: it must leave them signed in.
          const refused = submission.csrf.kind !== "valid";
          const browser = refused ? keeperBrowser : await freshBrowser();
          if (!refused && sid !== null) browser.cookies.set("sid", sid);
          const answer = await submit(browser, "/logout", language, submission, {});
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (refused) expect((await send(keeperBrowser, "GET", "/account", language)).status, "signed out by a forged request").toBe(200);
          else if (answer.status === 303) expect(answer.location).toBe("/login?notice=signedOut");
        },
        { numRuns: 40 },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

// ---- Addresses: ids in the path and query strings -------------------------------------------------

const flowPages = (id: string) => [`/login/${id}/pin`, `/login/${id}/send`, `/login/${id}/code`, `/pin-reset/${id}`, `/account/contact/${id}`];

describe("random ids in the path", () => {
  it(
    "GET /jobs/:id and the flow pages: any id gives a page, a redirect or a clear 404, never a failure",
    async () => {
      const id = fc.oneof(
        fc.uuid(),
        fc.stringMatching(/^\d{1,25}$/),
        hostileText.map(urlEncoded).filter((s) => s.length > 0 && s.length <= 200),
      );
      const input = fc.record({ id, page: fc.nat(5), language: locale });
      await check(
        input,
        async ({ id, page, language }) => {
          const url = page === 5 ? `/jobs/${id}` : flowPages(id)[page]!;
          expectAnsweredWell(await send(keeperBrowser, "GET", url, language), language);
        },
        { numRuns: 60 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "a flow id with a UUID's characters and length that is not a UUID is an unknown flow, not a failure",
    async () => {
      const input = fc.record({ id: uuidLookalike, page: fc.nat(4), post: fc.boolean(), language: locale });
      await check(
        input,
        async ({ id, page, post, language }) => {
          const url = flowPages(id)[page]!;
          const answer = post
            ? await send(
                keeperBrowser,
                "POST",
                url,
                language,
                encodeSubmission({ encoding: "form", csrf: { kind: "valid" }, junk: "" }, { pin: "905172" }, keeperBrowser.csrf!),
              )
            : await send(keeperBrowser, "GET", url, language);
          expectAnsweredWell(answer, language);
        },
        { numRuns: 30, examples: [{ id: "-".repeat(36), page: 0, post: false, language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "a malformed escape in the path gets the portal's own 400 page in the page's language",
    async () => {
      const input = fc.record({ segment: malformedEscape, page: fc.nat(5), language: locale });
      await check(
        input,
        async ({ segment, page, language }) => {
          const url = page === 5 ? `/jobs/${segment}` : flowPages(segment)[page]!;
          expectAnsweredWell(await send(keeperBrowser, "GET", url, language), language);
        },
        { numRuns: 30, examples: [{ segment: "%zz", page: 5, language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "an id far longer than any real one gets the portal's own 4xx page in the page's language",
    async () => {
      const input = fc.record({ segment: overlongSegment, page: fc.nat(5), language: locale });
      await check(
        input,
        async ({ segment, page, language }) => {
          const url = page === 5 ? `/jobs/${segment}` : flowPages(segment)[page]!;
          expectAnsweredWell(await send(keeperBrowser, "GET", url, language), language);
        },
        { numRuns: 30, examples: [{ segment: "7".repeat(201), page: 5, language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

describe("random query strings", () => {
  const query = (pairs: [string, string | null][]) =>
    pairs
      .filter((p): p is [string, string] => p[1] !== null)
      .map(([k, v]) => `${k}=${urlEncoded(v)}`)
      .join("&");

  it(
    "return_to, kind and junk in the query of the sign-in, registration and account pages",
    async () => {
      const anonymous = await freshBrowser();
      const flow = (await anonymous.post("/login", { identifier: "stranger.query@example.jp" })).location!;
      const input = fc.record({
        returnTo: fc.option(returnAddress, { freq: 4 }),
        kind: fc.option(
          fc.oneof(
            fc.constantFrom("email", "phone"),
            hostileText.filter((t) => t.length < 300),
          ),
          { freq: 4 },
        ),
        junk: fc.option(malformedUrlencoded, { freq: 3 }),
        page: fc.constantFrom("/login", "/register", "/pin-reset", flow, "/account", "/account/contact", "/jobs"),
        language: locale,
      });
      await check(
        input,
        async ({ returnTo, kind, junk, page, language }) => {
          const browser = page.startsWith("/account") ? keeperBrowser : anonymous;
          const search = [
            query([
              ["return_to", returnTo],
              ["kind", kind],
            ]),
            junk,
          ]
            .filter(Boolean)
            .join("&");
          expectAnsweredWell(await send(browser, "GET", search ? `${page}?${search}` : page, language), language);
        },
        { numRuns: 50 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "a notice name in the query shows its own sentence or nothing, never an empty or foreign notice",
    async () => {
      const anonymous = await freshBrowser();
      const input = fc.record({
        notice: fc.oneof(
          fc.constantFrom(
            "registered",
            "expired",
            "signedOut",
            "pinReset",
            "saved",
            "contactChanged",
            "sent",
            "toString",
            "constructor",
            "__proto__",
            "valueOf",
          ),
          hostileText.filter((t) => t.length < 300),
        ),
        page: fc.constantFrom("/login", "/account"),
        language: locale,
      });
      await check(
        input,
        async ({ notice, page, language }) => {
          const browser = page === "/account" ? keeperBrowser : anonymous;
          expectAnsweredWell(await send(browser, "GET", `${page}?notice=${urlEncoded(notice)}`, language), language);
        },
        { numRuns: 40, examples: [{ notice: "toString", page: "/login", language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "a signed-in candidate who opens a sign-in link is sent on to its return address, whatever it holds",
    async () => {
      await check(
        fc.record({ returnTo: returnAddress, language: locale }),
        async ({ returnTo, language }) => {
          expectAnsweredWell(await send(keeperBrowser, "GET", `/login?return_to=${urlEncoded(returnTo)}`, language), language);
        },
        { numRuns: 30, examples: [{ returnTo: "/求人/営業", language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "a return address carried through the whole sign-in ends in a redirect on this site, whatever it holds",
    async () => {
      await check(
        returnAddress,
        async (returnTo) => {
          const who = await newCandidate(portal.db);
          const browser = await freshBrowser();
          const done = await signIn(portal, browser, who, returnTo);
          expectAnsweredWell({ ...done, contentType: String(done.headers["content-type"] ?? "") }, "ja");
        },
        { numRuns: 15, examples: ["/求人/営業"] },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

// ---- After everything -----------------------------------------------------------------------------

describe("after all the hostile input", () => {
  it(
    "every account saved before is unchanged (or as its last valid change left it), still signed in, and its PIN still signs in",
    async () => {
      await expectSavedAccountsIntact();
      expect((await send(keeperBrowser, "GET", "/account", "ja")).status).toBe(200);
      // Wrong PINs above may have locked the accounts for up to an hour; a lock is not a lost PIN.
      portal.clock.advance(2 * 60 * 60_000);
      for (const { who, expected } of saved) {
        const browser = portal.visitor();
        const done = await signIn(portal, browser, { candidate: expected, pin: who.pin });
        expect(done.status, `${expected.email} cannot sign in with the PIN saved before`).toBe(303);
        expect(done.location).toBe("/account");
      }
    },
    RUN_TIMEOUT_MS,
  );
});
