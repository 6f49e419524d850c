/**
 * The crash test of the assessment, for one database engine per test file (so the engines run side by side):
 * kills the server with SIGKILL at random moments while a candidate answers the assessment, restarts it on
 * the same database, and checks that every answer the candidate was told was saved is still there and that
 * the candidate resumes at the first unanswered item (QUALITY.md, Reliability).
 *
 * The server runs as `npm start` runs it: the first start is scripts/start.mjs, which compiles the server
 * into dist/server.js; every restart runs that file with plain Node. The kill times come from a seeded
 * generator whose seed the log shows; CRASH_SEED (or FC_SEED) replays it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, onServer, testDatabaseName } from "../postgres-server.ts";
import { freePort } from "./instances.ts";

const root = path.resolve(import.meta.dirname, "../..");
const TRIALS = Number(process.env.CRASH_TRIALS ?? 20);
/** How long a (re)start may take on a busy machine before the test gives up on it. */
const START_TIMEOUT_MS = 90_000;

function seedFromEnvironment(): number {
  const given = process.env.CRASH_SEED ?? process.env.FC_SEED;
  if (given === undefined || given === "") return randomInt(2 ** 31);
  if (!/^-?\d+$/.test(given)) throw new Error(`CRASH_SEED or FC_SEED must be an integer, not ${given}`);
  return Number(given);
}

/** A small seeded generator (mulberry32): numbers in [0, 1), the same sequence for the same seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SEED = seedFromEnvironment();
const random = seededRandom(SEED);

/** A tiny browser: cookies, the CSRF field of the last page, no redirects followed unless asked. */
class Client {
  cookies = new Map<string, string>();
  csrf = "";
  constructor(public base: string) {}
  async request(method: string, url: string, form?: Record<string, string>): Promise<{ status: number; location: string | null; html: string }> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
    let body: string | undefined;
    if (form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams({ _csrf: this.csrf, ...form }).toString();
    }
    const res = await fetch(this.base + url, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(10_000) });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ""] = c.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (value && !/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    const html = await res.text();
    const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
    if (token) this.csrf = token;
    return { status: res.status, location: res.headers.get("location"), html };
  }
  get(url: string) {
    return this.request("GET", url);
  }
  post(url: string, form: Record<string, string>) {
    return this.request("POST", url, form);
  }
  async follow(res: { status: number; location: string | null; html: string }) {
    let r = res;
    for (let i = 0; i < 5 && r.location; i++) r = await this.get(r.location);
    return r;
  }
}

/** A database the crash test runs on: the embedded one, or PostgreSQL on the server TEST_DATABASE_URL names. */
export type Engine = { name: string; postgres: boolean };

const pgServer = process.env.TEST_DATABASE_URL || undefined;
const ci = process.env.CI === "true" || process.env.CI === "1";
/** The PostgreSQL database made for the test, dropped after it. */
let createdDatabase: string | null = null;

let dataDir: string;
/** The PostgreSQL database the server uses, or null for the embedded one. */
let serverDatabaseUrl: string | null = null;
let port: number;
let server: ChildProcess | null = null;
let compiled = false;

/** Starts the server (compiling it first, the first time) and waits until its health check answers. */
async function startServer(): Promise<void> {
  // The local mailbox, and the embedded database unless this run is on PostgreSQL.
  const { DATABASE_URL: _db, SMTP_URL: _smtp, TEST_DATABASE_URL: _test, ...env } = process.env;
  const entry = compiled ? "dist/server.js" : "scripts/start.mjs";
  const child = spawn(process.execPath, ["--enable-source-maps", entry], {
    cwd: root,
    env: {
      ...env,
      ...(serverDatabaseUrl ? { DATABASE_URL: serverDatabaseUrl } : {}),
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      NODE_ENV: "development",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  server = child;
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const until = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server (${entry}) exited while starting:\n${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) {
        compiled = true;
        return;
      }
    } catch {
      // Not listening yet: ask again shortly.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server (${entry}) did not answer its health check within ${START_TIMEOUT_MS / 1000} s:\n${stderr}`);
}

async function killServer(): Promise<void> {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

/** A fresh data directory (and for PostgreSQL a fresh database) with the server started on it. */
async function startOn(engine: Engine): Promise<void> {
  dataDir = await mkdtemp(path.join(tmpdir(), "portal-crash-"));
  if (engine.postgres) {
    if (!pgServer) throw new Error("CI: TEST_DATABASE_URL names no PostgreSQL server for the crash test");
    const name = testDatabaseName("portal_crash");
    await onServer(pgServer, (client) => client.query(`CREATE DATABASE ${name}`));
    createdDatabase = name;
    serverDatabaseUrl = databaseUrl(pgServer, name);
  }
  await startServer();
}

async function codeFromMailbox(client: Client, email: string): Promise<string> {
  const box = await client.get("/dev/mailbox");
  const ids = [...box.html.matchAll(/href="\/dev\/mailbox\/(\d+)"/g)].map((m) => m[1]!);
  for (const id of ids) {
    const message = await client.get(`/dev/mailbox/${id}`);
    if (message.html.includes(email)) return message.html.match(/\b(\d{6})\b/)![1]!;
  }
  throw new Error("no code in the mailbox");
}

/** Registers, signs in and fills STEP 1–5 through HTTP, ending on the first assessment item. */
async function candidateAtFirstItem(client: Client): Promise<{ applicationId: string; firstItemUrl: string }> {
  await client.get("/register");
  const reg = await client.post("/register", {
    givenName: "健",
    familyName: "中村",
    givenNameLatin: "Ken",
    familyNameLatin: "Nakamura",
    email: "ken.crash@example.jp",
    emailConfirm: "ken.crash@example.jp",
    phoneCountry: "JP",
    phone: "08055556666",
    phoneConfirmCountry: "JP",
    phoneConfirm: "08055556666",
    timeZone: "Asia/Tokyo",
    pin: "583027",
    pinConfirm: "583027",
    contactConsent: "yes",
  });
  const flow = reg.location!.replace(/\/pin\?.*$/, "");
  await client.get(reg.location!);
  await client.post(`${flow}/pin`, { pin: "583027" });
  await client.post(`${flow}/send`, { channel: "email" });
  await client.get(`${flow}/code`);
  expect((await client.post(`${flow}/code`, { code: await codeFromMailbox(client, "ken.crash@example.jp") })).status).toBe(303);
  const start = await client.post("/jobs/230107874/apply", {});
  const id = start.location!.split("/")[2]!;
  const page = async (name: string, form: Record<string, string>) => {
    const current = await client.get(`/applications/${id}/${name}`);
    const version = current.html.match(/name="version" value="(\d+)"/)?.[1] ?? "0";
    return client.post(`/applications/${id}/${name}`, { version, intent: "continue", ...form });
  };
  await page("documents", { intent: "skip" });
  await page("personal", {
    familyNameLatin: "Nakamura",
    givenNameLatin: "Ken",
    familyNameKana: "ナカムラ",
    givenNameKana: "ケン",
    country: "JP",
    postalCode: "1000001",
    prefecture: "東京都",
    city: "千代田区",
    address1: "1-1",
    email: "ken.crash@example.jp",
    phoneType: "mobile",
    phone: "08055556666",
    birthYear: "1988",
    birthMonth: "3",
    birthDay: "9",
    howHeard: "jobSite",
  });
  await page("eligibility", { age18: "yes", preHireDocuments: "understood" });
  await page("work-authorization", { workAuthorizationType: "japanese", student: "notStudent", confirmStep3: "yes" });
  await page("self-identification", { gender: "noAnswer" });
  expect((await page("pledge", { consent: "yes" })).location).toBe(`/applications/${id}/assessment`);
  // 「ここから始める」, then every page before the first question (「自分で次へを押す」 on the auto-advance page).
  let res = await client.follow(await client.get(`/applications/${id}/assessment`));
  for (let i = 0; i < 30 && !QUESTION.test(res.html); i++) {
    const action = res.html.match(/<main[\s\S]*?<form method="post" action="([^"]+)" class="form/)![1]!;
    res = await client.follow(await client.post(action, { autoAdvance: "off" }));
  }
  const url = res.html.match(/action="([^"]+)" class="form item"/)![1]!;
  return { applicationId: id, firstItemUrl: url };
}

function stepOf(url: string): number {
  return Number(url.split("/").pop());
}

/** A question page: a situation's two groups or a pair's scale. */
const QUESTION = /name="(best|answer)"/;

/** The values of one group of radios on a page, in page order. */
function valuesOf(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`name="${name}" value="([^"]+)"`, "g"))].map((m) => m[1]!);
}

/** The value shown chosen in a group, or null. */
function chosenIn(html: string, name: string): string | null {
  return html.match(new RegExp(`name="${name}" value="([^"]+)" checked`))?.[1] ?? null;
}

/** The whole answer a page shows chosen, as the fields a form sends: both picks of a situation, or a pair's point. */
function chosenAnswer(html: string): string {
  return valuesOf(html, "best").length > 0 ? `best=${chosenIn(html, "best")}&worst=${chosenIn(html, "worst")}` : `answer=${chosenIn(html, "answer")}`;
}

/**
 * The crash test on one engine. PostgreSQL's runs when TEST_DATABASE_URL names a server, and fails in CI
 * (CI=true) without one.
 */
export function describeCrashSafety(engine: Engine): void {
  beforeAll(async () => {
    console.log(`crash test: kill times drawn with seed ${SEED} (replay with CRASH_SEED=${SEED})`);
    port = await freePort();
  });

  afterAll(async () => {
    await killServer();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (pgServer && createdDatabase) await onServer(pgServer, (client) => client.query(`DROP DATABASE IF EXISTS ${createdDatabase} WITH (FORCE)`));
  });

  describe("crash safety of the assessment", () => {
    it.runIf(!engine.postgres || pgServer !== undefined || ci)(
      `keeps every acknowledged answer through ${TRIALS} SIGKILLs and resumes at the first unanswered item, on ${engine.name}`,
      async () => {
        await startOn(engine);
        const client = new Client(`http://127.0.0.1:${port}`);
        const { applicationId, firstItemUrl } = await candidateAtFirstItem(client);
        const acknowledged = new Map<number, string>();
        let current = firstItemUrl;
        for (let trial = 0; trial < TRIALS; trial++) {
          // Answer as fast as possible; the kill lands at a random moment, often with a request in flight.
          const killAt = 30 + Math.floor(random() * 600);
          const killer = setTimeout(() => void killServer(), killAt);
          try {
            for (let k = 0; k < 50; k++) {
              const page = await client.get(current);
              if (!QUESTION.test(page.html)) break;
              const v = page.html.match(/name="v" value="(\d+)"/)![1]!;
              const shown = page.html.match(/name="shown" value="([^"]+)"/)![1]!;
              const turn = stepOf(current) + trial;
              const best = valuesOf(page.html, "best");
              // Both picks of a situation in one form, as without JavaScript; a pair's point.
              const fields: Record<string, string> =
                best.length > 0
                  ? { best: best[turn % best.length]!, worst: best[(turn + 1) % best.length]! }
                  : { answer: valuesOf(page.html, "answer")[turn % 4]! };
              const res = await client.post(current, { ...fields, v, shown });
              if (res.status !== 303) break;
              acknowledged.set(stepOf(current), new URLSearchParams(fields).toString());
              current = res.location!;
            }
          } catch {
            // The server died under the request: this answer was never acknowledged.
          }
          clearTimeout(killer);
          await killServer();
          await startServer();
          // Every acknowledged answer is there.
          for (const [step, choice] of acknowledged) {
            const page = await client.get(`/applications/${applicationId}/assessment/${step}`);
            if (!QUESTION.test(page.html)) continue;
            expect(chosenAnswer(page.html), `trial ${trial}, step ${step}`).toBe(choice);
          }
          // The resume point is the first unanswered item: every item before it is answered, it is not.
          const entry = await client.get(`/applications/${applicationId}/assessment`);
          const resume = entry.location!;
          const last = Math.max(stepOf(firstItemUrl), ...acknowledged.keys());
          expect(stepOf(resume), `trial ${trial}`).toBeGreaterThanOrEqual(last);
          const resumePage = await client.get(resume);
          if (QUESTION.test(resumePage.html)) expect(resumePage.html).not.toMatch(/name="(best|worst|answer)" value="[^"]+" checked/);
          current = resume;
        }
        // The kills must have landed among real answers, or the test proved nothing.
        expect(acknowledged.size).toBeGreaterThanOrEqual(Math.ceil(TRIALS / 4));
      },
      600_000,
    );
  });
}
