/**
 * `npm run bench`: request rates measured side by side in one run, reported as ratios (this machine is
 * shared and noisy, so absolute numbers mean little). Targets from QUALITY.md:
 * - a candidate page (the job page) at ≥ 25 % of a bare Fastify hello route;
 * - the office's pipeline at 100 000 applications and its CSV export (bench/pipeline.ts).
 * Loopback only; each run is bounded in time and stops by itself.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Fastify from "fastify";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { seedQuestionSets } from "../src/modules/applications/application-store.ts";
import { seedJobs } from "../src/modules/jobs/job-content.ts";
import { openDatabase } from "../src/platform/db/database.ts";
import { answerSaveBench } from "./answer-save.ts";
import { pipelineBench } from "./pipeline.ts";

const root = path.resolve(import.meta.dirname, "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

type Result = { name: string; rps: number; p99: number; errors: number };

async function measure(name: string, url: string, headers: Record<string, string> = {}): Promise<Result> {
  const r = await autocannon({ url, connections, duration: seconds, headers });
  return { name, rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

async function main() {
  const database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.DATABASE_URL ? undefined : await mkdtemp(path.join(tmpdir(), "portal-bench-")),
  });
  await seedJobs(database.db, path.join(root, "content/jobs"));
  await seedQuestionSets(database.db, path.join(root, "content/question-sets"), new Date());
  const config = await loadConfig({
    NODE_ENV: "test",
    APP_SECRET: "bench-secret-0123456789-abcdefghijklmnop",
    DATA_DIR: await mkdtemp(path.join(tmpdir(), "portal-bench-cfg-")),
  });
  const portal = await buildApp({ db: database.db, config, now: () => new Date(), nudgeOutbox: () => undefined });
  await portal.listen({ port: 0, host: "127.0.0.1" });
  const bare = Fastify();
  bare.get("/hello", async () => "hello");
  await bare.listen({ port: 0, host: "127.0.0.1" });
  const portalUrl = `http://127.0.0.1:${(portal.server.address() as { port: number }).port}`;
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

  console.log(`bench: ${seconds}s per target, ${connections} connections, database ${database.kind}`);
  const results: Result[] = [];
  // Warm both once so the first measured run does not pay for JIT and caches.
  await autocannon({ url: `${bareUrl}/hello`, connections: 4, duration: 1 });
  await autocannon({ url: `${portalUrl}/jobs/230107874`, connections: 4, duration: 1 });
  results.push(await measure("bare Fastify hello", `${bareUrl}/hello`));
  results.push(await measure("job page /jobs/230107874", `${portalUrl}/jobs/230107874`, { "accept-language": "ja" }));
  results.push(await measure("job list /jobs", `${portalUrl}/jobs`));
  results.push(await measure("privacy notice /privacy", `${portalUrl}/privacy`));

  const baseline = results[0]!.rps;
  for (const r of results) {
    console.log(
      `${r.name.padEnd(30)} ${r.rps.toFixed(0).padStart(7)} req/s  p99 ${String(r.p99).padStart(4)} ms  ratio ${(r.rps / baseline).toFixed(2)}${r.errors ? `  errors ${r.errors}` : ""}`,
    );
  }
  const jobRatio = results[1]!.rps / baseline;
  console.log(`job page at ${(jobRatio * 100).toFixed(0)} % of the bare route (target ≥ 25 %): ${jobRatio >= 0.25 ? "met" : "NOT met"}`);
  await portal.close();
  await bare.close();
  await database.close();
}

await main();
await answerSaveBench();
await pipelineBench();
