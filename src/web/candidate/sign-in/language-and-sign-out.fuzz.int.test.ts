import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAnsweredWell, expectSavedAccountsSurvive, freshBrowser, send, signedInKeeper, submit } from "../../../../test/account-fuzz.ts";
import { check, closeFuzzPortal, expectGatekeeping, locale, openFuzzPortal, RUN_TIMEOUT_MS, SETUP_TIMEOUT_MS } from "../../../../test/fuzz-portal.ts";
import { returnAddress, submissionOf } from "../../../../test/hostile-input.ts";
import type { Visitor } from "../../../../test/portal.ts";

/*
 * QUALITY.md, Reliability, "Bad input": the language menu and サインアウト fed random and hostile input switch language or sign out only as
 * a valid form would, always back to a page of this site, never 5xx; a forged sign-out leaves the candidate
 * signed in.
 */

/** Signed in before the runs: refused sign-outs are tried on this browser. */
let keeperBrowser: Visitor;

beforeAll(async () => {
  await openFuzzPortal();
  ({ keeperBrowser } = await signedInKeeper());
}, SETUP_TIMEOUT_MS);
afterAll(closeFuzzPortal);

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
          // The menu only sets the sender's own language cookie, so it takes no token.
          expectGatekeeping(answer, submission, { tokenless: true });
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

describe("after all the hostile input", () => {
  it(
    "every account saved before is unchanged (or as its last valid change left it), still signed in, and its PIN still signs in",
    () => expectSavedAccountsSurvive(keeperBrowser),
    RUN_TIMEOUT_MS,
  );
});
