import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, closeFuzzPortal, expectGatekeeping, locale, openFuzzPortal, RUN_TIMEOUT_MS, SETUP_TIMEOUT_MS, send } from "../../../../test/fuzz-portal.ts";
import { submissionOf } from "../../../../test/hostile-input.ts";
import { FORM_SHAPES } from "../../../../test/hostile-wizard-input.ts";
import {
  type Applicant,
  applicantAt,
  applicationRow,
  expectAnsweredWell,
  expectPageAnswersValid,
  expectUnchangedBy,
  formOf,
  keep,
  recordOf,
  submit,
  VALID_FORMS,
  versionOn,
} from "../../../../test/wizard-fuzz.ts";
import { canOpen, resumePoint } from "../../../modules/applications/application-state.ts";

/*
 * QUALITY.md, Reliability, "Bad input": the question pages of STEP 2–4 fed random and hostile input with the current version:
 * what is accepted is one of the choices offered, what is refused changes nothing, never 5xx.
 */

/** Another candidate's application through STEP 4: no request in this file may change it. */
let bystander: Applicant;

beforeAll(async () => {
  await openFuzzPortal();
  bystander = await applicantAt("pledge");
  await keep("another candidate's application through STEP 4", bystander);
}, SETUP_TIMEOUT_MS);
afterAll(closeFuzzPortal);

describe("STEP 2–4 questions: what is accepted is one of the choices, what is refused changes nothing", () => {
  it(
    "POST /applications/:id/{eligibility,work-authorization,self-identification} with the current version",
    async () => {
      let editor = await applicantAt("eligibility");
      const input = fc.record({
        page: fc.constantFrom("eligibility", "work-authorization", "self-identification"),
        submission: submissionOf({ ...FORM_SHAPES.eligibility, ...FORM_SHAPES["work-authorization"], ...FORM_SHAPES["self-identification"] }, 4),
        language: locale,
      });
      await check(
        input,
        async ({ page: wanted, submission, language }) => {
          let app = await applicationRow(editor.id);
          if (app.state !== "draft") {
            // A knock-out answer closed the application: carry on with another candidate's.
            editor = await applicantAt("eligibility");
            app = await applicationRow(editor.id);
          }
          // 保存する un-completes a page; the later pages wait until it is done again.
          const point = resumePoint(app);
          const page = canOpen(app, wanted) || point === "pledge" ? wanted : (point as typeof wanted);
          const before = await recordOf(editor.id);
          const version = String(await versionOn(editor.id, page));
          const answer = await submit(
            editor.browser,
            `/applications/${editor.id}/${page}`,
            language,
            submission,
            formOf(submission, { ...VALID_FORMS[page], version }),
          );
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status !== 303) {
            await expectUnchangedBy(answer, editor.id, before);
            return;
          }
          await expectPageAnswersValid(editor.id, page);
          const after = await applicationRow(editor.id);
          if (after.state === "screened_out") {
            expect(answer.location).toBe(`/applications/${editor.id}/screened-out`);
            expect(after.screenedOutQuestion).not.toBeNull();
            expectAnsweredWell(await send(editor.browser, "GET", answer.location!, language), language);
          }
        },
        { numRuns: 40 },
      );
    },
    RUN_TIMEOUT_MS,
  );
});
