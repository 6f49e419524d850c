import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, closeFuzzPortal, locale, NO_BODY, openFuzzPortal, portal, RUN_TIMEOUT_MS, SETUP_TIMEOUT_MS, send } from "../../../../test/fuzz-portal.ts";
import { encodeSubmission, malformedEscape, malformedUrlencoded, overlongSegment, urlEncoded, uuidLookalike } from "../../../../test/hostile-input.ts";
import { applicationIdSegment, noticeName, returnValue, shortHostileText, stepSegment } from "../../../../test/hostile-wizard-input.ts";
import { type Applicant, applicantAt, applicantMidAssessment, expectAnsweredWell, keep } from "../../../../test/wizard-fuzz.ts";
import type { Locale } from "../../../platform/i18n/catalogue.ts";

/*
 * QUALITY.md, Reliability, "Bad input": addresses around the application wizard (random application ids, pages, steps, queries,
 * media paths and postal codes, and addresses no router can read) get a page, a redirect on this site or a
 * clear 4xx page in the right language, never 5xx; another candidate's application is a 404.
 */

/** STEP 1–4 done, waiting at the pledge; the signed-in browser of the runs. */
let throughStep4: Applicant;
/** Another candidate's application, half-way through the assessment. */
let midAssessment: Applicant;
/** A third candidate's application, at STEP 1. */
let uploader: Applicant;

beforeAll(async () => {
  await openFuzzPortal();
  throughStep4 = await applicantAt("pledge");
  midAssessment = await applicantMidAssessment();
  uploader = await applicantAt("personal");
  await keep("the application through STEP 4", throughStep4);
  await keep("the application half-way through the assessment", midAssessment);
  await keep("the application at STEP 1", uploader);
}, SETUP_TIMEOUT_MS);
afterAll(closeFuzzPortal);

describe("random paths and queries around the wizard", () => {
  const WIZARD_PATHS = [
    "",
    "/resume",
    "/documents",
    "/personal",
    "/eligibility",
    "/work-authorization",
    "/self-identification",
    "/pledge",
    "/assessment",
    "/assessment/1",
    "/signature",
    "/final-questions",
    "/review",
    "/complete",
    "/screened-out",
    "/withdraw",
  ];

  it(
    "GET and POST /applications/<random id>/<page>: a clear 404 or a sign-in redirect; another candidate's application is a 404",
    async () => {
      const anonymous = portal.visitor();
      await anonymous.get("/login");
      const input = fc.record({
        id: fc.oneof({ weight: 4, arbitrary: applicationIdSegment }, { weight: 1, arbitrary: fc.constantFrom(midAssessment.id, uploader.id) }),
        page: fc.constantFrom(...WIZARD_PATHS),
        method: fc.constantFrom<"GET" | "POST">("GET", "GET", "POST"),
        signedIn: fc.boolean(),
        language: locale,
      });
      await check(
        input,
        async ({ id, page, method, signedIn, language }) => {
          const browser = signedIn ? throughStep4.browser : anonymous;
          const body =
            method === "POST" ? encodeSubmission({ encoding: "form", csrf: { kind: "valid" }, junk: "" }, { version: "0" }, browser.csrf ?? "") : NO_BODY;
          const answer = await send(browser, method, `/applications/${id}${page}`, language, body);
          expectAnsweredWell(answer, language);
          if (signedIn && (id === midAssessment.id || id === uploader.id)) {
            expect(answer.status, `${method} ${page} of another candidate's application`).toBe(404);
          }
          if (!signedIn && answer.status === 303) expect(answer.location).toMatch(/^\/login\?return_to=/);
        },
        { numRuns: 40, examples: [{ id: "%zz", page: "/personal", method: "GET", signedIn: true, language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "GET /applications/:id/<page>?return=…&notice=…: the page, a redirect, or its own notice sentence, never a foreign one",
    async () => {
      const junkQuery = fc.option(malformedUrlencoded, { freq: 3 });
      const input = fc.record({
        whose: fc.constantFrom(0, 1),
        page: fc.constantFrom(...WIZARD_PATHS),
        returnTo: fc.option(returnValue, { freq: 2 }),
        notice: fc.option(noticeName, { freq: 2 }),
        junk: junkQuery,
        language: locale,
      });
      await check(
        input,
        async ({ whose, page, returnTo, notice, junk, language }) => {
          const a = [throughStep4, midAssessment][whose]!;
          const query = [returnTo === null ? "" : `return=${urlEncoded(returnTo)}`, notice === null ? "" : `notice=${urlEncoded(notice)}`, junk ?? ""]
            .filter(Boolean)
            .join("&");
          expectAnsweredWell(await send(a.browser, "GET", `/applications/${a.id}${page}${query ? `?${query}` : ""}`, language), language);
        },
        { numRuns: 40, examples: [{ whose: 0, page: "/personal", returnTo: null, notice: "toString", junk: null, language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "GET /applications/:id/assessment/<random step>: the step, or a redirect to where the candidate may be",
    async () => {
      const input = fc.record({ whose: fc.constantFrom(0, 1, 1), step: stepSegment, language: locale });
      await check(
        input,
        async ({ whose, step, language }) => {
          const a = [throughStep4, midAssessment][whose]!;
          const answer = await send(a.browser, "GET", `/applications/${a.id}/assessment/${step}`, language);
          expectAnsweredWell(answer, language);
          if (answer.status === 303 && whose === 1) expect(answer.location).toMatch(new RegExp(`^/applications/${a.id}/`));
        },
        { numRuns: 40, examples: [{ whose: 1, step: "%ED%A0%80", language: "en" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "GET /account/applications/<random>/job: the snapshot of the candidate's own job, or a clear 404",
    async () => {
      const input = fc.record({ id: fc.oneof(applicationIdSegment, fc.constant(midAssessment.id), fc.constant(throughStep4.id)), language: locale });
      await check(
        input,
        async ({ id, language }) => {
          const answer = await send(throughStep4.browser, "GET", `/account/applications/${id}/job`, language);
          expectAnsweredWell(answer, language);
          if (id === midAssessment.id) expect(answer.status).toBe(404);
          if (id === throughStep4.id) expect(answer.status).toBe(200);
        },
        { numRuns: 30 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "GET /assessment-media/<random>/audio/<random>: a clip of the bank, or a clear 404",
    async () => {
      const piece = fc.oneof(
        fc.constantFrom(
          "csa-ja",
          "CSA-JA",
          "..",
          "%2e%2e",
          "csa-ja%2F..",
          "audio-check.mp3",
          "audio-check.MP3",
          "..%2Fbank.json",
          "%2Fetc%2Fpasswd",
          "sit-late-delivery.mp3",
        ),
        shortHostileText.map(urlEncoded).filter((s) => s.length > 0 && s.length <= 200),
        malformedEscape,
        overlongSegment,
      );
      const input = fc.record({ bankId: piece, file: piece, language: locale });
      await check(
        input,
        async ({ bankId, file, language }) => {
          const answer = await send(throughStep4.browser, "GET", `/assessment-media/${bankId}/audio/${file}`, language);
          expectAnsweredWell(answer, language, { audio: true });
          if (answer.status === 200) expect(bankId).toBe("csa-ja");
        },
        { numRuns: 30, examples: [{ bankId: "csa-ja", file: "audio-check.mp3", language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "GET /api/postal-codes/<random>: the address list (empty when there is none), or a clear 4xx page",
    async () => {
      const code = fc.oneof(
        fc.constantFrom("1000001", "100-0001", "１００－０００１", "〒100-0001", "0000000", "12345", `1000001${"0".repeat(20)}`),
        shortHostileText.map(urlEncoded).filter((s) => s.length > 0 && s.length <= 200),
        malformedEscape,
        overlongSegment,
        uuidLookalike,
      );
      const input = fc.record({ code, language: locale });
      await check(
        input,
        async ({ code, language }) => {
          // Typed as a person types it; the browser percent-encodes what is not printable ASCII (and leaves escapes as they are).
          const inAddressBar = [...code].map((c) => (/[\x21-\x7e]/.test(c) ? c : encodeURIComponent(c))).join("");
          const answer = await send(throughStep4.browser, "GET", `/api/postal-codes/${inAddressBar}`, language);
          expectAnsweredWell(answer, language, { json: true });
          if (answer.status === 200) {
            const { addresses } = JSON.parse(answer.html) as { addresses: { postalCode: string }[] };
            expect(addresses.length).toBeLessThanOrEqual(1);
            for (const address of addresses) expect(address.postalCode).toMatch(/^\d{7}$/);
          }
        },
        { numRuns: 30 },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

describe("addresses no router can read", () => {
  const unreadable = fc.record({
    segment: fc.oneof(malformedEscape, overlongSegment),
    page: fc.constantFrom("", "/personal", "/assessment/12", "/withdraw"),
  });

  it(
    "a malformed or over-long address gets its 4xx page in the language chosen in the language menu",
    async () => {
      const input = fc.record({ address: unreadable, chosen: fc.constantFrom<Locale>("ja", "en") });
      await check(
        input,
        async ({ address, chosen }) => {
          const browser = portal.visitor();
          await browser.get("/login");
          // Chosen in the menu (the cookie it sets), while the browser itself asks for the other language.
          browser.cookies.set("lang", chosen);
          const answer = await send(browser, "GET", `/applications/${address.segment}${address.page}`, chosen === "ja" ? "en" : "ja");
          expect(answer.status).toBe(400);
          expectAnsweredWell(answer, chosen);
        },
        { numRuns: 20, examples: [{ address: { segment: "%zz", page: "/personal" }, chosen: "en" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "the language menu on that 4xx page works",
    async () => {
      const input = fc.record({ address: unreadable, language: locale });
      await check(
        input,
        async ({ address, language }) => {
          const browser = portal.visitor();
          await browser.get("/login");
          const answer = await send(browser, "GET", `/applications/${address.segment}${address.page}`, language);
          expectAnsweredWell(answer, language);
          expect(answer.doc.querySelector('form[action="/language"]'), "no language menu on the page").not.toBeNull();
          const switched = await send(browser, "POST", "/language", language, {
            contentType: "application/x-www-form-urlencoded",
            payload: new URLSearchParams({ locale: language === "ja" ? "en" : "ja", back: "/jobs" }).toString(),
          });
          expect(switched.status, "choosing a language from this page answers that the page has expired").toBe(303);
        },
        { numRuns: 20, examples: [{ address: { segment: "%zz", page: "/personal" }, language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );
});
