import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationAt } from "../../../test/applications.ts";
import { newCandidate, startTestPortal, type TestPortal } from "../../../test/portal.ts";
import { outbox } from "../../platform/db/schema.ts";
import type { StaffPrincipal } from "../access/policy.ts";
import { listAudit } from "../audit/audit-log.ts";
import { eventsOf } from "../events/read-events.ts";
import { moveApplications } from "./move-applications.ts";
import { applications } from "./schema.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(async () => {
  await portal?.close();
});

const staff = (role: StaffPrincipal["role"], jobIds: string[]): StaffPrincipal => ({
  kind: "staff",
  id: "5d1c1f53-0000-4000-8000-00000000000a",
  role,
  jobIds,
  mayViewSensitive: false,
});

async function submitted() {
  const { candidate } = await newCandidate(portal.db);
  return applicationAt(portal.db, { candidateId: candidate.id, state: "submitted" });
}

describe("moving applications through the pipeline", () => {
  it("moves, records the event and the audit entry, and e-mails the candidate once, when the office says", async () => {
    const a = await submitted();
    const now = portal.clock.now();
    const tomorrowMorning = new Date(now.getTime() + 18 * 3600 * 1000);
    const message = async () => ({
      channel: "email" as const,
      recipient: "c@example.jp",
      template: "pipeline.rejected",
      locale: "ja",
      subject: "s",
      textBody: "b",
    });
    const outcome = await moveApplications(portal.db, {
      applicationIds: [a.id, a.id],
      to: "rejected",
      principal: staff("recruiter", ["230107874"]),
      now,
      message,
      sendAt: tomorrowMorning,
    });
    expect(outcome).toEqual({ moved: [a.id], skipped: [] });
    const [row] = await portal.db.select().from(applications).where(eq(applications.id, a.id));
    expect(row?.state).toBe("rejected");
    const [event] = await eventsOf(portal.db, { kind: "application", id: a.id });
    expect([event?.name, event?.fromState, event?.toState, event?.actorKind]).toEqual(["application.moved", "submitted", "rejected", "staff"]);
    const mails = await portal.db.select().from(outbox).where(eq(outbox.template, "pipeline.rejected"));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.nextAttemptAt.toISOString()).toBe(tomorrowMorning.toISOString());
    const [audit] = await listAudit(portal.db, { filter: { action: "application.moved", candidateId: a.candidateId }, limit: 5 });
    expect(audit?.detail).toMatchObject({ from: "submitted", to: "rejected", emailed: true });
    const again = await moveApplications(portal.db, { applicationIds: [a.id], to: "rejected", principal: staff("recruiter", ["230107874"]), now, message });
    expect(again.skipped).toEqual([{ id: a.id, reason: "sameOrFinal" }]);
    expect(await portal.db.select().from(outbox).where(eq(outbox.template, "pipeline.rejected"))).toHaveLength(1);
  });

  it("lets nobody decide outside their role and their jobs, and shows another job's application as not found", async () => {
    const a = await submitted();
    const now = portal.clock.now();
    const cases = [
      [staff("reviewer", ["230107874"]), "notAllowed"],
      [staff("recruiter", ["999999999"]), "notFound"],
    ] as const;
    for (const [principal, reason] of cases) {
      expect(await moveApplications(portal.db, { applicationIds: [a.id], to: "screening", principal, now })).toEqual({
        moved: [],
        skipped: [{ id: a.id, reason }],
      });
    }
    expect((await moveApplications(portal.db, { applicationIds: [a.id], to: "screening", principal: staff("admin", []), now })).moved).toEqual([a.id]);
  });

  it("withdraws a rejection still waiting for its morning when the rejection is taken back", async () => {
    const a = await submitted();
    const now = portal.clock.now();
    const principal = staff("recruiter", ["230107874"]);
    const message = async () => ({
      channel: "email" as const,
      recipient: "taken.back@example.jp",
      template: "pipeline.rejected",
      locale: "ja",
      subject: "s",
      textBody: "b",
    });
    await moveApplications(portal.db, { applicationIds: [a.id], to: "rejected", principal, now, message, sendAt: new Date(now.getTime() + 3600_000) });
    expect(await portal.db.select().from(outbox).where(eq(outbox.recipient, "taken.back@example.jp"))).toHaveLength(1);
    const later = new Date(now.getTime() + 60_000);
    expect((await moveApplications(portal.db, { applicationIds: [a.id], to: "screening", principal, now: later })).moved).toEqual([a.id]);
    expect(await portal.db.select().from(outbox).where(eq(outbox.recipient, "taken.back@example.jp"))).toEqual([]);
    const [audit] = await listAudit(portal.db, { filter: { action: "application.moved", candidateId: a.candidateId }, limit: 1 });
    expect(audit?.detail).toMatchObject({ from: "rejected", to: "screening", withdrawnEmails: 1 });
  });

  it("never moves an application the candidate has not submitted", async () => {
    const { candidate } = await newCandidate(portal.db);
    const draft = await applicationAt(portal.db, { candidateId: candidate.id, state: "draft" });
    const outcome = await moveApplications(portal.db, { applicationIds: [draft.id], to: "screening", principal: staff("admin", []), now: portal.clock.now() });
    expect(outcome.skipped).toEqual([{ id: draft.id, reason: "sameOrFinal" }]);
  });
});
