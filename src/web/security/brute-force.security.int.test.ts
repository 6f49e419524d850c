import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCandidate, startTestPortal, type TestPortal, Visitor } from "../../../test/portal.ts";
import { CODE_MAX_FAILURES, CODES_PER_HOUR, LOCK_NOTICE_WINDOW_MS } from "../../modules/candidates/auth-flows.ts";
import { oneTimeCodes } from "../../modules/candidates/schema.ts";
import { ACCOUNT_POLICY, CANDIDATE_ADDRESS_POLICY } from "../../modules/throttles/throttle-policy.ts";
import { authThrottles } from "../../platform/db/schema.ts";
import { messagesTo } from "../../platform/mail/outbox.ts";
import { PIN_RESETS, SIGN_IN_STARTS } from "../rate-limits.ts";

/*
 * How many PINs and codes one attacker can try in an hour, driven through the real routes with the clock
 * moved on in steps, every step a burst of parallel guesses. QUALITY.md: never more than 10 wrong PINs an
 * hour per account; five wrong entries per code and five codes an hour.
 */

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal?.close());

const HOUR = 60 * 60_000;
const STEP = 30_000;
const BURST = 8;
const tried = { pinGuesses: 0, codeGuesses: 0, starts: 0 };
afterAll(() => console.log(`brute force: ${tried.pinGuesses} PIN guesses, ${tried.codeGuesses} code guesses, ${tried.starts} flow starts sent`));

/** A sign-in flow's PIN page for an identifier, opened afresh whenever the last one has expired. */
async function pinPage(visitor: Visitor, identifier: string): Promise<string> {
  tried.starts += 1;
  const start = await visitor.post("/login", { identifier });
  return start.location!;
}

describe("PIN guesses against one account", () => {
  it(`checks at most ${ACCOUNT_POLICY.hourlyCap} in an hour of parallel bursts every ${STEP / 1000} s`, async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    let url = await pinPage(visitor, who.candidate.email);
    const began = portal.clock.now().getTime();
    let wrong = 0;
    while (portal.clock.now().getTime() - began < HOUR - STEP) {
      const burst = await Promise.all(Array.from({ length: BURST }, () => visitor.post(url, { pin: "905172" })));
      tried.pinGuesses += BURST;
      wrong += burst.filter((r) => r.status === 400).length;
      if (burst.some((r) => r.location?.startsWith("/login?notice=expired"))) url = await pinPage(visitor, who.candidate.email);
      portal.clock.advance(STEP);
    }
    // Every PIN that was checked counted as a miss before argon2 ran; none of them fell out of the hour.
    const [row] = await portal.db
      .select()
      .from(authThrottles)
      .where(eq(authThrottles.key, `candidate:${who.candidate.id}`));
    const checked = row!.failureTimes.length;
    console.log(`PIN: ${checked} checked against one account in an hour (${wrong} answered "wrong", ${tried.pinGuesses} sent)`);
    expect(checked).toBeLessThanOrEqual(ACCOUNT_POLICY.hourlyCap);
    expect(checked).toBeGreaterThanOrEqual(ACCOUNT_POLICY.freeFailures);
  });

  it("e-mails the owner once a day however often the account is locked, even by bursts of 32 at once", async () => {
    const who = await newCandidate(portal.db);
    const cycles = 5;
    for (let cycle = 0; cycle < cycles; cycle++) {
      const visitor = portal.visitor();
      const url = await pinPage(visitor, who.candidate.email);
      const burst = await Promise.all(Array.from({ length: 32 }, () => visitor.post(url, { pin: "905172" })));
      tried.pinGuesses += 32;
      expect(
        burst.some((r) => r.status === 429),
        `cycle ${cycle}`,
      ).toBe(true);
      // Past the longest lock and the hourly window: the next burst starts a new lock.
      portal.clock.advance(HOUR + 60_000);
    }
    const notices = async () => (await messagesTo(portal.db, who.candidate.email)).filter((m) => m.template === "accounts.notice.locked").length;
    expect(await notices()).toBe(1);
    portal.clock.advance(LOCK_NOTICE_WINDOW_MS);
    const visitor = portal.visitor();
    const url = await pinPage(visitor, who.candidate.email);
    await Promise.all(Array.from({ length: 32 }, () => visitor.post(url, { pin: "905172" })));
    tried.pinGuesses += 32;
    expect(await notices()).toBe(2);
    console.log(`lock notices: ${cycles + 1} lock cycles of 32 parallel wrong PINs over ${cycles + 24} hours → ${await notices()} e-mails`);
  });
});

describe("code guesses against one account (the PIN reset, where the code is the only secret)", () => {
  it(`checks at most ${CODES_PER_HOUR} codes × ${CODE_MAX_FAILURES} entries in an hour`, async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    const began = portal.clock.now().getTime();
    let flow: string | null = null;
    while (portal.clock.now().getTime() - began < HOUR - STEP) {
      if (!flow) {
        tried.starts += 1;
        flow = (await visitor.post("/pin-reset", { identifier: who.candidate.email })).location!.replace(/\?.*$/, "");
      } else await visitor.post(`${flow}/send`);
      const burst = await Promise.all(Array.from({ length: BURST }, () => visitor.post(flow!, { code: "000000", pin: "730164", pinConfirm: "730164" })));
      tried.codeGuesses += BURST;
      if (burst.some((r) => r.location?.includes("notice=expired"))) flow = null;
      portal.clock.advance(STEP);
    }
    const [counted] = await portal.db
      .select({ checked: sql<number>`coalesce(sum(${oneTimeCodes.failedAttempts}), 0)::int` })
      .from(oneTimeCodes)
      .where(eq(oneTimeCodes.candidateId, who.candidate.id));
    console.log(`codes: ${counted!.checked} checked against one account in an hour (${tried.codeGuesses} sent)`);
    expect(counted!.checked).toBeLessThanOrEqual(CODES_PER_HOUR * CODE_MAX_FAILURES);
    expect(counted!.checked).toBeGreaterThan(0);
  });
});

describe("guesses from one address across accounts", () => {
  it(`stops checking PINs from an address after ${CANDIDATE_ADDRESS_POLICY.freeFailures} wrong ones across accounts, while others still sign in`, async () => {
    portal.clock.advance(HOUR);
    const from = (remoteAddress: string) =>
      new Visitor(async ({ method, url, headers, payload }) => {
        const res = await portal.app.inject({ method, url, headers, remoteAddress, ...(payload !== undefined ? { payload } : {}) });
        return { status: res.statusCode, headers: res.headers, body: res.body, cookies: res.cookies as { name: string; value: string }[] };
      });
    const attacker = from("198.51.100.7");
    const answers: number[] = [];
    // One wrong PIN on each of many accounts (unknown addresses lock exactly like real accounts).
    for (let i = 0; i <= CANDIDATE_ADDRESS_POLICY.freeFailures; i++) {
      const pinUrl = (await attacker.post("/login", { identifier: `spread.${i}@example.jp` })).location!;
      answers.push((await attacker.post(pinUrl, { pin: "905172" })).status);
    }
    tried.pinGuesses += answers.length;
    expect(answers.slice(0, CANDIDATE_ADDRESS_POLICY.freeFailures).every((s) => s === 400)).toBe(true);
    expect(answers.at(-1)).toBe(429);
    // The address is locked even for a right PIN; the account's owner elsewhere is not.
    const who = await newCandidate(portal.db);
    const fromAttacker = (await attacker.post("/login", { identifier: who.candidate.email })).location!;
    expect((await attacker.post(fromAttacker, { pin: who.pin })).status).toBe(429);
    const owner = from("203.0.113.20");
    const fromOwner = (await owner.post("/login", { identifier: who.candidate.email })).location!;
    expect((await owner.post(fromOwner, { pin: who.pin })).location).toMatch(/\/send$/);
  });

  it("opens at most the hourly number of sign-ins and PIN resets, which bounds the accounts one address can try", async () => {
    portal.clock.advance(HOUR);
    const visitor = portal.visitor();
    const statuses = { signIn: [] as number[], reset: [] as number[] };
    for (let i = 0; i <= SIGN_IN_STARTS.limit; i++) {
      statuses.signIn.push((await visitor.post("/login", { identifier: `probe.${i}@example.jp` })).status);
    }
    for (let i = 0; i <= PIN_RESETS.limit; i++) {
      statuses.reset.push((await visitor.post("/pin-reset", { identifier: `probe.${i}@example.jp` })).status);
    }
    tried.starts += statuses.signIn.length + statuses.reset.length;
    expect(statuses.signIn.slice(0, SIGN_IN_STARTS.limit).every((s) => s === 303)).toBe(true);
    expect(statuses.signIn.at(-1)).toBe(429);
    expect(statuses.reset.slice(0, PIN_RESETS.limit).every((s) => s === 303)).toBe(true);
    expect(statuses.reset.at(-1)).toBe(429);
    const pinPerAddress = Math.min(SIGN_IN_STARTS.limit * ACCOUNT_POLICY.hourlyCap, CANDIDATE_ADDRESS_POLICY.hourlyCap);
    const codesPerAddress = PIN_RESETS.limit * CODES_PER_HOUR * CODE_MAX_FAILURES;
    console.log(
      `one address: ${SIGN_IN_STARTS.limit} sign-ins/h → at most ${pinPerAddress} PINs/h (≤ ${ACCOUNT_POLICY.hourlyCap} on any one account); ` +
        `${PIN_RESETS.limit} resets/h → at most ${codesPerAddress} codes/h (≤ ${CODES_PER_HOUR * CODE_MAX_FAILURES} on any one account)`,
    );
  });
});
