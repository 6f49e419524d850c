/**
 * Answer saving, the hottest write: candidates seated on an item of the assessment (by the bench's server
 * process), and the two loads the bench puts on them from its own process: as many saves as 100 connections
 * can make (throughput, against the bare INSERT route), and saves at a fixed arrival rate, open loop (500
 * candidates each saving every 2 s, sent on time whether or not earlier saves have come back), for latency.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import autocannon from "autocannon";
import { eq } from "drizzle-orm";
import { parse } from "node-html-parser";
import { startApplication } from "../src/modules/applications/application-store.ts";
import { applications } from "../src/modules/applications/schema.ts";
import { registerCandidate } from "../src/modules/candidates/registration.ts";
import type { Job } from "../src/modules/jobs/schema.ts";
import { currentNoticeVersion } from "../src/modules/privacy/privacy-notice.ts";
import type { Db } from "../src/platform/db/database.ts";
import { keyedHash, randomToken } from "../src/platform/security/secrets.ts";
import { CANDIDATE_SESSIONS, startSession } from "../src/platform/security/sessions.ts";

export const BENCH_JOB = "230107874";
export const BENCH_PIN = "482915";

/** One candidate sitting on an item page: everything a connection needs to keep saving its answer. */
export type Seat = {
  applicationId: string;
  path: string;
  cookie: string;
  csrf: string;
  /** Two whole answers to the item, saved in turn: a pair's two points, or a situation's picks swapped. */
  values: [Record<string, string>, Record<string, string>];
  /** The answer's version as this candidate last saw it (the stale-tab guard). */
  version: number;
  turn: number;
};

/** Runs `task` over `items` with at most `limit` in flight, so setup neither crawls nor floods the pool. */
export async function inBatches<T, R>(items: T[], limit: number, task: (item: T, i: number) => Promise<R>): Promise<R[]> {
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

/** A registered bench candidate's id. They never sign in with their PIN: one real hash stands for all. */
export async function benchCandidate(db: Db, pinHash: string, n: number): Promise<string> {
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
      pin: BENCH_PIN,
      contactConsent: true,
      locale: "ja",
    },
    { now: new Date(), hashSecret: async () => pinHash, source: { textVersion: currentNoticeVersion(), page: "/register" } },
  );
  if (!registered.ok) throw new Error(`bench candidate ${n} not registered: ${registered.taken.join(",")}`);
  return registered.candidate.id;
}

/**
 * Puts one candidate on the first item of the assessment: the account, session and application come
 * straight from the domain functions (fast); the attempt is opened and the text pages passed over HTTP,
 * as a browser without JavaScript would, so the item page is reached exactly as in real use.
 */
export async function seatOnFirstItem(db: Db, input: { portalUrl: string; secret: string; pinHash: string; job: Job; n: number }): Promise<Seat> {
  const { n } = input;
  const candidateId = await benchCandidate(db, input.pinHash, n);
  const sid = await startSession(db, { policy: CANDIDATE_SESSIONS, principalId: candidateId, now: new Date() });
  const browserKey = randomToken(32);
  const csrf = keyedHash(input.secret, "csrf", browserKey);
  const started = await startApplication(db, { candidateId, job: input.job, now: new Date() });
  if (!started.ok) throw new Error(`bench application ${n} not started: ${started.reason}`);
  const applicationId = started.application.id;
  // The wizard's six steps are not what is measured; the application simply waits for its assessment.
  await db.update(applications).set({ state: "assessment_pending" }).where(eq(applications.id, applicationId));

  const cookie = `sid=${sid}; bk=${browserKey}`;
  const send = (method: "GET" | "POST", url: string, fields: Record<string, string> = {}) =>
    fetch(`${input.portalUrl}${url}`, {
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
      // Every hidden field goes back with each save, as the page's script sends the whole form.
      const page = { shown: valuesOf("shown")[0] ?? "", attempt: valuesOf("attempt")[0] ?? "" };
      const values: Seat["values"] =
        valuesOf("best").length >= 2
          ? [
              { ...page, best: a, worst: b },
              { ...page, best: b, worst: a },
            ]
          : [
              { ...page, answer: a },
              { ...page, answer: b },
            ];
      return { applicationId, path: action, cookie, csrf, values, version, turn: 0 };
    }
    // The page before the first question asks how to move on: the bench takes auto-advance, as most do.
    const passed = await send("POST", action, valuesOf("autoAdvance").length > 0 ? { autoAdvance: "on" } : {});
    await passed.arrayBuffer();
    location = passed.headers.get("location");
  }
  throw new Error(`candidate ${n}: no item within 30 assessment steps`);
}

function saveBody(s: Seat): string {
  return new URLSearchParams({ _csrf: s.csrf, ...s.values[s.turn % 2]!, v: String(s.version) }).toString();
}

const SAVE_HEADERS = { accept: "application/json", "content-type": "application/x-www-form-urlencoded" };

/** A save's answer: the new version moves the seat on; a stale one (409) sends the seat to be re-read. */
function onSaved(s: Seat, status: number, body: string, stale: (s: Seat) => void): void {
  if (status === 200) {
    s.version = (JSON.parse(body) as { version: number }).version;
    s.turn++;
  } else if (status === 409) stale(s);
}

/**
 * As many saves as `connections` connections can make in `seconds`, connection i being candidate i.
 * autocannon resets a connection's `context` each time it loops back to the first entry of its request
 * list — with one entry, after every request — so the version a connection last saw lives on its seat.
 */
export function savesAsFastAsPossible(
  portalUrl: string,
  seats: Seat[],
  options: { connections: number; seconds: number; stale: (s: Seat) => void },
): Promise<autocannon.Result> {
  let nextSeat = 0;
  return autocannon({
    url: portalUrl,
    connections: options.connections,
    duration: options.seconds,
    setupClient(client) {
      const s = seats[nextSeat++ % seats.length]!;
      client.setRequests([
        {
          method: "POST",
          path: s.path,
          setupRequest: (req) => ({ ...req, method: "POST", path: s.path, headers: { cookie: s.cookie, ...SAVE_HEADERS }, body: saveBody(s) }),
          onResponse: (status, body) => onSaved(s, status, body, options.stale),
        },
      ]);
    },
  });
}

export type OpenLoopResult = { scheduled: number; completed: number; ok: number; latenciesMs: number[]; codes: Record<string, number> };

/**
 * Every seat saves once per `periodMs`, the seats spread evenly over the period, for `seconds`: each save is
 * sent when its time comes, whether or not the seat's last one has come back, and its latency runs from the
 * time it was due (so a server that falls behind is charged for the wait). Each seat has its own keep-alive
 * connection, as each candidate has a browser.
 */
export async function savesAtFixedRate(
  portalUrl: string,
  seats: Seat[],
  options: { periodMs: number; seconds: number; stale: (s: Seat) => void },
): Promise<OpenLoopResult> {
  const url = new URL(portalUrl);
  const agents = seats.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const result: OpenLoopResult = { scheduled: 0, completed: 0, ok: 0, latenciesMs: [], codes: {} };
  const start = performance.now() + 50;
  const end = start + options.seconds * 1000;
  const inFlight = new Set<Promise<void>>();
  const save = (s: Seat, agent: http.Agent, due: number) =>
    new Promise<void>((resolve) => {
      const body = saveBody(s);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: s.path,
          method: "POST",
          agent,
          headers: { cookie: s.cookie, ...SAVE_HEADERS, "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            result.latenciesMs.push(performance.now() - due);
            result.completed++;
            const status = res.statusCode ?? 0;
            result.codes[status] = (result.codes[status] ?? 0) + 1;
            if (status === 200) result.ok++;
            onSaved(s, status, Buffer.concat(chunks).toString(), options.stale);
            resolve();
          });
        },
      );
      req.on("error", () => {
        result.codes.error = (result.codes.error ?? 0) + 1;
        resolve();
      });
      req.end(body);
    });
  await new Promise<void>((resolve) => {
    const timers = seats.map((s, i) => {
      let due = start + (i * options.periodMs) / seats.length;
      const fire = () => {
        if (due >= end) return;
        result.scheduled++;
        const sent = save(s, agents[i]!, due);
        inFlight.add(sent);
        void sent.then(() => inFlight.delete(sent));
        due += options.periodMs;
        timer = setTimeout(fire, Math.max(0, due - performance.now()));
      };
      let timer = setTimeout(fire, Math.max(0, due - performance.now()));
      return () => clearTimeout(timer);
    });
    setTimeout(
      () => {
        for (const stop of timers) stop();
        resolve();
      },
      end - performance.now() + 10,
    );
  });
  await Promise.all(inFlight);
  for (const agent of agents) agent.destroy();
  return result;
}
