import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationAt } from "../../../test/applications.ts";
import { newCandidate, startTestPortal, type TestPortal } from "../../../test/portal.ts";
import { newStaff } from "../../../test/staff.ts";
import { outbox } from "../../platform/db/schema.ts";
import { enqueueMessage } from "../../platform/mail/outbox.ts";
import { applications } from "../applications/schema.ts";
import { candidates } from "../candidates/schema.ts";
import { applyRetention } from "./apply-retention.ts";
import { RETENTION_SCHEDULE } from "./retention-schedule.ts";
import { accountDeletions, candidateSignIns, legalHolds, retentionRuns } from "./schema.ts";

const DAY_MS = 24 * 3600 * 1000;

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal?.close());

async function exists(candidateId: string): Promise<boolean> {
  return (await portal.db.select({ id: candidates.id }).from(candidates).where(eq(candidates.id, candidateId))).length === 1;
}

describe("the retention schedule", () => {
  it("removes what the schedule says once the clock has moved on, skips a held candidate, reports it, and a dry run removes nothing", async () => {
    const staff = await newStaff(portal, { role: "admin" });
    const start = portal.clock.now();
    const inactive = (await newCandidate(portal.db)).candidate;
    await applicationAt(portal.db, { candidateId: inactive.id, state: "rejected", now: start });
    const held = (await newCandidate(portal.db)).candidate;
    await applicationAt(portal.db, { candidateId: held.id, state: "rejected", now: start });
    await portal.db.insert(legalHolds).values({ id: randomUUID(), candidateId: held.id, reason: "係争中", placedBy: staff.id, placedAt: start });
    const hired = (await newCandidate(portal.db)).candidate;
    await applicationAt(portal.db, { candidateId: hired.id, state: "hired", now: start });
    const inReview = (await newCandidate(portal.db)).candidate;
    await applicationAt(portal.db, { candidateId: inReview.id, state: "screening", now: start });
    const drafting = (await newCandidate(portal.db)).candidate;
    const draft = await applicationAt(portal.db, { candidateId: drafting.id, state: "draft", now: start });
    for (const who of [hired, held]) {
      await portal.db.insert(candidateSignIns).values({ id: randomUUID(), candidateId: who.id, signedInAt: start, channel: "email" });
      await enqueueMessage(
        portal.db,
        { channel: "email", recipient: who.email, template: "test.notice", locale: "ja", subject: "件名", textBody: "本文" },
        start,
      );
    }
    await portal.db.update(candidates).set({ lastActiveAt: start });
    await portal.drainOutbox();

    portal.clock.advance(200 * DAY_MS);
    const recent = (await newCandidate(portal.db)).candidate;
    await portal.db.update(candidates).set({ lastActiveAt: portal.clock.now() }).where(eq(candidates.id, recent.id));

    const deps = { db: portal.db, now: portal.clock.now, secret: portal.config.secret, orgName: portal.config.orgName };
    const dry = await applyRetention(deps, { schedule: RETENTION_SCHEDULE, clock: portal.clock.now(), dryRun: true, trigger: "command" });
    const expected = { inactiveCandidates: 1, abandonedDrafts: 1, signInRecords: 1, messageBodies: 1 };
    expect(dry).toMatchObject({ dryRun: true, report: expected });
    expect(await exists(inactive.id)).toBe(true);
    expect(await portal.db.select().from(applications).where(eq(applications.id, draft.id))).toHaveLength(1);
    expect(await portal.db.select().from(candidateSignIns)).toHaveLength(2);
    expect(await portal.db.select().from(accountDeletions)).toHaveLength(0);

    await portal.housekeep();
    await portal.runJobs();
    // The erased account is told why: the period passed, not a request of theirs, and nothing was withdrawn.
    const [told] = await portal.db.select().from(outbox).where(eq(outbox.template, "privacy.account_deleted"));
    expect(told?.recipient).toBe(inactive.email);
    expect(told?.textBody).toContain("最後のご利用から保存期間が過ぎ");
    expect(told?.textBody).not.toContain("取り下げました");
    await portal.housekeep();
    await portal.runJobs();
    const runs = await portal.db.select().from(retentionRuns).where(eq(retentionRuns.dryRun, false)).orderBy(desc(retentionRuns.startedAt));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: "schedule", report: expected });

    expect(await exists(inactive.id)).toBe(false);
    expect(await portal.db.select().from(accountDeletions).where(eq(accountDeletions.candidateId, inactive.id))).toMatchObject([{ requestedBy: "retention" }]);
    for (const kept of [held, hired, inReview, drafting, recent]) expect(await exists(kept.id)).toBe(true);
    expect(await portal.db.select().from(applications).where(eq(applications.id, draft.id))).toHaveLength(0);
    expect((await portal.db.select().from(candidateSignIns)).map((s) => s.candidateId)).toEqual([held.id]);
    const [heldMessage] = await portal.db.select().from(outbox).where(eq(outbox.recipient, held.email));
    const [hiredMessage] = await portal.db.select().from(outbox).where(eq(outbox.recipient, hired.email));
    expect([heldMessage?.textBody, hiredMessage?.textBody, hiredMessage?.subject]).toEqual(["本文", "", "件名"]);
  });
});
