import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerRowsOf, attemptOf, formOf, inventEarlierApplicants, pledge, pledged, toFirstItem } from "../../../../test/assessment-pages.ts";
import { type AssessmentChoice, assessmentAnswerFields, startTestPortal, type TestPortal, takeAssessment, textOf } from "../../../../test/portal.ts";
import { applications } from "../../../modules/applications/schema.ts";
import { stepsOf } from "../../../modules/assessment/attempts.ts";
import { loadItemBank, type SituationItem } from "../../../modules/assessment/bank/index.ts";
import { NORMS_JOB, NORMS_WINDOW_MS } from "../../../modules/assessment/norms/index.ts";
import { assessmentAttempts, assessmentSurveys } from "../../../modules/assessment/schema.ts";
import { readStoredAnswer, SCORING_VERSION, scoreAssessment } from "../../../modules/assessment/scoring/index.ts";
import { eventsOf } from "../../../modules/events/read-events.ts";
import { backgroundJobs } from "../../../platform/db/schema.ts";

const bank = await loadItemBank("content/assessments/csa-ja");

/** Picks by the key: the most effective option as best and the least effective as worst; pairs leftmost. */
const keyed: AssessmentChoice = (values, _step, itemId, pick) => {
  const item = bank.items.find((i): i is SituationItem => i.id === itemId && i.exercise === "situations");
  if (!item) return values[0]!;
  const rating = (id: string) => item.key.effectiveness[id] ?? 0;
  const sorted = [...values].sort((a, b) => rating(b) - rating(a));
  return pick === "worst" ? sorted[sorted.length - 1]! : sorted[0]!;
};

/** By option id, whatever the order on the page: the same answers for every attempt. */
const byId: AssessmentChoice = (values) => [...values].sort()[0]!;

describe("scores and results", () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal();
  });
  afterAll(() => portal?.close());

  it("scores on the server with its versions, stores the integrity signals and the survey apart, and moves to the e-signature", async () => {
    const { visitor, id } = await pledged(portal);
    await toFirstItem(visitor, id);
    await visitor.request("POST", `/applications/${id}/assessment/events`, { _csrf: visitor.csrf!, kind: "paste" });
    await visitor.request("POST", `/applications/${id}/assessment/events`, { _csrf: visitor.csrf!, kind: "hidden" });
    const end = await takeAssessment(visitor, id, (values, step) => values[step % values.length]!);
    expect(end).toBe(`/applications/${id}/signature`);
    const attempt = await attemptOf(portal, id);
    expect(attempt.state).toBe("completed");
    expect(attempt.validUntil!.getTime() - attempt.completedAt!.getTime()).toBeGreaterThan(180 * 24 * 3600 * 1000);
    const rows = await answerRowsOf(portal, attempt.id);
    const expected = scoreAssessment(
      bank,
      rows.map((r) => readStoredAnswer(bank.items.find((i) => i.id === r.itemId)!, r.answer)!),
    );
    expect(attempt.score).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(attempt.score).toMatchObject({ bankVersion: bank.version, scoringVersion: SCORING_VERSION });
    expect([attempt.bankVersion, attempt.scoringVersion]).toEqual([bank.version, SCORING_VERSION]);
    const itemCount = stepsOf(bank).filter((s) => s.kind === "item").length;
    expect(rows.filter((r) => r.answer !== null)).toHaveLength(itemCount);
    expect(rows.every((r) => r.locale === "ja")).toBe(true);

    // Raw measures with SEs for every scale; no norm yet, so no T-scores and no band, and it says so.
    const measures = attempt.measures!;
    expect(Object.keys(measures).sort()).toEqual(
      ["situations", ...bank.competencies.map((c) => `competency:${c.id}`), ...bank.traits.map((t) => `trait:${t.id}`)].sort(),
    );
    expect(measures.situations?.value).toBeCloseTo(expected.situations.score!, 9);
    expect(measures["trait:composure"]?.se).toBeCloseTo(expected.traits.find((t) => t.traitId === "composure")!.se, 9);
    expect(attempt.result).toMatchObject({ bankVersion: bank.version, scoringVersion: SCORING_VERSION, norm: null, band: null });
    expect(attempt.normVersion).toBeNull();

    const integrity = attempt.integrity as Record<string, unknown>;
    expect(integrity.pastes).toBe(1);
    expect(integrity.focusLosses).toBe(1);
    expect((integrity.fastAnswers as string[]).length).toBeGreaterThan(0);
    expect(Object.keys(integrity).some((k) => /transcript/i.test(k))).toBe(false);
    expect(await portal.db.select().from(assessmentSurveys).where(eq(assessmentSurveys.attemptId, attempt.id))).toHaveLength(0);
    const [app] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect(app?.state).toBe("assessment_done");
    const [completed] = await eventsOf(portal.db, { kind: "assessment_attempt", id: attempt.id });
    expect([completed?.name, completed?.fromState, completed?.toState, completed?.data.applicationId, completed?.data.scoringVersion]).toEqual([
      "assessment.completed",
      "in_progress",
      "completed",
      id,
      SCORING_VERSION,
    ]);
    // The norm is recomputed by the worker when the completion's 15-minute window closes, not on the request.
    const [job] = await portal.db.select().from(backgroundJobs).where(eq(backgroundJobs.kind, NORMS_JOB));
    expect(job?.payload).toEqual({ bankId: bank.bankId, bankVersion: bank.version, scoringVersion: SCORING_VERSION });
    expect(job!.runAt.getTime() - attempt.completedAt!.getTime()).toBeLessThanOrEqual(NORMS_WINDOW_MS);
  });

  it("stores the language each answer was given in, when the candidate switches mid-test", async () => {
    const { visitor, id } = await pledged(portal);
    let page = await toFirstItem(visitor, id);
    page = await visitor.follow(await visitor.post(formOf(page).getAttribute("action")!, assessmentAnswerFields(formOf(page))));
    await visitor.post("/language", { locale: "en", back: formOf(page).getAttribute("action")! });
    page = await visitor.get(formOf(page).getAttribute("action")!);
    expect(textOf(page.doc, "h1")).toBe("Customer-service exercise 2 / 30");
    await visitor.post(formOf(page).getAttribute("action")!, assessmentAnswerFields(formOf(page)));
    const rows = await answerRowsOf(portal, (await attemptOf(portal, id)).id);
    expect(rows.map((r) => r.locale).sort()).toEqual(["en", "ja"]);
  });

  it("keeps the optional survey's answers apart from the score", async () => {
    const { visitor, id } = await pledged(portal);
    let res = await visitor.follow(await visitor.get(`/applications/${id}/assessment`));
    for (let i = 0; i < 400 && textOf(res.doc, "h1") !== "選考体験についてのアンケート"; i++) {
      res = await visitor.follow(await visitor.post(formOf(res).getAttribute("action")!, assessmentAnswerFields(formOf(res))));
    }
    const form = formOf(res);
    const questions = [...new Set(form.querySelectorAll('input[type="radio"]').map((r) => r.getAttribute("name")!))];
    const done = await visitor.post(form.getAttribute("action")!, { [questions[0]!]: "4", [questions[1]!]: "9" });
    expect(done.location).toBe(`/applications/${id}/signature`);
    const attempt = await attemptOf(portal, id);
    const [survey] = await portal.db.select().from(assessmentSurveys).where(eq(assessmentSurveys.attemptId, attempt.id));
    expect(Object.values(survey!.answers)).toEqual([4]);
    expect(JSON.stringify(attempt.score)).not.toContain("instructions");
  });

  async function applyAgain(visitor: Parameters<typeof pledge>[0], firstId: string): Promise<string> {
    const withdraw = await visitor.post(`/applications/${firstId}/withdraw/confirm`, { reason: "mistake" });
    expect(withdraw.location).toBe("/account/applications?notice=withdrawn");
    const second = (await visitor.post("/jobs/230107874/apply")).location!.split("/")[2]!;
    await pledge(visitor, second);
    return second;
  }

  it("reuses a result under 6 months old of the same bank version, and says so", async () => {
    const { visitor, id } = await pledged(portal);
    await takeAssessment(visitor, id);
    const second = await applyAgain(visitor, id);
    const entry = await visitor.get(`/applications/${second}/assessment`);
    expect(textOf(entry.doc, "h1")).toBe("アセスメントの結果を使用します");
    expect(textOf(entry.doc, "main")).toMatch(/この結果は\d{4}年\d{1,2}月\d{1,2}日まで有効です/);
    const on = await visitor.post(formOf(entry).getAttribute("action")!, {});
    expect(on.location).toBe(`/applications/${second}/signature?notice=assessmentReused`);
    expect((await visitor.get(on.location!)).html).toContain("6か月以内に受けたアセスメントの結果を使用します");
    const attempts = await portal.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.bankId, bank.bankId));
    expect(attempts.filter((a) => a.applicationId === second)).toHaveLength(0);
  });

  it("does not reuse a result of another bank version: the candidate takes the new one and is told why", async () => {
    const { visitor, id, who } = await pledged(portal);
    await takeAssessment(visitor, id);
    // The result was given to the bank's previous version.
    await portal.db
      .update(assessmentAttempts)
      .set({ bankVersion: bank.version - 1 })
      .where(eq(assessmentAttempts.applicationId, id));
    const second = await applyAgain(visitor, id);
    const entry = await visitor.get(`/applications/${second}/assessment`);
    expect(textOf(entry.doc, "h1")).toBe("アセスメント（オンライン体験型選考）");
    expect(textOf(entry.doc, ".callout")).toMatch(
      /^\d{4}年\d{1,2}月\d{1,2}日に受けたアセスメントの結果は、まだ有効期間内です。ただし、アセスメントの内容が新しくなったため、その結果はこの応募には使えません。/,
    );
    await visitor.post("/language", { locale: "en", back: "/" });
    expect(textOf((await visitor.get(`/applications/${second}/assessment`)).doc, ".callout")).toContain("the assessment has since been renewed");
    await visitor.post("/language", { locale: "ja", back: "/" });
    const started = await visitor.post(formOf(entry).getAttribute("action")!, {});
    expect(started.location).toBe(`/applications/${second}/assessment/1`);
    const attempts = await portal.db
      .select()
      .from(assessmentAttempts)
      .where(and(eq(assessmentAttempts.candidateId, who.candidate.id), eq(assessmentAttempts.bankId, bank.bankId)));
    expect(attempts.map((a) => [a.bankVersion, a.state]).sort()).toEqual([
      [bank.version - 1, "completed"],
      [bank.version, "in_progress"],
    ]);
  });
});

describe("identical answer patterns", () => {
  // A portal of its own: the count is over every completed attempt, so no other test's attempts may mix in.
  let own: TestPortal;
  beforeAll(async () => {
    own = await startTestPortal();
  });
  afterAll(() => own?.close());

  it("are found across candidates after completion, off the request", async () => {
    const first = await pledged(own);
    await takeAssessment(first.visitor, first.id, byId);
    const second = await pledged(own);
    await takeAssessment(second.visitor, second.id, byId);
    const third = await pledged(own);
    await takeAssessment(third.visitor, third.id, (values) => [...values].sort().at(-1)!);
    const attemptsOf = (ids: string[]) => Promise.all(ids.map((id) => attemptOf(own, id)));
    const attempts = await attemptsOf([first.id, second.id, third.id]);
    expect(attempts[1]!.answersHash).toBe(attempts[0]!.answersHash);
    expect(attempts[2]!.answersHash).not.toBe(attempts[0]!.answersHash);
    // The check is queued with the completion and runs in the worker, not in the request that completed it.
    const counts = (rows: typeof attempts) => rows.map((a) => (a.integrity as { identicalAnswerPatternWith?: number }).identicalAnswerPatternWith);
    expect(counts(attempts)).toEqual([undefined, undefined, undefined]);
    expect(await own.runJobs()).toBe(3);
    expect(counts(await attemptsOf([first.id, second.id, third.id]))).toEqual([1, 1, 0]);
  });
});

describe("the candidate's report after 応募する", () => {
  let own: TestPortal;
  beforeAll(async () => {
    own = await startTestPortal();
    // Forty earlier applicants of this bank version (invented), enough for a provisional norm.
    await inventEarlierApplicants(own.db, bank, 40);
  });
  afterAll(() => own?.close());

  async function submit(visitor: Parameters<typeof pledge>[0], id: string) {
    const signature = await visitor.get(`/applications/${id}/signature`);
    await visitor.post(`/applications/${id}/signature`, {
      version: signature.doc.querySelector('input[name="version"]')?.getAttribute("value") ?? "0",
      signature: "Yui Sato",
    });
    const final = await visitor.get(`/applications/${id}/final-questions`);
    await visitor.post(`/applications/${id}/final-questions`, {
      version: final.doc.querySelector('input[name="version"]')?.getAttribute("value") ?? "0",
      intent: "continue",
      languages: ["ja"],
      privateRoom: "yes",
      workPlace: ["ownRoom"],
      quietEnvironment: "yes",
      stressHistory: "無",
      stressHistoryConsent: "yes",
      doubleWork: "none",
      workAuthorizationFinal: "japaneseOrSpecial",
      confirmFinal: "yes",
    });
    expect((await visitor.post(`/applications/${id}/submit`)).location).toBe(`/applications/${id}/complete`);
  }

  it("shows the band, two relative strengths, the date the result is valid until and that it is one part, with no scores", async () => {
    const { visitor, id } = await pledged(own);
    await takeAssessment(visitor, id, keyed);
    await submit(visitor, id);

    // Before the worker has normed anything: no band yet, and the page says when there will be one.
    const before = await visitor.get(`/applications/${id}/complete`);
    expect(textOf(before.doc, ".report")).toContain("結果の目安は、受検した方が一定の人数に達してから、「応募した求人」でお知らせします。");

    // The completion's window closes; the worker computes the norm and re-norms the results waiting for one.
    own.clock.advance(NORMS_WINDOW_MS);
    await own.runJobs();
    const attempt = await attemptOf(own, id);
    expect(attempt.normVersion).toBe(1);
    expect(attempt.result).toMatchObject({ norm: { version: 1, attempts: 41, provisional: true }, band: "high" });
    const t = attempt.result!.scales.situations!;
    expect(t.t).toBeGreaterThan(60);
    expect(t.high! - t.t!).toBeCloseTo(t.t! - t.low!, 9);

    const page = await visitor.get(`/applications/${id}/complete`);
    const report = textOf(page.doc, ".report");
    expect(textOf(page.doc, ".report h2")).toBe("アセスメントの結果");
    expect(report).toContain("お客様対応の演習：高い");
    expect(report).toContain("応募した方全体と比べて、高い結果でした。");
    expect(report).toContain("受検した方がまだ少ないため、この目安は暫定です。");
    expect(page.doc.querySelectorAll(".report__strengths li")).toHaveLength(2);
    const names = [...bank.competencies, ...bank.traits].map((c) => c.name.ja);
    for (const li of page.doc.querySelectorAll(".report__strengths li strong")) expect(names).toContain(li.textContent.trim());
    expect(report).toMatch(/この結果は\d{4}年\d{1,2}月\d{1,2}日まで有効です。/);
    expect(report).toContain("アセスメントは選考の一部です。");
    // No raw numbers: the only digits are the date's and the count of strengths.
    expect(report.replace(/\d{4}年\d{1,2}月\d{1,2}日/, "").replace("次の2つ", "")).not.toMatch(/[0-9０-９]/);

    const mine = await visitor.get("/account/applications");
    expect(textOf(mine.doc, ".card .report")).toContain("お客様対応の演習：高い");
    expect(mine.doc.querySelectorAll(".card .report__strengths li")).toHaveLength(2);

    await visitor.post("/language", { locale: "en", back: "/account/applications" });
    const english = await visitor.get(`/applications/${id}/complete`);
    expect(textOf(english.doc, ".report")).toContain("Customer-service exercise: Higher");
    expect(textOf(english.doc, ".report")).toContain("The assessment is one part of the selection.");
  });

  it("shows the reused result's report on a later application, and none while an application is not sent", async () => {
    const { visitor, id } = await pledged(own);
    await takeAssessment(visitor, id, keyed);
    await submit(visitor, id);
    own.clock.advance(NORMS_WINDOW_MS);
    await own.runJobs();
    const firstReport = textOf((await visitor.get(`/applications/${id}/complete`)).doc, ".report");

    expect((await visitor.post(`/applications/${id}/withdraw/confirm`, { reason: "mistake" })).location).toBe("/account/applications?notice=withdrawn");
    const second = (await visitor.post("/jobs/230107874/apply")).location!.split("/")[2]!;
    await pledge(visitor, second);
    const entry = await visitor.get(`/applications/${second}/assessment`);
    await visitor.post(formOf(entry).getAttribute("action")!, {});
    // Reused but not yet sent: no report on its card.
    const waiting = await visitor.get("/account/applications");
    expect(waiting.doc.querySelectorAll(".card .report")).toHaveLength(1);

    await submit(visitor, second);
    expect(textOf((await visitor.get(`/applications/${second}/complete`)).doc, ".report")).toBe(firstReport);
    expect((await visitor.get("/account/applications")).doc.querySelectorAll(".card .report")).toHaveLength(2);
  });
});
