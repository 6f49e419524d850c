import fc from "fast-check";
import { type HTMLElement, parse } from "node-html-parser";
import { expect } from "vitest";
import type { Locale } from "../src/platform/i18n/catalogue.ts";
import { BODY_LIMIT_BYTES, type Submission } from "./hostile-input.ts";
import { collapse } from "./page-checks.ts";
import { startTestPortal, type TestPortal, type Visitor } from "./portal.ts";

/*
 * What the fuzz suites share (the account forms', the wizard's, the assessment player's and the upload's):
 * the portal of the test file, requests as a browser sends them, the checks made before a route decides, and
 * properties whose every run is followed by the file's own invariants (saved data left alone).
 */

/** A property's runs share one time limit; the machine's speed swings with its load. */
export const RUN_TIMEOUT_MS = 60_000;
export const SETUP_TIMEOUT_MS = 120_000;

/** The language a run's browser asks for: Japanese twice as often, as on the real site. */
export const locale = fc.constantFrom<Locale>("ja", "ja", "en");

/** The portal of the test file, open between `openFuzzPortal` and `closeFuzzPortal`. */
export let portal: TestPortal;

export async function openFuzzPortal(): Promise<TestPortal> {
  portal = await startTestPortal();
  return portal;
}

export async function closeFuzzPortal(): Promise<void> {
  await portal?.close();
}

/**
 * A list that belongs to the file's portal (what the file saved before its hostile input): each file starts
 * with an empty one, also when test files share one process and so these modules.
 */
export function listOfThePortal<T>(): () => T[] {
  const lists = new WeakMap<TestPortal, T[]>();
  return () => {
    const list = lists.get(portal) ?? [];
    lists.set(portal, list);
    return list;
  };
}

// ---- Talking to the portal ---------------------------------------------------------------------

/** A body as it goes over the wire; uploads are bytes, forms are text. */
export type WireBody = { contentType: string | undefined; payload: string | Buffer | undefined };
export const NO_BODY: WireBody = { contentType: undefined, payload: undefined };

export type Answer = { status: number; location: string | undefined; contentType: string; html: string; doc: HTMLElement; sent: WireBody };

/**
 * One request from a browser, in a language: cookies kept as a browser keeps them, Japanese unless asked
 * otherwise. The browser keeps the CSRF token of the pages it is served; with `tokenFromRefusals` also of
 * error pages (their forms carry the same token).
 */
export async function send(
  browser: Visitor,
  method: "GET" | "POST",
  url: string,
  language: Locale,
  body: WireBody = NO_BODY,
  options: { headers?: Record<string, string>; tokenFromRefusals?: boolean } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (browser.cookies.size > 0) headers.cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  if (language === "en") headers["accept-language"] = "en-GB,en;q=0.9";
  if (body.contentType) headers["content-type"] = body.contentType;
  const res = await portal.app.inject({ method, url, headers, ...(body.payload !== undefined ? { payload: body.payload } : {}) });
  for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
    const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === "";
    if (expired) browser.cookies.delete(c.name);
    else browser.cookies.set(c.name, c.value);
  }
  const contentType = String(res.headers["content-type"] ?? "");
  const doc = parse(contentType.startsWith("text/html") ? res.body : "");
  const token = doc.querySelector('input[name="_csrf"]')?.getAttribute("value");
  if (token && (res.statusCode < 300 || options.tokenFromRefusals)) browser.csrf = token;
  return { status: res.statusCode, location: res.headers.location as string | undefined, contentType, html: res.body, doc, sent: body };
}

/** Follows redirects with GETs, as a browser does after a form post. */
export async function follow(browser: Visitor, answer: Answer, language: Locale): Promise<Answer> {
  let current = answer;
  for (let i = 0; i < 5 && current.location && current.status >= 300 && current.status < 400; i++)
    current = await send(browser, "GET", current.location, language);
  return current;
}

/**
 * The text a field holds once it reached the route, or undefined when it did not arrive as text: a form sends
 * one value as a string (a one-element list is one value, a number its digits, null nothing), JSON only strings.
 */
export function arrivedText(value: unknown, encoding: Submission["encoding"]): string | undefined {
  if (typeof value === "string") return value;
  if (encoding === "json") return undefined;
  if (Array.isArray(value) && value.length === 1) return arrivedText(value[0], encoding);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "";
  return undefined;
}

// ---- Before the route decides ---------------------------------------------------------------------

/** Does this submission get past body limit, parser and token, so that the route itself decides? */
export function reachesRoute(answer: Answer, submission: Pick<Submission, "encoding" | "csrf">): boolean {
  const readable = submission.encoding === "form" || submission.encoding === "json" || submission.encoding === "malformed";
  // The JSON parser refuses a body with a `__proto__` key (400) before the route or the token.
  const poisoned = submission.encoding === "json" && String(answer.sent.payload).includes('"__proto__":');
  return readable && !poisoned && submission.csrf.kind === "valid" && Buffer.byteLength(answer.sent.payload ?? "") <= BODY_LIMIT_BYTES;
}

/**
 * The status a submission must get before the route even looks at it: over the body limit 413; a body the
 * portal does not read (text, multipart, none) or a missing/wrong token 403 (or 400/415 for a type it refuses).
 * With a right token and a readable body the route decides, and it must not be a CSRF refusal. A route that
 * takes no token (`tokenless`, the language menu) is never refused for want of one.
 */
export function expectGatekeeping(answer: Answer, submission: Pick<Submission, "encoding" | "csrf">, route: { tokenless?: boolean } = {}): void {
  const bytes = Buffer.byteLength(answer.sent.payload ?? "");
  const shown = `${answer.status} (${submission.encoding}, csrf ${submission.csrf.kind}, ${bytes} bytes)`;
  if (bytes > BODY_LIMIT_BYTES && submission.encoding !== "multipart") {
    expect(answer.status, shown).toBe(413);
    expect(collapse(answer.doc.querySelector("h1")?.textContent ?? "")).toMatch(/送信内容が大きすぎます|What you sent is too large/);
    return;
  }
  if (submission.encoding === "multipart") {
    expect(answer.status, shown).toBeGreaterThanOrEqual(400);
    return;
  }
  if (route.tokenless) {
    expect(answer.status, shown).not.toBe(403);
    return;
  }
  if (!reachesRoute(answer, submission)) {
    if (submission.encoding === "json" && answer.status === 400) return;
    expect(answer.status, shown).toBe(403);
    expect(collapse(answer.doc.querySelector("h1")?.textContent ?? "")).toMatch(/ページの有効期限が切れました|This page has expired/);
    return;
  }
  expect(answer.status, shown).not.toBe(403);
}

// ---- Properties ----------------------------------------------------------------------------------

const invariants: (() => Promise<void>)[] = [];

/** Something every run of every property in the file must leave true (what was saved before is intact). */
export function holdAfterEveryRun(invariant: () => Promise<void>): void {
  invariants.push(invariant);
}

/** A property over the portal: bounded runs, the file's invariants checked after every run. */
export async function check<T>(arbitrary: fc.Arbitrary<T>, run: (value: T) => Promise<void>, options: { numRuns: number; examples?: NoInfer<T>[] }) {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      await run(value);
      for (const invariant of invariants) await invariant();
    }),
    { numRuns: options.numRuns, ...(options.examples ? { examples: options.examples.map((e) => [e] as [T]) } : {}) },
  );
}
