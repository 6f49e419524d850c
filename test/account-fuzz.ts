import { eq, inArray } from "drizzle-orm";
import { expect } from "vitest";
import { type Candidate, candidates } from "../src/modules/candidates/schema.ts";
import type { Locale } from "../src/platform/i18n/catalogue.ts";
import { holdAfterEveryRun, listOfThePortal, NO_BODY, portal, send as sendAs, type WireBody } from "./fuzz-portal.ts";
import { encodeSubmission, fieldsOf, type Submission } from "./hostile-input.ts";
import { pageChecks } from "./page-checks.ts";
import { newCandidate, signIn, type Visitor } from "./portal.ts";

/*
 * What the fuzz suites of the account forms (registration, sign-in, PIN reset, account details and contact
 * change, language menu and sign-out, and the addresses around them) share: accounts saved before the
 * hostile input that every run must leave as they were, candidates part-way through a flow, and requests
 * as a browser sends them.
 */

export type Person = { candidate: Candidate; pin: string };

export const { refusalMessages, expectAnsweredWell } = pageChecks();

// ---- Talking to the portal ---------------------------------------------------------------------

/** One request from a browser; the browser keeps the token of any page it is shown, refusals too. */
export function send(browser: Visitor, method: "GET" | "POST", url: string, language: Locale, body: WireBody = NO_BODY) {
  return sendAs(browser, method, url, language, body, { tokenFromRefusals: true });
}

/** Submits a form as the submission says: its encoding, its CSRF field, its damaged fields. */
export function submit(browser: Visitor, url: string, language: Locale, submission: Submission, valid: Record<string, string>) {
  return send(browser, "POST", url, language, encodeSubmission(submission, fieldsOf(submission, valid), browser.csrf ?? ""));
}

/** A browser that has seen the sign-in page (and so holds a token). */
export async function freshBrowser(): Promise<Visitor> {
  const browser = portal.visitor();
  await browser.get("/login");
  return browser;
}

// ---- Accounts saved before the hostile input ---------------------------------------------------

/** Accounts that existed before the hostile input, with the row each must still have. */
const saved = listOfThePortal<{ who: Person; expected: Candidate }>();

/** Keeps an account as it is now: every run of every property in the file must leave it so. */
export async function keepAccount(who: Person): Promise<void> {
  const [row] = await portal.db.select().from(candidates).where(eq(candidates.id, who.candidate.id));
  saved().push({ who, expected: row! });
}

/** What a kept account must hold; a valid change made on purpose updates it. */
export function savedAccount(who: Person): { who: Person; expected: Candidate } {
  const entry = saved().find((s) => s.who === who);
  if (!entry) throw new Error(`${who.candidate.email} is not a kept account`);
  return entry;
}

export async function savedRows(): Promise<Map<string, Candidate>> {
  if (saved().length === 0) return new Map();
  const rows = await portal.db
    .select()
    .from(candidates)
    .where(
      inArray(
        candidates.id,
        saved().map((s) => s.who.candidate.id),
      ),
    );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Every account saved before the runs is exactly as it was (or as the last valid change left it). */
export async function expectSavedAccountsIntact(): Promise<void> {
  const rows = await savedRows();
  for (const { expected } of saved()) expect(rows.get(expected.id), `account ${expected.email} changed`).toEqual(expected);
}
holdAfterEveryRun(expectSavedAccountsIntact);

/**
 * After all the hostile input: every kept account is unchanged (or as its last valid change left it), the
 * browser signed in before is still signed in, and each account's PIN still signs in.
 */
export async function expectSavedAccountsSurvive(signedIn: Visitor | null): Promise<void> {
  await expectSavedAccountsIntact();
  if (signedIn) expect((await send(signedIn, "GET", "/account", "ja")).status).toBe(200);
  // Wrong PINs may have locked the accounts for up to an hour; a lock is not a lost PIN.
  portal.clock.advance(2 * 60 * 60_000);
  for (const { who, expected } of saved()) {
    const browser = portal.visitor();
    const done = await signIn(portal, browser, { candidate: expected, pin: who.pin });
    expect(done.status, `${expected.email} cannot sign in with the PIN saved before`).toBe(303);
    expect(done.location).toBe("/account");
  }
}

// ---- Candidates part-way through a flow ------------------------------------------------------------

/** An account kept for the file, signed in from its own browser. */
export async function signedInKeeper(): Promise<{ keeper: Person; keeperBrowser: Visitor }> {
  // Numbers fixed here rather than taken from registrationData, whose numbers are not all valid JP mobiles.
  const keeper = await newCandidate(portal.db, { phone: "+817011112222" });
  const keeperBrowser = portal.visitor();
  expect((await signIn(portal, keeperBrowser, keeper)).location).toBe("/account");
  await keepAccount(keeper);
  return { keeper, keeperBrowser };
}

/** An account kept for the file, halfway through signing in: PIN given, the code step ahead. */
export async function travellerAtSend(): Promise<{ traveller: Person; travellerBrowser: Visitor; travellerFlow: string }> {
  const traveller = await newCandidate(portal.db, { phone: "+817011113333" });
  const travellerBrowser = portal.visitor();
  const start = await travellerBrowser.post("/login", { identifier: traveller.candidate.email });
  const travellerFlow = start.location!.replace(/\/pin$/, "");
  expect((await travellerBrowser.post(`${travellerFlow}/pin`, { pin: traveller.pin })).location).toBe(`${travellerFlow}/send`);
  await keepAccount(traveller);
  return { traveller, travellerBrowser, travellerFlow };
}

/** Codes for one account go out at most every 30 s: a flow that sends one after another waits that long. */
export function afterTheCodeInterval(): void {
  portal.clock.advance(31_000);
}
