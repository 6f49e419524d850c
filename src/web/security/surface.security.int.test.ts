import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationAt } from "../../../test/applications.ts";
import { answer, pledged, toFirstItem } from "../../../test/assessment-pages.ts";
import { SCRIPT_PAYLOADS, UNESCAPED_PAYLOAD } from "../../../test/hostile-input.ts";
import { newCandidate, signIn, startTestPortal, type TestPortal, type Visitor } from "../../../test/portal.ts";
import { registeredRoutes } from "../../../test/routes.ts";
import { newStaff, signInStaff } from "../../../test/staff.ts";
import { applications, type PersonalDetails } from "../../modules/applications/schema.ts";
import { candidates } from "../../modules/candidates/schema.ts";
import { saveDocument } from "../../modules/documents/document-store.ts";
import { minimalPdf } from "../../modules/documents/inspection/document-fixtures.ts";
import { outbox, sessions } from "../../platform/db/schema.ts";

/*
 * The portal's surface as an attacker sees it, route by route: every route the app registers is read from
 * Fastify (test/routes.ts), so a route added later is covered without editing this file. Covered elsewhere
 * and run by `npm run test:security` with these files: session fixation, the new id at sign-in, sign-out
 * and the idle time-out (candidate/sign-in/sign-in.int.test.ts, "sessions"); a PIN reset ending every session
 * (candidate/profile/profile.int.test.ts); the console's roles and staff IDOR (office/staff-access.int.test.ts);
 * the upload attack corpus (candidate/documents/upload.fuzz.int.test.ts); error pages' headers
 * (surfaces.int.test.ts).
 */

let portal: TestPortal;
const tried = { gets: 0, csrf: 0, idor: 0, injectionPages: 0, injectionMails: 0, headerPages: 0, redirects: 0, mailLinks: 0, sessions: 0 };

type Owned = { application: string; draft: string; document: string };
let owner: Awaited<ReturnType<typeof newCandidate>>;
let owned: Owned;

beforeAll(async () => {
  portal = await startTestPortal();
  owner = await newCandidate(portal.db);
  const saved = await saveDocument(portal.db, {
    candidateId: owner.candidate.id,
    label: "",
    note: "",
    bytes: minimalPdf(),
    fileName: "r.pdf",
    now: new Date(),
  });
  if (!saved.ok) throw new Error("document refused");
  owned = {
    application: (await applicationAt(portal.db, { candidateId: owner.candidate.id, state: "submitted" })).id,
    // One open application per job: the draft belongs to a second candidate, just as foreign to the intruder.
    draft: (await applicationAt(portal.db, { candidateId: (await newCandidate(portal.db)).candidate.id, state: "draft" })).id,
    document: saved.document.id,
  };
});
afterAll(async () => {
  console.log(
    `surface: ${tried.csrf} forged posts, ${tried.idor} cross-candidate requests, ${tried.injectionPages} pages and ${tried.injectionMails} e-mails searched for ` +
      `${SCRIPT_PAYLOADS.length} payloads, ${tried.headerPages} pages' headers, ${tried.redirects} redirect targets, ${tried.mailLinks} e-mail links, ` +
      `${tried.sessions} session checks, ${tried.gets} GET requests checked for writes`,
  );
  await portal?.close();
});

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A route's path with its parameters filled in: the given ids where named, a stranger's uuid elsewhere. */
function filled(path: string, ids: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? (name === "n" ? "1" : name === "code" ? "1000001" : randomUUID()));
}

/** Routes of the HTML surfaces (the API takes no cookies, so it has no CSRF to forge). */
function htmlRoutes(): { path: string; methods: string[] }[] {
  return registeredRoutes(portal.app).filter((r) => !r.path.startsWith("/api/") && !r.path.includes("*"));
}

/** The forged form as an upload (the token field, then a file), for routes that take only multipart bodies. */
async function postMultipart(visitor: Visitor, url: string, fields: Record<string, string>): Promise<{ status: number; location: string | undefined }> {
  const boundary = "----forged-upload-boundary";
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n`);
  const res = await portal.app.inject({
    method: "POST",
    url,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    payload: `${parts.join("")}--${boundary}--\r\n`,
  });
  return { status: res.statusCode, location: res.headers.location as string | undefined };
}

describe("CSRF: every state-changing route refuses a post without this browser's token", () => {
  it("answers 403 with no token, a blank one, and another browser's token, signed in or not", async () => {
    const signedIn = portal.visitor();
    await signIn(portal, signedIn, owner);
    const other = portal.visitor();
    await other.get("/login");
    // The language menu only sets the language cookie of the browser that sent it: it takes no token (below).
    const routes = htmlRoutes().filter((r) => r.methods.some((m) => STATE_CHANGING.has(m)) && r.path !== "/language");
    expect(routes.length).toBeGreaterThan(30);
    for (const route of routes) {
      const url = filled(route.path, { id: owned.application });
      for (const visitor of [signedIn, portal.visitor()]) {
        for (const token of [undefined, "", other.csrf!]) {
          const form: Record<string, string> = { note: "x" };
          if (token !== undefined) form._csrf = token;
          const plain = await visitor.request("POST", url, form);
          // An upload route refuses any body but multipart before it reads the token in it: forge one of those.
          const answer = plain.status === 400 ? await postMultipart(visitor, url, form) : { status: plain.status, location: plain.location };
          tried.csrf += 1;
          const what = `${url} token=${token === undefined ? "none" : token === "" ? "blank" : "foreign"}`;
          // An upload reads its token from the body, after the access check: signed out, it is sent to sign in first.
          if (answer.status === 303 && visitor !== signedIn && route.path === "/documents") expect(answer.location, what).toMatch(/^\/login\?/);
          else expect(answer.status, what).toBe(403);
        }
      }
    }
    expect((await signedIn.get("/account")).status).toBe(200);
  });

  it("lets the language menu switch without a token: all it changes is the sender's own language cookie", async () => {
    const visitor = portal.visitor();
    const switched = await visitor.request("POST", "/language", { locale: "en", back: "/jobs" });
    expect(switched.status).toBe(303);
    expect(visitor.cookies.get("lang")).toBe("en");
    expect(visitor.cookies.has("sid")).toBe(false);
  });
});

describe("IDOR: another candidate's ids read as missing on every candidate route", () => {
  it("answers 404 for every route that names an application or a document of someone else", async () => {
    const intruder = portal.visitor();
    await signIn(portal, intruder, await newCandidate(portal.db));
    const routes = htmlRoutes().filter((r) => /:(id)\b/.test(r.path) && !r.path.startsWith("/office") && !r.path.startsWith("/jobs"));
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const ids = route.path.startsWith("/documents") ? [owned.document] : [owned.application, owned.draft];
      for (const id of ids) {
        const url = filled(route.path, { id });
        for (const method of route.methods.filter((m) => m === "GET" || m === "POST")) {
          const res = method === "GET" ? await intruder.get(url) : await intruder.post(url, { answer: "1", confirm: "yes" });
          tried.idor += 1;
          expect(res.status, `${method} ${url}`).toBe(404);
        }
      }
    }
    const [still] = await portal.db.select().from(candidates).where(eq(candidates.id, owner.candidate.id));
    expect(still).toBeDefined();
  });
});

describe("sessions", () => {
  it("gives a new session id at every sign-in and ends the old one on the server", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    await signIn(portal, visitor, who);
    const first = visitor.cookies.get("sid")!;
    portal.clock.advance(31_000);
    await signIn(portal, visitor, who);
    const second = visitor.cookies.get("sid")!;
    expect(second).not.toBe(first);
    const replay = portal.visitor();
    replay.cookies.set("sid", first);
    expect((await replay.get("/account")).status).toBe(303);
    expect(await portal.db.select().from(sessions).where(eq(sessions.principalId, who.candidate.id))).toHaveLength(1);
    tried.sessions += 2;
  });
});

/** Every candidate GET route, filled with the owner's ids, as the signed-in owner sees it. */
async function ownerPages(visitor: Visitor): Promise<{ url: string; html: string; headers: Record<string, unknown> }[]> {
  const pages = [];
  for (const route of htmlRoutes().filter((r) => r.methods.includes("GET") && !r.path.startsWith("/office"))) {
    const url = filled(route.path, { id: route.path.startsWith("/documents") ? owned.document : owned.application });
    const res = await visitor.get(url);
    pages.push({ url, html: res.html, headers: res.headers });
  }
  return pages;
}

describe("script injection: what a candidate typed is shown escaped everywhere", () => {
  it("escapes names, application details, signatures, notes and document labels on every candidate page, in e-mails, and on the console's candidate page", async () => {
    const payload = SCRIPT_PAYLOADS.join(" ");
    await portal.db
      .update(candidates)
      .set({ familyName: payload, givenName: payload, familyNameLatin: payload, givenNameLatin: payload })
      .where(eq(candidates.id, owner.candidate.id));
    // What the application holds as typed: its personal details, the typed signature, a withdrawal note.
    const personal: PersonalDetails = {
      familyNameLatin: payload,
      givenNameLatin: payload,
      middleNameLatin: payload,
      familyNameKanji: payload,
      givenNameKanji: payload,
      familyNameKana: payload,
      givenNameKana: payload,
      preferredName: payload,
      country: "JP",
      postalCode: payload,
      prefecture: payload,
      city: payload,
      address1: payload,
      address2: payload,
      address3: payload,
      email: owner.candidate.email,
      phoneType: "mobile",
      phone: payload,
      smsConsent: true,
      feedbackConsent: true,
      birthDate: "1990-04-15",
      earliestStart: payload,
      howHeard: payload,
    };
    await portal.db.update(applications).set({ personal, signedName: payload, withdrawalNote: payload }).where(eq(applications.id, owned.application));
    const labelled = await saveDocument(portal.db, {
      candidateId: owner.candidate.id,
      label: payload,
      note: payload,
      bytes: minimalPdf(),
      fileName: `${SCRIPT_PAYLOADS[0]}.pdf`,
      now: new Date(),
    });
    expect(labelled.ok).toBe(true);
    const visitor = portal.visitor();
    await signIn(portal, visitor, owner);
    for (const page of await ownerPages(visitor)) {
      tried.injectionPages += 1;
      if (page.url === "/account/privacy/data.json") {
        // The candidate's data download holds what they typed, as typed: a file saved, never read as a page.
        expect(page.headers["content-disposition"], page.url).toMatch(/^attachment;/);
        expect(page.headers["x-content-type-options"], page.url).toBe("nosniff");
        expect(JSON.parse(page.html).profile.familyName, page.url).toBe(payload);
        continue;
      }
      expect(page.html, page.url).not.toMatch(UNESCAPED_PAYLOAD);
    }
    // A PIN reset and a lock notice put the candidate's details in e-mails.
    const reset = portal.visitor();
    await reset.post("/pin-reset", { identifier: owner.candidate.email });
    const mails = await portal.db.select().from(outbox).where(eq(outbox.recipient, owner.candidate.email));
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      tried.injectionMails += 1;
      expect(mail.htmlBody ?? "", mail.template).not.toMatch(UNESCAPED_PAYLOAD);
    }
    const staff = portal.visitor();
    await signInStaff(portal, staff, await newStaff(portal, { role: "admin" }));
    // A reviewer's note is shown again on the same page.
    await staff.get(`/office/candidates/${owned.application}`);
    const noted = await staff.post(`/office/candidates/${owned.application}/notes`, { body: payload, rating: "3" });
    expect(noted.status).toBe(303);
    const office = await staff.get(`/office/candidates/${owned.application}`);
    // Shown, as text: the renderer escapes every "<" of it.
    expect(office.html).toContain("&lt;script>fuzz(1)&lt;/script>");
    tried.injectionPages += 1;
    expect(office.status).toBe(200);
    expect(office.html).not.toMatch(UNESCAPED_PAYLOAD);
  });
});

/** A digest of every table's rows but the sessions' (a visit extends its session's idle time, as it must). */
async function databaseDigest(): Promise<Map<string, string>> {
  const tables = await portal.db.execute(sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'sessions' ORDER BY tablename`);
  const digest = new Map<string, string>();
  for (const { tablename } of (tables as unknown as { rows: { tablename: string }[] }).rows) {
    const rows = await portal.db.execute(
      sql`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${sql.identifier(tablename)} t`,
    );
    digest.set(tablename, (rows as unknown as { rows: { digest: string }[] }).rows[0]!.digest);
  }
  return digest;
}

describe("GET never changes state", () => {
  it("leaves every table as it was after every candidate GET route, opened by the owner mid-assessment, a newcomer and a stranger", async () => {
    const { visitor, id } = await pledged(portal);
    await visitor.follow(await answer(visitor, await toFirstItem(visitor, id)));
    // Signed in with no application yet: what a cross-site link to 応募する would open.
    const newcomer = portal.visitor();
    await signIn(portal, newcomer, await newCandidate(portal.db));
    const stranger = portal.visitor();
    const routes = htmlRoutes().filter((r) => r.methods.includes("GET") && !r.path.startsWith("/office"));
    const before = await databaseDigest();
    for (const route of routes) {
      const url = filled(route.path, { id: route.path.startsWith("/jobs/") ? "230107874" : id });
      for (const client of [visitor, newcomer, stranger]) {
        await client.get(url);
        tried.gets += 1;
      }
    }
    const after = await databaseDigest();
    const changed = [...before].filter(([table, digest]) => after.get(table) !== digest).map(([table]) => table);
    expect(changed, `tables written by GET requests: ${changed.join(", ")}`).toEqual([]);
    expect((await visitor.get("/account")).status, "still signed in").toBe(200);
  });
});

describe("headers on every page", () => {
  it("sends a strict CSP with no inline script, nosniff and no framing on every GET route of both HTML surfaces", async () => {
    const visitor = portal.visitor();
    await signIn(portal, visitor, owner);
    for (const page of await ownerPages(visitor)) {
      tried.headerPages += 1;
      const csp = String(page.headers["content-security-policy"]);
      expect(csp, page.url).toContain("script-src 'self'");
      expect(csp, page.url).toContain("frame-ancestors 'none'");
      expect(csp, page.url).not.toContain("'unsafe-inline' 'unsafe-eval'");
      expect(csp.match(/script-src[^;]*/)?.[0], page.url).not.toContain("unsafe");
      expect(page.headers["x-content-type-options"], page.url).toBe("nosniff");
    }
    for (const route of htmlRoutes().filter((r) => r.methods.includes("GET") && r.path.startsWith("/office"))) {
      const res = await visitor.get(filled(route.path));
      tried.headerPages += 1;
      expect(String(res.headers["content-security-policy"]), route.path).toContain("frame-ancestors 'none'");
      expect(res.headers["x-content-type-options"], route.path).toBe("nosniff");
    }
  });
});

/** Targets that some browser or URL parser reads as another site. */
const OFF_SITE = [
  "//evil.example",
  "//evil.example/%2e%2e",
  "/\\evil.example",
  "\\\\evil.example",
  "https://evil.example/",
  "http:evil.example",
  "%2F%2Fevil.example",
  "/%2F/evil.example",
  "/%5Cevil.example",
  "%2F%5Cevil.example",
  "/\t/evil.example",
  "/ /evil.example",
  "javascript:alert(1)",
  "///evil.example",
  "/.//evil.example",
];

function expectOnSite(location: string | undefined, what: string): void {
  tried.redirects += 1;
  if (!location) return;
  const base = new URL(portal.config.publicBaseUrl);
  const resolved = new URL(location, base);
  expect(resolved.host, what).toBe(base.host);
  expect(resolved.protocol, what).toBe(base.protocol);
}

describe("open redirects: every return_to and back parameter stays on the site", () => {
  it("lands on the portal after sign-in, the sign-in page, registration and the language menu, whatever the target", async () => {
    const withReturn = registeredRoutes(portal.app).filter((r) => ["/login", "/register"].includes(r.path));
    expect(withReturn).toHaveLength(2);
    for (const target of OFF_SITE) {
      const encoded = encodeURIComponent(target);
      const who = await newCandidate(portal.db);
      const visitor = portal.visitor();
      const done = await signIn(portal, visitor, who, target);
      expectOnSite(done.location, `sign-in return_to=${target}`);
      // Signed in, the sign-in page sends the candidate straight on.
      expectOnSite((await visitor.get(`/login?return_to=${encoded}`)).location, `GET /login return_to=${target}`);
      expectOnSite((await visitor.request("GET", `/login?return_to=${target}`)).location, `GET /login raw return_to=${target}`);
      const language = await visitor.post("/language", { locale: "en", back: target });
      expectOnSite(language.location, `language back=${target}`);
      const fresh = portal.visitor();
      const registerPage = await fresh.get(`/register?return_to=${encoded}`);
      for (const a of registerPage.doc.querySelectorAll("a[href], form[action]")) {
        const href = a.getAttribute("href") ?? a.getAttribute("action")!;
        expectOnSite(href, `register page link ${href}`);
      }
    }
  });
});

describe("host-header injection: e-mail links always use PUBLIC_BASE_URL", () => {
  it("never puts the Host or X-Forwarded-Host of the request into an e-mail", async () => {
    const who = await newCandidate(portal.db);
    const forged = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http", forwarded: "host=evil.example" };
    const visitor = portal.visitor();
    await visitor.get("/pin-reset");
    await visitor.request("POST", "/pin-reset", { _csrf: visitor.csrf!, identifier: who.candidate.email }, forged);
    const start = await visitor.request("POST", "/login", { _csrf: visitor.csrf!, identifier: who.candidate.email }, forged);
    for (let i = 0; i < 5; i++) await visitor.request("POST", start.location!, { _csrf: visitor.csrf!, pin: "905172" }, forged);
    // An application left unfinished is reminded of, with a link back; the console's invitation has a set-up link.
    const applicant = portal.visitor();
    await signIn(portal, applicant, await newCandidate(portal.db, { email: `forged.${process.pid}@example.jp` }));
    await applicant.request("POST", "/jobs/230107874/apply", { _csrf: applicant.csrf! }, forged);
    await portal.runJobs();
    portal.clock.advance(25 * 3600_000);
    await portal.runJobs();
    const admin = portal.visitor();
    await signInStaff(portal, admin, await newStaff(portal, { role: "admin" }));
    await admin.request(
      "POST",
      "/office/staff",
      { _csrf: admin.csrf!, email: `invited.${process.pid}@office.example.jp`, name: "招待 太郎", role: "reviewer" },
      forged,
    );
    const mails = await portal.db
      .select()
      .from(outbox)
      .where(inArray(outbox.recipient, [who.candidate.email, `forged.${process.pid}@example.jp`, `invited.${process.pid}@office.example.jp`]));
    const templates = mails.map((m) => m.template);
    expect(templates).toContain("accounts.notice.locked");
    expect(templates.length, templates.join()).toBeGreaterThanOrEqual(5);
    for (const mail of mails) {
      const text = `${mail.textBody}\n${mail.htmlBody ?? ""}`;
      expect(text, mail.template).not.toContain("evil.example");
      for (const link of text.match(/https?:\/\/[^\s"'<>)]+/g) ?? []) {
        tried.mailLinks += 1;
        expect(link.startsWith(portal.config.publicBaseUrl) || link.startsWith("http://www.w3.org/"), `${mail.template}: ${link}`).toBe(true);
      }
    }
    expect(tried.mailLinks).toBeGreaterThan(0);
  });
});
