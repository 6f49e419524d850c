import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  arrivedText,
  check,
  closeFuzzPortal,
  expectGatekeeping,
  locale,
  openFuzzPortal,
  portal,
  RUN_TIMEOUT_MS,
  reachesRoute,
  SETUP_TIMEOUT_MS,
  send,
} from "../../../../test/fuzz-portal.ts";
import { asSentInUtf8, submissionOf, urlEncoded } from "../../../../test/hostile-input.ts";
import { FORM_SHAPES, returnValue } from "../../../../test/hostile-wizard-input.ts";
import {
  type Applicant,
  applicantAt,
  applicationRow,
  completePage,
  expectAnsweredWell,
  expectPageAnswersValid,
  expectStoredNormalised,
  expectUnchangedBy,
  formOf,
  keep,
  post,
  recordOf,
  STEPS,
  SURVEY_STEP,
  submit,
  VALID_FORMS,
  versionOn,
} from "../../../../test/wizard-fuzz.ts";
import { messagesTo } from "../../../platform/mail/outbox.ts";
import { normaliseText } from "../../../platform/text/japanese-input.ts";

/*
 * QUALITY.md, Reliability, "Bad input": STEP 6 after the assessment (the survey, the e-signature, the final questions and 応募する)
 * fed random and hostile input: only the legal name signs, only the choices offered are stored, the
 * sensitive answer with its consent, nothing is submitted before its time, and 応募する then submits once.
 */

/** Another candidate's application through STEP 4: no request in this file may change it. */
let bystander: Applicant;

beforeAll(async () => {
  await openFuzzPortal();
  bystander = await applicantAt("pledge");
  await keep("another candidate's application through STEP 4", bystander);
}, SETUP_TIMEOUT_MS);
afterAll(closeFuzzPortal);

describe("STEP 6 under hostile input: survey, e-signature, final questions and 応募する", () => {
  let signer: Applicant;
  beforeAll(async () => {
    signer = await applicantAt("signature");
  }, 60_000);

  /** Signs with the legal name, so that the final questions can be reached. */
  async function ensureSigned(): Promise<void> {
    let app = await applicationRow(signer.id);
    if (app.state !== "signed" && app.state !== "assessment_done") {
      signer = await applicantAt("signature");
      app = await applicationRow(signer.id);
    }
    if (app.state === "assessment_done") await completePage(signer, "signature");
  }

  it(
    "POST /applications/:id/assessment/<survey>: keeps only answers 1–5 to its own questions, once",
    async () => {
      const last = STEPS.at(-1);
      const questions = last?.kind === "survey" ? last.page.questions.map((q) => q.id) : [];
      const score = fc.constantFrom("1", "3", "5", "0", "6", "３", " 3", "3.0", "");
      const input = fc.record({ submission: submissionOf(Object.fromEntries(questions.map((q) => [q, score])), 1), language: locale });
      let firstSaved: unknown = null;
      await check(
        input,
        async ({ submission, language }) => {
          const before = await recordOf(signer.id);
          const answer = await submit(signer.browser, `/applications/${signer.id}/assessment/${SURVEY_STEP}`, language, submission, formOf(submission, {}));
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          const after = await recordOf(signer.id);
          expect({ ...after, survey: null }).toEqual({ ...before, survey: null });
          if (after.survey) {
            for (const [key, value] of Object.entries(after.survey.answers)) {
              expect(questions).toContain(key);
              expect([1, 2, 3, 4, 5]).toContain(value);
            }
            firstSaved ??= after.survey;
            expect(after.survey, "the survey was saved twice").toEqual(firstSaved);
          }
          if (reachesRoute(answer, submission)) expect(answer.location).toBe(`/applications/${signer.id}/signature`);
        },
        { numRuns: 20 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "POST /applications/:id/signature: signs only with the legal name, stored as typed but normalised",
    async () => {
      const signature = fc.constantFrom(
        "Hanako Yamada",
        "山田花子",
        "ＹＡＭＡＤＡ　ｈａｎａｋｏ",
        "yamada-hanako",
        "ヤマダハナコ",
        " Hanako\u200bYamada ",
        "Hanako Yamada\u0007",
        "Taro Suzuki",
        "",
        "a".repeat(101),
      );
      const input = fc.record({
        submission: submissionOf({ signature, version: fc.constantFrom("0", "1", "2", "-1", "") }, 2),
        returnTo: fc.option(returnValue, { freq: 3 }),
        language: locale,
      });
      await check(
        input,
        async ({ submission, returnTo, language }) => {
          const before = await recordOf(signer.id);
          const version = String(await versionOn(signer.id, "signature"));
          const url = `/applications/${signer.id}/signature${returnTo === null ? "" : `?return=${urlEncoded(returnTo)}`}`;
          const answer = await submit(signer.browser, url, language, submission, formOf(submission, { ...VALID_FORMS.signature, version }));
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status !== 303 || answer.location === `/applications/${signer.id}/signature`) {
            await expectUnchangedBy(answer, signer.id, before);
            return;
          }
          expect(answer.location).toMatch(new RegExp(`^/applications/${signer.id}/(final-questions|review)$`));
          const app = await applicationRow(signer.id);
          expect(app.state).toBe("signed");
          const typed = arrivedText(formOf(submission, VALID_FORMS.signature!).signature, submission.encoding) ?? "";
          expect(app.signedName).toBe(asSentInUtf8(normaliseText(typed)));
          expectStoredNormalised("signedName", app.signedName!, 100);
        },
        { numRuns: 30 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "POST /applications/:id/submit before the final questions: nothing is submitted, whatever is sent",
    async () => {
      await ensureSigned();
      const input = fc.record({ submission: submissionOf({}), language: locale });
      await check(
        input,
        async ({ submission, language }) => {
          const before = await recordOf(signer.id);
          const answer = await submit(signer.browser, `/applications/${signer.id}/submit`, language, submission, formOf(submission, {}));
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          await expectUnchangedBy(answer, signer.id, before);
          if (reachesRoute(answer, submission)) expect(answer.location).toBe(`/applications/${signer.id}/final-questions`);
        },
        { numRuns: 20 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "POST /applications/:id/final-questions: stores only the choices offered and the sensitive answer with its consent",
    async () => {
      await ensureSigned();
      const input = fc.record({
        submission: submissionOf(FORM_SHAPES["final-questions"]!, 3),
        returnTo: fc.option(returnValue, { freq: 3 }),
        language: locale,
      });
      await check(
        input,
        async ({ submission, returnTo, language }) => {
          await ensureSigned();
          const before = await recordOf(signer.id);
          const version = String(await versionOn(signer.id, "final-questions"));
          const url = `/applications/${signer.id}/final-questions${returnTo === null ? "" : `?return=${urlEncoded(returnTo)}`}`;
          const answer = await submit(signer.browser, url, language, submission, formOf(submission, { ...VALID_FORMS["final-questions"], version }));
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status !== 303) {
            await expectUnchangedBy(answer, signer.id, before);
            return;
          }
          await expectPageAnswersValid(signer.id, "final-questions");
          expectAnsweredWell(await send(signer.browser, "GET", answer.location!, language), language);
        },
        {
          numRuns: 30,
          // A script's JSON can carry text a browser's form cannot: a lone surrogate in the free-text answer.
          examples: [
            {
              submission: { damage: { stressHistory: "\ud800" }, extra: {}, encoding: "json", csrf: { kind: "valid" }, junk: "" },
              returnTo: null,
              language: "ja",
            },
          ],
        },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it("応募する then submits once, with one e-mail", async () => {
    await ensureSigned();
    const version = String(await versionOn(signer.id, "final-questions"));
    await signer.browser.get(`/applications/${signer.id}/final-questions`);
    expect((await post(signer.browser, `/applications/${signer.id}/final-questions`, { ...VALID_FORMS["final-questions"], version })).status).toBe(303);
    const done = await post(signer.browser, `/applications/${signer.id}/submit`, {});
    expect(done.location).toBe(`/applications/${signer.id}/complete`);
    const mails = (await messagesTo(portal.db, signer.who.candidate.email)).filter((m) => m.template === "applications.submitted");
    expect(mails).toHaveLength(1);
  });
});
