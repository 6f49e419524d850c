import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { type HTMLElement, parse } from "node-html-parser";
import { buildApp } from "../src/app.ts";
import { housekeepingTasks, jobHandlers } from "../src/background-work.ts";
import { loadConfig } from "../src/config.ts";
import { seedQuestionSets } from "../src/modules/applications/application-store.ts";
import { registerCandidate, type TRegistration } from "../src/modules/candidates/registration.ts";
import type { Candidate } from "../src/modules/candidates/schema.ts";
import { seedDefaultTemplates } from "../src/modules/email-templates/default-templates.ts";
import { seedJobs } from "../src/modules/jobs/job-content.ts";
import { currentNoticeVersion } from "../src/modules/privacy/privacy-notice.ts";
import type { Db } from "../src/platform/db/database.ts";
import { messagesTo } from "../src/platform/mail/outbox.ts";
import { createDeliver } from "../src/platform/mail/transport.ts";
import { hashSecret } from "../src/platform/security/pin-hashing.ts";
import { startJobRunner } from "../src/platform/worker/job-runner.ts";
import { startOutboxWorker } from "../src/platform/worker/outbox-worker.ts";
import { freshDatabase } from "./database.ts";

const root = path.resolve(import.meta.dirname, "..");

/** A clock that runs with real time but can be moved forward, for expiry tests. */
export function testClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms: number) => {
      offset += ms;
    },
  };
}

const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The whole portal on a fresh database, with the demo job, a movable clock and a hand-cranked outbox. */
export async function startTestPortal(
  options: {
    smtpUrl?: string;
    retry?: { baseDelayMs: number; maxDelayMs: number; maxAttempts: number };
    env?: Record<string, string>;
    /** Where the app's JSON log lines go, at every level, for tests of what the log holds. */
    logLines?: string[];
  } = {},
) {
  const database = await freshDatabase();
  await seedJobs(database.db, path.join(root, "content/jobs"));
  await seedQuestionSets(database.db, path.join(root, "content/question-sets"), new Date());
  await seedDefaultTemplates(database.db, new Date());
  const clock = testClock();
  const dataDir = await mkdtemp(path.join(tmpdir(), "portal-test-"));
  const config = await loadConfig({
    NODE_ENV: "test",
    APP_SECRET: "test-secret-0123456789-abcdefghijklmnop",
    DATA_DIR: dataDir,
    ORG_NAME: "サンプル商事",
    MAIL_FROM: "no-reply@jobs.example.jp",
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...options.env,
  });
  const transport = createDeliver({ smtpUrl: options.smtpUrl, from: config.mailFrom });
  const worker = startOutboxWorker({
    db: database.db,
    deliver: transport.deliver,
    now: clock.now,
    log: silentLog,
    autoStart: false,
    ...(options.retry ? { policy: options.retry } : {}),
  });
  const jobs = startJobRunner({
    db: database.db,
    now: clock.now,
    log: silentLog,
    handlers: jobHandlers({ db: database.db, config, now: clock.now, nudgeOutbox: () => undefined }),
    housekeeping: housekeepingTasks(database.db),
    autoStart: false,
  });
  const logStream = options.logLines ? { write: (line: string) => void options.logLines?.push(line) } : undefined;
  const app = await buildApp({ db: database.db, config, now: clock.now, nudgeOutbox: () => undefined }, logStream ? { logLevel: "trace", logStream } : {});
  await app.ready();
  return {
    app,
    db: database.db,
    config,
    clock,
    drainOutbox: worker.drain,
    /** Runs the queued background jobs that are due now. */
    runJobs: jobs.drain,
    /** Runs housekeeping once; rows removed per task. */
    housekeep: jobs.housekeep,
    visitor: (init?: { acceptLanguage?: string }) => new Visitor(injectInto(app), init),
    close: async () => {
      await app.close();
      await worker.stop();
      await jobs.stop();
      transport.close();
      await database.close();
    },
  };
}

export type TestPortal = Awaited<ReturnType<typeof startTestPortal>>;

export type PageResponse = { status: number; location: string | undefined; html: string; doc: HTMLElement; headers: Record<string, unknown> };

/** One request as a browser stand-in sends it, and the answer with the cookies it sets. */
export type Exchange = (request: { method: "GET" | "POST"; url: string; headers: Record<string, string>; payload?: string }) => Promise<{
  status: number;
  headers: Record<string, unknown>;
  body: string;
  cookies: { name: string; value: string; maxAge?: number; expires?: Date }[];
}>;

/** Requests answered in-process by `app.inject`, as the integration tests send them. */
export function injectInto(app: FastifyInstance): Exchange {
  return async ({ method, url, headers, payload }) => {
    const res = await app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
    return { status: res.statusCode, headers: res.headers, body: res.body, cookies: res.cookies as { name: string; value: string }[] };
  };
}

/** A browser stand-in: keeps cookies, reads the CSRF field from the pages it sees. */
export class Visitor {
  cookies = new Map<string, string>();
  csrf: string | null = null;
  constructor(
    private exchange: Exchange,
    private init: { acceptLanguage?: string } = {},
  ) {}

  async request(
    method: "GET" | "POST",
    url: string,
    form?: Record<string, string | string[]>,
    extraHeaders: Record<string, string> = {},
  ): Promise<PageResponse> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (this.init.acceptLanguage) headers["accept-language"] = this.init.acceptLanguage;
    let payload: string | undefined;
    if (form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
      payload = params.toString();
    }
    const res = await this.exchange({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
    for (const c of res.cookies) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === "";
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const html = res.body;
    const doc = parse(html);
    const token = doc.querySelector('input[name="_csrf"]')?.getAttribute("value");
    if (token) this.csrf = token;
    return { status: res.status, location: res.headers.location as string | undefined, html, doc, headers: res.headers };
  }

  get(url: string): Promise<PageResponse> {
    return this.request("GET", url);
  }

  /** Submits a form like a browser would: with the CSRF field of a page this visitor was served. */
  async post(url: string, form: Record<string, string | string[]> = {}): Promise<PageResponse> {
    // The sign-in page always has a form; a job page seen signed out has none, and no token.
    if (!this.csrf) await this.get("/login");
    return this.request("POST", url, { _csrf: this.csrf ?? "", ...form });
  }

  /** Follows 303/302 redirects with GETs, as a browser does after a form post. */
  async follow(res: PageResponse, limit = 5): Promise<PageResponse> {
    let current = res;
    for (let i = 0; i < limit && current.location && current.status >= 300 && current.status < 400; i++) current = await this.get(current.location);
    return current;
  }
}

/** Visible text of the first element matching a selector, whitespace collapsed. */
export function textOf(doc: HTMLElement, selector: string): string {
  return (doc.querySelector(selector)?.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** The messages listed in the page's error summary. */
export function errorSummary(doc: HTMLElement): string[] {
  return doc.querySelectorAll(".error-summary li").map((li) => li.textContent.trim());
}

/** The error shown under one field. */
export function fieldError(doc: HTMLElement, name: string): string {
  return textOf(doc, `#f-${name}-error`);
}

let counter = 0;

/** Valid registration data, unique per call; override any field. */
export function registrationData(overrides: Partial<TRegistration> = {}): TRegistration {
  counter += 1;
  const n = String(counter).padStart(4, "0");
  return {
    givenName: "花子",
    familyName: "山田",
    givenNameLatin: "Hanako",
    familyNameLatin: "Yamada",
    email: `hanako.${n}.${process.pid}@example.jp`,
    // The digit after 90 must not be 0 for a valid Japanese mobile number.
    phone: `+8190${1000 + (process.pid % 9000)}${n}`,
    timeZone: "Asia/Tokyo",
    pin: "482915",
    contactConsent: true,
    ...overrides,
  };
}

/** A registered candidate and their PIN. */
export async function newCandidate(db: Db, overrides: Partial<TRegistration> = {}): Promise<{ candidate: Candidate; pin: string }> {
  const data = registrationData(overrides);
  const outcome = await registerCandidate(
    db,
    { ...data, locale: "ja" },
    { now: new Date(), hashSecret, source: { textVersion: currentNoticeVersion(), page: "/register" } },
  );
  if (!outcome.ok) throw new Error(`could not register test candidate: ${outcome.taken.join(",")}`);
  return { candidate: outcome.candidate, pin: data.pin };
}

/** The newest code the portal sent to an address, read from the message itself. */
export async function lastCodeSentTo(db: Db, recipient: string): Promise<string> {
  const [latest] = await messagesTo(db, recipient);
  const code = latest?.textBody.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code sent to ${recipient}`);
  return code;
}

/** Signs a visitor in through the real flow: identifier, PIN, e-mail code. Returns the page it lands on. */
export async function signIn(
  portal: Pick<TestPortal, "db">,
  visitor: Visitor,
  who: { candidate: Candidate; pin: string },
  returnTo?: string,
): Promise<PageResponse> {
  // A lone surrogate cannot be UTF-8 encoded; browsers send it as U+FFFD, and so does this.
  const start = await visitor.post(returnTo ? `/login?return_to=${encodeURIComponent(returnTo.toWellFormed())}` : "/login", {
    identifier: who.candidate.email,
  });
  const flowPath = start.location!.replace(/\/pin$/, "");
  await visitor.post(`${flowPath}/pin`, { pin: who.pin });
  await visitor.post(`${flowPath}/send`, { channel: "email" });
  const code = await lastCodeSentTo(portal.db, who.candidate.email);
  return visitor.post(`${flowPath}/code`, { code });
}

/** Sends one page of an application's wizard with the version the page was served with, as its form does. */
export async function postApplicationPage(visitor: Visitor, id: string, page: string, form: Record<string, string | string[]>): Promise<PageResponse> {
  const current = await visitor.get(`/applications/${id}/${page}`);
  const version = current.doc.querySelector('input[name="version"]')?.getAttribute("value") ?? "0";
  return visitor.post(`/applications/${id}/${page}`, { version, ...form });
}

/**
 * Chooses one of an assessment question's values (option ids, or a pair's points), given the step and the
 * item it is on and which choice it makes: a situation's `best` or `worst` pick, or a pair's `answer`.
 */
export type AssessmentChoice = (values: string[], step: number, itemId: string | null, pick: "best" | "worst" | "answer") => string;

/**
 * The fields a browser without JavaScript sends from an assessment page's form, the candidate having
 * answered it: a situation's best pick (`choose` among its options) and worst pick (`choose` among the
 * rest), a pair's point, 「自動で次へ進む」 on the auto-advance page, with the page's version and time of
 * showing. A text page sends nothing but its button.
 */
export function assessmentAnswerFields(form: HTMLElement, choose: AssessmentChoice = (values) => values[0]!, step = 0): Record<string, string> {
  const values = (name: string) => form.querySelectorAll(`input[name="${name}"]`).map((r) => r.getAttribute("value")!);
  const item = form.getAttribute("data-item") ?? null;
  const fields: Record<string, string> = {};
  for (const name of ["v", "shown", "attempt"]) {
    const value = form.querySelector(`input[name="${name}"]`)?.getAttribute("value");
    if (value !== undefined && value !== null) fields[name] = value;
  }
  const best = values("best");
  if (best.length > 0) {
    fields.best = choose(best, step, item, "best");
    fields.worst = choose(
      values("worst").filter((v) => v !== fields.best),
      step,
      item,
      "worst",
    );
  }
  const points = values("answer");
  if (points.length > 0) fields.answer = choose(points, step, item, "answer");
  if (values("autoAdvance").length > 0) fields.autoAdvance = "on";
  return fields;
}

/**
 * Takes the whole assessment of an application through its pages, as a browser without JavaScript
 * would: 「ここから始める」 and 次へ / 開始 on every text page, both picks on every situation and a point
 * on every pair (the first value unless `choose` says), the survey left empty. Returns where it ends
 * (the e-signature page).
 */
export async function takeAssessment(visitor: Visitor, applicationId: string, choose?: AssessmentChoice): Promise<string> {
  let res = await visitor.get(`/applications/${applicationId}/assessment`);
  for (let step = 0; step < 400; step++) {
    if (res.location) {
      if (res.location.includes("/signature")) return res.location;
      res = await visitor.get(res.location);
      continue;
    }
    const form = res.doc.querySelector("main form.form");
    if (!form) throw new Error(`no form on assessment page (status ${res.status})`);
    const action = form.getAttribute("action")!;
    res = await visitor.post(action, assessmentAnswerFields(form, choose, step));
    if (res.status >= 400) throw new Error(`assessment step ${action} answered ${res.status}`);
  }
  throw new Error("the assessment did not end");
}

/** A valid STEP 1 personal-details form, as a browser sends it; override any field. */
export function personalDetailsForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    familyNameLatin: "Yamada",
    givenNameLatin: "Hanako",
    familyNameKanji: "山田",
    givenNameKanji: "花子",
    familyNameKana: "ヤマダ",
    givenNameKana: "ハナコ",
    country: "JP",
    postalCode: "100-0001",
    prefecture: "東京都",
    city: "千代田区",
    address1: "千代田1-1",
    address2: "サンプルビル3階",
    email: "hanako.personal@example.jp",
    phoneType: "mobile",
    phone: "090-1234-5678",
    birthYear: "1995",
    birthMonth: "4",
    birthDay: "15",
    howHeard: "jobSite",
    intent: "continue",
    ...overrides,
  };
}
