import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationAt } from "../../../../test/applications.ts";
import { newCandidate, startTestPortal, type TestPortal, textOf, type Visitor } from "../../../../test/portal.ts";
import { newStaff, signInStaff } from "../../../../test/staff.ts";
import { selfIdentifications } from "../../../modules/applications/schema.ts";
import { eraseCandidate } from "../../../modules/privacy/erase-candidate.ts";

const JOB = "230107874";
const STARTED = new Date("2026-09-10T12:00:00+09:00");
const FAIRNESS = `/office/reports/${JOB}/fairness?from=2026-09-01&to=2026-09-30`;

let portal: TestPortal;
let admin: Visitor;
/** Candidates of the cohort by their answer, with the stage their one application stands at. */
const cohort: { candidateId: string; gender: "female" | "male"; state: "submitted" | "screening" }[] = [];
beforeAll(async () => {
  portal = await startTestPortal();
  for (let n = 0; n < 63; n++) {
    const gender = n < 32 ? "female" : "male";
    const state = n % 8 === 0 ? "screening" : "submitted";
    const { candidate } = await newCandidate(portal.db);
    const application = await applicationAt(portal.db, { candidateId: candidate.id, state, jobId: JOB, now: STARTED });
    await portal.db.insert(selfIdentifications).values({ applicationId: application.id, jobId: JOB, gender, recordedAt: STARTED });
    cohort.push({ candidateId: candidate.id, gender, state });
  }
  admin = portal.visitor();
  await signInStaff(portal, admin, await newStaff(portal, { role: "admin" }));
}, 180_000);
afterAll(async () => {
  await portal?.close();
});

/** The row of a gender group in one of the erased-answers tables, as its cells' texts. */
function rowOf(doc: Parameters<typeof textOf>[0], table: string, group: string): string[] {
  return doc.querySelectorAll(`[${table}] tr[data-group="${group}"] td`).map((td) => td.textContent.trim());
}

describe("the fairness report and erased accounts", () => {
  it("keeps each gender group's total when some of the cohort erase their accounts, and shows the erased ones apart", async () => {
    const before = await admin.get(FAIRNESS);
    expect(before.status).toBe(200);
    expect(rowOf(before.doc, "data-erased-totals", "female")).toEqual(["32", "0", "32"]);
    expect(rowOf(before.doc, "data-erased-totals", "male")).toEqual(["31", "0", "31"]);

    // Three women (one in screening) and two men erase their accounts.
    const leaving = [cohort[0]!, cohort[1]!, cohort[2]!, cohort[41]!, cohort[42]!];
    for (const who of leaving) {
      const erased = await eraseCandidate(portal.db, {
        candidateId: who.candidateId,
        requestedBy: "candidate",
        now: portal.clock.now(),
        secret: portal.config.secret,
        orgName: portal.config.orgName,
      });
      expect(erased.ok).toBe(true);
    }

    const after = await admin.get(FAIRNESS);
    expect(textOf(after.doc, "#erased-heading")).toBe("削除されたアカウントの性別の回答（件数のみ）");
    expect(rowOf(after.doc, "data-erased-totals", "female")).toEqual(["29", "3", "32"]);
    expect(rowOf(after.doc, "data-erased-totals", "male")).toEqual(["29", "2", "31"]);
    // 応募受付, then 書類選考 reached by the one in screening, and no later stage.
    expect(rowOf(after.doc, "data-erased-reached", "female")).toEqual(["3", "1", "0", "0", "0", "0"]);
    expect(rowOf(after.doc, "data-erased-reached", "male")).toEqual(["2", "0", "0", "0", "0", "0"]);
    // Those who did not answer: fewer than the minimum, so nothing is shown.
    expect(rowOf(after.doc, "data-erased-totals", "not-disclosed")).toEqual(["合計30件未満のため表示しません"]);
    expect(after.doc.querySelector("[data-left-out]")).toBeNull();
  });

  it("leaves out a month the period covers only in part, and says so", async () => {
    const partial = await admin.get(`/office/reports/${JOB}/fairness?from=2026-09-05&to=2026-09-30`);
    expect(textOf(partial.doc, "[data-left-out]")).toContain("2026-09");
    // Without September's erased answers the women held are 29, under the minimum: the row shows nothing.
    expect(rowOf(partial.doc, "data-erased-totals", "female")).toEqual(["合計30件未満のため表示しません"]);
    const english = portal.visitor({ acceptLanguage: "en" });
    english.cookies = new Map(admin.cookies);
    const page = await english.get(FAIRNESS);
    expect(textOf(page.doc, "#erased-heading")).toBe("Gender answers of erased accounts (counts only)");
  });
});
