import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  afterTheCodeInterval,
  expectAnsweredWell,
  expectSavedAccountsSurvive,
  type Person,
  savedAccount,
  savedRows,
  send,
  signedInKeeper,
  submit,
} from "../../../../test/account-fuzz.ts";
import { check, closeFuzzPortal, expectGatekeeping, locale, openFuzzPortal, RUN_TIMEOUT_MS, SETUP_TIMEOUT_MS } from "../../../../test/fuzz-portal.ts";
import {
  asSentInUtf8,
  codeLike,
  emailLike,
  fieldsOf,
  hostileText,
  phoneLike,
  SCRIPT_PAYLOADS,
  submissionOf,
  urlEncoded,
} from "../../../../test/hostile-input.ts";
import type { Visitor } from "../../../../test/portal.ts";
import { normaliseText } from "../../../platform/text/japanese-input.ts";

/*
 * QUALITY.md, Reliability, "Bad input": アカウント情報 (names and time zone) and the change of e-mail address or phone number fed random
 * and hostile input answer with a clear message in the page's language or save exactly what was typed,
 * normalised, never 5xx; e-mail and phone never change without the code sent to the new address.
 */

/** Signed in before the runs; every form here is sent from this browser. */
let keeper: Person;
let keeperBrowser: Visitor;
/** A change of the keeper's e-mail address, waiting for its code. */
let contactFlow: string;

beforeAll(async () => {
  await openFuzzPortal();
  ({ keeper, keeperBrowser } = await signedInKeeper());
  // The sign-in above sent a code; the change sends another.
  afterTheCodeInterval();
  contactFlow = (await keeperBrowser.post("/account/contact?kind=email", { email: "keeper.next@example.jp", pin: keeper.pin })).location!;
  expect(contactFlow).toMatch(/^\/account\/contact\/[0-9a-f-]{36}$/);
}, SETUP_TIMEOUT_MS);
afterAll(closeFuzzPortal);

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
      const keeperEntry = savedAccount(keeper);
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
            // The office's search key follows the names; the database derives it (a generated column).
            keeperEntry.expected = { ...keeperEntry.expected, ...profile, searchName: stored.searchName, updatedAt: stored.updatedAt };
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

describe("after all the hostile input", () => {
  it(
    "every account saved before is unchanged (or as its last valid change left it), still signed in, and its PIN still signs in",
    () => expectSavedAccountsSurvive(keeperBrowser),
    RUN_TIMEOUT_MS,
  );
});
