/**
 * Two app processes on two ports against one PostgreSQL database, started at the same moment on an empty
 * database, with a candidate whose every request goes to the other process than the one before (a load
 * balancer without session affinity): registration, sign-in, the whole application with the assessment,
 * 応募する. Sessions, sign-in flows, CSRF tokens and throttles must hold across the two; both outbox
 * workers deliver to one real SMTP server on 127.0.0.1, and no message may arrive twice.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "../../src/modules/jobs/schema.ts";
import { type Database, openDatabase } from "../../src/platform/db/database.ts";
import { outbox } from "../../src/platform/db/schema.ts";
import { roundRobin } from "../http-exchange.ts";
import { applyByForm } from "../journey-by-form.ts";
import { Visitor } from "../portal.ts";
import { databaseUrl, onServer, testDatabaseName } from "../postgres-server.ts";
import { startSmtpServer } from "../smtp.ts";
import { compileServer, type Instance, START_TIMEOUT_MS, startInstance, stopInstance, untilHealthy } from "./instances.ts";

const root = path.resolve(import.meta.dirname, "../..");
const serverUrl = process.env.TEST_DATABASE_URL || undefined;
const ci = process.env.CI === "true" || process.env.CI === "1";
const JOB_ID = "230107874";

if (!serverUrl && ci) throw new Error("CI: TEST_DATABASE_URL is not set, so two instances cannot share a PostgreSQL database.");
if (!serverUrl) console.log("two instances: skipped, they need PostgreSQL (set TEST_DATABASE_URL=postgres://…)");

describe.skipIf(!serverUrl)("two instances on one PostgreSQL database", () => {
  const name = testDatabaseName("portal_pair");
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let instances: Instance[] = [];
  let database: Database;

  beforeAll(
    async () => {
      await compileServer();
      await onServer(serverUrl!, (client) => client.query(`CREATE DATABASE ${name}`));
      smtp = await startSmtpServer();
      // One secret for both, as a deployment behind a load balancer has: each must accept the other's tokens.
      const shared = { DATABASE_URL: databaseUrl(serverUrl!, name), SMTP_URL: smtp.url, APP_SECRET: "two-instances-shared-secret-0123456789" };
      instances = await Promise.all([startInstance(shared), startInstance(shared)]);
      await Promise.all(instances.map(untilHealthy));
      database = await openDatabase({ databaseUrl: databaseUrl(serverUrl!, name) });
    },
    START_TIMEOUT_MS * 2 + 60_000,
  );

  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await database?.close();
    await smtp?.close();
    if (serverUrl) await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  it("applied every migration once though both started together on an empty database", async () => {
    const journal = JSON.parse(readFileSync(path.join(root, "migrations/meta/_journal.json"), "utf8")) as { entries: unknown[] };
    const applied = (await database.db.execute(sql`SELECT id FROM drizzle.__drizzle_migrations`)) as unknown as { rows: unknown[] };
    expect(applied.rows).toHaveLength(journal.entries.length);
    expect(await database.db.select({ n: count() }).from(jobs).where(eq(jobs.id, JOB_ID))).toEqual([{ n: 1 }]);
  });

  it("takes one candidate through the whole journey with every request going to the other instance", async () => {
    const { exchange, served } = roundRobin(instances.map((i) => i.baseUrl));
    const visitor = new Visitor(exchange);
    const email = `pair.${process.pid}@example.jp`;
    const who = {
      familyName: "二木",
      givenName: "翔",
      familyNameKana: "フタキ",
      givenNameKana: "ショウ",
      familyNameLatin: "Futaki",
      givenNameLatin: "Sho",
      email,
      phone: "08044447777",
    };
    await applyByForm(visitor, { db: database.db, who, jobId: JOB_ID });
    expect((await visitor.get("/account/applications")).html).toContain("お客様対応スタッフ");
    // Both instances answered about half of the journey's requests.
    expect(Math.min(...served)).toBeGreaterThanOrEqual(Math.floor((served[0]! + served[1]!) / 2));

    // Every message the outbox holds for the candidate reaches the SMTP server exactly once.
    const queued = async () =>
      (
        await database.db
          .select({ n: count() })
          .from(outbox)
          .where(and(eq(outbox.recipient, email), eq(outbox.status, "queued")))
      )[0]?.n;
    for (const until = Date.now() + 60_000; (await queued()) !== 0 && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await queued()).toBe(0);
    const sent = await database.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.recipient, email), eq(outbox.status, "sent")));
    const expected = sent.map((r) => String(r.id)).sort();
    // At least the sign-in code and the e-mail that confirms the application.
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const toCandidate = () => smtp.received.filter((m) => m.to.includes(email));
    await smtp.waitFor(() => toCandidate().length >= expected.length, 30_000);
    expect(
      toCandidate()
        .map((m) => m.messageId.replace(/^<outbox-(.+)@.*>$/, "$1"))
        .sort(),
    ).toEqual(expected);
  });

  it("counts wrong PINs in one place: five misses alternating between the instances lock the account on both", async () => {
    const { exchange } = roundRobin(instances.map((i) => i.baseUrl));
    const visitor = new Visitor(exchange);
    const start = await visitor.post("/login", { identifier: `pair.${process.pid}@example.jp` });
    const flow = start.location!.replace(/\/pin$/, "");
    const statuses: number[] = [];
    for (let miss = 0; miss < 5; miss++) statuses.push((await visitor.post(`${flow}/pin`, { pin: "000999" })).status);
    // Four misses are told "wrong"; the fifth, wherever it lands, starts the lock.
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    // The right PIN, on each instance in turn, is refused while the lock lasts.
    for (let turn = 0; turn < 2; turn++) {
      const right = await visitor.post(`${flow}/pin`, { pin: "583027" });
      expect(right.status).toBe(429);
      expect(right.html).toContain("ログインを一時的に停止しています");
    }
  });
});
