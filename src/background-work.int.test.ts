import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCandidate, signIn, startTestPortal, type TestPortal } from "../test/portal.ts";
import { authFlows } from "./modules/candidates/schema.ts";
import { authThrottles, sessions } from "./platform/db/schema.ts";
import { CANDIDATE_SESSIONS } from "./platform/security/sessions.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(async () => {
  await portal?.close();
});

const HOUR = 3600 * 1000;

describe("housekeeping", () => {
  it("removes expired sessions, long-expired sign-in flows and idle throttles, and nothing still in use", async () => {
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
    await portal.db.insert(authThrottles).values({ key: "identifier:old", consecutiveFailures: 3, updatedAt: new Date(now.getTime() - 25 * HOUR) });
    await portal.db.insert(authThrottles).values({ key: "identifier:recent", consecutiveFailures: 3, updatedAt: new Date(now.getTime() - HOUR) });

    const removed = await portal.housekeep();

    expect(removed.sessions).toBe(1);
    expect(removed.signInFlows).toBeGreaterThanOrEqual(1);
    expect(removed.pinThrottles).toBeGreaterThanOrEqual(1);
    expect(await portal.db.select().from(sessions).where(eq(sessions.principalId, who.candidate.id))).toHaveLength(1);
    expect((await live.get("/account")).status).toBe(200);
    expect(await portal.db.select().from(authFlows).where(eq(authFlows.id, oldFlow))).toHaveLength(0);
    // The flows of today's sign-ins stay: the hourly code limit counts their codes.
    expect((await portal.db.select().from(authFlows)).length).toBeGreaterThanOrEqual(2);
    const keys = (await portal.db.select({ key: authThrottles.key }).from(authThrottles)).map((r) => r.key);
    expect(keys).toContain("identifier:recent");
    expect(keys).not.toContain("identifier:old");
  });
});
