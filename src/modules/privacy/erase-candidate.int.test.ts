import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpDatabase, fillFootprint, identity, tracesOf } from "../../../test/candidate-footprint.ts";
import { lastCodeSentTo, newCandidate, signIn, startTestPortal, type TestPortal } from "../../../test/portal.ts";
import { newStaff } from "../../../test/staff.ts";
import { outbox, sessions } from "../../platform/db/schema.ts";
import { applications } from "../applications/schema.ts";
import { authFlows, candidates } from "../candidates/schema.ts";
import { domainEvents } from "../events/schema.ts";
import { placeLegalHold, releaseLegalHold } from "./legal-holds.ts";
import { accountDeletions, consentRecords, erasedGenderCounts } from "./schema.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal?.close());

describe("deleting an account from アカウント情報", () => {
  it("erases everything that identifies the candidate, keeps the anonymous records, and leaves another candidate alone", async () => {
    const staff = await newStaff(portal, { role: "admin" });
    const a = identity("a");
    const b = identity("b");
    const erased = await newCandidate(portal.db, {
      familyName: a.familyName,
      givenName: a.givenName,
      familyNameLatin: a.familyNameLatin,
      givenNameLatin: a.givenNameLatin,
    });
    const kept = await newCandidate(portal.db, {
      familyName: b.familyName,
      givenName: b.givenName,
      familyNameLatin: b.familyNameLatin,
      givenNameLatin: b.givenNameLatin,
    });
    const now = portal.clock.now();
    const erasedApps = await fillFootprint(portal.db, { candidate: erased.candidate, who: a, staffId: staff.id, now });
    await fillFootprint(portal.db, { candidate: kept.candidate, who: b, staffId: staff.id, now });

    const elsewhere = portal.visitor();
    await signIn(portal, elsewhere, erased);
    const visitor = portal.visitor({ acceptLanguage: "en" });
    await signIn(portal, visitor, erased);
    await signIn(portal, portal.visitor(), kept);
    await portal.drainOutbox();

    const page = await visitor.get("/account/delete");
    expect(page.status).toBe(200);
    expect(page.html).toContain("What is kept anonymised");
    const wrong = await visitor.post("/account/delete", { pin: "000000" });
    expect(wrong.status).toBe(400);
    const started = await visitor.post("/account/delete", { pin: erased.pin });
    expect(started.status).toBe(303);
    const flowPath = started.location!;
    expect((await visitor.post(flowPath, { code: "000000" })).status).toBe(400);
    const code = await lastCodeSentTo(portal.db, erased.candidate.email);
    const done = await visitor.post(flowPath, { code });
    expect(done.location).toBe("/account/deleted");
    expect((await visitor.follow(done)).status).toBe(200);
    expect((await elsewhere.get("/account")).status).toBe(303);

    const [confirmation] = await portal.db.select().from(outbox).where(eq(outbox.template, "privacy.account_deleted"));
    expect(confirmation?.recipient).toBe(erased.candidate.email);
    expect(confirmation?.forgetAfterSend).toBe(true);
    expect(confirmation?.textBody).toContain("削除");
    await portal.drainOutbox();
    const [sent] = await portal.db.select().from(outbox).where(eq(outbox.id, confirmation!.id));
    expect(sent).toMatchObject({ status: "sent", recipient: "", subject: "", textBody: "", htmlBody: null });

    const dump = await dumpDatabase(portal.db);
    for (const trace of tracesOf(a, erased.candidate)) expect(dump, `the dump still holds ${trace}`).not.toContain(trace);
    for (const trace of tracesOf(b, kept.candidate)) expect(dump, `the other candidate's ${trace} is gone`).toContain(trace);

    expect(await portal.db.select().from(sessions).where(eq(sessions.principalId, erased.candidate.id))).toHaveLength(0);
    expect(await portal.db.select().from(sessions).where(eq(sessions.principalId, kept.candidate.id))).toHaveLength(1);
    const [deletion] = await portal.db.select().from(accountDeletions).where(eq(accountDeletions.candidateId, erased.candidate.id));
    expect(deletion).toMatchObject({ requestedBy: "candidate", staffId: null });
    expect(deletion?.removed).toMatchObject({ applications: 4, withdrawn_applications: 2, candidate_documents: 1, candidates: 1 });
    expect(await portal.db.select().from(consentRecords).where(eq(consentRecords.candidateId, erased.candidate.id))).not.toHaveLength(0);
    const counts = await portal.db.select().from(erasedGenderCounts);
    expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(4);
    expect(counts.every((c) => c.gender === "female" && /^\d{4}-\d{2}$/.test(c.cohortMonth))).toBe(true);
    expect(counts.find((c) => c.jobId === "230107875")?.stage).toBe("interviewed");
    const withdrawals = await portal.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.recordId, erasedApps.applicationIds[1]!), eq(domainEvents.name, "application.withdrawn")));
    expect(withdrawals).toHaveLength(1);
    expect(await portal.db.select().from(applications).where(eq(applications.candidateId, kept.candidate.id))).toHaveLength(4);
  });
});

describe("a candidate under a legal hold", () => {
  it("is told on the deletion page, before any PIN or code, and the form is not offered", async () => {
    const staff = await newStaff(portal, { role: "admin" });
    const who = await newCandidate(portal.db);
    const hold = { candidateId: who.candidate.id, staffId: staff.id, now: portal.clock.now(), addressHash: "test" };
    await placeLegalHold(portal.db, { ...hold, reason: "係争中" });
    const visitor = portal.visitor();
    await signIn(portal, visitor, who);

    const page = await visitor.get("/account/delete");
    expect(page.status).toBe(200);
    expect(page.html).toContain("法令上の理由により");
    expect(page.doc.querySelector('input[name="pin"]')).toBeNull();
    const forced = await visitor.post("/account/delete", { pin: who.pin });
    expect(forced.status).toBe(409);
    expect(forced.html).toContain("法令上の理由により");
    const flows = await portal.db
      .select()
      .from(authFlows)
      .where(and(eq(authFlows.candidateId, who.candidate.id), eq(authFlows.kind, "account_deletion")));
    expect(flows).toEqual([]);
    expect(await portal.db.select().from(candidates).where(eq(candidates.id, who.candidate.id))).toHaveLength(1);

    await releaseLegalHold(portal.db, hold);
    const free = await visitor.get("/account/delete");
    expect(free.html).not.toContain("法令上の理由により");
    expect(free.doc.querySelector('input[name="pin"]')).not.toBeNull();
  });
});
