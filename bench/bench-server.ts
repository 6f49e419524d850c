/**
 * The server side of `npm run bench`, in a process of its own so the load generator never shares its event
 * loop and its CPU time is its own: the portal as `npm start` builds it (request logging at info, to this
 * process's standard output) and, beside it on the same database pool, a bare Fastify app with a hello route
 * a one-row SELECT route and a one-INSERT route. It seats the bench's candidates, tells the parent over IPC where everything is,
 * and closes when the parent says "stop".
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import Fastify from "fastify";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { seedQuestionSets, startApplication } from "../src/modules/applications/application-store.ts";
import { seedDefaultTemplates } from "../src/modules/email-templates/default-templates.ts";
import { seedJobs } from "../src/modules/jobs/job-content.ts";
import { findJob } from "../src/modules/jobs/job-repo.ts";
import { openDatabase } from "../src/platform/db/database.ts";
import { logDestination } from "../src/platform/http/log-destination.ts";
import { hashSecret } from "../src/platform/security/pin-hashing.ts";
import { randomToken } from "../src/platform/security/secrets.ts";
import { CANDIDATE_SESSIONS, startSession } from "../src/platform/security/sessions.ts";
import { BENCH_JOB, BENCH_PIN, benchCandidate, inBatches, type Seat, seatOnFirstItem } from "./answer-save.ts";

/** What the server tells the bench once it is ready. */
export type BenchServerReady = {
  pid: number;
  database: "embedded" | "postgres";
  portalUrl: string;
  bareUrl: string;
  seats: Seat[];
  /** A signed-in candidate on the first page of the application wizard. */
  wizard: { path: string; cookie: string };
};

const APP_SECRET = "bench-secret-0123456789-abcdefghijklmnop";
const root = path.resolve(import.meta.dirname, "..");

async function main() {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const candidates = Number(process.env.BENCH_CANDIDATES ?? 0);
  const database = await openDatabase({
    databaseUrl,
    dataDir: databaseUrl ? undefined : await mkdtemp(path.join(tmpdir(), "portal-bench-")),
    poolSize: Number(process.env.BENCH_POOL_SIZE ?? 10),
  });
  const db = database.db;
  await seedJobs(db, path.join(root, "content/jobs"));
  await seedQuestionSets(db, path.join(root, "content/question-sets"), new Date());
  await seedDefaultTemplates(db, new Date());
  await db.execute(sql`CREATE TABLE IF NOT EXISTS bench_inserts (id bigserial PRIMARY KEY, v text NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
  const config = await loadConfig({ NODE_ENV: "test", APP_SECRET, DATA_DIR: await mkdtemp(path.join(tmpdir(), "portal-bench-cfg-")) });
  // As `npm start` runs it: every request logged at info, to standard output.
  const logStream = logDestination();
  const portal = await buildApp({ db, config, now: () => new Date(), nudgeOutbox: () => undefined }, { logLevel: "info", logStream });
  await portal.listen({ port: 0, host: "127.0.0.1" });
  // The baseline is bare Fastify as it comes, logging at the same level with its own defaults (two lines per
  // request, written as they come); the portal logs as `npm start` does (one line per request, not blocking).
  const bare = Fastify({ logger: { level: "info" } });
  bare.get("/hello", async () => "hello");
  // A page that reads one row by its key through the same pool: what a signed-in page cannot do without.
  type Rows<R> = { rows: R[] };
  const inserted = (await db.execute(sql`INSERT INTO bench_inserts(v) VALUES ('a row to read') RETURNING id`)) as unknown as Rows<{ id: string }>;
  const rowId = inserted.rows[0]!.id;
  bare.get("/select", async () => {
    const read = (await db.execute(sql`SELECT v FROM bench_inserts WHERE id = ${rowId}`)) as unknown as Rows<{ v: string }>;
    return `hello ${read.rows[0]!.v}`;
  });
  bare.post<{ Body: { v?: unknown } }>("/insert", async (req) => {
    await db.execute(sql`INSERT INTO bench_inserts(v) VALUES (${String(req.body?.v ?? "")})`);
    return { ok: true };
  });
  await bare.listen({ port: 0, host: "127.0.0.1" });
  const portalUrl = `http://127.0.0.1:${(portal.server.address() as { port: number }).port}`;
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

  const pinHash = await hashSecret(BENCH_PIN);
  const job = await findJob(db, BENCH_JOB);
  if (!job) throw new Error(`job ${BENCH_JOB} is not seeded`);
  const seats = await inBatches(
    Array.from({ length: candidates }, (_, i) => i),
    8,
    (n) => seatOnFirstItem(db, { portalUrl, secret: config.secret, pinHash, job, n }),
  );

  const wizardCandidate = await benchCandidate(db, pinHash, candidates);
  const sid = await startSession(db, { policy: CANDIDATE_SESSIONS, principalId: wizardCandidate, now: new Date() });
  const started = await startApplication(db, { candidateId: wizardCandidate, job, now: new Date() });
  if (!started.ok) throw new Error(`the wizard's application was not started: ${started.reason}`);
  const cookie = `sid=${sid}; bk=${randomToken(32)}`;
  const resumed = await fetch(`${portalUrl}/applications/${started.application.id}/resume`, { redirect: "manual", headers: { cookie } });
  const wizardPath = resumed.headers.get("location");
  if (resumed.status !== 303 || !wizardPath) throw new Error(`the wizard did not resume (status ${resumed.status})`);

  const ready: BenchServerReady = {
    pid: process.pid,
    database: database.kind,
    portalUrl,
    bareUrl,
    seats,
    wizard: { path: wizardPath, cookie },
  };
  process.send?.(ready);
  process.on("message", async (message) => {
    if (message !== "stop") return;
    await portal.close();
    await bare.close();
    await database.close();
    process.exit(0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
