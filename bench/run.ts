/**
 * `npm run bench [-- part …]`: rates measured side by side and reported as ratios (this machine is shared
 * and noisy, so absolute numbers mean little). The portal runs in a process of its own (bench-server.ts),
 * as `npm start` runs it, with request logging at info; the load comes from this process. Each target is
 * measured in interleaved rounds (A, B, A, B, …) and the median of the rounds is reported, with the CPU
 * time per request of the server process and, on PostgreSQL, of the bench database's backends, and the
 * machine's load average at the start and the end. Targets from QUALITY.md:
 * - pages: the anonymous job page at ≥ 50 % of a bare Fastify hello route; signed-in pages (the wizard's
 *   documents step and 応募した求人) ≥ 25 % of a bare route that reads one row through the same pool (a
 *   signed-in page reads the database, as a save writes it; the wizard's ratio to the hello is reported beside);
 * - saves (PostgreSQL only, BENCH_DATABASE_URL or DATABASE_URL): answer save ≥ 50 % of a bare route doing
 *   one INSERT through the same pool, and p99 ≤ 50 ms with 500 candidates each saving every 2 s (open loop);
 * - startup: the embedded first start ≤ 10 s, a restart ≤ 3 s, RSS after start ≤ 500 MB (startup.ts);
 * - pipeline (only when named): the office's pipeline at 100 000 applications (pipeline.ts).
 * Parts: pages, saves, startup (the default), pipeline. BENCH_SECONDS (default 5) bounds each round.
 * The portal's request log goes to a file in the temporary folder, deleted at the end unless BENCH_KEEP_LOG=1.
 * Results go to bench/results/bench-YYYY-MM-DD-HHMM.{md,json}. Loopback only.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, open, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { type Seat, savesAsFastAsPossible, savesAtFixedRate } from "./answer-save.ts";
import type { BenchServerReady } from "./bench-server.ts";
import { backendCpu, backendCpuBetween, cpuMsOf, loadAverage } from "./cpu-time.ts";
import { type PipelineBenchResult, pipelineBench } from "./pipeline.ts";
import { measureStartup, type StartupResult } from "./startup.ts";

const root = path.resolve(import.meta.dirname, "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
const pageConnections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SAVE_CONNECTIONS = 100;
const OPEN_LOOP_CANDIDATES = 500;
const OPEN_LOOP_PERIOD_MS = 2000;
const TARGETS = { jobPage: 0.5, signedInPage: 0.25, answerSave: 0.5, openLoopP99Ms: 50, firstStartS: 10, restartS: 3, rssMb: 500 };
const PARTS = ["pages", "saves", "startup", "pipeline"] as const;
type Part = (typeof PARTS)[number];

/** One round of one target: what the load generator saw and what the processes spent on it. */
type Round = { rps: number; p50: number; p99: number; requests: number; errors: number; bytesPerRequest: number; serverCpuMs: number; dbCpuMs: number | null };
type Target = { name: string; run: () => Promise<Omit<Round, "serverCpuMs" | "dbCpuMs">>; rounds: Round[] };
type Summary = {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  serverCpuMsPerRequest: number;
  dbCpuMsPerRequest: number | null;
  bytesPerRequest: number;
  errors: number;
  rounds: Round[];
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

function serverUrlFromEnv(): string | null {
  const url = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  return url && /^postgres(ql)?:\/\//.test(url) ? url : null;
}

/** Rate of successful responses: error responses are cheap and must not flatter it. */
function fromAutocannon(r: autocannon.Result): Omit<Round, "serverCpuMs" | "dbCpuMs"> {
  return {
    rps: r["2xx"] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors + r.non2xx + r.timeouts,
    bytesPerRequest: r.requests.total ? r.throughput.total / r.requests.total : 0,
  };
}

/** The portal's server process, started and ready (candidates seated), or the reason it failed. */
async function startBenchServer(env: Record<string, string>, logFile: string): Promise<{ child: ChildProcess; ready: BenchServerReady }> {
  const log = await open(logFile, "a");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "bench/bench-server.ts")], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", log.fd, "inherit", "ipc"],
  });
  const ready = await new Promise<BenchServerReady>((resolve, reject) => {
    child.once("message", (m) => resolve(m as BenchServerReady));
    child.once("exit", (code) => reject(new Error(`the bench server exited (${code}) before it was ready`)));
  });
  await log.close();
  return { child, ready };
}

async function stopBenchServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.send("stop");
  await exited;
}

type Measurement = { cpu: () => number; db: (() => Promise<Map<number, number>>) | null };

/** Runs every target once per round, in the same order each round, and sums up each target's rounds. */
async function interleave(targets: Target[], measure: Measurement): Promise<Summary[]> {
  for (let round = 0; round < rounds; round++) {
    for (const t of targets) {
      const dbBefore = measure.db ? await measure.db() : null;
      const cpuBefore = measure.cpu();
      const r = await t.run();
      const serverCpuMs = measure.cpu() - cpuBefore;
      const dbCpuMs = dbBefore && measure.db ? backendCpuBetween(dbBefore, await measure.db()) : null;
      t.rounds.push({ ...r, serverCpuMs, dbCpuMs });
      console.log(
        `  round ${round + 1} ${t.name.padEnd(34)} ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${String(r.p99).padStart(4)} ms  CPU/req ${(serverCpuMs / Math.max(1, r.requests)).toFixed(3)} ms${dbCpuMs !== null ? ` + db ${(dbCpuMs / Math.max(1, r.requests)).toFixed(3)} ms` : ""}${r.errors ? `  errors ${r.errors}` : ""}`,
      );
    }
  }
  return targets.map((t) => ({
    name: t.name,
    rps: median(t.rounds.map((r) => r.rps)),
    p50: median(t.rounds.map((r) => r.p50)),
    p99: median(t.rounds.map((r) => r.p99)),
    serverCpuMsPerRequest: median(t.rounds.map((r) => r.serverCpuMs / Math.max(1, r.requests))),
    dbCpuMsPerRequest: t.rounds.every((r) => r.dbCpuMs !== null) ? median(t.rounds.map((r) => r.dbCpuMs! / Math.max(1, r.requests))) : null,
    bytesPerRequest: median(t.rounds.map((r) => r.bytesPerRequest)),
    errors: t.rounds.reduce((sum, r) => sum + r.errors, 0),
    rounds: t.rounds,
  }));
}

type Ratio = { name: string; of: string; to: string; ratio: number; target: number; met: boolean };

function ratio(summaries: Summary[], name: string, of: string, to: string, target: number): Ratio {
  const a = summaries.find((s) => s.name === of)!;
  const b = summaries.find((s) => s.name === to)!;
  const value = b.rps > 0 ? a.rps / b.rps : 0;
  return { name, of, to, ratio: value, target, met: value >= target && a.errors === 0 };
}

type OpenLoop = {
  rounds: {
    scheduled: number;
    ok: number;
    p50: number;
    p99: number;
    max: number;
    codes: Record<string, number>;
    serverCpuMs: number;
    dbCpuMs: number | null;
  }[];
  p99: number;
  met: boolean;
};

async function main() {
  const asked = process.argv.slice(2).filter((a) => a !== "--");
  const unknown = asked.filter((a) => !PARTS.includes(a as Part));
  if (unknown.length) throw new Error(`unknown bench part ${unknown.join(", ")}: the parts are ${PARTS.join(", ")}`);
  const parts = new Set<Part>(asked.length ? (asked as Part[]) : ["pages", "saves", "startup"]);
  const startedAt = new Date();
  const loadAtStart = loadAverage();
  const serverUrl = serverUrlFromEnv();
  console.log(`bench: ${[...parts].join(", ")}; ${rounds} interleaved rounds of ${seconds} s; load average ${loadAtStart.join(" ")}`);

  let summaries: Summary[] = [];
  const ratios: Ratio[] = [];
  let openLoop: OpenLoop | null = null;
  let startup: StartupResult | null = null;
  let pipeline: PipelineBenchResult | null = null;
  let database = "embedded";
  const wantsSaves = parts.has("saves") && serverUrl !== null;
  if (parts.has("saves") && !serverUrl) {
    console.log("saves: skipped, they need PostgreSQL: `DATABASE_URL=postgres://user:pass@127.0.0.1:5432/postgres npm run bench`");
  }

  if (parts.has("pages") || wantsSaves) {
    const dbName = `portal_bench_${randomBytes(6).toString("hex")}`;
    let admin: pg.Client | null = null;
    let versions: pg.Client | null = null;
    const env: Record<string, string> = { BENCH_CANDIDATES: String(wantsSaves ? OPEN_LOOP_CANDIDATES : 0) };
    if (serverUrl) {
      admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      database = `PostgreSQL ${(await admin.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version ?? "?"}`;
      await admin.query(`CREATE DATABASE ${dbName}`);
      const url = new URL(serverUrl);
      url.pathname = `/${dbName}`;
      env.BENCH_DATABASE_URL = url.toString();
    }
    const logFile = path.join(tmpdir(), `portal-bench-${process.pid}.log`);
    try {
      const setupStarted = performance.now();
      const { child, ready } = await startBenchServer(env, logFile);
      try {
        console.log(
          `server pid ${ready.pid} on ${database}, request log in ${logFile} (deleted at the end unless BENCH_KEEP_LOG=1); ready in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s with ${ready.seats.length} seated candidates`,
        );
        const except: number[] = [];
        if (env.BENCH_DATABASE_URL) {
          versions = new pg.Client({ connectionString: env.BENCH_DATABASE_URL });
          await versions.connect();
          except.push((await versions.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid);
        }
        const measure: Measurement = {
          cpu: () => cpuMsOf(ready.pid) ?? Number.NaN,
          db: admin ? () => backendCpu(admin!, dbName, except) : null,
        };
        const pages =
          (path: string, headers: Record<string, string> = {}) =>
          async () =>
            fromAutocannon(
              await autocannon({
                url: `${ready.portalUrl}${path}`,
                connections: pageConnections,
                duration: seconds,
                // A browser's request: pages are sent compressed, as they are to everyone.
                headers: { "accept-encoding": "br, gzip", "accept-language": "ja", ...headers },
              }),
            );
        const bare = (path: string) => async () =>
          fromAutocannon(
            await autocannon({ url: `${ready.bareUrl}${path}`, connections: pageConnections, duration: seconds, headers: { "accept-encoding": "br, gzip" } }),
          );

        if (parts.has("pages")) {
          // Warm every target once so the first round does not pay for JIT and caches.
          for (const p of ["/jobs/230107874", "/jobs", ready.wizard.path, "/account/applications"]) {
            await autocannon({ url: `${ready.portalUrl}${p}`, connections: 4, duration: 1, headers: { cookie: ready.wizard.cookie } });
          }
          for (const p of ["/hello", "/select"]) await autocannon({ url: `${ready.bareUrl}${p}`, connections: 4, duration: 1 });
          console.log(`pages: ${pageConnections} connections`);
          const found = await interleave(
            [
              { name: "bare Fastify hello", run: bare("/hello"), rounds: [] },
              { name: "bare SELECT route", run: bare("/select"), rounds: [] },
              { name: "anonymous job page /jobs/230107874", run: pages("/jobs/230107874"), rounds: [] },
              { name: "job list /jobs", run: pages("/jobs"), rounds: [] },
              { name: "signed-in wizard page", run: pages(ready.wizard.path, { cookie: ready.wizard.cookie }), rounds: [] },
              { name: "signed-in 応募した求人 /account/applications", run: pages("/account/applications", { cookie: ready.wizard.cookie }), rounds: [] },
            ],
            measure,
          );
          summaries.push(...found);
          ratios.push(ratio(summaries, "anonymous job page / bare hello", "anonymous job page /jobs/230107874", "bare Fastify hello", TARGETS.jobPage));
          ratios.push(ratio(summaries, "job list / bare hello", "job list /jobs", "bare Fastify hello", 0));
          ratios.push(ratio(summaries, "signed-in wizard page / bare SELECT", "signed-in wizard page", "bare SELECT route", TARGETS.signedInPage));
          ratios.push(
            ratio(summaries, "signed-in 応募した求人 / bare SELECT", "signed-in 応募した求人 /account/applications", "bare SELECT route", TARGETS.signedInPage),
          );
          ratios.push(ratio(summaries, "signed-in wizard page / bare hello", "signed-in wizard page", "bare Fastify hello", 0));
          ratios.push(ratio(summaries, "bare SELECT / bare hello", "bare SELECT route", "bare Fastify hello", 0));
        }

        if (wantsSaves && versions) {
          const seats = ready.seats;
          const client = versions;
          const storedVersions = async (of: Seat[]) => {
            const { rows } = await client.query<{ application_id: string; version: number }>(
              `SELECT t.application_id, a.version FROM assessment_answers a JOIN assessment_attempts t ON t.id = a.attempt_id WHERE t.application_id = ANY($1::uuid[])`,
              [of.map((s) => s.applicationId)],
            );
            const byApplication = new Map(rows.map((r) => [r.application_id, Number(r.version)]));
            for (const s of of) s.version = byApplication.get(s.applicationId) ?? s.version;
          };
          // A save that found a newer version than its seat knew (a response lost when a round ended): re-read it.
          const refreshing = new Set<Seat>();
          const stale = (s: Seat) => {
            if (refreshing.has(s)) return;
            refreshing.add(s);
            void storedVersions([s]).finally(() => refreshing.delete(s));
          };
          // A round ends with saves in flight that the portal still makes: start the next from the stored versions.
          const settled = async () => {
            await new Promise((resolve) => setTimeout(resolve, 300));
            await storedVersions(seats);
          };
          const closedSeats = seats.slice(0, SAVE_CONNECTIONS);
          const insert = async () =>
            fromAutocannon(
              await autocannon({
                url: `${ready.bareUrl}/insert`,
                connections: SAVE_CONNECTIONS,
                duration: seconds,
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ v: "b" }),
              }),
            );
          const save = async () => {
            const r = fromAutocannon(await savesAsFastAsPossible(ready.portalUrl, closedSeats, { connections: SAVE_CONNECTIONS, seconds, stale }));
            await settled();
            return r;
          };
          await autocannon({
            url: `${ready.bareUrl}/insert`,
            connections: 10,
            duration: 1,
            method: "POST",
            headers: { "content-type": "application/json" },
            body: "{}",
          });
          await savesAsFastAsPossible(ready.portalUrl, closedSeats, { connections: 10, seconds: 1, stale });
          await settled();
          console.log(`saves: ${SAVE_CONNECTIONS} connections, pool ${process.env.BENCH_POOL_SIZE ?? 10}`);
          const found = await interleave(
            [
              { name: "bare INSERT route", run: insert, rounds: [] },
              { name: "answer save (JSON)", run: save, rounds: [] },
            ],
            measure,
          );
          summaries.push(...found);
          ratios.push(ratio(summaries, "answer save / bare INSERT", "answer save (JSON)", "bare INSERT route", TARGETS.answerSave));

          console.log(`saves at a fixed rate: ${seats.length} candidates each saving every ${OPEN_LOOP_PERIOD_MS / 1000} s, open loop`);
          const open: OpenLoop = { rounds: [], p99: 0, met: false };
          for (let round = 0; round < rounds; round++) {
            const dbBefore = measure.db ? await measure.db() : null;
            const cpuBefore = measure.cpu();
            const r = await savesAtFixedRate(ready.portalUrl, seats, { periodMs: OPEN_LOOP_PERIOD_MS, seconds: Math.max(seconds, 4), stale });
            const serverCpuMs = measure.cpu() - cpuBefore;
            const dbCpuMs = dbBefore && measure.db ? backendCpuBetween(dbBefore, await measure.db()) : null;
            await settled();
            const row = {
              scheduled: r.scheduled,
              ok: r.ok,
              p50: percentile(r.latenciesMs, 50),
              p99: percentile(r.latenciesMs, 99),
              max: Math.max(...r.latenciesMs),
              codes: r.codes,
              serverCpuMs,
              dbCpuMs,
            };
            open.rounds.push(row);
            console.log(
              `  round ${round + 1} ${r.scheduled} saves due, ${r.ok} saved: p50 ${row.p50.toFixed(1)} ms  p99 ${row.p99.toFixed(1)} ms  max ${row.max.toFixed(1)} ms  CPU/save ${(serverCpuMs / Math.max(1, r.completed)).toFixed(3)} ms${dbCpuMs !== null ? ` + db ${(dbCpuMs / Math.max(1, r.completed)).toFixed(3)} ms` : ""}`,
            );
          }
          open.p99 = median(open.rounds.map((r) => r.p99));
          open.met = open.p99 <= TARGETS.openLoopP99Ms && open.rounds.every((r) => r.ok === r.scheduled);
          openLoop = open;
        }
      } finally {
        await stopBenchServer(child);
      }
    } finally {
      // Every request is logged, as in production: hundreds of megabytes a run, kept only when asked for.
      if (!process.env.BENCH_KEEP_LOG) await rm(logFile, { force: true });
      await versions?.end();
      if (admin) {
        await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await admin.end();
      }
    }
  }

  if (parts.has("startup")) {
    console.log("startup: the embedded database, a fresh data directory, then a restart on it");
    startup = await measureStartup();
    console.log(
      `  first start ${(startup.firstStartMs / 1000).toFixed(1)} s, restart ${(startup.restartMs / 1000).toFixed(1)} s, RSS after the first start ${startup.firstRssMb.toFixed(0)} MB and after the restart ${startup.rssMb.toFixed(0)} MB, esbuild processes left ${startup.esbuildLeft}`,
    );
  }

  if (parts.has("pipeline")) pipeline = await pipelineBench();

  const loadAtEnd = loadAverage();
  summaries = summaries.filter((s) => s.rounds.length > 0);
  await writeResults({ startedAt, loadAtStart, loadAtEnd, database, summaries, ratios, openLoop, startup, pipeline });
}

async function writeResults(r: {
  startedAt: Date;
  loadAtStart: number[];
  loadAtEnd: number[];
  database: string;
  summaries: Summary[];
  ratios: Ratio[];
  openLoop: OpenLoop | null;
  startup: StartupResult | null;
  pipeline: PipelineBenchResult | null;
}): Promise<void> {
  const stamp = r.startedAt.toISOString().slice(0, 16).replace("T", "-").replace(":", "");
  const dir = path.join(root, "bench/results");
  await mkdir(dir, { recursive: true });
  const json = { ...r, seconds, rounds, pageConnections, saveConnections: SAVE_CONNECTIONS, targets: TARGETS, cpus: cpus().length };
  const fmt = (n: number | null, digits = 3) => (n === null ? "–" : n.toFixed(digits));
  const lines = [
    `# Bench ${r.startedAt.toISOString()}`,
    "",
    ...(r.summaries.length
      ? [
          `Database ${r.database}; ${rounds} interleaved rounds of ${seconds} s per target, medians; the portal in its own process with request logging at info (the bare routes too); load from another process.`,
        ]
      : []),
    `Load average at start ${r.loadAtStart.join(" ")}, at end ${r.loadAtEnd.join(" ")} (${json.cpus} CPUs).`,
    "",
  ];
  if (r.ratios.length || r.openLoop || r.startup) {
    lines.push("| measure | value | target | met |", "|---|---|---|---|");
    for (const x of r.ratios)
      lines.push(`| ${x.name} | ${(x.ratio * 100).toFixed(0)} % | ${x.target ? `≥ ${x.target * 100} %` : "–"} | ${x.target ? (x.met ? "yes" : "no") : "–"} |`);
    if (r.openLoop)
      lines.push(
        `| answer save p99 at 250 saves/s, open loop | ${r.openLoop.p99.toFixed(1)} ms | ≤ ${TARGETS.openLoopP99Ms} ms | ${r.openLoop.met ? "yes" : "no"} |`,
      );
    if (r.startup) {
      lines.push(
        `| embedded first start | ${(r.startup.firstStartMs / 1000).toFixed(1)} s | ≤ ${TARGETS.firstStartS} s | ${r.startup.firstStartMs <= TARGETS.firstStartS * 1000 ? "yes" : "no"} |`,
      );
      lines.push(
        `| restart | ${(r.startup.restartMs / 1000).toFixed(1)} s | ≤ ${TARGETS.restartS} s | ${r.startup.restartMs <= TARGETS.restartS * 1000 ? "yes" : "no"} |`,
      );
      for (const [name, mb] of [
        ["RSS after the first start", r.startup.firstRssMb],
        ["RSS after a restart", r.startup.rssMb],
      ] as const) {
        lines.push(`| ${name} | ${mb.toFixed(0)} MB | ≤ ${TARGETS.rssMb} MB | ${mb <= TARGETS.rssMb ? "yes" : "no"} |`);
      }
      lines.push(`| esbuild processes left after start | ${r.startup.esbuildLeft} | 0 | ${r.startup.esbuildLeft === 0 ? "yes" : "no"} |`);
    }
    lines.push("");
  }
  if (r.summaries.length) {
    lines.push("| target | req/s | p50 ms | p99 ms | server CPU ms/req | database CPU ms/req | bytes/response | errors |", "|---|---|---|---|---|---|---|---|");
    for (const s of r.summaries) {
      lines.push(
        `| ${s.name} | ${s.rps.toFixed(0)} | ${s.p50} | ${s.p99} | ${fmt(s.serverCpuMsPerRequest)} | ${fmt(s.dbCpuMsPerRequest)} | ${s.bytesPerRequest.toFixed(0)} | ${s.errors} |`,
      );
    }
    lines.push("");
  }
  if (r.openLoop) {
    lines.push(
      "| open-loop round | saves due | saved | p50 ms | p99 ms | max ms | server CPU ms/save | database CPU ms/save |",
      "|---|---|---|---|---|---|---|---|",
    );
    for (const [i, x] of r.openLoop.rounds.entries()) {
      lines.push(
        `| ${i + 1} | ${x.scheduled} | ${x.ok} | ${x.p50.toFixed(1)} | ${x.p99.toFixed(1)} | ${x.max.toFixed(1)} | ${fmt(x.serverCpuMs / Math.max(1, x.ok))} | ${fmt(x.dbCpuMs === null ? null : x.dbCpuMs / Math.max(1, x.ok))} |`,
      );
    }
    lines.push("");
  }
  if (r.pipeline) {
    const p = r.pipeline;
    const size = p.applications.toLocaleString("en");
    lines.push(
      `Office pipeline on the ${p.database} database, ${size} invented applications (seeded in ${p.seedSeconds.toFixed(0)} s) against a job of 1,000 in the same run; one request at a time, the server, database and client in one process (CPU ${p.cpuMsPerRequest.toFixed(1)} ms per request); load average at its end ${p.loadAverage.map((l) => l.toFixed(2)).join(" ")}.`,
      "",
      "| measure | value | target | met |",
      "|---|---|---|---|",
      `| pipeline page p95 at ${size} applications | ${p.p95Ms.toFixed(1)} ms | ≤ ${p.p95TargetMs} ms | ${p.met ? "yes" : "no"} |`,
      "",
      "| target | p50 ms | p95 ms |",
      "|---|---|---|",
      ...p.targets.map((t) => `| ${t.name} | ${t.p50Ms.toFixed(1)} | ${t.p95Ms.toFixed(1)} |`),
      "",
      "| export | rows | seconds | peak RSS growth MB | peak JS heap growth MB |",
      "|---|---|---|---|---|",
      ...p.exports.map((e) => `| ${e.name} | ${e.rows} | ${e.seconds.toFixed(1)} | ${e.rssMb.toFixed(1)} | ${e.heapMb.toFixed(1)} |`),
      "",
    );
  }
  const base = path.join(dir, `bench-${stamp}`);
  await writeFile(`${base}.json`, `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(`${base}.md`, `${lines.join("\n")}\n`);
  console.log(`\n${lines.join("\n")}\nresults: ${path.relative(root, base)}.{md,json}`);
}

await main();
