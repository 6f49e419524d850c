import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCandidate, registrationData, startTestPortal, type TestPortal, type Visitor } from "../../../test/portal.ts";
import { compareTimings, TIMED_TEST_TIMEOUT_MS, TIMING_RATIO_BOUND } from "../../../test/timing.ts";
import { maskDestination } from "../../modules/candidates/contact-details.ts";
import { messagesTo } from "../../platform/mail/outbox.ts";
import { PIN_RESETS, REGISTRATIONS } from "../rate-limits.ts";

/*
 * Account enumeration: for sign-in and PIN reset an address that has an account and one that has none must
 * read alike at every step and take about the same time. Registration says an address is taken (accepted
 * practice: the person must be told), so there the bound is the per-address throttle. The sign-in pages'
 * wording is also compared in sign-in/sign-in.int.test.ts ("no account enumeration").
 */

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal?.close());

const tried = { pageComparisons: 0, timedRequests: 0 };
afterAll(() => console.log(`enumeration: ${tried.pageComparisons} page pairs compared, ${tried.timedRequests} requests timed`));

/** A fresh hour of the clock: the per-address windows of earlier tests are behind it. */
function nextHour(): void {
  portal.clock.advance(61 * 60_000);
}

/** A page with what is bound to differ between any two visitors taken out: flow ids, CSRF tokens, the masked identifier. */
function comparable(html: string, masked: string): string {
  return html
    .replaceAll(masked, "DESTINATION")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "FLOW")
    .replace(/value="[A-Za-z0-9_-]{43}"/g, 'value="TOKEN"');
}

function expectAlike(a: string, b: string): void {
  tried.pageComparisons += 1;
  expect(a).toBe(b);
}

/** Unknown identifiers of both kinds, unique per call. */
let strangers = 0;
function stranger(kind: "email" | "sms"): string {
  strangers += 1;
  return kind === "email" ? `nobody.${strangers}.${process.pid}@example.jp` : `+8180${String(70000000 + strangers * 7919 + process.pid).slice(-8)}`;
}

/** A visitor that has been served a page (and so holds a CSRF token): only its next request is timed. */
async function browser(): Promise<Visitor> {
  const visitor = portal.visitor();
  await visitor.get("/login");
  return visitor;
}

async function startReset(visitor: Visitor, identifier: string): Promise<{ flow: string; page: string }> {
  const start = await visitor.post("/pin-reset", { identifier });
  expect(start.status, identifier).toBe(303);
  const flow = start.location!.replace(/\?.*$/, "");
  const page = await visitor.get(start.location!);
  return { flow, page: page.html };
}

describe("PIN reset: an account and no account read alike", () => {
  it.each(["email", "sms"] as const)("shows the identifier typed, masked the same way, never the account's e-mail (%s)", async (kind) => {
    nextHour();
    const who = await newCandidate(portal.db);
    const known = kind === "email" ? who.candidate.email : who.candidate.phone;
    const unknown = stranger(kind);
    const pages = [];
    for (const identifier of [known, unknown]) {
      const { page } = await startReset(portal.visitor(), identifier);
      if (kind === "sms") expect(page).not.toContain(maskDestination("email", who.candidate.email));
      pages.push(comparable(page, maskDestination(kind, identifier)));
    }
    expectAlike(pages[0]!, pages[1]!);
    // The code went to the account's e-mail all the same, and nothing to the stranger.
    expect((await messagesTo(portal.db, who.candidate.email)).map((m) => m.template)).toContain("accounts.code.pin_reset");
    expect(await messagesTo(portal.db, unknown)).toHaveLength(0);
  });

  it("says 'wait' alike for a resend within the interval, and 'too many' alike past the hourly cap", async () => {
    nextHour();
    const who = await newCandidate(portal.db);
    const answers: string[][] = [];
    for (const identifier of [who.candidate.email, stranger("email")]) {
      const visitor = portal.visitor();
      const masked = maskDestination("email", identifier);
      const seen: string[] = [];
      const { flow } = await startReset(visitor, identifier);
      const resend = await visitor.post(`${flow}/send`);
      seen.push(String(resend.status), comparable(resend.html, masked));
      // Four more requests fill the hour's five codes; the sixth is held back.
      for (let i = 0; i < 4; i++) await startReset(visitor, identifier);
      const sixth = await visitor.post("/pin-reset", { identifier });
      seen.push(sixth.location!.replace(/[0-9a-f-]{36}/, "FLOW"));
      answers.push(seen);
    }
    expect(answers[0]![0]).toBe("429");
    expect(answers[0]![2]).toBe("/pin-reset/FLOW?notice=wait");
    expectAlike(answers[0]!.join("\n"), answers[1]!.join("\n"));
  });

  it("spends the code alike after five wrong entries", async () => {
    nextHour();
    const who = await newCandidate(portal.db);
    const answers: string[] = [];
    for (const identifier of [who.candidate.email, stranger("email")]) {
      const visitor = portal.visitor();
      const { flow } = await startReset(visitor, identifier);
      const seen: string[] = [];
      for (let i = 0; i < 6; i++) {
        const wrong = await visitor.post(flow, { code: "000000", pin: "730164", pinConfirm: "730164" });
        seen.push(`${wrong.status} ${wrong.doc.querySelector("#f-code-error")?.textContent.trim()}`);
      }
      answers.push(seen.join("\n"));
    }
    expect(answers[0]).toContain("無効になりました");
    expectAlike(answers[0]!, answers[1]!);
  });

  it(
    "takes about the same time for an account and for no account, at both steps",
    async () => {
      const rounds = 80;
      const start = await compareTimings({
        rounds,
        warmUp: 3,
        prepare: async (round) => {
          // Five codes an hour per account, a hundred resets an hour per address: a fresh hour now and then.
          if (round % 20 === 0) nextHour();
          return { who: await newCandidate(portal.db), unknown: stranger("email"), browsers: [await browser(), await browser()] as const };
        },
        known: ({ who, browsers }) => browsers[0].post("/pin-reset", { identifier: who.candidate.email }),
        unknown: ({ unknown, browsers }) => browsers[1].post("/pin-reset", { identifier: unknown }),
      });
      const code = await compareTimings({
        rounds,
        warmUp: 3,
        prepare: async (round) => {
          if (round % 20 === 0) nextHour();
          const who = await newCandidate(portal.db);
          const knownVisitor = portal.visitor();
          const unknownVisitor = portal.visitor();
          return {
            known: { visitor: knownVisitor, flow: (await startReset(knownVisitor, who.candidate.email)).flow },
            unknown: { visitor: unknownVisitor, flow: (await startReset(unknownVisitor, stranger("email"))).flow },
          };
        },
        known: ({ known }) => known.visitor.post(known.flow, { code: "000000", pin: "730164", pinConfirm: "730164" }),
        unknown: ({ unknown }) => unknown.visitor.post(unknown.flow, { code: "000000", pin: "730164", pinConfirm: "730164" }),
      });
      tried.timedRequests += 2 * 2 * rounds;
      console.log(
        `PIN reset medians, known vs unknown: start ${start.knownMs.toFixed(1)} / ${start.unknownMs.toFixed(1)} ms (×${start.ratio.toFixed(2)}), ` +
          `code step ${code.knownMs.toFixed(1)} / ${code.unknownMs.toFixed(1)} ms (×${code.ratio.toFixed(2)})`,
      );
      expect(start.ratio).toBeLessThan(TIMING_RATIO_BOUND);
      expect(code.ratio).toBeLessThan(TIMING_RATIO_BOUND);
    },
    TIMED_TEST_TIMEOUT_MS,
  );
});

describe("sign-in: an account and no account take the same time", () => {
  it(
    "answers a wrong PIN for an account as slowly as a PIN for no account (argon2 runs on a decoy)",
    async () => {
      nextHour();
      const rounds = 40;
      // argon2 on two shared cores swings most: more rounds for its median.
      const pin = await compareTimings({
        rounds: 2 * rounds,
        warmUp: 3,
        prepare: async (round) => {
          if (round % 100 === 0) nextHour();
          const who = await newCandidate(portal.db);
          const flows = [];
          for (const identifier of [who.candidate.email, stranger("email")]) {
            const visitor = portal.visitor();
            const start = await visitor.post("/login", { identifier });
            flows.push({ visitor, url: start.location! });
          }
          return flows;
        },
        known: ([known]) => known!.visitor.post(known!.url, { pin: "905172" }),
        unknown: ([, unknown]) => unknown!.visitor.post(unknown!.url, { pin: "905172" }),
      });
      // Typing the identifier checks nothing, so one account serves every round.
      const who = await newCandidate(portal.db);
      // A few milliseconds each, so a scheduling hiccup weighs much: many cheap rounds.
      const start = await compareTimings({
        rounds: 4 * rounds,
        warmUp: 3,
        prepare: async () => ({ unknown: stranger("sms"), browsers: [await browser(), await browser()] as const }),
        known: ({ browsers }) => browsers[0].post("/login", { identifier: who.candidate.phone }),
        unknown: ({ unknown, browsers }) => browsers[1].post("/login", { identifier: unknown }),
      });
      tried.timedRequests += 2 * 6 * rounds;
      console.log(
        `sign-in medians, known vs unknown: identifier ${start.knownMs.toFixed(1)} / ${start.unknownMs.toFixed(1)} ms (×${start.ratio.toFixed(2)}), ` +
          `wrong PIN ${pin.knownMs.toFixed(1)} / ${pin.unknownMs.toFixed(1)} ms (×${pin.ratio.toFixed(2)})`,
      );
      expect(start.ratio).toBeLessThan(TIMING_RATIO_BOUND);
      expect(pin.ratio).toBeLessThan(TIMING_RATIO_BOUND);
    },
    TIMED_TEST_TIMEOUT_MS,
  );
});

describe("registration: says an address is taken, so one address may ask only so often", () => {
  it(`refuses the ${REGISTRATIONS.limit + 1}th registration from one address within the hour`, async () => {
    nextHour();
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    const taken = registrationData({ email: who.candidate.email });
    const form = {
      familyName: taken.familyName,
      givenName: taken.givenName,
      familyNameLatin: taken.familyNameLatin,
      givenNameLatin: taken.givenNameLatin,
      email: taken.email,
      emailConfirm: taken.email,
      phoneCountry: "JP",
      phone: "08033337001",
      phoneConfirmCountry: "JP",
      phoneConfirm: "08033337001",
      timeZone: taken.timeZone,
      pin: "730164",
      pinConfirm: "730164",
      contactConsent: "yes",
    };
    const first = await visitor.post("/register", form);
    expect(first.status).toBe(409);
    const statuses = [first.status];
    for (let i = 1; i <= REGISTRATIONS.limit; i++) statuses.push((await visitor.post("/register", { email: taken.email })).status);
    expect(statuses.slice(0, REGISTRATIONS.limit).every((s) => s !== 429)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    console.log(
      `registration: ${statuses.length} tries from one address, ${statuses.filter((s) => s === 429).length} refused (limit ${REGISTRATIONS.limit}/h)`,
    );
    // The PIN reset, which mails the account, is held the same way.
    expect(PIN_RESETS.limit).toBeLessThanOrEqual(REGISTRATIONS.limit);
  });
});
