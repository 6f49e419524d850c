import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer, answerRowsOf, attemptOf, checkedIn, formOf, isQuestion, pledged, toFirstItem } from "../../../../test/assessment-pages.ts";
import { statementsDuring } from "../../../../test/database.ts";
import { assessmentAnswerFields, newCandidate, type PageResponse, signIn, startTestPortal, type TestPortal, textOf } from "../../../../test/portal.ts";
import { attemptSeed, recordAnswerInSession, stepsOf } from "../../../modules/assessment/attempts.ts";
import { loadItemBank, optionOrder, orderItemsForAttempt } from "../../../modules/assessment/bank/index.ts";
import { assessmentAttempts } from "../../../modules/assessment/schema.ts";
import { sessions } from "../../../platform/db/schema.ts";
import { CANDIDATE_SESSIONS, hashSessionId } from "../../../platform/security/sessions.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal?.close());

const bank = await loadItemBank("content/assessments/csa-ja");

/** The option ids of a group as the page lists them. */
function valuesIn(page: PageResponse, name: string): string[] {
  return page.doc.querySelectorAll(`main input[name="${name}"]`).map((r) => r.getAttribute("value")!);
}

function actionOf(page: PageResponse): string {
  return formOf(page).getAttribute("action")!;
}

describe("the assessment player", () => {
  it("starts with 「ここから始める」, asks how to move on, and explains auto-advance before the first question", async () => {
    const { visitor, id } = await pledged(portal);
    const start = await visitor.get(`/applications/${id}/assessment`);
    expect(start.status).toBe(200);
    expect(textOf(start.doc, "main button[type=submit]")).toBe("ここから始める");
    // Opening the first page starts nothing: the attempt begins with 「ここから始める」.
    expect(await portal.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.applicationId, id))).toHaveLength(0);

    let res = await visitor.follow(await visitor.post(actionOf(start), {}));
    const seen: { heading: string; button: string }[] = [];
    for (let i = 0; i < 30 && !isQuestion(res); i++) {
      seen.push({ heading: textOf(res.doc, "h1"), button: textOf(res.doc, "main form.form button.button--primary") });
      if (res.doc.querySelector('input[type="radio"][name="autoAdvance"]')) {
        // The choice is explicit: nothing is preselected, and 開始 without one is refused with a message.
        expect(res.doc.querySelector('input[type="radio"][name="autoAdvance"][checked]')).toBeNull();
        expect(res.doc.querySelectorAll('label[for^="f-autoAdvance"]').map((l) => l.textContent.trim())).toEqual(["自動で次へ進む", "自分で次へを押す"]);
        const refused = await visitor.post(actionOf(res), {});
        expect(refused.status).toBe(400);
        expect(textOf(refused.doc, ".error-summary")).toBe("回答を選んだあとの進み方を選んでください");
        res = await visitor.follow(await visitor.post(actionOf(res), { autoAdvance: "off" }));
        continue;
      }
      res = await visitor.follow(await visitor.post(actionOf(res), {}));
    }
    expect(seen[0]).toEqual({ heading: "今後の流れ", button: "次へ" });
    expect(seen.find((s) => s.heading === "音声チェック")?.button).toBe("開始");
    expect(seen.find((s) => s.heading === "自動進行について")?.button).toBe("開始");
    expect((await attemptOf(portal, id)).autoAdvance).toBe(false);

    // The first question: where the candidate is, both groups of answer cards, and 次へ.
    const total = stepsOf(bank).length;
    const n = Number(actionOf(res).split("/").pop());
    expect(textOf(res.doc, ".player__count")).toBe(`進み具合 ${n} / ${total}`);
    expect(textOf(res.doc, "h1")).toBe("お客様対応に関する演習 1 / 30");
    expect(res.doc.querySelectorAll("main fieldset legend").map((l) => l.textContent.replace(/[◎✕]/g, "").trim())).toEqual(["最も効果的", "最も効果的でない"]);
    expect(valuesIn(res, "best")).toHaveLength(4);
    expect(valuesIn(res, "worst")).toEqual(valuesIn(res, "best"));
    expect(textOf(res.doc, "[data-next]")).toBe("次へ");
    // ヘルプ sits in the player's top bar, beside the progress bar, with the switches the tips page promises.
    const help = res.doc.querySelector(".player__bar details.player__help");
    expect(help?.querySelector("summary")?.textContent).toContain("ヘルプ");
    expect(help?.querySelectorAll("form button").map((b) => b.textContent.trim())).toEqual(["自動進行をオンにする", "音声の内容をいつも文字で表示する"]);
    // Scoring keys never reach the browser.
    expect(res.html).not.toMatch(/effectiveness|"sign"|scored|pilot|rationale/);
  });

  it("saves one pick at a time, asks for the other without JavaScript, and moves on once both are given", async () => {
    const { visitor, id } = await pledged(portal);
    const first = await toFirstItem(visitor, id);
    const url = actionOf(first);
    const [a, b] = valuesIn(first, "best");
    const fields = assessmentAnswerFields(formOf(first));

    const onlyBest = await visitor.post(url, { v: fields.v!, shown: fields.shown!, best: a! });
    expect(onlyBest.status).toBe(400);
    expect(textOf(onlyBest.doc, ".error-summary")).toBe("最も効果的でない対応も選んでください。もう一方の選択は保存されています");
    expect(checkedIn(onlyBest, "best")).toBe(a);
    const attempt = await attemptOf(portal, id);
    expect((await answerRowsOf(portal, attempt.id)).map((r) => r.answer)).toEqual([`best=${a}`]);

    const same = await visitor.post(url, { v: "1", best: a!, worst: a! });
    expect(same.status).toBe(400);
    expect(textOf(same.doc, ".error-summary")).toBe("同じ対応を両方に選ぶことはできません。別の対応を選んでください");

    const both = await visitor.post(url, { v: "1", shown: fields.shown!, best: a!, worst: b! });
    expect(both.status).toBe(303);
    const [row] = await answerRowsOf(portal, attempt.id);
    expect(row?.answer).toBe(`best=${a};worst=${b}`);
    // Filling in the second pick is not a change of answer; the time to answer runs to the whole answer.
    expect(row?.changes).toBe(0);
    expect(row?.msToAnswer).not.toBeNull();
    expect(row?.locale).toBe("ja");
  });

  it("answers a script's saves with JSON: the next page only once the answer is whole", async () => {
    const { visitor, id } = await pledged(portal);
    const first = await toFirstItem(visitor, id);
    const [a, b] = valuesIn(first, "best");
    const { v, shown } = assessmentAnswerFields(formOf(first));
    const save = (form: Record<string, string>) =>
      visitor.request("POST", actionOf(first), { _csrf: visitor.csrf!, shown: shown!, ...form }, { accept: "application/json" });
    const partial = await save({ v: v!, best: a!, worst: "" });
    expect(partial.status).toBe(200);
    expect(JSON.parse(partial.html)).toEqual({ ok: true, version: 1 });
    const whole = await save({ v: "1", best: a!, worst: b! });
    const json = JSON.parse(whole.html) as { ok: boolean; version: number; next: string };
    expect(json).toMatchObject({ ok: true, version: 2 });
    expect(json.next).toBe(`/applications/${id}/assessment/${Number(actionOf(first).split("/").pop()) + 1}`);
  });

  it("goes back one page to change an answer, shows 次へ there, and refuses to skip ahead", async () => {
    const { visitor, id } = await pledged(portal);
    const first = await toFirstItem(visitor, id);
    const firstUrl = actionOf(first);
    const afterFirst = await answer(visitor, first);
    expect(afterFirst.status).toBe(303);
    const second = await visitor.get(afterFirst.location!);
    const n = Number(afterFirst.location!.split("/").pop());
    expect((await visitor.get(`/applications/${id}/assessment/${n + 3}`)).location).toBe(afterFirst.location);
    const back = second.doc.querySelector("a.back-link")!;
    expect(back.textContent.trim()).toBe("← 戻る");
    expect(back.getAttribute("href")).toBe(firstUrl);
    const again = await visitor.get(firstUrl);
    const [a, b, c] = valuesIn(again, "best");
    expect([checkedIn(again, "best"), checkedIn(again, "worst")]).toEqual([a, b]);
    // The page opened answered: the script keeps 次へ in view instead of waiting for a new choice.
    expect(formOf(again).getAttribute("data-answered")).toBe("yes");
    const changed = await answer(visitor, again, (values) => (values.includes(c!) ? c! : values[0]!));
    expect(changed.status).toBe(303);
    const rows = await answerRowsOf(portal, (await attemptOf(portal, id)).id);
    const row = rows.find((r) => r.version === 2)!;
    expect(row.answer).toBe(`best=${c};worst=${a}`);
    expect(row.changes).toBe(1);
  });

  it("tells an older tab that the answer changed instead of overwriting it", async () => {
    const { visitor, id } = await pledged(portal);
    const tabA = await toFirstItem(visitor, id);
    const tabB = await visitor.get(actionOf(tabA));
    await answer(visitor, tabA, (values) => values[values.length - 1]!);
    const stale = await answer(visitor, tabB);
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("別のタブまたは別の端末で変更されています");
    const best = valuesIn(stale, "best");
    expect(checkedIn(stale, "best")).toBe(best[best.length - 1]);
  });

  it("resumes on another device at the first question not fully answered", async () => {
    const { visitor, id, who } = await pledged(portal);
    let page = await toFirstItem(visitor, id);
    for (let i = 0; i < 4; i++) page = await visitor.follow(await answer(visitor, page));
    const stoppedAt = actionOf(page);
    // One pick of the fifth question, then the candidate leaves.
    const fields = assessmentAnswerFields(formOf(page));
    expect((await visitor.post(stoppedAt, { v: fields.v!, worst: fields.worst! })).status).toBe(400);
    const other = portal.visitor();
    portal.clock.advance(31_000);
    await signIn(portal, other, who);
    const resumed = await other.get(`/applications/${id}/resume`);
    expect(resumed.location).toBe(`/applications/${id}/assessment`);
    expect((await other.get(resumed.location!)).location).toBe(stoppedAt);
    const there = await other.get(stoppedAt);
    expect([checkedIn(there, "best"), checkedIn(there, "worst")]).toEqual([null, fields.worst]);
  });

  it("shows every attempt its own order of questions and options, the same each time it is opened", async () => {
    const one = await pledged(portal);
    const two = await pledged(portal);
    const firstOf = async (who: typeof one) => {
      const page = await toFirstItem(who.visitor, who.id);
      return { page, item: formOf(page).getAttribute("data-item")!, options: valuesIn(page, "best") };
    };
    const a = await firstOf(one);
    const b = await firstOf(two);
    for (const [who, seen] of [
      [one, a],
      [two, b],
    ] as const) {
      const attempt = await attemptOf(portal, who.id);
      const seed = attemptSeed(attempt);
      const expectedItem = orderItemsForAttempt(bank, seed)[0]!;
      expect(seen.item).toBe(expectedItem.id);
      expect(seen.options).toEqual(optionOrder(expectedItem as Parameters<typeof optionOrder>[0], seed));
      // Opened again (a reload, another device): the same question with its options in the same order.
      const again = await who.visitor.get(actionOf(seen.page));
      expect(formOf(again).getAttribute("data-item")).toBe(seen.item);
      expect(valuesIn(again, "best")).toEqual(seen.options);
    }
    // Two attempts rarely share an order; these two seeds do not (checked once, the seeds are fixed by the ids).
    const orderOf = async (who: typeof one) => orderItemsForAttempt(bank, attemptSeed(await attemptOf(portal, who.id))).map((i) => i.id);
    expect(await orderOf(one)).not.toEqual(await orderOf(two));
  });

  it("writes nothing when a question is only opened", async () => {
    const { visitor, id } = await pledged(portal);
    const first = await toFirstItem(visitor, id);
    const attempt = await attemptOf(portal, id);
    for (let i = 0; i < 3; i++) await visitor.get(actionOf(first));
    expect(await answerRowsOf(portal, attempt.id)).toHaveLength(0);
  });

  it("switches auto-advance off, and transcripts on, in ヘルプ", async () => {
    const { visitor, id } = await pledged(portal);
    const first = await toFirstItem(visitor, id);
    expect(formOf(first).getAttribute("data-auto-advance")).toBe("on");
    const [autoAdvance] = first.doc.querySelectorAll("details.player__help form");
    const switched = await visitor.follow(
      await visitor.post(autoAdvance!.getAttribute("action")!, {
        autoAdvance: "off",
        transcripts: "off",
        step: autoAdvance!.querySelector('input[name="step"]')!.getAttribute("value")!,
      }),
    );
    expect(formOf(switched).getAttribute("data-auto-advance")).toBe("off");
    expect(switched.html).toContain("自動進行はオフです");
    const transcripts = switched.doc.querySelectorAll("details.player__help form")[1]!;
    const open = await visitor.follow(
      await visitor.post(transcripts.getAttribute("action")!, {
        autoAdvance: "off",
        transcripts: "on",
        step: transcripts.querySelector('input[name="step"]')!.getAttribute("value")!,
      }),
    );
    expect(open.html).toContain("音声の内容をいつも文字でも表示しています");
    if (open.doc.querySelector("details.transcript")) expect(open.doc.querySelector("details.transcript")?.hasAttribute("open")).toBe(true);
  });

  it("says on the last pages that the application is not sent yet", async () => {
    const { visitor, id } = await pledged(portal);
    let res = await visitor.follow(await visitor.get(`/applications/${id}/assessment`));
    for (let i = 0; i < 200 && textOf(res.doc, "h1") !== "すべての演習を完了しました"; i++) {
      res = await visitor.follow(await visitor.post(actionOf(res), assessmentAnswerFields(formOf(res))));
    }
    expect(textOf(res.doc, ".callout--warning strong")).toBe("演習は完了しました。応募はまだ完了していません（残り3ページ）");
    const survey = await visitor.follow(await visitor.post(actionOf(res), {}));
    expect(textOf(survey.doc, "h1")).toBe("選考体験についてのアンケート");
    expect(textOf(survey.doc, ".callout--warning strong")).toBe("演習は完了しました。応募はまだ完了していません（残り3ページ）");
  });

  it("saves an answer in one statement only for the attempt's own live session, at the version the page saw", async () => {
    const { visitor, id } = await pledged(portal);
    const first = await toFirstItem(visitor, id);
    const attempt = await attemptOf(portal, id);
    const sid = visitor.cookies.get("sid")!;
    const item = formOf(first).getAttribute("data-item")!;
    const step = Number(actionOf(first).split("/").pop()) - 1;
    const [a, b] = valuesIn(first, "best");
    const save = (over: { idHash?: string; applicationId?: string; seenVersion?: number; now?: Date }) =>
      recordAnswerInSession(portal.db, {
        session: { idHash: over.idHash ?? hashSessionId(sid), idleMs: CANDIDATE_SESSIONS.idleMs },
        applicationId: over.applicationId ?? id,
        attemptId: attempt.id,
        bankId: attempt.bankId,
        item: bank.items.find((i) => i.id === item)!,
        step,
        answer: `best=${a};worst=${b}`,
        complete: true,
        seenVersion: over.seenVersion ?? 0,
        locale: "ja",
        shownAt: portal.clock.now(),
        hasTranscript: false,
        now: over.now ?? portal.clock.now(),
      });
    const stranger = portal.visitor();
    await signIn(portal, stranger, await newCandidate(portal.db));
    expect(await save({ idHash: hashSessionId(stranger.cookies.get("sid")!) })).toBeNull();
    expect(await save({ idHash: hashSessionId("no-such-session") })).toBeNull();
    expect(await save({ now: new Date(portal.clock.now().getTime() + CANDIDATE_SESSIONS.idleMs + 1000) })).toBeNull();
    expect(await save({ applicationId: (await pledged(portal)).id })).toBeNull();
    expect(await answerRowsOf(portal, attempt.id)).toHaveLength(0);

    // Saved, it extends the session's idle time as resuming the session would, at most once a minute.
    const later = new Date(portal.clock.now().getTime() + 5 * 60 * 1000);
    expect(await save({ now: later })).toBe(1);
    const [session] = await portal.db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, hashSessionId(sid)));
    expect(session!.lastSeenAt.getTime()).toBe(later.getTime());
    expect(session!.idleExpiresAt.getTime()).toBe(later.getTime() + CANDIDATE_SESSIONS.idleMs);
    expect((await attemptOf(portal, id)).furthestStep).toBeGreaterThan(step);
    expect(await save({ seenVersion: 0 })).toBeNull();
    expect(await save({ seenVersion: 1 })).toBe(2);
  });

  it("sends the database one statement per save from an item page, and nothing more after answering", async () => {
    const { visitor, id } = await pledged(portal);
    const first = await toFirstItem(visitor, id);
    const fields = assessmentAnswerFields(formOf(first));
    let version = 0;
    for (const accept of ["application/json", "text/html"]) {
      const sent = await statementsDuring(portal.db, async () => {
        const res = await visitor.request("POST", actionOf(first), { _csrf: visitor.csrf!, ...fields, v: String(version) }, { accept });
        expect(res.status).toBe(accept === "application/json" ? 200 : 303);
      });
      expect(sent, `statements for a save answered as ${accept}`).toBe(1);
      version++;
    }
    expect((await answerRowsOf(portal, fields.attempt!))[0]!.version).toBe(2);
  });

  it("answers a page's saves as before when the one statement declines: signed out, a stranger, a stale tab", async () => {
    const { visitor, id } = await pledged(portal);
    const first = await toFirstItem(visitor, id);
    const fields = assessmentAnswerFields(formOf(first));
    expect(fields.attempt).toBe((await attemptOf(portal, id)).id);
    const stranger = portal.visitor();
    await signIn(portal, stranger, await newCandidate(portal.db));
    await stranger.get("/login");
    expect((await stranger.post(actionOf(first), fields)).status).toBe(404);
    const signedOut = portal.visitor();
    await signedOut.get("/login");
    const away = await signedOut.post(actionOf(first), fields);
    expect(away.status).toBe(303);
    expect(away.location).toMatch(/^\/login\?return_to=/);
    expect(await answerRowsOf(portal, fields.attempt!)).toHaveLength(0);

    const json = (form: Record<string, string>) => visitor.request("POST", actionOf(first), { _csrf: visitor.csrf!, ...form }, { accept: "application/json" });
    expect(JSON.parse((await json(fields)).html)).toMatchObject({ ok: true, version: 1 });
    const stale = await json(fields);
    expect(stale.status).toBe(409);
    expect(JSON.parse(stale.html)).toEqual({ ok: false, stale: true });
  });

  it("keeps another candidate out of the attempt, its audio counter and its transcripts", async () => {
    const { id } = await pledged(portal);
    const stranger = portal.visitor();
    await signIn(portal, stranger, await newCandidate(portal.db));
    expect((await stranger.get(`/applications/${id}/assessment`)).status).toBe(404);
    expect((await stranger.post(`/applications/${id}/assessment`, {})).status).toBe(404);
    expect((await stranger.get(`/applications/${id}/assessment/1`)).status).toBe(404);
    expect((await stranger.post(`/applications/${id}/assessment/12`, { best: "a", worst: "b" })).status).toBe(404);
    for (const path of ["plays", "transcript"]) {
      const res = await stranger.request(
        "POST",
        `/applications/${id}/assessment/${path}`,
        { _csrf: stranger.csrf!, item: "cs-third-call-refund" },
        { accept: "application/json" },
      );
      expect(res.status).toBe(404);
    }
  });

  it("serves the audio clips and nothing else from the media path", async () => {
    const visitor = portal.visitor();
    const clip = bank.pages.audioCheck.media.src.replace(/^audio\//, "");
    const ok = await visitor.get(`/assessment-media/csa-ja/audio/${clip}`);
    expect(ok.status).toBe(200);
    expect(ok.headers["content-type"]).toBe("audio/mpeg");
    expect((await visitor.get("/assessment-media/csa-ja/audio/..%2Fbank.json")).status).toBe(404);
  });
});
