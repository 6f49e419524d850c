import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { expectAnsweredWell, expectSavedAccountsSurvive, freshBrowser, send, signedInKeeper } from "../../../../test/account-fuzz.ts";
import { check, closeFuzzPortal, locale, openFuzzPortal, portal, RUN_TIMEOUT_MS, SETUP_TIMEOUT_MS } from "../../../../test/fuzz-portal.ts";
import {
  encodeSubmission,
  hostileText,
  malformedEscape,
  malformedUrlencoded,
  overlongSegment,
  returnAddress,
  urlEncoded,
  uuidLookalike,
} from "../../../../test/hostile-input.ts";
import { newCandidate, signIn, type Visitor } from "../../../../test/portal.ts";

/*
 * QUALITY.md, Reliability, "Bad input": addresses around the account pages (random ids of jobs and sign-in, PIN reset and contact-change
 * flows, ids no router can read, return addresses, notices and junk in the query) get a page, a redirect on
 * this site or the portal's own 4xx page in the page's language, never 5xx.
 */

/** Signed in before the runs: the flow pages and the account pages are opened from this browser. */
let keeperBrowser: Visitor;

beforeAll(async () => {
  await openFuzzPortal();
  ({ keeperBrowser } = await signedInKeeper());
}, SETUP_TIMEOUT_MS);
afterAll(closeFuzzPortal);

const flowPages = (id: string) => [`/login/${id}/pin`, `/login/${id}/send`, `/login/${id}/code`, `/pin-reset/${id}`, `/account/contact/${id}`];

describe("random ids in the path", () => {
  it(
    "GET /jobs/:id and the flow pages: any id gives a page, a redirect or a clear 404, never a failure",
    async () => {
      const id = fc.oneof(
        fc.uuid(),
        fc.stringMatching(/^\d{1,25}$/),
        hostileText.map(urlEncoded).filter((s) => s.length > 0 && s.length <= 200),
      );
      const input = fc.record({ id, page: fc.nat(5), language: locale });
      await check(
        input,
        async ({ id, page, language }) => {
          const url = page === 5 ? `/jobs/${id}` : flowPages(id)[page]!;
          expectAnsweredWell(await send(keeperBrowser, "GET", url, language), language);
        },
        { numRuns: 60 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "a flow id with a UUID's characters and length that is not a UUID is an unknown flow, not a failure",
    async () => {
      const input = fc.record({ id: uuidLookalike, page: fc.nat(4), post: fc.boolean(), language: locale });
      await check(
        input,
        async ({ id, page, post, language }) => {
          const url = flowPages(id)[page]!;
          const answer = post
            ? await send(
                keeperBrowser,
                "POST",
                url,
                language,
                encodeSubmission({ encoding: "form", csrf: { kind: "valid" }, junk: "" }, { pin: "905172" }, keeperBrowser.csrf!),
              )
            : await send(keeperBrowser, "GET", url, language);
          expectAnsweredWell(answer, language);
        },
        { numRuns: 30, examples: [{ id: "-".repeat(36), page: 0, post: false, language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "a malformed escape in the path gets the portal's own 400 page in the page's language",
    async () => {
      const input = fc.record({ segment: malformedEscape, page: fc.nat(5), language: locale });
      await check(
        input,
        async ({ segment, page, language }) => {
          const url = page === 5 ? `/jobs/${segment}` : flowPages(segment)[page]!;
          expectAnsweredWell(await send(keeperBrowser, "GET", url, language), language);
        },
        { numRuns: 30, examples: [{ segment: "%zz", page: 5, language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "an id far longer than any real one gets the portal's own 4xx page in the page's language",
    async () => {
      const input = fc.record({ segment: overlongSegment, page: fc.nat(5), language: locale });
      await check(
        input,
        async ({ segment, page, language }) => {
          const url = page === 5 ? `/jobs/${segment}` : flowPages(segment)[page]!;
          expectAnsweredWell(await send(keeperBrowser, "GET", url, language), language);
        },
        { numRuns: 30, examples: [{ segment: "7".repeat(201), page: 5, language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

describe("random query strings", () => {
  const query = (pairs: [string, string | null][]) =>
    pairs
      .filter((p): p is [string, string] => p[1] !== null)
      .map(([k, v]) => `${k}=${urlEncoded(v)}`)
      .join("&");

  it(
    "return_to, kind and junk in the query of the sign-in, registration and account pages",
    async () => {
      const anonymous = await freshBrowser();
      const flow = (await anonymous.post("/login", { identifier: "stranger.query@example.jp" })).location!;
      const input = fc.record({
        returnTo: fc.option(returnAddress, { freq: 4 }),
        kind: fc.option(
          fc.oneof(
            fc.constantFrom("email", "phone"),
            hostileText.filter((t) => t.length < 300),
          ),
          { freq: 4 },
        ),
        junk: fc.option(malformedUrlencoded, { freq: 3 }),
        page: fc.constantFrom("/login", "/register", "/pin-reset", flow, "/account", "/account/contact", "/jobs"),
        language: locale,
      });
      await check(
        input,
        async ({ returnTo, kind, junk, page, language }) => {
          const browser = page.startsWith("/account") ? keeperBrowser : anonymous;
          const search = [
            query([
              ["return_to", returnTo],
              ["kind", kind],
            ]),
            junk,
          ]
            .filter(Boolean)
            .join("&");
          expectAnsweredWell(await send(browser, "GET", search ? `${page}?${search}` : page, language), language);
        },
        { numRuns: 50 },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "a notice name in the query shows its own sentence or nothing, never an empty or foreign notice",
    async () => {
      const anonymous = await freshBrowser();
      const input = fc.record({
        notice: fc.oneof(
          fc.constantFrom(
            "registered",
            "expired",
            "signedOut",
            "pinReset",
            "saved",
            "contactChanged",
            "sent",
            "toString",
            "constructor",
            "__proto__",
            "valueOf",
          ),
          hostileText.filter((t) => t.length < 300),
        ),
        page: fc.constantFrom("/login", "/account"),
        language: locale,
      });
      await check(
        input,
        async ({ notice, page, language }) => {
          const browser = page === "/account" ? keeperBrowser : anonymous;
          expectAnsweredWell(await send(browser, "GET", `${page}?notice=${urlEncoded(notice)}`, language), language);
        },
        { numRuns: 40, examples: [{ notice: "toString", page: "/login", language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "a signed-in candidate who opens a sign-in link is sent on to its return address, whatever it holds",
    async () => {
      await check(
        fc.record({ returnTo: returnAddress, language: locale }),
        async ({ returnTo, language }) => {
          expectAnsweredWell(await send(keeperBrowser, "GET", `/login?return_to=${urlEncoded(returnTo)}`, language), language);
        },
        { numRuns: 30, examples: [{ returnTo: "/求人/営業", language: "ja" }] },
      );
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "a return address carried through the whole sign-in ends in a redirect on this site, whatever it holds",
    async () => {
      await check(
        returnAddress,
        async (returnTo) => {
          const who = await newCandidate(portal.db);
          const browser = await freshBrowser();
          const done = await signIn(portal, browser, who, returnTo);
          expectAnsweredWell({ ...done, contentType: String(done.headers["content-type"] ?? "") }, "ja");
        },
        { numRuns: 15, examples: ["/求人/営業"] },
      );
    },
    RUN_TIMEOUT_MS,
  );
});

describe("after all the hostile input", () => {
  it(
    "every account saved before is unchanged (or as its last valid change left it), still signed in, and its PIN still signs in",
    () => expectSavedAccountsSurvive(keeperBrowser),
    RUN_TIMEOUT_MS,
  );
});
