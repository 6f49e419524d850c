import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAnsweredWell,
  expectSavedAccountsSurvive,
  freshBrowser,
  keepAccount,
  type Person,
  refusalMessages,
  submit,
} from "../../../../test/account-fuzz.ts";
import { check, closeFuzzPortal, expectGatekeeping, locale, openFuzzPortal, portal, RUN_TIMEOUT_MS, SETUP_TIMEOUT_MS } from "../../../../test/fuzz-portal.ts";
import { BODY_LIMIT_BYTES, emailLike, phoneLike, pinLike, returnAddress, submissionOf, urlEncoded } from "../../../../test/hostile-input.ts";
import { newCandidate, registrationData } from "../../../../test/portal.ts";

/*
 * QUALITY.md, Reliability, "Bad input": アカウントの作成 fed random and hostile input answers 303, 400 or 409 with a clear message in the
 * page's language, never 5xx; an account saved before is never changed, nor taken over by registering its
 * address or number again; nothing it reflects runs as markup.
 */

/** An account saved before the runs, whose address and number others try to register with. */
let keeper: Person;

beforeAll(async () => {
  await openFuzzPortal();
  // Numbers fixed here rather than taken from registrationData, whose numbers are not all valid JP mobiles.
  keeper = await newCandidate(portal.db, { phone: "+817011112222" });
  await keepAccount(keeper);
}, SETUP_TIMEOUT_MS);
afterAll(closeFuzzPortal);

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

describe("after all the hostile input", () => {
  it(
    "every account saved before is unchanged (or as its last valid change left it) and its PIN still signs in",
    () => expectSavedAccountsSurvive(null),
    RUN_TIMEOUT_MS,
  );
});
