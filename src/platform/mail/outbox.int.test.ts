import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestPortal, type TestPortal } from "../../../test/portal.ts";
import { startSmtpServer } from "../../../test/smtp.ts";
import { outbox, outboxAttempts } from "../db/schema.ts";
import { startOutboxWorker } from "../worker/outbox-worker.ts";
import { claimDueMessages, enqueueMessage } from "./outbox.ts";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let portal: TestPortal;
// Delays of minutes, moved past with the clock: however slow the machine, no retry falls due by itself mid-test.
const retry = { baseDelayMs: 60_000, maxDelayMs: 480_000, maxAttempts: 4 };

beforeAll(async () => {
  smtp = await startSmtpServer();
  portal = await startTestPortal({ smtpUrl: smtp.url, retry });
});
afterAll(async () => {
  await portal?.close();
  await smtp?.close();
});
afterEach(() => smtp.refuse(false));

let n = 0;
function message(overrides: Partial<Parameters<typeof enqueueMessage>[1]> = {}) {
  n += 1;
  return {
    channel: "email" as const,
    recipient: `outbox.${n}@example.jp`,
    template: "test",
    locale: "ja",
    subject: `件名 ${n} お客様のジョブ確認コード`,
    textBody: `本文 ${n}`,
    ...overrides,
  };
}

describe("outbox", () => {
  it("delivers a queued e-mail over SMTP with its Japanese subject and the configured sender", async () => {
    const m = message();
    await enqueueMessage(portal.db, m);
    expect(await portal.drainOutbox()).toBeGreaterThanOrEqual(1);
    const got = await smtp.waitFor((r) => r.to.includes(m.recipient));
    expect(got.subject).toBe(m.subject);
    expect(got.from).toBe("no-reply@jobs.example.jp");
    expect(got.text.trim()).toBe(m.textBody);
    const [row] = await portal.db.select().from(outbox).where(eq(outbox.recipient, m.recipient));
    expect(row?.status).toBe("sent");
  });

  it("enqueues a message with the same dedupe key once", async () => {
    const m = message({ dedupeKey: `dedupe-${Date.now()}` });
    await enqueueMessage(portal.db, m);
    await enqueueMessage(portal.db, { ...m, textBody: "second" });
    expect(await portal.db.select().from(outbox).where(eq(outbox.recipient, m.recipient))).toHaveLength(1);
  });

  it("keeps retrying with growing delays through an outage and delivers exactly once after it", async () => {
    smtp.refuse(true);
    const m = message();
    await enqueueMessage(portal.db, m, portal.clock.now());
    await portal.drainOutbox();
    const [first] = await portal.db.select().from(outbox).where(eq(outbox.recipient, m.recipient));
    expect(first?.status).toBe("queued");
    expect(first?.attempts).toBe(1);
    expect(first?.lastError).toMatch(/451/);
    // Each retry is due the policy's delay after the attempt that failed, twice as long each time.
    const delayAfterLastAttempt = async (row: typeof first) => {
      const tried = await portal.db.select().from(outboxAttempts).where(eq(outboxAttempts.messageId, row!.id));
      const last = Math.max(...tried.map((a) => a.attemptedAt.getTime()));
      return row!.nextAttemptAt.getTime() - last;
    };
    expect(await delayAfterLastAttempt(first)).toBe(retry.baseDelayMs);
    await portal.drainOutbox();
    expect((await portal.db.select().from(outbox).where(eq(outbox.recipient, m.recipient)))[0]?.attempts).toBe(1);
    portal.clock.advance(retry.baseDelayMs + 1000);
    await portal.drainOutbox();
    const [second] = await portal.db.select().from(outbox).where(eq(outbox.recipient, m.recipient));
    expect(second?.attempts).toBe(2);
    expect(await delayAfterLastAttempt(second)).toBe(2 * retry.baseDelayMs);
    smtp.refuse(false);
    portal.clock.advance(2 * retry.baseDelayMs + 1000);
    await portal.drainOutbox();
    await portal.drainOutbox();
    await smtp.waitFor((r) => r.to.includes(m.recipient));
    expect(smtp.received.filter((r) => r.to.includes(m.recipient))).toHaveLength(1);
    const attempts = await portal.db.select().from(outboxAttempts).where(eq(outboxAttempts.messageId, second!.id));
    expect(attempts.map((a) => a.ok)).toEqual([false, false, true]);
  });

  it("abandons a message that keeps failing, keeping the error for staff", async () => {
    smtp.refuse(true);
    const m = message();
    await enqueueMessage(portal.db, m, portal.clock.now());
    for (let i = 0; i < retry.maxAttempts; i++) {
      await portal.drainOutbox();
      portal.clock.advance(retry.maxDelayMs + 1);
    }
    const [row] = await portal.db.select().from(outbox).where(eq(outbox.recipient, m.recipient));
    expect(row?.status).toBe("abandoned");
    expect(row?.attempts).toBe(retry.maxAttempts);
    expect(row?.lastError).toMatch(/451/);
  });
});

describe("the outbox's claims and what it keeps", () => {
  it("hands a message back when the worker that claimed it dies, and sends it once", async () => {
    const m = message();
    await enqueueMessage(portal.db, m, portal.clock.now());
    const [claimed] = await claimDueMessages(portal.db, { now: portal.clock.now(), limit: 100, leaseMs: 60_000 });
    expect(claimed?.recipient).toBe(m.recipient);
    // The claimant died without a word: nobody else may take it during its lease, anyone after it.
    expect((await claimDueMessages(portal.db, { now: portal.clock.now(), limit: 100, leaseMs: 60_000 })).map((c) => c.recipient)).not.toContain(m.recipient);
    portal.clock.advance(61_000);
    await portal.drainOutbox();
    await smtp.waitFor((mail) => mail.to.includes(m.recipient));
    expect(smtp.received.filter((mail) => mail.to.includes(m.recipient))).toHaveLength(1);
  });

  it("erases a sign-in code's text once the code is long dead, and other texts a week after sending by the retention schedule, keeping the record", async () => {
    const code = message({ template: "accounts.code.login", textBody: "確認コード 482915" });
    const notice = message({ template: "applications.submitted", textBody: "ご応募ありがとうございます" });
    await enqueueMessage(portal.db, code, portal.clock.now());
    await enqueueMessage(portal.db, notice, portal.clock.now());
    await portal.drainOutbox();
    const bodyOf = async (recipient: string) => (await portal.db.select().from(outbox).where(eq(outbox.recipient, recipient)))[0];
    portal.clock.advance(5 * 60_000);
    await portal.housekeep();
    expect((await bodyOf(code.recipient))?.textBody).toBe("確認コード 482915");
    portal.clock.advance(6 * 60_000);
    await portal.housekeep();
    expect((await bodyOf(code.recipient))?.textBody).toBe("");
    expect((await bodyOf(notice.recipient))?.textBody).toBe("ご応募ありがとうございます");
    portal.clock.advance(7 * 24 * 3600 * 1000);
    await portal.housekeep();
    await portal.runJobs();
    const kept = await bodyOf(notice.recipient);
    expect([kept?.textBody, kept?.htmlBody, kept?.subject, kept?.status]).toEqual(["", null, notice.subject, "sent"]);
  });

  it("sends a sign-in code held up by a mail outage with its text, and erases the text only once it has gone", async () => {
    smtp.refuse(true);
    const code = message({ template: "accounts.code.login", textBody: "確認コード 593017" });
    await enqueueMessage(portal.db, code, portal.clock.now());
    await portal.drainOutbox();
    portal.clock.advance(11 * 60_000);
    await portal.housekeep();
    smtp.refuse(false);
    await portal.drainOutbox();
    const sent = await smtp.waitFor((r) => r.to.includes(code.recipient));
    expect(sent.text).toContain("593017");
    await portal.housekeep();
    expect((await portal.db.select().from(outbox).where(eq(outbox.recipient, code.recipient)))[0]?.textBody).toBe("");
  });

  it("logs a failed drain without the values of its queries, such as the address a mail server refused", async () => {
    const lines: string[] = [];
    const log = {
      warn: (o: object, m: string) => void lines.push(JSON.stringify({ ...o, m })),
      error: (o: object, m: string) => void lines.push(JSON.stringify({ ...o, m })),
    };
    await enqueueMessage(portal.db, message({ recipient: "refused.person@example.jp" }), portal.clock.now());
    const worker = startOutboxWorker({
      db: portal.db,
      now: portal.clock.now,
      log,
      pollMs: 3600_000,
      deliver: async () => {
        // The server refuses the address, and recording the refusal fails too (its table is gone for a moment).
        await portal.db.execute(sql`ALTER TABLE outbox_attempts RENAME TO attempts_away`);
        throw new Error("550 5.1.1 <refused.person@example.jp>: Recipient address rejected");
      },
    });
    try {
      await vi.waitFor(() => expect(lines.join("")).toContain("outbox drain failed"), { timeout: 10_000 });
    } finally {
      await worker.stop();
      await portal.db.execute(sql`ALTER TABLE attempts_away RENAME TO outbox_attempts`);
    }
    expect(lines.join("")).toContain("Failed query");
    expect(lines.join("")).not.toContain("refused.person");
  });
});
