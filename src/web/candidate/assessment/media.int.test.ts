import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer, answerRowsOf, attemptOf, formOf, pledged, toFirstItem } from "../../../../test/assessment-pages.ts";
import { assessmentAnswerFields, type PageResponse, startTestPortal, type TestPortal, takeAssessment, textOf, type Visitor } from "../../../../test/portal.ts";
import { assessmentEvents } from "../../../modules/assessment/schema.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal?.close());

/** Answers questions until one with a play limit is shown. */
async function toLimitedAudio(visitor: Visitor, id: string): Promise<PageResponse> {
  let page = await toFirstItem(visitor, id);
  for (let i = 0; i < 40 && !page.doc.querySelector("[data-max-plays]"); i++) page = await visitor.follow(await answer(visitor, page));
  expect(page.doc.querySelector("[data-max-plays]")).not.toBeNull();
  return page;
}

function json(visitor: Visitor, path: string, form: Record<string, string>) {
  return visitor.request("POST", path, { _csrf: visitor.csrf!, ...form }, { accept: "application/json" });
}

describe("audio and transcripts", () => {
  it("counts plays on the server and refuses one beyond the item's limit, and the page says so", async () => {
    const { visitor, id } = await pledged(portal);
    const page = await toLimitedAudio(visitor, id);
    const item = formOf(page).getAttribute("data-item")!;
    const { shown } = assessmentAnswerFields(formOf(page));
    const max = Number(page.doc.querySelector("[data-max-plays]")!.getAttribute("data-max-plays"));
    expect(max).toBe(2);
    expect(textOf(page.doc, "[data-plays-note]")).toBe("再生は2回までです（残り2回）。");
    const plays = `/applications/${id}/assessment/plays`;
    expect((await json(visitor, plays, { item, shown: shown! })).status).toBe(200);
    expect(textOf((await visitor.get(formOf(page).getAttribute("action")!)).doc, "[data-plays-note]")).toBe("再生は2回までです（残り1回）。");
    expect((await json(visitor, plays, { item, shown: shown! })).status).toBe(200);
    const refused = await json(visitor, plays, { item, shown: shown! });
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.html)).toEqual({ ok: false });
    // Opened again, the page no longer offers the clip and says why; the transcript is still there.
    const after = await visitor.get(formOf(page).getAttribute("action")!);
    expect(after.doc.querySelector("audio")).toBeNull();
    expect(textOf(after.doc, ".audio .callout")).toBe(
      "この音声は、再生できる回数（2回）をすべて再生しました。内容は下の「音声の内容を文字で読む」で確認できます。",
    );
    expect(after.doc.querySelector("details.transcript p")?.textContent.length).toBeGreaterThan(5);
    const attempt = await attemptOf(portal, id);
    const [row] = (await answerRowsOf(portal, attempt.id)).filter((r) => r.itemId === item);
    expect(row?.plays).toBe(2);
    // Plays are not integrity events.
    expect((await portal.db.select({ n: count() }).from(assessmentEvents).where(eq(assessmentEvents.attemptId, attempt.id)))[0]?.n).toBe(0);
  });

  it("refuses plays of what is not a clip of this bank", async () => {
    const { visitor, id } = await pledged(portal);
    await toFirstItem(visitor, id);
    const plays = `/applications/${id}/assessment/plays`;
    for (const item of ["", "cs-broken-plates", "ws2-01", "nope", "__proto__"]) expect((await json(visitor, plays, { item })).status, item).toBe(400);
  });

  it("keeps transcripts as an accommodation: on the answer, never among the integrity events or signals", async () => {
    const { visitor, id } = await pledged(portal);
    const page = await toLimitedAudio(visitor, id);
    const item = formOf(page).getAttribute("data-item")!;
    const { shown } = assessmentAnswerFields(formOf(page));
    expect((await json(visitor, `/applications/${id}/assessment/transcript`, { item, shown: shown! })).status).toBe(200);
    for (const kind of ["transcript", "play"]) {
      expect((await json(visitor, `/applications/${id}/assessment/events`, { kind, item })).status, kind).toBe(400);
    }
    const attempt = await attemptOf(portal, id);
    expect((await portal.db.select({ n: count() }).from(assessmentEvents).where(eq(assessmentEvents.attemptId, attempt.id)))[0]?.n).toBe(0);
    const [row] = (await answerRowsOf(portal, attempt.id)).filter((r) => r.itemId === item);
    expect(row?.transcriptUsed).toBe(true);
    await takeAssessment(visitor, id);
    const integrity = (await attemptOf(portal, id)).integrity as Record<string, unknown>;
    expect(JSON.stringify(integrity)).not.toMatch(/transcript/i);
  });

  it("records the transcript as read for every clip when the candidate keeps transcripts open", async () => {
    const { visitor, id } = await pledged(portal);
    const first = await toFirstItem(visitor, id);
    const transcripts = first.doc.querySelectorAll("details.player__help form")[1]!;
    await visitor.post(transcripts.getAttribute("action")!, { autoAdvance: "on", transcripts: "on", step: "1" });
    const page = await toLimitedAudio(visitor, id);
    expect(page.doc.querySelector("details.transcript")?.hasAttribute("open")).toBe(true);
    const item = formOf(page).getAttribute("data-item")!;
    await answer(visitor, page);
    const [row] = (await answerRowsOf(portal, (await attemptOf(portal, id)).id)).filter((r) => r.itemId === item);
    expect(row?.transcriptUsed).toBe(true);
  });
});
