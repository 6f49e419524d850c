/**
 * `npm run load`: a cohort of candidates at once against two portal processes on one PostgreSQL database,
 * on loopback. Each candidate registers, signs in with the e-mailed code, fills every page of the
 * application, takes the whole assessment, signs and presses 応募する, with its requests alternating
 * between the two processes; each comes from its own address (X-Forwarded-For through a trusted proxy),
 * as a real cohort does. Writes the latency percentiles of every step to bench/results/ and fails on any
 * error. Bounded: LOAD_TIMEOUT_S (default 1800) stops it.
 *
 *   TEST_DATABASE_URL=postgres://… npm run load            # 300 candidates
 *   LOAD_CANDIDATES=50 TEST_DATABASE_URL=postgres://… npm run load
 */
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { type Db, openDatabase } from "../src/platform/db/database.ts";
import { compileServer, type Instance, startInstance, stopInstance, untilHealthy } from "../test/e2e/instances.ts";
import { roundRobin } from "../test/http-exchange.ts";
import { applyByForm, type JourneyStep } from "../test/journey-by-form.ts";
import { type Exchange, Visitor } from "../test/portal.ts";
import { databaseUrl, onServer, testDatabaseName } from "../test/postgres-server.ts";
import { startSmtpServer } from "../test/smtp.ts";

const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) {
  console.error("npm run load needs PostgreSQL: set TEST_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/postgres");
  process.exit(2);
}
const COHORT = Number(process.env.LOAD_CANDIDATES ?? 300);
const TIMEOUT_S = Number(process.env.LOAD_TIMEOUT_S ?? 1800);
const JOB_ID = "230107874";
const STEPS: JourneyStep[] = ["register", "signIn", "application", "assessment", "submit"];

/** The same exchange, every request marked as coming from one client address. */
function fromAddress(exchange: Exchange, address: string): Exchange {
  return (request) => exchange({ ...request, headers: { ...request.headers, "x-forwarded-for": address } });
}

/** Latencies of every request, by the step of the journey it belongs to. */
const latencies: Record<JourneyStep, number[]> = { register: [], signIn: [], application: [], assessment: [], submit: [] };
function timed(exchange: Exchange, step: () => JourneyStep): Exchange {
  return async (request) => {
    const started = performance.now();
    const answer = await exchange(request);
    latencies[step()].push(performance.now() - started);
    if (answer.status >= 500) throw new Error(`${request.method} ${request.url} answered ${answer.status}`);
    return answer;
  };
}

async function candidate(n: number, baseUrls: string[], db: Db): Promise<void> {
  let step: JourneyStep = "register";
  const address = `10.${Math.floor(n / 250)}.${n % 250}.${1 + (n % 200)}`;
  const visitor = new Visitor(timed(fromAddress(roundRobin(baseUrls).exchange, address), () => step));
  const who = {
    familyName: "負荷",
    givenName: "陽",
    familyNameKana: "フカ",
    givenNameKana: "ヒナタ",
    familyNameLatin: "Fuka",
    givenNameLatin: "Hinata",
    email: `cohort.${n}.${process.pid}@example.jp`,
    phone: `080${String(30_000_000 + n)}`,
  };
  await applyByForm(visitor, { db, who, jobId: JOB_ID, onStep: (next) => (step = next) });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const name = testDatabaseName("portal_load");
  const instances: Instance[] = [];
  const smtp = await startSmtpServer();
  const stop = setTimeout(() => {
    console.error(`npm run load: stopped after ${TIMEOUT_S} s`);
    process.exit(1);
  }, TIMEOUT_S * 1000);
  try {
    await compileServer();
    await onServer(serverUrl!, (client) => client.query(`CREATE DATABASE ${name}`));
    const env = { DATABASE_URL: databaseUrl(serverUrl!, name), SMTP_URL: smtp.url, APP_SECRET: "load-test-shared-secret-0123456789", TRUST_PROXY: "127.0.0.1" };
    instances.push(...(await Promise.all([startInstance(env), startInstance(env)])));
    await Promise.all(instances.map(untilHealthy));
    const database = await openDatabase({ databaseUrl: databaseUrl(serverUrl!, name) });
    console.log(`npm run load: ${COHORT} candidates at once against 2 instances on PostgreSQL`);
    const started = performance.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: COHORT }, (_, n) =>
        candidate(
          n,
          instances.map((i) => i.baseUrl),
          database.db,
        ),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    await database.close();
    const errors = outcomes.flatMap((o) => (o.status === "rejected" ? [String((o.reason as Error).message ?? o.reason)] : []));
    const steps = Object.fromEntries(
      STEPS.map((step) => {
        const sorted = [...latencies[step]].sort((a, b) => a - b);
        const ms = (value: number) => Math.round(value * 10) / 10;
        return [
          step,
          {
            requests: sorted.length,
            p50: ms(percentile(sorted, 50)),
            p95: ms(percentile(sorted, 95)),
            p99: ms(percentile(sorted, 99)),
            max: ms(sorted.at(-1) ?? Number.NaN),
          },
        ];
      }),
    );
    // The machine's size and how busy it was: the same cohort is several times slower on a shared, loaded machine.
    const machine = { cpus: availableParallelism(), loadAverage1m: Math.round(loadavg()[0]! * 10) / 10 };
    const result = {
      at: new Date().toISOString(),
      candidates: COHORT,
      instances: 2,
      machine,
      seconds: Math.round(seconds),
      completed: COHORT - errors.length,
      errors: errors.length,
      steps,
    };
    const dir = path.resolve(import.meta.dirname, "../bench/results");
    await mkdir(dir, { recursive: true });
    // Named by day and cohort size, so a small trial run does not replace the day's full one.
    const file = path.join(dir, `load-${result.at.slice(0, 10)}-${COHORT}.json`);
    await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    console.table(steps);
    console.log(
      `${result.completed} of ${COHORT} candidates applied in ${result.seconds} s; ${errors.length} errors; written to ${path.relative(process.cwd(), file)}`,
    );
    for (const error of [...new Set(errors)].slice(0, 10)) console.log(`- ${error}`);
    process.exitCode = errors.length === 0 ? 0 : 1;
  } finally {
    clearTimeout(stop);
    await Promise.all(instances.map(stopInstance));
    await smtp.close();
    await onServer(serverUrl!, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

await main();
