import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAnsweredWell, expectSavedAccountsSurvive, freshBrowser, keepAccount, submit } from "../../../../test/account-fuzz.ts";
import { check, closeFuzzPortal, expectGatekeeping, locale, openFuzzPortal, portal, RUN_TIMEOUT_MS, SETUP_TIMEOUT_MS } from "../../../../test/fuzz-portal.ts";
import { codeLike, emailLike, phoneLike, pinLike, submissionOf } from "../../../../test/hostile-input.ts";
import { newCandidate, type Visitor } from "../../../../test/portal.ts";

/*
 * QUALITY.md, Reliability, "Bad input": 暗証番号の再設定 fed random and hostile input answers with a clear message in the page's language
 * or goes on as a valid submission would, never 5xx; no PIN is set without the right code, and the account
 * whose reset is under way keeps its PIN.
 */

/** A PIN reset of an account saved before the runs, waiting for its code. */
let resetBrowser: Visitor;
let resetFlow: string;

beforeAll(async () => {
  await openFuzzPortal();
  // Numbers fixed here rather than taken from registrationData, whose numbers are not all valid JP mobiles.
  const keeper = await newCandidate(portal.db, { phone: "+817011112222" });
  await keepAccount(keeper);
  resetBrowser = await freshBrowser();
  resetFlow = (await resetBrowser.post("/pin-reset", { identifier: keeper.candidate.email })).location!;
  expect(resetFlow).toMatch(/^\/pin-reset\/[0-9a-f-]{36}$/);
}, SETUP_TIMEOUT_MS);
afterAll(closeFuzzPortal);

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

describe("after all the hostile input", () => {
  it(
    "every account saved before is unchanged (or as its last valid change left it) and its PIN still signs in",
    () => expectSavedAccountsSurvive(null),
    RUN_TIMEOUT_MS,
  );
});
