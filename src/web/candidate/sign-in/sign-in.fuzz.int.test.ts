import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAnsweredWell,
  expectSavedAccountsSurvive,
  freshBrowser,
  type Person,
  send,
  signedInKeeper,
  submit,
  travellerAtSend,
} from "../../../../test/account-fuzz.ts";
import { check, closeFuzzPortal, expectGatekeeping, locale, openFuzzPortal, RUN_TIMEOUT_MS, SETUP_TIMEOUT_MS } from "../../../../test/fuzz-portal.ts";
import { codeLike, emailLike, encodeSubmission, phoneLike, pinLike, returnAddress, submissionOf, urlEncoded } from "../../../../test/hostile-input.ts";
import type { Visitor } from "../../../../test/portal.ts";

/*
 * QUALITY.md, Reliability, "Bad input": ログイン (the identifier, the PIN, where to send the code, the code) fed random and hostile input
 * answers with a clear message in the page's language or goes on as a valid submission would, never 5xx; no
 * one is signed in without the code, and no account saved before is changed.
 */

/** Signed in before the runs; its address is among the identifiers tried. */
let keeper: Person;
let keeperBrowser: Visitor;
/** Halfway through signing in: PIN given, the code step ahead. */
let travellerBrowser: Visitor;
let travellerFlow: string;

beforeAll(async () => {
  await openFuzzPortal();
  ({ keeper, keeperBrowser } = await signedInKeeper());
  ({ travellerBrowser, travellerFlow } = await travellerAtSend());
}, SETUP_TIMEOUT_MS);
afterAll(closeFuzzPortal);

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

describe("after all the hostile input", () => {
  it(
    "every account saved before is unchanged (or as its last valid change left it), still signed in, and its PIN still signs in",
    () => expectSavedAccountsSurvive(keeperBrowser),
    RUN_TIMEOUT_MS,
  );
});
