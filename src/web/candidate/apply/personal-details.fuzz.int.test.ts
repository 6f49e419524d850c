import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  arrivedText,
  check,
  closeFuzzPortal,
  expectGatekeeping,
  locale,
  openFuzzPortal,
  RUN_TIMEOUT_MS,
  SETUP_TIMEOUT_MS,
  send,
} from "../../../../test/fuzz-portal.ts";
import { asSentInUtf8, hostileText, type Submission, submissionOf } from "../../../../test/hostile-input.ts";
import { PERSONAL_SHAPE } from "../../../../test/hostile-wizard-input.ts";
import {
  type Applicant,
  applicantAt,
  applicationRow,
  expectAnsweredWell,
  expectOnlyDraftChangedBy,
  expectStoredNormalised,
  expectUnchangedBy,
  formOf,
  keep,
  PERSONAL,
  recordOf,
  submit,
  versionOn,
} from "../../../../test/wizard-fuzz.ts";
import { PREFECTURES } from "../../../modules/addresses/index.ts";
import { HOW_HEARD } from "../../../modules/applications/personal-details.ts";
import type { PersonalDetails } from "../../../modules/applications/schema.ts";
import { normaliseText } from "../../../platform/text/japanese-input.ts";

/*
 * QUALITY.md, Reliability, "Bad input": STEP 1 personal details fed random and hostile input with the current version: what is
 * accepted is stored normalised and within the form's limits, what is refused changes nothing, never 5xx.
 */

/** Another candidate's application through STEP 4: no request in this file may change it. */
let bystander: Applicant;

beforeAll(async () => {
  await openFuzzPortal();
  bystander = await applicantAt("pledge");
  await keep("another candidate's application through STEP 4", bystander);
}, SETUP_TIMEOUT_MS);
afterAll(closeFuzzPortal);

describe("STEP 1 personal details: what is accepted is stored normalised, what is refused changes nothing", () => {
  /** The form's own limits (maxlength, or the longest option of a select): the server must hold the same line. */
  const LIMITS: Record<string, number> = {
    familyNameLatin: 40,
    givenNameLatin: 40,
    middleNameLatin: 40,
    familyNameKanji: 40,
    givenNameKanji: 40,
    familyNameKana: 40,
    givenNameKana: 40,
    preferredName: 40,
    country: 5,
    postalCode: 10,
    prefecture: Math.max(...PREFECTURES.map((p) => p.ja.length)),
    city: 60,
    address1: 80,
    address2: 80,
    address3: 80,
    email: 254,
    phone: 16,
    birthDate: 10,
    earliestStart: 10,
    howHeard: 20,
    phoneType: 6,
  };

  function expectPersonalNormalised(p: PersonalDetails): void {
    for (const [field, value] of Object.entries(p)) if (typeof value === "string") expectStoredNormalised(`personal.${field}`, value, LIMITS[field] ?? 40);
    expect(["JP", "OTHER"]).toContain(p.country);
    if (p.country === "JP") {
      expect(p.postalCode).toMatch(/^\d{7}$/);
      expect(PREFECTURES.map((x) => x.ja)).toContain(p.prefecture);
    }
    expect(p.phone).toMatch(/^\+\d{6,15}$/);
    expect(p.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(HOW_HEARD.map((h) => h.value)).toContain(p.howHeard);
  }

  it(
    "POST /applications/:id/personal with the current version",
    async () => {
      const editor = await applicantAt("personal");
      const input = fc.record({ submission: submissionOf(PERSONAL_SHAPE, 6), language: locale });
      const abroad = (prefecture: string): Submission => ({
        damage: { country: "OTHER", prefecture, postalCode: "SW1A 1AA" },
        extra: {},
        encoding: "form",
        csrf: { kind: "valid" },
        junk: "",
      });
      await check(
        input,
        async ({ submission, language }) => {
          const before = await recordOf(editor.id);
          const version = String(await versionOn(editor.id, "personal"));
          const answer = await submit(
            editor.browser,
            `/applications/${editor.id}/personal`,
            language,
            submission,
            formOf(submission, { ...PERSONAL, version }),
          );
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          const draft = answer.status === 400 && answer.doc.querySelector('.notice[role="status"]') !== null;
          if (answer.status !== 303 || answer.location?.endsWith("?notice=saved")) {
            await (draft || answer.status === 303 ? expectOnlyDraftChangedBy(answer, editor.id, before) : expectUnchangedBy(answer, editor.id, before));
            return;
          }
          expect(answer.location).toMatch(new RegExp(`^/applications/${editor.id}/(eligibility|personal\\?notice=saved)$`));
          const saved = (await applicationRow(editor.id)).personal!;
          expectPersonalNormalised(saved);
          const sent = formOf(submission, PERSONAL);
          for (const field of ["city", "address1"] as const) {
            expect(saved[field]).toBe(asSentInUtf8(normaliseText(arrivedText(sent[field], submission.encoding) ?? "")));
          }
          // The saved details come back on the page, escaped, in the page's language.
          expectAnsweredWell(await send(editor.browser, "GET", `/applications/${editor.id}/personal`, language), language);
        },
        {
          numRuns: 40,
          // An address abroad: the prefecture select offers Japan's only, so whatever arrives is made by hand.
          examples: [{ submission: abroad("\u0001"), language: "ja" }],
        },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "text the database cannot hold (NUL, lone surrogates) in any field, sent as a form or as a script's JSON, is refused or cleaned, never a failure",
    async () => {
      const editor = await applicantAt("personal");
      const input = fc.record({
        field: fc.constantFrom("address1", "city", "address2", "familyNameKanji", "preferredName", "postalCode", "prefecture"),
        text: fc.oneof(
          fc.constantFrom("\u0000", "a\u0000b", "\ud800", "a\udc00", "\ud83d", "東京都\u0000"),
          hostileText.filter((t) => t.length < 60),
        ),
        // Abroad, postal code and prefecture are free text: Japan's rules do not refuse them first.
        country: fc.constantFrom("JP", "OTHER"),
        encoding: fc.constantFrom<Submission["encoding"]>("form", "json"),
        language: locale,
      });
      await check(
        input,
        async ({ field, text, country, encoding, language }) => {
          const before = await recordOf(editor.id);
          const version = String(await versionOn(editor.id, "personal"));
          const submission: Submission = { damage: { country, [field]: text }, extra: {}, encoding, csrf: { kind: "valid" }, junk: "" };
          const answer = await submit(
            editor.browser,
            `/applications/${editor.id}/personal`,
            language,
            submission,
            formOf(submission, { ...PERSONAL, intent: "save", version }),
          );
          expectAnsweredWell(answer, language);
          // 保存する: whatever is valid is kept as a draft, the rest reported.
          await expectOnlyDraftChangedBy(answer, editor.id, before);
        },
        {
          numRuns: 25,
          examples: [
            { field: "prefecture", text: "\u0000", country: "OTHER", encoding: "form", language: "ja" },
            { field: "address1", text: "\ud800", country: "JP", encoding: "json", language: "ja" },
          ],
        },
      );
    },
    RUN_TIMEOUT_MS,
  );
});
