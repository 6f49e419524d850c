import { parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { japaneseSentencesOf, pageTextProblems } from "../../../test/page-texts.ts";
import {
  assessmentAnswerFields,
  injectInto,
  lastCodeSentTo,
  newCandidate,
  type PageResponse,
  personalDetailsForm,
  signIn,
  startTestPortal,
  type TestPortal,
  Visitor,
} from "../../../test/portal.ts";
import { registeredRoutes } from "../../../test/routes.ts";
import { recordConsent } from "../../modules/privacy/consents.ts";
import type { Locale } from "../../platform/i18n/catalogue.ts";
import { candidateMessages } from "./messages.ts";

/**
 * Every candidate page, in both languages, as a person reads it: no catalogue key shown raw, no placeholder
 * left unfilled, and no Japanese sentence of ours on an English page (a translation that is missing).
 */

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(async () => {
  await portal?.close();
});

const JAPANESE_SENTENCES = japaneseSentencesOf(candidateMessages);

function problemsOn(page: PageResponse, language: Locale): string[] {
  return pageTextProblems(page, language, JAPANESE_SENTENCES);
}

/** A page the candidate surface showed for a GET, and its address. */
type Shown = { url: string; page: PageResponse };

/** A visitor in `language` that keeps every HTML page it is shown for a GET, helpers' GETs included. */
function noting(language: Locale, shown: Shown[]): Visitor {
  const exchange = injectInto(portal.app);
  return new Visitor(
    async (request) => {
      const res = await exchange(request);
      if (request.method === "GET" && res.body.startsWith("<!doctype html>")) {
        const page = { status: res.status, location: undefined, html: res.body, doc: parse(res.body), headers: res.headers };
        shown.push({ url: request.url.split("?")[0]!, page });
      }
      return res;
    },
    { acceptLanguage: language },
  );
}

/**
 * The candidate surface's GET routes that are not pages a person reads, and why; every other one must be
 * among the pages this test reads.
 */
const NOT_PAGES: Record<string, string> = {
  "/": "a redirect to /jobs",
  "/*": "static files",
  "/applications/:id/resume": "a redirect to where the application stands",
  "/account/privacy/data.json": "the candidate's data as a JSON download",
  "/documents/:id": "a document the candidate sent, as the file",
  "/assessment-media/:bank/audio/:file": "an audio file",
  "/favicon.ico": "a redirect to the icon",
  "/health": "JSON for load balancers",
  "/applications/:id/self-identification/confirm-answer": "the demo question set asks no knock-out question on this page",
  "/applications/:id/final-questions/confirm-answer": "the demo question set asks no knock-out question on this page",
};

/** The candidate surface's GET routes, as patterns, with a matcher for the addresses each serves. */
function candidatePageRoutes(): { route: string; matches: (url: string) => boolean }[] {
  return registeredRoutes(portal.app)
    .filter((r) => r.methods.includes("GET") && !r.path.startsWith("/office") && !r.path.startsWith("/api/") && !(r.path in NOT_PAGES))
    .map((r) => {
      const pattern = new RegExp(`^${r.path.replace(/[.]/g, "\\.").replace(/:\w+/g, "[^/]+")}$`);
      return { route: r.path, matches: (url: string) => pattern.test(url) };
    });
}

/** Visits every page a candidate meets, from the job list to the completion page, collecting each. */
async function everyPage(visitor: Visitor, another: () => Visitor): Promise<Map<string, PageResponse>> {
  const pages = new Map<string, PageResponse>();
  const see = async (name: string, res: Promise<PageResponse> | PageResponse) => {
    const page = await res;
    expect(page.status, name).toBeLessThan(500);
    if (page.html.startsWith("<!doctype html>")) pages.set(name, page);
    return page;
  };
  for (const url of ["/jobs", "/jobs/230107874", "/login", "/register", "/pin-reset", "/login/help", "/help", "/privacy", "/no-such-page", "/dev/mailbox"]) {
    await see(url, visitor.get(url));
  }
  await see("register with errors", visitor.post("/register", {}));
  await see("login with errors", visitor.post("/login", { identifier: "not an address" }));
  const who = await newCandidate(portal.db);
  const pin = await visitor.follow(await visitor.post("/login", { identifier: who.candidate.email }));
  await see("PIN step", pin);
  const flow = pin.doc
    .querySelector("form.form")!
    .getAttribute("action")!
    .replace(/\/pin$/, "");
  await see("PIN step, wrong PIN", visitor.post(`${flow}/pin`, { pin: "000000" }));
  await see("channel step", visitor.follow(await visitor.post(`${flow}/pin`, { pin: who.pin })));
  await see("code step", visitor.follow(await visitor.post(`${flow}/send`, { channel: "email" })));
  await see("code step, wrong code", visitor.post(`${flow}/code`, { code: "000000" }));
  await see("code step, resend too soon", visitor.post(`${flow}/send`, { channel: "email" }));
  const code = await lastCodeSentTo(portal.db, who.candidate.email);
  await visitor.post(`${flow}/code`, { code });
  const resetter = another();
  await resetter.get("/pin-reset");
  await see("PIN reset step", resetter.follow(await resetter.post("/pin-reset", { identifier: "someone@example.jp" })));

  for (const url of ["/account", "/account/contact?kind=email", "/account/contact?kind=phone", "/account/documents", "/account/applications"]) {
    await see(url, visitor.get(url));
  }
  await see("contact change with errors", visitor.post("/account/contact?kind=email", { email: "x", pin: "" }));
  await see("before you apply", visitor.get("/jobs/230107874/apply"));
  const start = await visitor.post("/jobs/230107874/apply");
  const id = start.location!.split("/")[2]!;
  const step = async (page: string, form: Record<string, string | string[]>) => {
    const current = await see(page, visitor.get(`/applications/${id}/${page}`));
    const version = current.doc.querySelector('input[name="version"]')?.getAttribute("value") ?? "0";
    await see(`${page} with errors`, visitor.post(`/applications/${id}/${page}`, { version, intent: "continue" }));
    const again = await visitor.get(`/applications/${id}/${page}`);
    const fresh = again.doc.querySelector('input[name="version"]')?.getAttribute("value") ?? "0";
    return visitor.post(`/applications/${id}/${page}`, { version: fresh, ...form });
  };
  await see("application overview", visitor.get(`/applications/${id}`));
  await step("documents", { intent: "skip" });
  await step("personal", personalDetailsForm({ email: who.candidate.email }));
  await step("eligibility", { age18: "yes", preHireDocuments: "understood" });
  await step("work-authorization", { workAuthorizationType: "japanese", student: "notStudent", confirmStep3: "yes" });
  await step("self-identification", { gender: "noAnswer" });
  await step("pledge", { consent: "yes" });

  let res = await see("assessment start", visitor.get(`/applications/${id}/assessment`));
  for (let n = 0; n < 400 && !res.location?.includes("/signature"); n++) {
    if (res.location) {
      res = await see(`assessment ${res.location.split("/").pop()}`, visitor.get(res.location));
      continue;
    }
    const form = res.doc.querySelector("main form.form")!;
    const fields = assessmentAnswerFields(form);
    if (Object.keys(fields).length > 0)
      await see(`assessment ${form.getAttribute("action")} without an answer`, visitor.post(form.getAttribute("action")!, {}));
    res = await see(`assessment ${form.getAttribute("action")} answered`, visitor.post(form.getAttribute("action")!, fields));
  }
  await step("signature", { signature: "Hanako Yamada" });
  await step("final-questions", {
    languages: ["ja"],
    privateRoom: "yes",
    workPlace: ["ownRoom"],
    quietEnvironment: "yes",
    stressHistory: "無",
    stressHistoryConsent: "yes",
    doubleWork: "none",
    workAuthorizationFinal: "japaneseOrSpecial",
    confirmFinal: "yes",
  });
  await see("review", visitor.get(`/applications/${id}/review`));
  await visitor.post(`/applications/${id}/submit`);
  for (const page of ["complete", ""]) await see(`after submitting: ${page}`, visitor.get(`/applications/${id}/${page}`.replace(/\/$/, "")));
  await see("job as applied for", visitor.get(`/account/applications/${id}/job`));
  await see("my applications", visitor.get("/account/applications?notice=withdrawn"));
  await see("withdraw", visitor.get(`/applications/${id}/withdraw`));
  await see("withdraw with errors", visitor.post(`/applications/${id}/withdraw`, {}));
  await see("withdraw confirmation", visitor.post(`/applications/${id}/withdraw`, { reason: "other", note: "" }));
  await see("another candidate's application", visitor.get("/applications/00000000-0000-4000-8000-000000000000"));

  for (const url of ["/account/privacy", "/account/privacy/data", "/account/privacy/withdraw-sensitive", "/reminders/off", "/account/delete"]) {
    await see(url, visitor.get(url));
  }
  await see(
    "contact change code step",
    visitor.follow(await visitor.post("/account/contact?kind=email", { email: `changed.${who.candidate.id}@example.jp`, pin: who.pin })),
  );
  await see("account deletion code step", visitor.follow(await visitor.post("/account/delete", { pin: who.pin })));
  await see("account deleted", visitor.get("/account/deleted"));
  const mailbox = await visitor.get("/dev/mailbox");
  await see("a message in the mailbox", visitor.get(mailbox.doc.querySelector('a[href^="/dev/mailbox/"]')!.getAttribute("href")!));

  // Someone whose answers knock them out, and whose agreement is to an older privacy notice.
  const knockedOut = await newCandidate(portal.db);
  portal.clock.advance(1000);
  await recordConsent(portal.db, {
    candidateId: knockedOut.candidate.id,
    purpose: "privacy_notice",
    decision: "given",
    source: { textVersion: "unversioned", page: "/register" },
    now: portal.clock.now(),
  });
  const other = another();
  await signIn(portal, other, knockedOut);
  await see("a new privacy notice", other.get("/privacy/acknowledge"));
  await other.post("/privacy/acknowledge", {});
  const theirs = (await other.post("/jobs/230107874/apply")).location!.split("/")[2]!;
  const answer = async (page: string, form: Record<string, string>) => {
    const current = await other.get(`/applications/${theirs}/${page}`);
    const version = current.doc.querySelector('input[name="version"]')?.getAttribute("value") ?? "0";
    return other.post(`/applications/${theirs}/${page}`, { version, intent: "continue", ...form });
  };
  await answer("documents", { intent: "skip" });
  // Under 18 by the date of birth first, then 回答を変更する back to an adult's.
  await answer("personal", personalDetailsForm({ email: knockedOut.candidate.email, birthYear: "2012" }));
  await see("eligibility answer to confirm", other.follow(await answer("eligibility", { age18: "no", preHireDocuments: "understood" })));
  await answer("personal", personalDetailsForm({ email: knockedOut.candidate.email }));
  await answer("eligibility", { age18: "yes", preHireDocuments: "understood" });
  const knocked = await answer("work-authorization", { workAuthorizationType: "none", student: "notStudent", confirmStep3: "yes" });
  await see("work authorization answer to confirm", other.follow(knocked));
  await see("screened out", other.follow(await answer("work-authorization", { intent: "confirmKnockout" })));
  return pages;
}

describe.each(["ja", "en"] as const)("every candidate page in %s", (language) => {
  it("shows no raw message key, no unfilled placeholder and no untranslated sentence", async () => {
    const shown: Shown[] = [];
    const pages = await everyPage(noting(language, shown), () => noting(language, shown));
    expect(pages.size).toBeGreaterThan(60);
    const read = [...[...pages].map(([name, page]) => ({ name, page })), ...shown.map(({ url, page }) => ({ name: url, page }))];
    // A message in the mailbox is shown as it was sent, in the language of its recipient's account.
    const asSent = (name: string) => name === "a message in the mailbox" || name.startsWith("/dev/mailbox/");
    const problems = read.flatMap(({ name, page }) => problemsOn(page, asSent(name) ? "ja" : language).map((p) => `${name}: ${p}`));
    expect(problems).toEqual([]);
    const unread = candidatePageRoutes().filter((r) => !shown.some((page) => r.matches(page.url)));
    expect(
      unread.map((r) => r.route),
      "pages this test never read",
    ).toEqual([]);
  });

  it("would notice a raw key, an unfilled placeholder and an untranslated sentence", async () => {
    const visitor = portal.visitor({ acceptLanguage: language });
    const page = await visitor.get("/help");
    const broken = { ...page, doc: parse(page.html) };
    broken.doc.querySelector("main")!.insertAdjacentHTML("beforeend", `<p>applications.page.personal {minutes} ${JAPANESE_SENTENCES[0]}</p>`);
    const found = problemsOn(broken, language);
    expect(found).toContain("raw key applications.page.personal");
    expect(found).toContain("unfilled {minutes}");
    if (language === "en") expect(found.some((p) => p.startsWith("Japanese on an English page"))).toBe(true);
  });
});
