/**
 * The portal under faults, as a separate server process on PostgreSQL: the database stopped and started
 * again while candidates register (a relay in front of PostgreSQL cuts every connection and refuses new
 * ones, as a stopped server does), the SMTP server refusing mail for a while, and SIGTERM with a request
 * still arriving. What a candidate must see: a clear 503 page in their language while the database is
 * down, the portal back without a restart, no acknowledged write lost, every e-mail delivered once.
 */
import { request } from "node:http";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { candidates } from "../../src/modules/candidates/schema.ts";
import { type Database, openDatabase } from "../../src/platform/db/database.ts";
import { outbox } from "../../src/platform/db/schema.ts";
import { roundRobin } from "../http-exchange.ts";
import { registrationForm } from "../journey-by-form.ts";
import { startOutageProxy } from "../outage-proxy.ts";
import { Visitor } from "../portal.ts";
import { databaseUrl, onServer, testDatabaseName } from "../postgres-server.ts";
import { startSmtpServer } from "../smtp.ts";
import { compileServer, type Instance, START_TIMEOUT_MS, startInstance, stopInstance, untilHealthy } from "./instances.ts";

const serverUrl = process.env.TEST_DATABASE_URL || undefined;
const ci = process.env.CI === "true" || process.env.CI === "1";
if (!serverUrl && ci) throw new Error("CI: TEST_DATABASE_URL is not set, so the database outage cannot be tried on PostgreSQL.");
if (!serverUrl) console.log("faults: skipped, they need PostgreSQL (set TEST_DATABASE_URL=postgres://…)");

const until = async (what: string, condition: () => Promise<boolean>, timeoutMs = 60_000) => {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((resolve) => setTimeout(resolve, 200))) if (await condition()) return;
  throw new Error(`timed out waiting for ${what}`);
};

let registrations = 0;
/** A new visitor's registration through the real form; its answer's status (303 is an account created). */
async function register(baseUrl: string): Promise<{ email: string; status: number }> {
  registrations += 1;
  const visitor = new Visitor(roundRobin([baseUrl]).exchange);
  const email = `fault.${registrations}.${process.pid}@example.jp`;
  const phone = `080${String(55_000_000 + registrations)}`;
  await visitor.get("/register");
  const answer = await visitor.post(
    "/register",
    registrationForm({
      familyName: "障害",
      givenName: "誠",
      familyNameKana: "ショウガイ",
      givenNameKana: "マコト",
      familyNameLatin: "Shogai",
      givenNameLatin: "Makoto",
      email,
      phone,
    }),
  );
  return { email, status: answer.status };
}

describe.skipIf(!serverUrl)("faults on PostgreSQL", () => {
  const name = testDatabaseName("portal_faults");
  let proxy: Awaited<ReturnType<typeof startOutageProxy>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let instance: Instance;
  let database: Database;

  beforeAll(async () => {
    await compileServer();
    await onServer(serverUrl!, (client) => client.query(`CREATE DATABASE ${name}`));
    const server = new URL(serverUrl!);
    proxy = await startOutageProxy({ host: server.hostname, port: Number(server.port || 5432) });
    const throughProxy = new URL(databaseUrl(serverUrl!, name));
    throughProxy.hostname = "127.0.0.1";
    throughProxy.port = String(proxy.port);
    smtp = await startSmtpServer();
    instance = await startInstance({ DATABASE_URL: throughProxy.toString(), SMTP_URL: smtp.url, APP_SECRET: "faults-test-secret-0123456789abcdef" });
    await untilHealthy(instance);
    database = await openDatabase({ databaseUrl: databaseUrl(serverUrl!, name) });
  }, START_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    if (instance) await stopInstance(instance);
    await database?.close();
    await smtp?.close();
    await proxy?.close();
    if (serverUrl) await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  it("answers a clear 503 page in the candidate's language while PostgreSQL is down, recovers without a restart, and loses no acknowledged registration", async () => {
    const acknowledged: string[] = [];
    const refusals: string[] = [];
    const statuses = new Map<number, number>();
    let load = true;
    // Four candidates at a time keep registering until told to stop, before, during and after the outage.
    const worker = async () => {
      while (load) {
        const { email, status } = await register(instance.baseUrl).catch(() => ({ email: "", status: 0 }));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 303) acknowledged.push(email);
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    await until("registrations before the outage", async () => acknowledged.length >= 8);

    await proxy.cut();
    const before = acknowledged.length;
    await until("the 503 page during the outage", async () => {
      const ja = await new Visitor(roundRobin([instance.baseUrl]).exchange).get("/jobs/230107874");
      if (ja.status !== 503) return false;
      refusals.push(ja.html);
      const en = await new Visitor(roundRobin([instance.baseUrl]).exchange, { acceptLanguage: "en" }).get("/jobs/230107874");
      refusals.push(en.html);
      return en.status === 503;
    });
    expect(refusals.at(-2)).toContain("ただいま混み合っています");
    expect(refusals.at(-1)).toContain("We are very busy right now");
    const health = await fetch(`${instance.baseUrl}/health`);
    expect(health.status).toBe(503);

    await proxy.restore();
    await untilHealthy(instance);
    await until("registrations after the outage", async () => acknowledged.length >= before + 8);
    load = false;
    await Promise.all(workers);

    expect(instance.child.exitCode, "the portal exited during the outage").toBeNull();
    const stored = await database.db.select({ email: candidates.email }).from(candidates).where(inArray(candidates.email, acknowledged));
    expect(stored.map((c) => c.email).sort()).toEqual([...acknowledged].sort());
    expect(statuses.get(503) ?? 0, `answers by status: ${JSON.stringify([...statuses])}`).toBeGreaterThan(0);
    for (const status of statuses.keys()) expect([303, 503]).toContain(status);
    console.log(
      `database outage: ${registrations} registrations tried, ${acknowledged.length} acknowledged and kept; answers ${JSON.stringify([...statuses])}`,
    );
  });

  it("delivers every e-mail exactly once after the SMTP server refused mail for a while", async () => {
    smtp.refuse(true);
    const emails: string[] = [];
    for (let n = 0; n < 3; n++) {
      const { email, status } = await register(instance.baseUrl);
      expect(status).toBe(303);
      emails.push(email);
    }
    // Sign-in codes for them, queued while the server refuses; the first attempts fail.
    const queued = async () =>
      (await database.db.select({ id: outbox.id, attempts: outbox.attempts }).from(outbox).where(inArray(outbox.recipient, emails))).filter(
        (m) => m.attempts > 0,
      );
    for (const email of emails) {
      const visitor = new Visitor(roundRobin([instance.baseUrl]).exchange);
      const start = await visitor.post("/login", { identifier: email });
      const flow = start.location!.replace(/\/pin$/, "");
      await visitor.post(`${flow}/pin`, { pin: "583027" });
      expect((await visitor.post(`${flow}/send`, { channel: "email" })).status).toBe(303);
    }
    await until("a refused delivery attempt for each message", async () => (await queued()).length >= emails.length);
    smtp.refuse(false);

    const messages = await database.db.select({ id: outbox.id }).from(outbox).where(inArray(outbox.recipient, emails));
    const received = () => smtp.received.filter((m) => emails.some((e) => m.to.includes(e)));
    await until("every message delivered after the outage", async () => received().length >= messages.length, 120_000);
    const ids = received().map((m) => m.messageId.replace(/^<outbox-(.+)@.*>$/, "$1"));
    expect(ids.sort()).toEqual(messages.map((m) => String(m.id)).sort());
    console.log(`SMTP outage: ${messages.length} messages queued while mail was refused, each delivered once afterwards`);
  }, 180_000);

  it("finishes a request still arriving when SIGTERM comes, then exits cleanly", async () => {
    const body = new URLSearchParams({ identifier: "late.arrival@example.jp" }).toString();
    const answer = new Promise<number>((resolve, reject) => {
      const req = request(
        `${instance.baseUrl}/login`,
        { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      // Half the form now; the rest after the signal, so the request is in flight when it comes.
      req.write(body.slice(0, 10));
      setTimeout(() => {
        instance.child.kill("SIGTERM");
        setTimeout(() => req.end(body.slice(10)), 500);
      }, 200);
    });
    const exited = new Promise<number | null>((resolve) => instance.child.once("exit", (code) => resolve(code)));
    // Without a CSRF token the form is refused, but with a whole answer: the request was heard to the end.
    expect(await answer).toBe(403);
    expect(await exited).toBe(0);
  });
});
