import { count, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  check,
  closeFuzzPortal,
  expectGatekeeping,
  follow,
  locale,
  openFuzzPortal,
  portal,
  RUN_TIMEOUT_MS,
  reachesRoute,
  SETUP_TIMEOUT_MS,
  send,
} from "../../../../test/fuzz-portal.ts";
import { fieldValue, submissionOf } from "../../../../test/hostile-input.ts";
import { eventKind, itemAnswerInput, staleVersion, stepSegment } from "../../../../test/hostile-wizard-input.ts";
import {
  type Applicant,
  applicantAt,
  applicantMidAssessment,
  assessUntil,
  attemptOf,
  CHOICES,
  decodeURIComponentSafely,
  expectAnsweredWell,
  expectKeptApplicationsIntact,
  expectUnchangedBy,
  FIRST_PAIR_STEP,
  formOf,
  ITEM_IDS,
  ITEM_STEPS,
  itemAnswerOf,
  keep,
  MID_ASSESSMENT_STOP,
  recordOf,
  routerReads,
  STEPS,
  submit,
} from "../../../../test/wizard-fuzz.ts";
import { assessmentEvents } from "../../../modules/assessment/schema.ts";

/*
 * QUALITY.md, Reliability, "Bad input": the assessment player fed random and hostile input (answers, versions, steps, settings and
 * the script's events) answers 4xx with a clear message in the page's language, or the player's own JSON,
 * never 5xx; a saved answer is never changed from a stale tab; an accepted answer is one of the item's choices.
 */

/** Half-way through the assessment (every situation and three pairs answered, the fourth shown): no request may change it. */
let midAssessment: Applicant;

beforeAll(async () => {
  await openFuzzPortal();
  midAssessment = await applicantMidAssessment();
  await keep("the application half-way through the assessment", midAssessment);
}, SETUP_TIMEOUT_MS);
afterAll(closeFuzzPortal);

describe("the assessment player under hostile input", () => {
  it(
    "POST /applications/:id/assessment/<n> from a stale tab: never changes a saved answer, whatever step, answer and version",
    async () => {
      // Answered items are at version 1, the item on screen at 0: neither may be sent.
      const v = staleVersion(1).filter((value) => !(typeof value === "string" && /^\d+$/.test(value) && Number(value) === 0));
      const input = fc.record({
        step: fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...ITEM_STEPS.filter((s) => s <= MID_ASSESSMENT_STOP)).map(String) },
          { weight: 2, arbitrary: stepSegment },
        ),
        answer: itemAnswerInput,
        v,
        submission: submissionOf({}),
        script: fc.boolean(),
        language: locale,
      });
      await check(
        input,
        async ({ step, answer: given, v, submission, script, language }) => {
          const fields = { ...submission.extra, answer: itemAnswerOf(given, Number(step)), v };
          const headers: Record<string, string> = script ? { accept: "application/json" } : {};
          const answer = await submit(midAssessment.browser, `/applications/${midAssessment.id}/assessment/${step}`, language, submission, fields, headers);
          if (routerReads(step)) expectGatekeeping(answer, submission);
          else expect(answer.status).toBe(400);
          // "events" in place of a step number reaches the player's event endpoint, which only ever answers its script, in JSON.
          expectAnsweredWell(answer, language, { json: script || step === "events" });
          // A valid choice for a step already reached, from a tab that saw another version: told, not saved.
          const reached = /^\d+$/.test(step) && ITEM_STEPS.includes(Number(step)) && Number(step) <= MID_ASSESSMENT_STOP;
          const plainChoice = given.kind === "choice" && given.decoration.before === "" && given.decoration.after === "";
          if (reached && plainChoice && submission.encoding !== "malformed" && reachesRoute(answer, submission)) expect(answer.status).toBe(409);
        },
        { numRuns: 40 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "POST /applications/:id/assessment/settings: switches auto-advance and returns to a step of this attempt",
    async () => {
      const input = fc.record({
        submission: submissionOf({ autoAdvance: fc.constantFrom("on", "off", "ON", "true", "1"), step: stepSegment.map(decodeURIComponentSafely) }, 1),
        language: locale,
      });
      await check(
        input,
        async ({ submission, language }) => {
          const sent = formOf(submission, { autoAdvance: "off", step: String(MID_ASSESSMENT_STOP) });
          const answer = await submit(midAssessment.browser, `/applications/${midAssessment.id}/assessment/settings`, language, submission, sent);
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language);
          if (answer.status !== 303) return;
          expect(answer.location).toMatch(new RegExp(`^/applications/${midAssessment.id}/assessment/\\d+$`));
          expect((await attemptOf(midAssessment.id)).autoAdvance).toBe(sent.autoAdvance === "on");
          expectAnsweredWell(await follow(midAssessment.browser, answer, language), language);
        },
        { numRuns: 20 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "POST /applications/:id/assessment/events: records one event for a known kind, nothing for anything else",
    async () => {
      const attempt = await attemptOf(midAssessment.id);
      const events = async () => (await portal.db.select({ n: count() }).from(assessmentEvents).where(eq(assessmentEvents.attemptId, attempt.id)))[0]!.n;
      const input = fc.record({
        kind: eventKind,
        item: fc.oneof(fc.constantFrom(...ITEM_IDS), fieldValue(fc.constantFrom("sit-late-delivery", "ws-01"))),
        // The player's script reports events as JSON; hand-made and broken requests come in every shape.
        submission: fc
          .tuple(submissionOf({}), fc.boolean())
          .map(([submission, asScript]) => (asScript ? { ...submission, encoding: "json" as const } : submission)),
        language: locale,
      });
      await check(
        input,
        async ({ kind, item, submission, language }) => {
          const before = await events();
          const answer = await submit(
            midAssessment.browser,
            `/applications/${midAssessment.id}/assessment/events`,
            language,
            submission,
            { ...submission.extra, kind, item },
            {
              accept: "application/json",
            },
          );
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language, { json: true });
          const recorded = answer.status === 200 && (JSON.parse(answer.html) as { ok: boolean }).ok;
          expect(await events()).toBe(before + (recorded ? 1 : 0));
          // In a form, a field sent once is a field sent once, whatever the client held it in.
          const arrived = Array.isArray(kind) && kind.length === 1 && submission.encoding !== "json" ? kind[0] : kind;
          if (recorded) expect(["focus-lost", "hidden", "paste", "play", "transcript"]).toContain(arrived);
        },
        { numRuns: 30 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "an accepted answer is stored as one of the item's choices and shown chosen when the candidate comes back to it",
    async () => {
      const taker = await applicantAt("assessment");
      await assessUntil(taker, FIRST_PAIR_STEP);
      const input = fc.record({
        pick: fc.nat(),
        answer: itemAnswerInput,
        fresh: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        submission: submissionOf({}),
        script: fc.boolean(),
        language: locale,
      });
      await check(
        input,
        async ({ pick, answer: given, fresh, submission, script, language }) => {
          // Any item reached so far: the one on screen or one answered earlier (going back to change it).
          const furthest = (await attemptOf(taker.id)).furthestStep + 1;
          const reachable = ITEM_STEPS.filter((s) => s <= furthest);
          const step = reachable[pick % reachable.length]!;
          const url = `/applications/${taker.id}/assessment/${step}`;
          const page = await send(taker.browser, "GET", url, language);
          const shownVersion = Number(page.doc.querySelector('input[name="v"]')?.getAttribute("value") ?? "0");
          const before = await recordOf(taker.id);
          const fields = { ...submission.extra, answer: itemAnswerOf(given, step), v: String(fresh ? shownVersion : shownVersion + 1) };
          const answer = await submit(taker.browser, url, language, submission, fields, script ? { accept: "application/json" } : {});
          expectGatekeeping(answer, submission);
          expectAnsweredWell(answer, language, { json: script });
          const saved = answer.status === 303 || (answer.status === 200 && script);
          if (!saved) {
            await expectUnchangedBy(answer, taker.id, before);
            return;
          }
          const itemId = (STEPS[step - 1] as { item: { id: string } }).item.id;
          const stored = (await recordOf(taker.id)).items.find((r) => r.itemId === itemId)!.answer;
          expect(CHOICES[step], `answer ${JSON.stringify(stored)} stored for ${itemId}`).toContain(stored);
          const back = await send(taker.browser, "GET", url, language);
          expect(back.doc.querySelector('input[name="answer"][checked]')?.getAttribute("value"), "the saved answer is not shown chosen").toBe(stored);
        },
        {
          numRuns: 30,
          // A work-style point with a sign a script may add: 「+1」 reads as 1.
          examples: [
            {
              pick: ITEM_STEPS.indexOf(FIRST_PAIR_STEP),
              answer: { kind: "choice", index: 2, decoration: { before: "+", after: "" } },
              fresh: true,
              submission: { damage: {}, extra: {}, encoding: "form", csrf: { kind: "valid" }, junk: "" },
              script: false,
              language: "ja",
            },
          ],
        },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

describe("after all the hostile input", () => {
  it("the application half-way through the assessment is unchanged and resumes at its first unanswered item", async () => {
    await expectKeptApplicationsIntact();
    const resumed = await midAssessment.browser.get(`/applications/${midAssessment.id}/assessment`);
    expect(resumed.location, "the assessment does not resume at the first unanswered item").toBe(
      `/applications/${midAssessment.id}/assessment/${MID_ASSESSMENT_STOP}`,
    );
    const first = await midAssessment.browser.get(`/applications/${midAssessment.id}/assessment/${ITEM_STEPS[0]}`);
    expect(first.doc.querySelector('input[name="answer"][checked]')?.getAttribute("value")).toBe(CHOICES[ITEM_STEPS[0]!]![0]);
  });
});
