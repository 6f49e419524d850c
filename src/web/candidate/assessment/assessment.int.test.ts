import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCandidate, type PageResponse, signIn, startTestPortal, type TestPortal, takeAssessment, type Visitor } from "../../../../test/portal.ts";
import { applications } from "../../../modules/applications/schema.ts";
import { stepsOf } from "../../../modules/assessment/attempts.ts";
import { loadItemBank } from "../../../modules/assessment/bank/index.ts";
import { assessmentAnswers, assessmentAttempts, assessmentSurveys } from "../../../modules/assessment/schema.ts";
import { readItemAnswer, scoreAssessment } from "../../../modules/assessment/scoring/index.ts";
import { eventsOf } from "../../../modules/events/read-events.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal?.close());

const personal = {
  familyNameLatin: "Sato",
  givenNameLatin: "Yui",
  familyNameKana: "サトウ",
  givenNameKana: "ユイ",
  country: "JP",
  postalCode: "1000001",
  prefecture: "東京都",
  city: "千代田区",
  address1: "1-1",
  email: "yui@example.jp",
  phoneType: "mobile",
  phone: "09011112222",
  birthYear: "1990",
  birthMonth: "1",
  birthDay: "2",
  howHeard: "sns",
};

async function postPage(visitor: Visitor, id: string, page: string, form: Record<string, string>) {
  const current = await visitor.get(`/applications/${id}/${page}`);
  const version = current.doc.querySelector('input[name="version"]')?.getAttribute("value") ?? "0";
  return visitor.post(`/applications/${id}/${page}`, { version, intent: "continue", ...form });
}

/** A signed-in candidate whose application waits at the assessment. */
async function pledged(on: TestPortal = portal) {
  const who = await newCandidate(on.db);
  const visitor = on.visitor();
  await signIn(on, visitor, who);
  const id = (await visitor.post("/jobs/230107874/apply")).location!.split("/")[2]!;
  await postPage(visitor, id, "documents", { intent: "skip" });
  await postPage(visitor, id, "personal", personal);
  await postPage(visitor, id, "eligibility", { age18: "yes", preHireDocuments: "understood" });
  await postPage(visitor, id, "work-authorization", { workAuthorizationType: "japanese", student: "notStudent", confirmStep3: "yes" });
  await postPage(visitor, id, "self-identification", { gender: "male" });
  expect((await postPage(visitor, id, "pledge", { consent: "yes" })).location).toBe(`/applications/${id}/assessment`);
  return { who, visitor, id };
}

/** Follows text pages (次へ / 開始) until the first question, returning that page. */
async function toFirstItem(visitor: Visitor, id: string): Promise<PageResponse> {
  let res = await visitor.follow(await visitor.get(`/applications/${id}/assessment`));
  for (let i = 0; i < 30 && !res.doc.querySelector('input[name="answer"]'); i++) {
    res = await visitor.follow(await visitor.post(res.doc.querySelector("main form.form")!.getAttribute("action")!, {}));
  }
  return res;
}

async function answer(visitor: Visitor, page: PageResponse, pick = 0): Promise<PageResponse> {
  const form = page.doc.querySelector("main form.form")!;
  const values = form.querySelectorAll('input[name="answer"]').map((r) => r.getAttribute("value")!);
  return visitor.post(form.getAttribute("action")!, { answer: values[pick]!, v: form.querySelector('input[name="v"]')!.getAttribute("value")! });
}

async function attemptOf(id: string) {
  const [attempt] = await portal.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.applicationId, id));
  return attempt!;
}

describe("the assessment player", () => {
  it("explains auto-advance before the first question and shows one item per page with its own URL", async () => {
    const { visitor, id } = await pledged();
    let res = await visitor.follow(await visitor.get(`/applications/${id}/assessment`));
    const seen: string[] = [];
    for (let i = 0; i < 30 && !res.doc.querySelector('input[name="answer"]'); i++) {
      seen.push(res.doc.querySelector("h1")?.textContent.trim() ?? "");
      res = await visitor.follow(await visitor.post(res.doc.querySelector("main form.form")!.getAttribute("action")!, {}));
    }
    expect(seen[0]).toBe("今後の流れ");
    expect(seen.join(" ")).toMatch(/自動進行/);
    expect(res.doc.querySelector("audio, .scenario")).not.toBeNull();
    expect(res.html).toContain("お客様対応に関する演習 1 / ");
    expect(res.doc.querySelector("progress")).not.toBeNull();
    expect(res.doc.querySelectorAll('input[name="answer"]').length).toBeGreaterThanOrEqual(3);
    expect(res.doc.querySelector("[data-next]")?.textContent.trim()).toBe("次へ");
    // Scoring keys never reach the browser.
    expect(res.html).not.toMatch(/effectiveness|"sign"|scored|pilot/);
  });

  it("saves each answer as it is given, goes back one page to change it, and refuses to skip ahead", async () => {
    const { visitor, id } = await pledged();
    const first = await toFirstItem(visitor, id);
    const firstUrl = first.doc.querySelector("main form.form")!.getAttribute("action")!;
    const afterFirst = await answer(visitor, first, 0);
    expect(afterFirst.status).toBe(303);
    const second = await visitor.get(afterFirst.location!);
    const n = Number(afterFirst.location!.split("/").pop());
    expect((await visitor.get(`/applications/${id}/assessment/${n + 3}`)).location).toBe(afterFirst.location);
    const back = second.doc.querySelector("a.back-link")!.getAttribute("href")!;
    expect(back).toBe(firstUrl);
    const again = await visitor.get(back);
    expect(again.doc.querySelector('input[name="answer"][checked]')).not.toBeNull();
    await answer(visitor, again, 1);
    const attempt = await attemptOf(id);
    const rows = await portal.db.select().from(assessmentAnswers).where(eq(assessmentAnswers.attemptId, attempt.id));
    expect(rows).toHaveLength(2);
    const changed = rows.find((r) => r.version === 2)!;
    expect(changed.changes).toBe(1);
    expect(changed.msToAnswer).not.toBeNull();
  });

  it("tells an older tab that the answer changed instead of overwriting it", async () => {
    const { visitor, id } = await pledged();
    const tabA = await toFirstItem(visitor, id);
    const url = tabA.doc.querySelector("main form.form")!.getAttribute("action")!;
    const tabB = await visitor.get(url);
    await answer(visitor, tabA, 2);
    const stale = await answer(visitor, tabB, 0);
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("別のタブまたは別の端末で変更されています");
    const values = stale.doc.querySelectorAll('input[name="answer"]').map((r) => r.getAttribute("value"));
    expect(stale.doc.querySelector('input[name="answer"][checked]')?.getAttribute("value")).toBe(values[2]);
  });

  it("resumes on another device at the first unanswered item", async () => {
    const { visitor, id, who } = await pledged();
    let page = await toFirstItem(visitor, id);
    for (let i = 0; i < 4; i++) page = await visitor.follow(await answer(visitor, page));
    const stoppedAt = page.doc.querySelector("main form.form")!.getAttribute("action")!;
    const other = portal.visitor();
    portal.clock.advance(31_000);
    await signIn(portal, other, who);
    const resumed = await other.get(`/applications/${id}/resume`);
    expect(resumed.location).toBe(`/applications/${id}/assessment`);
    expect((await other.get(resumed.location!)).location).toBe(stoppedAt);
  });

  it("answers a script's save with JSON naming the next page", async () => {
    const { visitor, id } = await pledged();
    const first = await toFirstItem(visitor, id);
    const form = first.doc.querySelector("main form.form")!;
    const value = form.querySelectorAll('input[name="answer"]')[0]!.getAttribute("value")!;
    const res = await visitor.request("POST", form.getAttribute("action")!, { _csrf: visitor.csrf!, answer: value, v: "0" }, { accept: "application/json" });
    expect(res.status).toBe(200);
    const json = JSON.parse(res.html) as { ok: boolean; next: string };
    expect(json.ok).toBe(true);
    expect(json.next).toMatch(/\/assessment\/\d+$/);
  });

  it("switches auto-advance off in ヘルプ", async () => {
    const { visitor, id } = await pledged();
    const first = await toFirstItem(visitor, id);
    expect(first.doc.querySelector("[data-item-form]")?.getAttribute("data-auto-advance")).toBe("on");
    const settings = first.doc.querySelector("details.player__help form")!;
    const res = await visitor.post(settings.getAttribute("action")!, {
      autoAdvance: "off",
      step: settings.querySelector('input[name="step"]')!.getAttribute("value")!,
    });
    const page = await visitor.get(res.location!);
    expect(page.doc.querySelector("[data-item-form]")?.getAttribute("data-auto-advance")).toBe("off");
    expect(page.html).toContain("自動進行はオフです");
  });

  it("scores on the server, stores integrity signals and the survey apart, and moves to the e-signature", async () => {
    const { visitor, id } = await pledged();
    const first = await toFirstItem(visitor, id);
    await visitor.request("POST", `/applications/${id}/assessment/events`, { _csrf: visitor.csrf!, kind: "paste" });
    await visitor.request("POST", `/applications/${id}/assessment/events`, { _csrf: visitor.csrf!, kind: "hidden" });
    expect(first.status).toBe(200);
    const end = await takeAssessment(visitor, id, (values, step) => values[step % values.length]!);
    expect(end).toBe(`/applications/${id}/signature`);
    const attempt = await attemptOf(id);
    expect(attempt.state).toBe("completed");
    expect(attempt.validUntil!.getTime() - attempt.completedAt!.getTime()).toBeGreaterThan(180 * 24 * 3600 * 1000);
    const bank = await loadItemBank("content/assessments/csa-ja");
    const rows = await portal.db.select().from(assessmentAnswers).where(eq(assessmentAnswers.attemptId, attempt.id));
    const expected = scoreAssessment(
      bank,
      rows.map((r) => readItemAnswer(bank.items.find((i) => i.id === r.itemId)!, r.answer)!),
    );
    expect(attempt.score).toEqual(JSON.parse(JSON.stringify(expected)));
    expect((attempt.score as { bankVersion: number }).bankVersion).toBe(bank.version);
    const itemCount = stepsOf(bank).filter((s) => s.kind === "item").length;
    expect(rows.filter((r) => r.answer !== null)).toHaveLength(itemCount);
    const integrity = attempt.integrity as { pastes: number; focusLosses: number; fastAnswers: string[] };
    expect(integrity.pastes).toBe(1);
    expect(integrity.focusLosses).toBe(1);
    expect(integrity.fastAnswers.length).toBeGreaterThan(0);
    expect(await portal.db.select().from(assessmentSurveys).where(eq(assessmentSurveys.attemptId, attempt.id))).toHaveLength(0);
    const [app] = await portal.db.select().from(applications).where(eq(applications.id, id));
    expect(app?.state).toBe("assessment_done");
    const [completed] = await eventsOf(portal.db, { kind: "assessment_attempt", id: attempt.id });
    expect([completed?.name, completed?.fromState, completed?.toState, completed?.data.applicationId]).toEqual([
      "assessment.completed",
      "in_progress",
      "completed",
      id,
    ]);
  });

  it("keeps the optional survey's answers apart from the score", async () => {
    const { visitor, id } = await pledged();
    let res = await visitor.get(`/applications/${id}/assessment`);
    for (let i = 0; i < 400; i++) {
      if (res.location) {
        res = await visitor.get(res.location);
        continue;
      }
      const form = res.doc.querySelector("main form.form")!;
      const radios = form.querySelectorAll('input[name="answer"]').map((r) => r.getAttribute("value")!);
      const surveyQuestions = [...new Set(form.querySelectorAll('input[type="radio"]').map((r) => r.getAttribute("name")!))].filter((n) => n !== "answer");
      if (surveyQuestions.length > 0) {
        const done = await visitor.post(form.getAttribute("action")!, { [surveyQuestions[0]!]: "4", [surveyQuestions[1]!]: "9" });
        expect(done.location).toBe(`/applications/${id}/signature`);
        break;
      }
      res = await visitor.post(
        form.getAttribute("action")!,
        radios.length ? { answer: radios[0]!, v: form.querySelector('input[name="v"]')!.getAttribute("value")! } : {},
      );
    }
    const attempt = await attemptOf(id);
    const [survey] = await portal.db.select().from(assessmentSurveys).where(eq(assessmentSurveys.attemptId, attempt.id));
    expect(Object.values(survey!.answers)).toEqual([4]);
    expect(JSON.stringify(attempt.score)).not.toContain("instructions");
  });

  it("reuses a result under 6 months old when the candidate applies again", async () => {
    const { visitor, id } = await pledged();
    await takeAssessment(visitor, id);
    const withdraw = await visitor.post(`/applications/${id}/withdraw/confirm`, { reason: "mistake" });
    expect(withdraw.location).toBe("/account/applications?notice=withdrawn");
    const second = (await visitor.post("/jobs/230107874/apply")).location!.split("/")[2]!;
    await postPage(visitor, second, "documents", { intent: "skip" });
    await postPage(visitor, second, "personal", personal);
    await postPage(visitor, second, "eligibility", { age18: "yes", preHireDocuments: "understood" });
    await postPage(visitor, second, "work-authorization", { workAuthorizationType: "japanese", student: "notStudent", confirmStep3: "yes" });
    await postPage(visitor, second, "self-identification", { gender: "male" });
    await postPage(visitor, second, "pledge", { consent: "yes" });
    const entry = await visitor.get(`/applications/${second}/assessment`);
    expect(entry.location).toBe(`/applications/${second}/signature?notice=assessmentReused`);
    expect((await visitor.get(entry.location!)).html).toContain("6か月以内に受けたアセスメントの結果を使用します");
    const attempts = await portal.db
      .select()
      .from(assessmentAttempts)
      .where(and(eq(assessmentAttempts.bankId, "csa-ja"), eq(assessmentAttempts.applicationId, id)));
    expect(attempts).toHaveLength(1);
  });

  it("keeps another candidate out of the attempt", async () => {
    const { id } = await pledged();
    const stranger = portal.visitor();
    await signIn(portal, stranger, await newCandidate(portal.db));
    expect((await stranger.get(`/applications/${id}/assessment`)).status).toBe(404);
    expect((await stranger.get(`/applications/${id}/assessment/1`)).status).toBe(404);
    expect((await stranger.post(`/applications/${id}/assessment/12`, { answer: "a" })).status).toBe(404);
  });

  it("serves the audio clips and nothing else from the media path", async () => {
    const visitor = portal.visitor();
    const bank = await loadItemBank("content/assessments/csa-ja");
    const clip = bank.pages.audioCheck.media.src.replace(/^audio\//, "");
    const ok = await visitor.get(`/assessment-media/csa-ja/audio/${clip}`);
    expect(ok.status).toBe(200);
    expect(ok.headers["content-type"]).toBe("audio/mpeg");
    expect((await visitor.get("/assessment-media/csa-ja/audio/..%2Fbank.json")).status).toBe(404);
  });
});

describe("identical answer patterns", () => {
  // A portal of its own: the count is over every completed attempt, so no other test's attempts may mix in.
  let own: TestPortal;
  beforeAll(async () => {
    own = await startTestPortal();
  });
  afterAll(async () => {
    await own?.close();
  });

  it("are found across candidates after completion, off the request", async () => {
    const pattern = (values: string[], step: number) => values[(step * 7) % values.length]!;
    const first = await pledged(own);
    await takeAssessment(first.visitor, first.id, pattern);
    const second = await pledged(own);
    await takeAssessment(second.visitor, second.id, pattern);
    const third = await pledged(own);
    await takeAssessment(third.visitor, third.id, (values) => values[values.length - 1]!);
    const attemptsOf = (ids: string[]) =>
      Promise.all(ids.map(async (id) => (await own.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.applicationId, id)))[0]!));
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
