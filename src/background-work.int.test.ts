import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newCandidate, signIn, startTestPortal, type TestPortal } from "../test/portal.ts";
import { housekeepingTasks, jobHandlers } from "./background-work.ts";
import { authFlows, oneTimeCodes } from "./modules/candidates/schema.ts";
import { authThrottles, sessions } from "./platform/db/schema.ts";
import { CANDIDATE_SESSIONS } from "./platform/security/sessions.ts";
import { startJobRunner } from "./platform/worker/job-runner.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(async () => {
  await portal?.close();
});

const HOUR = 3600 * 1000;

describe("housekeeping", () => {
  it("removes expired sessions, long-expired sign-in flows with their codes and idle throttles, and nothing still in use", async () => {
    const who = await newCandidate(portal.db);
    const stale = portal.visitor();
    await signIn(portal, stale, who);
    // A second code to the same account waits out the 30-second resend gap.
    portal.clock.advance(31_000);
    const live = portal.visitor();
    await signIn(portal, live, who);
    const now = portal.clock.now();
    // One session went idle past its 30 minutes; the other is in use.
    const both = await portal.db.select().from(sessions).where(eq(sessions.principalId, who.candidate.id));
    expect(both).toHaveLength(2);
    const first = both[0];
    await portal.db
      .update(sessions)
      .set({ idleExpiresAt: new Date(now.getTime() - CANDIDATE_SESSIONS.idleMs) })
      .where(eq(sessions.idHash, first!.idHash));
    const oldFlow = randomUUID();
    await portal.db.insert(authFlows).values({
      id: oldFlow,
      kind: "login",
      state: "done",
      identifier: "old@example.jp",
      bindingHash: "x",
      createdAt: new Date(now.getTime() - 30 * HOUR),
      expiresAt: new Date(now.getTime() - 26 * HOUR),
    });
    const oldCode = randomUUID();
    await portal.db.insert(oneTimeCodes).values({
      id: oldCode,
      flowId: oldFlow,
      candidateId: who.candidate.id,
      channel: "email",
      codeHash: "x",
      createdAt: new Date(now.getTime() - 30 * HOUR),
      expiresAt: new Date(now.getTime() - 29 * HOUR),
    });
    await portal.db.insert(authThrottles).values({ key: "identifier:old", consecutiveFailures: 3, updatedAt: new Date(now.getTime() - 25 * HOUR) });
    await portal.db.insert(authThrottles).values({ key: "identifier:recent", consecutiveFailures: 3, updatedAt: new Date(now.getTime() - HOUR) });

    const removed = await portal.housekeep();

    expect(removed.sessions).toBe(1);
    expect(removed.signInFlows).toBeGreaterThanOrEqual(1);
    expect(removed.pinThrottles).toBeGreaterThanOrEqual(1);
    expect(await portal.db.select().from(sessions).where(eq(sessions.principalId, who.candidate.id))).toHaveLength(1);
    expect((await live.get("/account")).status).toBe(200);
    expect(await portal.db.select().from(authFlows).where(eq(authFlows.id, oldFlow))).toHaveLength(0);
    expect(await portal.db.select().from(oneTimeCodes).where(eq(oneTimeCodes.id, oldCode))).toHaveLength(0);
    // The codes of today's sign-ins stay with their flows.
    expect(await portal.db.select().from(oneTimeCodes).where(eq(oneTimeCodes.candidateId, who.candidate.id))).toHaveLength(2);
    // The flows of today's sign-ins stay: the hourly code limit counts their codes.
    expect((await portal.db.select().from(authFlows)).length).toBeGreaterThanOrEqual(2);
    const keys = (await portal.db.select({ key: authThrottles.key }).from(authThrottles)).map((r) => r.key);
    expect(keys).toContain("identifier:recent");
    expect(keys).not.toContain("identifier:old");
  });

  it("runs by itself on its schedule, as the server starts it", async () => {
    const who = await newCandidate(portal.db);
    await signIn(portal, portal.visitor(), who);
    await portal.db
      .update(sessions)
      .set({ idleExpiresAt: new Date(portal.clock.now().getTime() - 1000) })
      .where(eq(sessions.principalId, who.candidate.id));
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const runner = startJobRunner({
      db: portal.db,
      now: portal.clock.now,
      log: quiet,
      handlers: jobHandlers({ db: portal.db, config: portal.config, now: portal.clock.now, nudgeOutbox: () => undefined }),
      housekeeping: housekeepingTasks(portal.db),
      housekeepingMs: 200,
    });
    try {
      // Nobody calls housekeep(): the runner's own timer does, a few seconds after it starts.
      await vi.waitFor(async () => expect(await portal.db.select().from(sessions).where(eq(sessions.principalId, who.candidate.id))).toHaveLength(0), {
        timeout: 30_000,
        interval: 250,
      });
    } finally {
      await runner.stop();
    }
  });
});
