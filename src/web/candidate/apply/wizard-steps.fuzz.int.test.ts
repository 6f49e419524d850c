import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  check,
  closeFuzzPortal,
  expectGatekeeping,
  locale,
  openFuzzPortal,
  RUN_TIMEOUT_MS,
  reachesRoute,
  SETUP_TIMEOUT_MS,
} from "../../../../test/fuzz-portal.ts";
import { submissionOf, urlEncoded } from "../../../../test/hostile-input.ts";
import { FORM_SHAPES, returnValue, staleVersion } from "../../../../test/hostile-wizard-input.ts";
import {
  type Applicant,
  applicantAt,
  applicantMidAssessment,
  applicationRow,
  BEFORE_ASSESSMENT_PAGES,
  expectAnsweredWell,
  expectKeptApplicationsIntact,
  expectToldStale,
  formOf,
  isUndamaged,
  keep,
  MID_ASSESSMENT_STOP,
  PERSONAL,
  post,
  submit,
  VALID_FORMS,
  versionOn,
} from "../../../../test/wizard-fuzz.ts";

/*
 * QUALITY.md, Reliability, "Bad input": STEP 1–5 of an application saved before, sent hostile input from a stale tab (and 応募する
 * sent before the application is ready), answer 4xx with a clear message in the page's language or report the
 * stale tab, never 5xx, and never change what the candidate saved.
 */

/** STEP 1–4 done, waiting at the pledge: no request in this file may change it. */
let throughStep4: Applicant;
/** Half-way through the assessment: no request in this file may change it. */
let midAssessment: Applicant;

beforeAll(async () => {
  await openFuzzPortal();
  throughStep4 = await applicantAt("pledge");
  midAssessment = await applicantMidAssessment();
  await keep("the application through STEP 4", throughStep4);
  await keep("the application half-way through the assessment", midAssessment);
}, SETUP_TIMEOUT_MS);
afterAll(closeFuzzPortal);

describe("STEP 1–5 of a saved application under hostile input from a stale tab", () => {
  for (const page of BEFORE_ASSESSMENT_PAGES) {
    it(
      `POST /applications/:id/${page}: refuses or reports the stale tab, and never changes what was saved`,
      async () => {
        const current = await versionOn(throughStep4.id, page);
        const input = fc.record({
          submission: submissionOf(FORM_SHAPES[page]!, 2),
          version: staleVersion(current),
          returnTo: fc.option(returnValue, { freq: 4 }),
          language: locale,
        });
        await check(
          input,
          async ({ submission, version, returnTo, language }) => {
            const url = `/applications/${throughStep4.id}/${page}${returnTo === null ? "" : `?return=${urlEncoded(returnTo)}`}`;
            const answer = await submit(throughStep4.browser, url, language, submission, { ...formOf(submission, VALID_FORMS[page]!), version });
            expectGatekeeping(answer, submission);
            expectAnsweredWell(answer, language);
            if (!isUndamaged(answer, submission)) return;
            // The valid form from an older tab: told what happened, never saved.
            if (page === "pledge") expect(answer.location).toBe(`/applications/${throughStep4.id}/pledge`);
            else {
              expect(answer.status).toBe(409);
              expectToldStale(answer, language);
            }
          },
          { numRuns: 25 },
        );
      },
      RUN_TIMEOUT_MS,
    );
  }

  it(
    "POST /applications/:id/submit: an application not ready to submit stays as it is, whatever is sent",
    async () => {
      const input = fc.record({ submission: submissionOf({ confirm: fc.constantFrom("yes", "on") }), whose: fc.constantFrom(0, 1), language: locale });
      await check(
        input,
        async ({ submission, whose, language }) => {
          const a = [throughStep4, midAssessment][whose]!;
          const answer = await submit(a.browser, `/applications/${a.id}/submit`, language, submission, formOf(submission, {}));
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (reachesRoute(answer, submission) && answer.status === 303) expect(answer.location).not.toMatch(/\/complete$/);
        },
        { numRuns: 20 },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

describe("after all the hostile input", () => {
  it("every application saved before is unchanged and resumes where it was left", async () => {
    await expectKeptApplicationsIntact();
    expect((await throughStep4.browser.get(`/applications/${throughStep4.id}/resume`)).location).toBe(`/applications/${throughStep4.id}/pledge`);
    const resumed = await midAssessment.browser.get(`/applications/${midAssessment.id}/assessment`);
    expect(resumed.location, "the assessment does not resume at the first unanswered item").toBe(
      `/applications/${midAssessment.id}/assessment/${MID_ASSESSMENT_STOP}`,
    );
    const personal = await throughStep4.browser.get(`/applications/${throughStep4.id}/personal`);
    expect(personal.doc.querySelector('input[name="address1"]')?.getAttribute("value")).toBe(PERSONAL.address1);
    await expectKeptApplicationsIntact();
  });

  it("the candidate saved before carries on from where they were: 保存して続行する on the pledge goes on to the assessment", async () => {
    // Last, because it changes the application every run above had to leave alone.
    const version = String(await versionOn(throughStep4.id, "pledge"));
    await throughStep4.browser.get(`/applications/${throughStep4.id}/pledge`);
    const pledged = await post(throughStep4.browser, `/applications/${throughStep4.id}/pledge`, { consent: "yes", version });
    expect(pledged.location).toBe(`/applications/${throughStep4.id}/assessment`);
    expect((await applicationRow(throughStep4.id)).state).toBe("assessment_pending");
  });
});
