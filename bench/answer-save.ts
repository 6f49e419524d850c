/**
 * Answer saving (the hottest write) on real PostgreSQL, against a bare Fastify route doing one INSERT
 * through the same pool in the same process and run. Targets from QUALITY.md:
 * - throughput ≥ 50 % of the bare INSERT route;
 * - p99 ≤ 50 ms at 100 concurrent connections.
 * Runs only when BENCH_DATABASE_URL or DATABASE_URL names a PostgreSQL server; it works in a database
 * of its own, created for the run and dropped at the end. Loopback only; bounded in time.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { eq, sql } from "drizzle-orm";
import Fastify from "fastify";
import { parse } from "node-html-parser";
import pg from "pg";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { seedQuestionSets, startApplication } from "../src/modules/applications/application-store.ts";
import { applications } from "../src/modules/applications/schema.ts";
import { assessmentAnswers, assessmentAttempts } from "../src/modules/assessment/schema.ts";
import { registerCandidate } from "../src/modules/candidates/registration.ts";
import { seedJobs } from "../src/modules/jobs/job-content.ts";
import { findJob } from "../src/modules/jobs/job-repo.ts";
import { currentNoticeVersion } from "../src/modules/privacy/privacy-notice.ts";
import type { Db } from "../src/platform/db/database.ts";
import { openDatabase } from "../src/platform/db/database.ts";
import { hashSecret } from "../src/platform/security/pin-hashing.ts";
import { keyedHash, randomToken } from "../src/platform/security/secrets.ts";
import { CANDIDATE_SESSIONS, startSession } from "../src/platform/security/sessions.ts";

const root = path.resolve(import.meta.dirname, "..");
const JOB_ID = "230107874";
// The same secret as bench/run.ts, so a CSRF token computed here is the one the portal expects.
const APP_SECRET = "bench-secret-0123456789-abcdefghijklmnop";
const THROUGHPUT_TARGET = 0.5;
const P99_TARGET_MS = 50;

/** One candidate sitting on an item page: everything a connection needs to keep saving its answer. */
type Seat = {
  applicationId: string;
  path: string;
  cookie: string;
  csrf: string;
  /** Two whole answers to the item, saved in turn: a pair's two points, or a situation's picks swapped. */
  values: [Record<string, string>, Record<string, string>];
  /** The answer's version as this candidate last saw it (the stale-tab guard). */
  version: number;
  turn: number;
  resyncing: boolean;
};

type Measured = { name: string; rps: number; p50: number; p99: number; total: number; errors: number; codes: string };

function serverUrlFromEnv(): string | null {
  const url = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  return url && /^postgres(ql)?:\/\//.test(url) ? url : null;
}

/** Successful responses per second: error responses are cheap and must not flatter the rate. */
function summarise(name: string, r: autocannon.Result): Measured {
  const codes = Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith("2"))
    .map(([code, s]) => `${code}×${s.count ?? 0}`)
    .join(" ");
  return {
    name,
    rps: r["2xx"] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    errors: r.errors + r.non2xx,
    codes: r.timeouts ? `${codes} timeouts×${r.timeouts}`.trim() : codes,
  };
}

/** Runs `task` over `items` with at most `limit` in flight, so setup neither crawls nor floods the pool. */
async function inBatches<T, R>(items: T[], limit: number, task: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Puts one candidate on the first item of the assessment: the account, session and application come
 * straight from the domain functions (fast); the attempt is opened and the text pages passed over HTTP,
 * as a browser without JavaScript would, so the item page is reached exactly as in real use.
 */
async function seat(db: Db, portalUrl: string, secret: string, pinHash: string, n: number): Promise<Seat> {
  const now = new Date();
  const tag = `${n}.${randomBytes(3).toString("hex")}`;
  const registered = await registerCandidate(
    db,
    {
      givenName: "花子",
      familyName: "山田",
      givenNameLatin: "Hanako",
      familyNameLatin: "Yamada",
      email: `bench.${tag}@example.jp`,
      phone: `+8190${String(10_000_000 + n)}`,
      timeZone: "Asia/Tokyo",
      pin: "482915",
      contactConsent: true,
      locale: "ja",
    },
    // Bench candidates never sign in with their PIN: one real hash, computed once, stands for all of them.
    { now, hashSecret: async () => pinHash, source: { textVersion: currentNoticeVersion(), page: "/register" } },
  );
  if (!registered.ok) throw new Error(`bench candidate ${n} not registered: ${registered.taken.join(",")}`);
  const candidateId = registered.candidate.id;
  const sid = await startSession(db, { policy: CANDIDATE_SESSIONS, principalId: candidateId, now });
  const browserKey = randomToken(32);
  const csrf = keyedHash(secret, "csrf", browserKey);
  const job = await findJob(db, JOB_ID);
  if (!job) throw new Error(`job ${JOB_ID} is not seeded`);
  const started = await startApplication(db, { candidateId, job, now });
  if (!started.ok) throw new Error(`bench application ${n} not started: ${started.reason}`);
  const applicationId = started.application.id;
  // The wizard's six steps are not what is measured; the application simply waits for its assessment.
  await db.update(applications).set({ state: "assessment_pending" }).where(eq(applications.id, applicationId));

  const cookie = `sid=${sid}; bk=${browserKey}`;
  const send = (method: "GET" | "POST", url: string, fields: Record<string, string> = {}) =>
    fetch(`${portalUrl}${url}`, {
      method,
      redirect: "manual",
      headers: { cookie, ...(method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      ...(method === "POST" ? { body: new URLSearchParams({ _csrf: csrf, ...fields }).toString() } : {}),
    });

  // From the assessment's first page (「ここから始める」) through its text pages to the first question.
  let location: string | null = `/applications/${applicationId}/assessment`;
  for (let step = 0; step < 30; step++) {
    if (!location) throw new Error(`candidate ${n}: no next page at assessment step ${step}`);
    const page = await send("GET", location);
    if (page.status === 303) {
      await page.arrayBuffer();
      location = page.headers.get("location");
      continue;
    }
    const doc = parse(await page.text());
    const form = doc.querySelector("main form.form");
    const action = form?.getAttribute("action");
    if (page.status !== 200 || !form || !action) throw new Error(`candidate ${n}: no form on ${location} (status ${page.status})`);
    const valuesOf = (name: string) => form.querySelectorAll(`input[name="${name}"]`).map((r) => r.getAttribute("value") ?? "");
    const [a, b] = valuesOf("best").length >= 2 ? valuesOf("best") : valuesOf("answer");
    if (a && b) {
      const version = Number(form.querySelector('input[name="v"]')?.getAttribute("value") ?? "0");
      const shown = form.querySelector('input[name="shown"]')?.getAttribute("value") ?? "";
      const values: Seat["values"] =
        valuesOf("best").length >= 2
          ? [
              { shown, best: a, worst: b },
              { shown, best: b, worst: a },
            ]
          : [
              { shown, answer: a },
              { shown, answer: b },
            ];
      return { applicationId, path: action, cookie, csrf, values, version, turn: 0, resyncing: false };
    }
    // The page before the first question asks how to move on: the bench takes auto-advance, as most do.
    const passed = await send("POST", action, valuesOf("autoAdvance").length > 0 ? { autoAdvance: "on" } : {});
    await passed.arrayBuffer();
    location = passed.headers.get("location");
  }
  throw new Error(`candidate ${n}: no item within 30 assessment steps`);
}

/** The stored version of a candidate's answer, for a connection whose view fell behind (a lost response). */
async function storedVersion(db: Db, applicationId: string): Promise<number | null> {
  const [row] = await db
    .select({ version: assessmentAnswers.version })
    .from(assessmentAnswers)
    .innerJoin(assessmentAttempts, eq(assessmentAttempts.id, assessmentAnswers.attemptId))
    .where(eq(assessmentAttempts.applicationId, applicationId))
    .limit(1);
  return row?.version ?? null;
}

/**
 * Brings every seat up to its stored version. autocannon stops with requests in flight whose answers
 * the portal still saves; without this the next run would begin with stale versions (409s). Waits
 * until the stored versions stop moving, a few tries at most.
 */
async function resyncSeats(db: Db, seats: Seat[]): Promise<void> {
  const read = async () => {
    const rows = await db
      .select({ applicationId: assessmentAttempts.applicationId, version: assessmentAnswers.version })
      .from(assessmentAnswers)
      .innerJoin(assessmentAttempts, eq(assessmentAttempts.id, assessmentAnswers.attemptId));
    return new Map(rows.map((r) => [r.applicationId, r.version]));
  };
  let before = await read();
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const after = await read();
    const settled = [...after].every(([id, v]) => before.get(id) === v);
    before = after;
    if (settled) break;
  }
  for (const s of seats) s.version = before.get(s.applicationId) ?? s.version;
}

/**
 * One autocannon run in which connection i is candidate i. autocannon resets a connection's `context`
 * each time it loops back to the first entry of its request list — with one entry, after every request
 * — so the version a connection last saw lives on its seat, bound to the connection in setupClient.
 */
function saveAnswers(db: Db, portalUrl: string, seats: Seat[], connections: number, duration: number): Promise<autocannon.Result> {
  let nextSeat = 0;
  return autocannon({
    url: portalUrl,
    connections,
    duration,
    setupClient(client) {
      const s = seats[nextSeat++ % seats.length]!;
      client.setRequests([
        {
          method: "POST",
          path: s.path,
          setupRequest(req) {
            const body = new URLSearchParams({ _csrf: s.csrf, ...s.values[s.turn % 2]!, v: String(s.version) }).toString();
            return {
              ...req,
              method: "POST",
              path: s.path,
              headers: { cookie: s.cookie, accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
              body,
            };
          },
          onResponse(status, body) {
            if (status === 200) {
              const saved = JSON.parse(body) as { ok: boolean; version: number };
              s.version = saved.version;
              s.turn++;
            } else if (status === 409 && !s.resyncing) {
              s.resyncing = true;
              void storedVersion(db, s.applicationId)
                .then((v) => {
                  if (v !== null) s.version = v;
                })
                .finally(() => {
                  s.resyncing = false;
                });
            }
          },
        },
      ]);
    },
  });
}

function insertRows(url: string, connections: number, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/insert`,
    connections,
    duration,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ v: "b" }),
  });
}

/** Runs the answer-save benchmark, or says how to run it when no PostgreSQL server is named. */
export async function answerSaveBench(): Promise<void> {
  const serverUrl = serverUrlFromEnv();
  if (!serverUrl) {
    console.log(
      "answer save: skipped, it needs PostgreSQL: run `DATABASE_URL=postgres://user:pass@127.0.0.1:5432/postgres npm run bench` (or BENCH_DATABASE_URL, which leaves the page measurements on the embedded database)",
    );
    return;
  }
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const connections = 100;
  const poolSize = Number(process.env.BENCH_POOL_SIZE ?? 10);
  const name = `portal_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version ?? "?";
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  try {
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize });
    const db = database.db;
    try {
      const setupStarted = Date.now();
      await seedJobs(db, path.join(root, "content/jobs"));
      await seedQuestionSets(db, path.join(root, "content/question-sets"), new Date());
      await db.execute(sql`CREATE TABLE bench_inserts (id bigserial PRIMARY KEY, v text NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
      const config = await loadConfig({
        NODE_ENV: "test",
        APP_SECRET,
        DATA_DIR: await mkdtemp(path.join(tmpdir(), "portal-bench-answer-")),
      });
      const portal = await buildApp({ db, config, now: () => new Date(), nudgeOutbox: () => undefined });
      await portal.listen({ port: 0, host: "127.0.0.1" });
      const bare = Fastify();
      bare.post<{ Body: { v?: unknown } }>("/insert", async (req) => {
        await db.execute(sql`INSERT INTO bench_inserts(v) VALUES (${String(req.body?.v ?? "")})`);
        return { ok: true };
      });
      await bare.listen({ port: 0, host: "127.0.0.1" });
      try {
        const portalUrl = `http://127.0.0.1:${(portal.server.address() as { port: number }).port}`;
        const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
        const pinHash = await hashSecret("482915");
        const seats = await inBatches(
          Array.from({ length: connections }, (_, i) => i),
          8,
          (n) => seat(db, portalUrl, config.secret, pinHash, n),
        );
        console.log(
          `answer save: ${seconds}s per target, ${connections} connections, pool ${poolSize}, PostgreSQL ${version}, ${seats.length} candidates ready in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`,
        );

        // Warm both once so the measured runs do not pay for JIT, plans and pool connections.
        await insertRows(bareUrl, 10, 1);
        await saveAnswers(db, portalUrl, seats, 10, 1);
        await resyncSeats(db, seats);
        const results = [summarise("bare INSERT route", await insertRows(bareUrl, connections, seconds))];
        results.push(summarise("answer save (JSON)", await saveAnswers(db, portalUrl, seats, connections, seconds)));

        for (const r of results) {
          console.log(
            `${r.name.padEnd(30)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  (${r.total} requests${r.errors ? `, errors ${r.errors}: ${r.codes}` : ", no errors"})`,
          );
        }
        const [insert, save] = results as [Measured, Measured];
        const ratio = insert.rps > 0 ? save.rps / insert.rps : 0;
        console.log(
          `answer save at ${(ratio * 100).toFixed(0)} % of the bare INSERT route (target ≥ ${THROUGHPUT_TARGET * 100} %): ${ratio >= THROUGHPUT_TARGET ? "met" : "NOT met"}`,
        );
        console.log(
          `answer save p99 ${save.p99} ms at ${connections} connections (target ≤ ${P99_TARGET_MS} ms): ${save.p99 <= P99_TARGET_MS && save.errors === 0 ? "met" : "NOT met"}${save.errors ? " (with errors)" : ""}`,
        );
      } finally {
        await portal.close();
        await bare.close();
      }
    } finally {
      await database.close();
    }
  } finally {
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  }
}

// Runnable on its own too: `DATABASE_URL=postgres://… npx tsx bench/answer-save.ts`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await answerSaveBench();
