import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyByForm, type Newcomer } from "../../../test/journey-by-form.ts";
import { signIn, startTestPortal, type TestPortal, type Visitor } from "../../../test/portal.ts";
import { newStaff } from "../../../test/staff.ts";
import { applicationAnswers } from "../applications/schema.ts";
import { assessmentAttempts, assessmentEvents, assessmentSurveys } from "../assessment/schema.ts";
import { applicationNotes } from "../candidate-review/schema.ts";
import { applyContactChange } from "../candidates/profile.ts";
import { candidates } from "../candidates/schema.ts";
import { candidateDocuments } from "../documents/schema.ts";
import { type CandidateDataExport, exportCandidateData } from "./export-candidate-data.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(async () => {
  await portal?.close();
});

/** Two people alike in every way the portal could confuse: one job, one surname, one given name's first character, one address in turn. */
const hanako: Newcomer = {
  familyName: "山田",
  givenName: "花子",
  familyNameKana: "ヤマダ",
  givenNameKana: "ハナコ",
  familyNameLatin: "Yamada",
  givenNameLatin: "Hanako",
  email: "shared.address@example.jp",
  phone: "08033334444",
};
const hanayo: Newcomer = { ...hanako, givenName: "花代", givenNameKana: "ハナヨ", givenNameLatin: "Hanayo", phone: "08055556666" };

type Seeded = { candidateId: string; applicationId: string; visitor: Visitor; marks: string[] };

/** Applies through the forms, then gives every table the form does not reach a value only this person has. */
async function seedPerson(who: Newcomer, mark: string): Promise<Seeded> {
  const visitor = portal.visitor();
  const applicationId = await applyByForm(visitor, { db: portal.db, who, jobId: "230107874" });
  const [candidate] = await portal.db.select().from(candidates).where(eq(candidates.email, who.email));
  const candidateId = candidate!.id;
  const now = portal.clock.now();
  await portal.db.insert(candidateDocuments).values({
    id: randomUUID(),
    candidateId,
    label: `${mark}の履歴書`,
    note: `${mark}の補足`,
    kind: "pdf",
    mediaType: "application/pdf",
    sizeBytes: 4,
    sha256: `${mark}-sha`,
    content: Buffer.from("%PDF"),
    createdAt: now,
  });
  await portal.db
    .update(applicationAnswers)
    .set({ value: `${mark}の通院歴`, sensitive: "sensitive", consentedAt: now })
    .where(and(eq(applicationAnswers.applicationId, applicationId), eq(applicationAnswers.questionKey, "stressHistory")));
  const [attempt] = await portal.db.select().from(assessmentAttempts).where(eq(assessmentAttempts.candidateId, candidateId));
  await portal.db.insert(assessmentEvents).values({ attemptId: attempt!.id, kind: "paste", itemId: `${mark}-item`, at: now });
  await portal.db.insert(assessmentSurveys).values({ attemptId: attempt!.id, bankId: attempt!.bankId, answers: { [`${mark}Survey`]: 4 }, submittedAt: now });
  const reviewer = await newStaff(portal, { role: "reviewer", jobIds: ["230107874"] });
  await portal.db
    .insert(applicationNotes)
    .values({ id: randomUUID(), applicationId, candidateId, authorId: reviewer.id, body: `${mark}への所見`, rating: 4, createdAt: now });
  return {
    candidateId,
    applicationId,
    visitor,
    marks: [candidateId, applicationId, attempt!.id, `${mark}の履歴書`, `${mark}の補足`, `${mark}Survey`, `${mark}-item`, `${mark}への所見`],
  };
}

async function download(visitor: Visitor): Promise<{ text: string; disposition: string; data: CandidateDataExport }> {
  const res = await visitor.get("/account/privacy/data.json");
  expect(res.status).toBe(200);
  return { text: res.html, disposition: String(res.headers["content-disposition"]), data: JSON.parse(res.html) as CandidateDataExport };
}

describe("a candidate's own data, and nobody else's", () => {
  let first: Seeded;
  let second: Seeded;

  beforeAll(async () => {
    first = await seedPerson(hanako, "花子");
    // 花子 moves to a new address; a day later 花代 registers with the one she left.
    const [a] = await portal.db.select().from(candidates).where(eq(candidates.id, first.candidateId));
    await applyContactChange(portal.db, {
      candidate: a!,
      newEmail: "hanako.new@example.jp",
      newPhone: null,
      now: portal.clock.now(),
      orgName: portal.config.orgName,
    });
    portal.clock.advance(24 * 3600_000);
    second = await seedPerson(hanayo, "花代");
    // A day on, 花子's session has ended: she signs in again, with her new address.
    const [moved] = await portal.db.select().from(candidates).where(eq(candidates.id, first.candidateId));
    await signIn(portal, first.visitor, { candidate: moved!, pin: "583027" });
  }, 120_000);

  it("holds every piece of each person's data", async () => {
    for (const person of [first, second]) {
      const { text, data, disposition } = await download(person.visitor);
      expect(disposition).toMatch(/^attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"$/);
      for (const mark of person.marks) expect(text, mark).toContain(mark);
      const [application] = data.applications;
      expect(data.applications).toHaveLength(1);
      expect(application!.personal?.familyNameKana).toBe("ヤマダ");
      expect(application!.answers.find((a) => a.questionKey === "age18")?.question?.ja).toBeTruthy();
      expect(application!.answers.find((a) => a.questionKey === "stressHistory")?.sensitive).toBe(true);
      expect(application!.selfIdentification?.gender).toBe("noAnswer");
      expect(application!.signature?.name).toMatch(/^Hana(ko|yo) Yamada$/);
      expect(data.assessments[0]?.answers.length).toBeGreaterThan(0);
      expect(data.assessments[0]?.result).not.toBeNull();
      expect(data.documents[0]?.downloadPath).toMatch(/^\/documents\/[0-9a-f-]{36}$/);
      expect(data.consents.map((c) => c.purpose)).toEqual(expect.arrayContaining(["privacy_notice", "contact_email", "fairness_pledge"]));
      expect(data.signIns.length).toBeGreaterThan(0);
      // How the application moved (the candidate's own steps), and the office's note without its author.
      expect(application!.stages.map((e) => e.to)).toEqual(expect.arrayContaining(["assessment_pending", "submitted"]));
      expect(application!.officeNotes).toEqual([expect.objectContaining({ rating: 4 })]);
      expect(data.messages.map((m) => m.subject).join("\n")).toContain("応募が完了いたしました");
      // Internal fingerprints that could match another account's are left out.
      expect(text).not.toMatch(/deviceHash|answersHash/);
    }
  });

  it("holds nothing of the other person's, even where an address passed from one to the other", async () => {
    const one = await download(first.visitor);
    const two = await download(second.visitor);
    for (const mark of second.marks) expect(one.text, mark).not.toContain(mark);
    for (const mark of first.marks) expect(two.text, mark).not.toContain(mark);
    expect(one.text).not.toMatch(/花代|Hanayo|08055556666|\+818055556666/);
    expect(two.text).not.toMatch(/花子|Hanako|08033334444|\+818033334444|hanako\.new/);
    // The codes and the change notice sent to the address while it was 花子's are not 花代's messages.
    const before = (await portal.db.select().from(candidates).where(eq(candidates.id, second.candidateId)))[0]!.createdAt;
    for (const m of two.data.messages) expect(new Date(m.createdAt).getTime()).toBeGreaterThanOrEqual(before.getTime());
    // 花子's own confirmation, sent to the address she had then, stays hers.
    expect(one.data.messages.some((m) => m.recipient === "shared.address@example.jp" && m.subject.includes("応募が完了いたしました"))).toBe(true);
  });

  it("shows the same data as a page, and gives the office the same export by the account's id", async () => {
    const page = await first.visitor.get("/account/privacy/data");
    expect(page.status).toBe(200);
    expect(page.doc.querySelector("h1")?.textContent).toBe("お預かりしているデータ");
    const main = page.doc.querySelector("main")?.textContent ?? "";
    for (const mark of ["花子の履歴書", "花子の通院歴", "hanako.new@example.jp", "花子への所見"]) expect(main).toContain(mark);
    // Stages and steps in the words of the candidate's own pages, not the stored codes.
    expect(main).toContain("応募完了（選考中）");
    expect(main).toContain("個人情報、");
    expect(main).not.toMatch(/\bsubmitted\b|assessment_pending/);
    expect(main).not.toContain("花代");
    expect(page.doc.querySelector('main a[href^="/documents/"]')).not.toBeNull();
    const direct = await exportCandidateData(portal.db, first.candidateId, portal.clock.now());
    expect(direct?.applications.map((a) => a.id)).toEqual([first.applicationId]);
    expect(await exportCandidateData(portal.db, randomUUID())).toBeNull();
  });
});
