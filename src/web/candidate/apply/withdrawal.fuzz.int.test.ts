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
  reachesRoute,
  SETUP_TIMEOUT_MS,
  send,
} from "../../../../test/fuzz-portal.ts";
import { asSentInUtf8, SCRIPT_PAYLOADS, submissionOf } from "../../../../test/hostile-input.ts";
import {
  type Applicant,
  applicantAt,
  applicationRow,
  expectAnsweredWell,
  expectStoredNormalised,
  expectUnchangedBy,
  formOf,
  JOB_ID,
  keep,
  newApplicant,
  recordOf,
  submit,
} from "../../../../test/wizard-fuzz.ts";
import { normaliseText } from "../../../platform/text/japanese-input.ts";
import { WITHDRAWAL_REASONS } from "../my-applications/views.tsx";

/*
 * QUALITY.md, Reliability, "Bad input": 応募を取り下げる fed random and hostile input: the first step shows the confirmation or a
 * refusal and withdraws nothing; the confirmation withdraws only with a listed reason, keeps the note
 * normalised, and changes nothing when it refuses; never 5xx.
 */

/** STEP 1–4 done, waiting at the pledge: the first step of withdrawing it must never withdraw it. */
let throughStep4: Applicant;

beforeAll(async () => {
  await openFuzzPortal();
  throughStep4 = await applicantAt("pledge");
  await keep("the application through STEP 4", throughStep4);
}, SETUP_TIMEOUT_MS);
afterAll(closeFuzzPortal);

describe("応募を取り下げる (POST /applications/:id/withdraw, then …/withdraw/confirm) under hostile input", () => {
  it(
    "POST /applications/:id/withdraw: shows the confirmation or a refusal, escaped, and withdraws nothing",
    async () => {
      const input = fc.record({
        submission: submissionOf(
          {
            reason: fc.constantFrom(...WITHDRAWAL_REASONS, "OTHERJOB", "", "toString"),
            note: fc.constantFrom("他社に決まりました", "", "x".repeat(501), ...SCRIPT_PAYLOADS),
          },
          1,
        ),
        language: locale,
      });
      await check(
        input,
        async ({ submission, language }) => {
          const answer = await submit(
            throughStep4.browser,
            `/applications/${throughStep4.id}/withdraw`,
            language,
            submission,
            formOf(submission, { reason: "otherJob", note: "他社に決まりました" }),
          );
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (reachesRoute(answer, submission)) expect([200, 400]).toContain(answer.status);
        },
        { numRuns: 30 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "withdraws only with a listed reason, keeps the note normalised, and changes nothing on a refusal",
    async () => {
      const leaver = await newApplicant();
      const input = fc.record({
        submission: submissionOf(
          {
            reason: fc.constantFrom(...WITHDRAWAL_REASONS, "OTHERJOB", "", "toString", "__proto__"),
            note: fc.constantFrom("他社に決まりました", "", " 　改行\r\nあり ", "ﾃｽﾄ", "x".repeat(500), "x".repeat(501), ...SCRIPT_PAYLOADS),
          },
          2,
        ),
        language: locale,
      });
      await check(
        input,
        async ({ submission, language }) => {
          // Applying again after a withdrawal opens a new application, so every run has one to withdraw.
          if ((await applicationRow(leaver.id)).state === "withdrawn")
            leaver.id = (await leaver.browser.post(`/jobs/${JOB_ID}/apply`)).location!.split("/")[2]!;
          const before = await recordOf(leaver.id);
          const valid = { reason: "otherJob", note: "他社に決まりました" };
          const answer = await submit(leaver.browser, `/applications/${leaver.id}/withdraw/confirm`, language, submission, formOf(submission, valid));
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status !== 303) {
            await expectUnchangedBy(answer, leaver.id, before);
            return;
          }
          expect(answer.location).toBe("/account/applications?notice=withdrawn");
          const sent = formOf(submission, valid);
          const app = await applicationRow(leaver.id);
          expect(app.state).toBe("withdrawn");
          expect(app.withdrawalReason).toBe(arrivedText(sent.reason, submission.encoding));
          const note = asSentInUtf8(normaliseText(arrivedText(sent.note, submission.encoding) ?? ""));
          expect(app.withdrawalNote).toBe(note === "" ? null : note);
          if (app.withdrawalNote) expectStoredNormalised("withdrawalNote", app.withdrawalNote, 500);
          expectAnsweredWell(await send(leaver.browser, "GET", answer.location!, language), language);
        },
        { numRuns: 30 },
      );
    },
    RUN_TIMEOUT_MS,
  );
});
