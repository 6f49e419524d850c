import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationAt } from "../../../test/applications.ts";
import { japaneseSentencesOf, pageTextProblems } from "../../../test/page-texts.ts";
import { errorSummary, newCandidate, startTestPortal, type TestPortal, textOf, Visitor } from "../../../test/portal.ts";
import { registeredRoutes } from "../../../test/routes.ts";
import { newStaff, signInStaff, type TestStaff } from "../../../test/staff.ts";
import { hasPermission, type StaffPermission, type StaffPrincipal } from "../../modules/access/policy.ts";
import { applications } from "../../modules/applications/schema.ts";
import { AUDIT_ACTIONS, listAudit } from "../../modules/audit/audit-log.ts";
import { saveDocument } from "../../modules/documents/document-store.ts";
import { minimalPdf } from "../../modules/documents/inspection/document-fixtures.ts";
import { totpCodeAt } from "../../modules/staff/credentials/totp.ts";
import { auditLog, type StaffRole, staffMembers } from "../../modules/staff/schema.ts";
import { inviteStaff } from "../../modules/staff/staff-directory.ts";
import { ADDRESS_POLICY } from "../../modules/throttles/throttle-policy.ts";
import { sessions } from "../../platform/db/schema.ts";
import { STAFF_SESSIONS } from "../../platform/security/sessions.ts";
import { officeMessages } from "./messages.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(async () => {
  await portal?.close();
});

async function auditActions(staffId: string): Promise<string[]> {
  return (await listAudit(portal.db, { filter: { staffId }, limit: 100 })).map((e) => e.action).reverse();
}

describe("setting up a staff account from its one-time link", () => {
  it("sets a strong password, enrols an authenticator from a QR code, keeps ten recovery codes, then signs in", async () => {
    const invited = await inviteStaff(portal.db, {
      email: "Admin.Setup@Office.example.jp",
      name: "佐藤 管理",
      role: "admin",
      invitedBy: null,
      now: portal.clock.now(),
      secret: portal.config.secret,
    });
    if (!invited.ok) throw new Error("invite failed");
    const visitor = portal.visitor();
    const link = `/office/setup/${invited.setupToken}`;
    const first = await visitor.get(link);
    expect(first.status).toBe(200);
    expect(first.headers["referrer-policy"]).toBe("no-referrer");
    expect(textOf(first.doc, "h1")).toBe("手順1：パスワードを決める");

    const short = await visitor.post(`${link}/password`, { password: "short", passwordConfirm: "short" });
    expect(errorSummary(short.doc)).toEqual(["12文字以上にしてください"]);
    const weak = await visitor.post(`${link}/password`, { password: "password1234", passwordConfirm: "password1234" });
    expect(errorSummary(weak.doc)).toEqual(["推測されやすいパスワードです。単語をいくつか組み合わせた、より長いものにしてください"]);
    const mismatch = await visitor.post(`${link}/password`, { password: "緑の傘と青い自転車 2031", passwordConfirm: "緑の傘と青い自転車 2032" });
    expect(errorSummary(mismatch.doc)).toEqual(["確認用のパスワードが一致しません"]);
    const chosen = await visitor.post(`${link}/password`, { password: "緑の傘と青い自転車 2031", passwordConfirm: "緑の傘と青い自転車 2031" });
    expect(chosen.location).toBe(link);

    const enrol = await visitor.get(link);
    expect(enrol.doc.querySelector('svg[role="img"]')?.getAttribute("aria-label")).toBe("認証アプリに登録するためのQRコード");
    const uri = textOf(enrol.doc, "[data-otpauth]");
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    const key = new URL(uri).searchParams.get("secret")!;
    const wrong = await visitor.post(`${link}/authenticator`, { code: "000000" === totpCodeAt(key, portal.clock.now()) ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    expect((await visitor.post(`${link}/authenticator`, { code: totpCodeAt(key, portal.clock.now()) })).location).toBe(link);

    const codesPage = await visitor.get(link);
    const codes = codesPage.doc.querySelectorAll("[data-recovery-codes] li").map((li) => li.textContent.trim());
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await visitor.post(`${link}/recovery`)).location).toBe("/office/sign-in?notice=setupDone");
    expect((await visitor.get(link)).status).toBe(410);
    const [stored] = await portal.db.select().from(staffMembers).where(eq(staffMembers.id, invited.staff.id));
    expect(stored?.status).toBe("active");
    expect(stored?.email).toBe("admin.setup@office.example.jp");
    expect(stored?.totpSecretSealed).not.toContain(key);

    portal.clock.advance(31_000);
    const who: TestStaff = {
      id: invited.staff.id,
      email: "admin.setup@office.example.jp",
      name: "佐藤 管理",
      password: "緑の傘と青い自転車 2031",
      totpSecret: key,
      recoveryCodes: codes,
    };
    const home = await visitor.follow(await signInStaff(portal, visitor, who));
    expect(textOf(home.doc, "h1")).toBe("採用管理コンソール");
    expect(home.html).toContain("佐藤 管理さん、こんにちは。");
    expect(await auditActions(invited.staff.id)).toEqual(["staff.setup_completed", "staff.signed_in"]);
  });

  it("refuses a link after 24 hours", async () => {
    const invited = await inviteStaff(portal.db, {
      email: "late@office.example.jp",
      name: "遅 延",
      role: "reviewer",
      invitedBy: null,
      now: portal.clock.now(),
      secret: portal.config.secret,
    });
    if (!invited.ok) throw new Error("invite failed");
    portal.clock.advance(24 * 3600 * 1000 + 1000);
    expect((await portal.visitor().get(`/office/setup/${invited.setupToken}`)).status).toBe(410);
  });
});

describe("staff sign-in", () => {
  let who: TestStaff;
  beforeAll(async () => {
    who = await newStaff(portal, { role: "recruiter", jobIds: ["230107874"] });
  });

  it("answers a wrong password and an unknown address alike, and audits both", async () => {
    const visitor = portal.visitor();
    await visitor.get("/office/sign-in");
    const wrong = await visitor.post("/office/sign-in", { email: who.email, password: "not the password at all" });
    const unknown = await visitor.post("/office/sign-in", { email: "nobody@office.example.jp", password: "not the password at all" });
    expect([wrong.status, unknown.status]).toEqual([400, 400]);
    expect(errorSummary(wrong.doc)).toEqual(errorSummary(unknown.doc));
    expect(errorSummary(wrong.doc)).toEqual(["メールアドレスまたはパスワードが正しくありません"]);
    const failures = await listAudit(portal.db, { filter: { action: "staff.sign_in_failed" }, limit: 10 });
    expect(failures.map((f) => f.staffId)).toEqual(expect.arrayContaining([who.id, null]));
    expect(failures[0]?.addressHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("accepts the authenticator's code once, one step either side, and no other", async () => {
    // Well past the step the enrolment used.
    portal.clock.advance(5 * 60_000);
    const visitor = portal.visitor();
    await visitor.get("/office/sign-in");
    const step = await visitor.post("/office/sign-in", { email: who.email, password: who.password });
    const now = portal.clock.now();
    const twoStepsAgo = totpCodeAt(who.totpSecret, new Date(now.getTime() - 60_000));
    expect((await visitor.post(step.location!, { code: twoStepsAgo })).status).toBe(400);
    const previousStep = totpCodeAt(who.totpSecret, new Date(now.getTime() - 30_000));
    expect((await visitor.post(step.location!, { code: previousStep })).location).toBe("/office");
    // The same code again, from another browser's fresh sign-in: already used.
    const other = portal.visitor();
    await other.get("/office/sign-in");
    const again = await other.post("/office/sign-in", { email: who.email, password: who.password });
    expect((await other.post(again.location!, { code: previousStep })).status).toBe(400);
    portal.clock.advance(31_000);
  });

  it("takes each recovery code once", async () => {
    const [code] = who.recoveryCodes;
    const first = portal.visitor();
    expect((await signInStaff(portal, first, who, code!.toUpperCase())).location).toMatch(/^\/office\?notice=recoveryUsed&left=9$/);
    const second = portal.visitor();
    expect((await signInStaff(portal, second, who, code)).status).toBe(400);
  });

  it("ends a sign-in after five wrong codes", async () => {
    const guesser = await newStaff(portal, { role: "reviewer" });
    const visitor = portal.visitor();
    await visitor.get("/office/sign-in");
    const step = await visitor.post("/office/sign-in", { email: guesser.email, password: guesser.password });
    for (let i = 0; i < 4; i++) expect((await visitor.post(step.location!, { code: "12345x" })).status).toBe(400);
    expect((await visitor.post(step.location!, { code: "12345x" })).location).toBe("/office/sign-in?notice=expired");
    expect((await visitor.get(step.location!)).location).toBe("/office/sign-in?notice=expired");
    // Five misses on the account's second factor lock it too, whatever new sign-in it starts.
    const again = portal.visitor();
    await again.get("/office/sign-in");
    const retry = await again.post("/office/sign-in", { email: guesser.email, password: guesser.password });
    expect((await again.post(retry.location!, { code: totpCodeAt(guesser.totpSecret, portal.clock.now()) })).status).toBe(429);
  });

  it("locks an account after five wrong passwords, and an unknown address just the same", async () => {
    const target = await newStaff(portal, { role: "reviewer" });
    for (const email of [target.email, "ghost@office.example.jp"]) {
      const visitor = portal.visitor();
      await visitor.get("/office/sign-in");
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push((await visitor.post("/office/sign-in", { email, password: "wrong password here" })).status);
      expect(answers).toEqual([400, 400, 400, 400, 429, 429]);
    }
    const visitor = portal.visitor();
    await visitor.get("/office/sign-in");
    expect((await visitor.post("/office/sign-in", { email: target.email, password: target.password })).status).toBe(429);
  });

  it("ends a console session after 15 idle minutes, and never takes a candidate's cookie", async () => {
    const visitor = portal.visitor();
    await signInStaff(portal, visitor, await newStaff(portal, { role: "reviewer" }));
    expect((await visitor.get("/office")).status).toBe(200);
    expect(visitor.cookies.has("sid")).toBe(false);
    portal.clock.advance(STAFF_SESSIONS.idleMs + 1000);
    expect((await visitor.get("/office")).location).toBe("/office/sign-in?return_to=%2Foffice");
  });

  it("ends a console session 8 hours after sign-in, however busy the member has been", async () => {
    const member = await newStaff(portal, { role: "reviewer" });
    const visitor = portal.visitor();
    await signInStaff(portal, visitor, member);
    const [session] = await portal.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.principalKind, "staff"), eq(sessions.principalId, member.id)));
    expect(session!.absoluteExpiresAt.getTime() - session!.createdAt.getTime()).toBe(8 * 60 * 60_000);
    const ends = session!.absoluteExpiresAt.getTime();
    // A page every 14 minutes keeps the session from idling out, up to the last minute of its 8 hours.
    const lastMinute = ends - 60_000;
    while (portal.clock.now().getTime() < lastMinute) {
      portal.clock.advance(Math.min(14 * 60_000, lastMinute - portal.clock.now().getTime()));
      expect((await visitor.get("/office")).status).toBe(200);
    }
    portal.clock.advance(ends - portal.clock.now().getTime());
    expect((await visitor.get("/office")).location).toBe("/office/sign-in?return_to=%2Foffice");
  });

  it(`stops checking passwords from one address after ${ADDRESS_POLICY.freeFailures} wrong ones across accounts, while the same member elsewhere still signs in`, async () => {
    portal.clock.advance(60 * 60_000);
    const from = (remoteAddress: string) =>
      new Visitor(async ({ method, url, headers, payload }) => {
        const res = await portal.app.inject({ method, url, headers, remoteAddress, ...(payload !== undefined ? { payload } : {}) });
        return { status: res.statusCode, headers: res.headers, body: res.body, cookies: res.cookies as { name: string; value: string }[] };
      });
    const target = await newStaff(portal, { role: "recruiter" });
    const attacker = from("198.51.100.8");
    await attacker.get("/office/sign-in");
    const answers: number[] = [];
    // One wrong password on each of many addresses typed: no account reaches its own lock.
    for (let i = 0; i <= ADDRESS_POLICY.freeFailures; i++) {
      answers.push((await attacker.post("/office/sign-in", { email: `spread.${i}@office.example.jp`, password: "not the password at all" })).status);
    }
    expect(answers.slice(0, ADDRESS_POLICY.freeFailures).every((s) => s === 400)).toBe(true);
    expect(answers.at(-1)).toBe(429);
    const locked = await attacker.post("/office/sign-in", { email: target.email, password: target.password });
    expect(locked.status).toBe(429);
    expect(locked.location).toBeUndefined();
    const owner = from("203.0.113.21");
    await owner.get("/office/sign-in");
    expect((await owner.post("/office/sign-in", { email: target.email, password: target.password })).location).toMatch(/^\/office\/sign-in\/[0-9a-f-]{36}$/);
  });
});

/** How the policy sees a member of a role, on the demo job, without any personal grant. */
function staffPrincipal(role: StaffRole): StaffPrincipal {
  return { kind: "staff", id: "00000000-0000-4000-8000-000000000000", role, jobIds: ["230107874"], mayViewSensitive: false };
}

describe("who may use which console page", () => {
  let admin: TestStaff;
  let recruiter: TestStaff;
  let reviewer: TestStaff;
  /** A submitted application of the members' job, with a document sent with it, for the candidate page's routes. */
  const records = { application: "", document: "" };
  beforeAll(async () => {
    admin = await newStaff(portal, { role: "admin" });
    recruiter = await newStaff(portal, { role: "recruiter", jobIds: ["230107874"] });
    reviewer = await newStaff(portal, { role: "reviewer", jobIds: ["230107874"] });
    const { candidate } = await newCandidate(portal.db);
    const saved = await saveDocument(portal.db, { candidateId: candidate.id, label: "", note: "", bytes: minimalPdf(), fileName: "r.pdf", now: new Date() });
    if (!saved.ok) throw new Error("document refused");
    const application = await applicationAt(portal.db, { candidateId: candidate.id, state: "submitted" });
    await portal.db
      .update(applications)
      .set({ documentIds: [saved.document.id] })
      .where(eq(applications.id, application.id));
    Object.assign(records, { application: application.id, document: saved.document.id });
  });

  /**
   * Every console route and who may use it; the test fails if a route is missing from this table. A role without
   * the permission is refused (403); `grant` names a personal grant the route also needs, which none of these
   * members holds.
   */
  const ROUTES: {
    method: "GET" | "POST";
    url: string;
    route: string;
    permission: StaffPermission;
    form?: Record<string, string>;
    grant?: "mayViewSensitive";
  }[] = [
    { method: "GET", url: "/office", route: "/office", permission: "console" },
    { method: "POST", url: "/office/sign-out", route: "/office/sign-out", permission: "console" },
    { method: "GET", url: "/office/staff", route: "/office/staff", permission: "staff.manage" },
    { method: "POST", url: "/office/staff", route: "/office/staff", permission: "staff.manage", form: { email: "x", name: "", role: "reviewer" } },
    { method: "GET", url: "/office/staff/:self", route: "/office/staff/:id", permission: "staff.manage" },
    { method: "POST", url: "/office/staff/:self", route: "/office/staff/:id", permission: "staff.manage", form: { role: "admin" } },
    { method: "POST", url: "/office/staff/:self/deactivate", route: "/office/staff/:id/deactivate", permission: "staff.manage" },
    { method: "POST", url: "/office/staff/00000000-0000-4000-8000-000000000000/reset", route: "/office/staff/:id/reset", permission: "staff.manage" },
    { method: "GET", url: "/office/audit", route: "/office/audit", permission: "audit.view" },
    { method: "GET", url: "/office/audit/export.csv", route: "/office/audit/export.csv", permission: "audit.view" },
    { method: "GET", url: "/office/candidates/:application", route: "/office/candidates/:id", permission: "candidates.view" },
    {
      method: "GET",
      url: "/office/candidates/:application/documents/:document",
      route: "/office/candidates/:id/documents/:documentId",
      permission: "candidates.view",
    },
    {
      method: "POST",
      url: "/office/candidates/:application/sensitive",
      route: "/office/candidates/:id/sensitive",
      permission: "candidates.view",
      form: { reason: "面接前の確認" },
      grant: "mayViewSensitive",
    },
    {
      method: "POST",
      url: "/office/candidates/:application/notes",
      route: "/office/candidates/:id/notes",
      permission: "candidates.note",
      form: { body: "書類の確認を終えました", rating: "3" },
    },
    {
      method: "POST",
      url: "/office/candidates/:application/move",
      route: "/office/candidates/:id/move",
      permission: "candidates.decide",
      form: { to: "screening" },
    },
    { method: "GET", url: "/office/jobs", route: "/office/jobs", permission: "jobs.manage" },
    { method: "POST", url: "/office/jobs", route: "/office/jobs", permission: "jobs.manage", form: { titleJa: "" } },
    { method: "GET", url: "/office/jobs/new", route: "/office/jobs/new", permission: "jobs.manage" },
    { method: "GET", url: "/office/jobs/230107874", route: "/office/jobs/:id", permission: "jobs.manage" },
    { method: "POST", url: "/office/jobs/230107874", route: "/office/jobs/:id", permission: "jobs.manage", form: { revision: "0" } },
    // Moves and copies of a job that does not exist: the permission is checked, nothing is changed.
    { method: "POST", url: "/office/jobs/999999999/publish", route: "/office/jobs/:id/publish", permission: "jobs.manage" },
    { method: "POST", url: "/office/jobs/999999999/close", route: "/office/jobs/:id/close", permission: "jobs.manage" },
    { method: "POST", url: "/office/jobs/999999999/copy", route: "/office/jobs/:id/copy", permission: "jobs.manage" },
    { method: "GET", url: "/office/reports", route: "/office/reports", permission: "reports.view" },
    { method: "GET", url: "/office/reports/230107874", route: "/office/reports/:jobId", permission: "reports.view" },
    { method: "GET", url: "/office/reports/230107874/items", route: "/office/reports/:jobId/items", permission: "reports.view" },
    { method: "GET", url: "/office/reports/230107874/fairness", route: "/office/reports/:jobId/fairness", permission: "reports.view" },
    { method: "GET", url: "/office/reports/230107874/data/funnel.csv", route: "/office/reports/:jobId/data/:file", permission: "reports.view" },
    { method: "GET", url: "/office/pipeline", route: "/office/pipeline", permission: "candidates.view" },
    { method: "GET", url: "/office/pipeline/230107874", route: "/office/pipeline/:jobId", permission: "candidates.view" },
    { method: "GET", url: "/office/pipeline/230107874/export.csv", route: "/office/pipeline/:jobId/export.csv", permission: "candidates.export" },
    { method: "POST", url: "/office/pipeline/230107874/moves/confirm", route: "/office/pipeline/:jobId/moves/confirm", permission: "candidates.decide" },
    { method: "POST", url: "/office/pipeline/230107874/moves", route: "/office/pipeline/:jobId/moves", permission: "candidates.decide" },
    {
      method: "GET",
      url: "/office/pipeline/230107874/moves/00000000-0000-4000-8000-000000000000",
      route: "/office/pipeline/:jobId/moves/:moveId",
      permission: "candidates.decide",
    },
    { method: "GET", url: "/office/candidates/:application/privacy", route: "/office/candidates/:id/privacy", permission: "privacy.manage" },
    {
      method: "POST",
      url: "/office/candidates/:application/privacy/requests",
      route: "/office/candidates/:id/privacy/requests",
      permission: "privacy.manage",
      form: { kind: "disclosure", receivedVia: "letter", receivedOn: "2026-01-05" },
    },
    {
      method: "POST",
      url: "/office/candidates/:application/privacy/requests/00000000-0000-4000-8000-000000000000/complete",
      route: "/office/candidates/:id/privacy/requests/:requestId/complete",
      permission: "privacy.manage",
    },
    {
      method: "GET",
      url: "/office/candidates/:application/privacy/disclosure.json?request=00000000-0000-4000-8000-000000000000",
      route: "/office/candidates/:id/privacy/disclosure.json",
      permission: "privacy.manage",
    },
    {
      method: "GET",
      url: "/office/candidates/:application/privacy/requests/00000000-0000-4000-8000-000000000000/erase",
      route: "/office/candidates/:id/privacy/requests/:requestId/erase",
      permission: "privacy.manage",
    },
    {
      method: "POST",
      url: "/office/candidates/:application/privacy/requests/00000000-0000-4000-8000-000000000000/erase",
      route: "/office/candidates/:id/privacy/requests/:requestId/erase",
      permission: "privacy.manage",
      form: { confirmed: "yes" },
    },
    {
      method: "POST",
      url: "/office/candidates/:application/privacy/hold",
      route: "/office/candidates/:id/privacy/hold",
      permission: "privacy.manage",
      form: { reason: "訴訟対応（事件番号の控え）" },
    },
    {
      method: "POST",
      url: "/office/candidates/:application/privacy/hold/release",
      route: "/office/candidates/:id/privacy/hold/release",
      permission: "privacy.manage",
    },
    {
      method: "GET",
      url: "/office/privacy/requests/00000000-0000-4000-8000-000000000000",
      route: "/office/privacy/requests/:requestId",
      permission: "privacy.manage",
    },
    { method: "GET", url: "/office/retention", route: "/office/retention", permission: "privacy.manage" },
    { method: "POST", url: "/office/retention/dry-run", route: "/office/retention/dry-run", permission: "privacy.manage" },
    { method: "GET", url: "/office/templates", route: "/office/templates", permission: "templates.manage" },
    { method: "POST", url: "/office/templates", route: "/office/templates", permission: "templates.manage", form: { intent: "preview" } },
    { method: "GET", url: "/office/templates/new", route: "/office/templates/new", permission: "templates.manage" },
    { method: "GET", url: "/office/templates/screening", route: "/office/templates/:key", permission: "templates.manage" },
    { method: "POST", url: "/office/templates/screening", route: "/office/templates/:key", permission: "templates.manage", form: { intent: "preview" } },
  ];
  const PUBLIC_ROUTES = [
    "/office/sign-in",
    "/office/sign-in/:id",
    "/office/setup/:token",
    "/office/setup/:token/password",
    "/office/setup/:token/authenticator",
    "/office/setup/:token/recovery",
  ];

  it("covers every console route", () => {
    const registered = registeredRoutes(portal.app).filter((r) => r.path.startsWith("/office"));
    expect(registered.length).toBeGreaterThan(10);
    const covered = new Set([...ROUTES.map((r) => `${r.method} ${r.route}`), ...PUBLIC_ROUTES.flatMap((r) => [`GET ${r}`, `POST ${r}`])]);
    const missing = registered.flatMap((r) => r.methods.map((m) => `${m} ${r.path}`)).filter((r) => !covered.has(r));
    expect(missing.sort()).toEqual([]);
  });

  it("shows an admin every console page in both languages with no raw key, unfilled placeholder or untranslated sentence", async () => {
    const sentences = japaneseSentencesOf(officeMessages);
    const problems: string[] = [];
    let read = 0;
    for (const language of ["ja", "en"] as const) {
      const visitor = portal.visitor({ acceptLanguage: language });
      await signInStaff(portal, visitor, admin);
      for (const r of ROUTES.filter((route) => route.method === "GET")) {
        const url = r.url.replace(":self", admin.id).replace(":application", records.application).replace(":document", records.document);
        const page = await visitor.get(url);
        if (!page.html.startsWith("<!doctype html>")) continue;
        read++;
        problems.push(...pageTextProblems(page, language, sentences, new Set(AUDIT_ACTIONS)).map((p) => `${language} ${url}: ${p}`));
      }
    }
    expect(read).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });

  // A real sign-in per role and route: dozens of password checks, slow on a busy machine.
  it("sends the signed-out to sign in, refuses roles without the permission (403), and serves the rest", async () => {
    const roles = { signedOut: null, reviewer: () => reviewer, recruiter: () => recruiter, admin: () => admin } as const;
    for (const [role, person] of Object.entries(roles)) {
      for (const r of ROUTES) {
        const visitor = portal.visitor();
        if (person) await signInStaff(portal, visitor, person());
        else await visitor.get("/office/sign-in");
        const self = person ? person().id : "00000000-0000-4000-8000-000000000000";
        const url = r.url.replace(":self", self).replace(":application", records.application).replace(":document", records.document);
        const res = r.method === "GET" ? await visitor.get(url) : await visitor.post(url, r.form ?? {});
        const label = `${role} ${r.method} ${url}`;
        if (!person) {
          expect(res.status, label).toBe(303);
          expect(res.location, label).toMatch(/^\/office\/sign-in\?return_to=/);
        } else if (!hasPermission(staffPrincipal(role as StaffRole), r.permission) || r.grant) {
          expect(res.status, label).toBe(403);
          expect(textOf(res.doc, "h1"), label).toBe("このページを表示する権限がありません");
        } else {
          expect(res.status, label).toBeLessThan(500);
          expect(res.status, label).not.toBe(403);
        }
      }
      // Each sign-in moves the clock 31 s: one role's sign-ins take about half an hour, and an hour between
      // roles keeps every hourly window of the per-address sign-in allowance (100) under it for any start time.
      portal.clock.advance(60 * 60_000);
    }
    // A sign-in (argon2) for every route and role: slow on a busy machine, and it grows with the console.
  }, 180_000);

  it("never lets an admin deactivate themselves or lower their own role", async () => {
    const visitor = portal.visitor();
    await signInStaff(portal, visitor, admin);
    expect((await visitor.post(`/office/staff/${admin.id}/deactivate`)).status).toBe(400);
    expect((await visitor.post(`/office/staff/${admin.id}`, { role: "reviewer" })).status).toBe(400);
  });
});

describe("admins manage staff", () => {
  it("invites with a set-up link that is shown and e-mailed, changes roles and jobs, deactivates (ending sessions), and audits each", async () => {
    const admin = await newStaff(portal, { role: "admin" });
    const colleague = await newStaff(portal, { role: "reviewer" });
    const theirs = portal.visitor();
    await signInStaff(portal, theirs, colleague);
    expect((await theirs.get("/office")).status).toBe(200);

    const visitor = portal.visitor();
    await signInStaff(portal, visitor, admin);
    const invited = await visitor.post("/office/staff", { email: "new.person@office.example.jp", name: "新人 太郎", role: "recruiter", jobIds: "230107874" });
    expect(invited.status).toBe(201);
    const link = textOf(invited.doc, "[data-setup-link]");
    expect(link).toMatch(/\/office\/setup\/[A-Za-z0-9_-]{43}$/);
    const mails = await portal.db.execute(sql`SELECT recipient, text_body FROM outbox WHERE template = 'staff.setup'`);
    const mail = (mails as unknown as { rows: { recipient: string; text_body: string }[] }).rows.find((m) => m.recipient === "new.person@office.example.jp");
    expect(mail?.text_body).toContain(link);
    expect((await visitor.post("/office/staff", { email: "NEW.person@office.example.jp", name: "重複", role: "reviewer" })).status).toBe(409);

    const changed = await visitor.post(`/office/staff/${colleague.id}`, { role: "recruiter", jobIds: ["230107874", "not-a-job"], mayViewSensitive: "yes" });
    expect(changed.location).toBe("/office/staff?notice=saved");
    const [after] = await portal.db.select().from(staffMembers).where(eq(staffMembers.id, colleague.id));
    expect([after?.role, after?.mayViewSensitive]).toEqual(["recruiter", true]);

    expect((await visitor.post(`/office/staff/${colleague.id}/deactivate`)).location).toBe("/office/staff?notice=deactivated");
    expect((await theirs.get("/office")).location).toBe("/office/sign-in?return_to=%2Foffice");
    const again = portal.visitor();
    await again.get("/office/sign-in");
    expect((await again.post("/office/sign-in", { email: colleague.email, password: colleague.password })).status).toBe(400);

    const actions = (await listAudit(portal.db, { filter: { staffId: admin.id }, limit: 50 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["staff.signed_in", "staff.invited", "staff.changed", "staff.deactivated"]));
    const [change] = await listAudit(portal.db, { filter: { staffId: admin.id, action: "staff.changed" }, limit: 1 });
    expect(change?.detail).toEqual({
      role: { from: "reviewer", to: "recruiter" },
      jobIds: { from: [], to: ["230107874"] },
      mayViewSensitive: { from: false, to: true },
    });
  });
});

describe("an admin's reset of a member", () => {
  it("ends their sessions, voids their password and codes, and sets them up again from a new link, audited", async () => {
    const admin = await newStaff(portal, { role: "admin" });
    const colleague = await newStaff(portal, { role: "recruiter", jobIds: ["230107874"] });
    const theirs = portal.visitor();
    await signInStaff(portal, theirs, colleague);
    expect((await theirs.get("/office")).status).toBe(200);

    const visitor = portal.visitor();
    await signInStaff(portal, visitor, admin);
    const reset = await visitor.post(`/office/staff/${colleague.id}/reset`);
    expect(reset.status).toBe(200);
    const link = textOf(reset.doc, "[data-setup-link]");
    expect(link).toMatch(/\/office\/setup\/[A-Za-z0-9_-]{43}$/);
    const mails = await portal.db.execute(sql`SELECT recipient, text_body FROM outbox WHERE template = 'staff.setup'`);
    const mail = (mails as unknown as { rows: { recipient: string; text_body: string }[] }).rows.filter((m) => m.recipient === colleague.email);
    expect(mail.map((m) => m.text_body.includes(link))).toEqual([true]);

    expect((await theirs.get("/office")).location).toBe("/office/sign-in?return_to=%2Foffice");
    const again = portal.visitor();
    await again.get("/office/sign-in");
    expect((await again.post("/office/sign-in", { email: colleague.email, password: colleague.password })).status).toBe(400);
    const [stored] = await portal.db.select().from(staffMembers).where(eq(staffMembers.id, colleague.id));
    expect([stored?.status, stored?.passwordHash, stored?.totpSecretSealed, stored?.recoveryCodeHashes]).toEqual(["invited", null, null, []]);

    const setup = await portal.visitor().get(new URL(link).pathname);
    expect(setup.status).toBe(200);
    expect(textOf(setup.doc, "h1")).toBe("手順1：パスワードを決める");
    const [entry] = await listAudit(portal.db, { filter: { staffId: admin.id, action: "staff.reset" }, limit: 1 });
    expect(entry?.recordId).toBe(colleague.id);
  });
});

describe("the audit log", () => {
  it("is append-only: the database refuses to change or delete an entry", async () => {
    const [any] = await portal.db.select().from(auditLog).limit(1);
    const refusal = (error: unknown) => String((error as { cause?: Error }).cause?.message ?? (error as Error).message);
    await expect(portal.db.execute(sql`UPDATE audit_log SET action = 'tampered' WHERE id = ${any!.id}`).catch(refusal)).resolves.toMatch(/append-only: UPDATE/);
    await expect(portal.db.execute(sql`DELETE FROM audit_log WHERE id = ${any!.id}`).catch(refusal)).resolves.toMatch(/append-only: DELETE/);
    const [still] = await portal.db.select().from(auditLog).where(eq(auditLog.id, any!.id));
    expect(still?.action).toBe(any!.action);
  });

  it("is filtered and exported as CSV by admins, and the export itself is audited", async () => {
    const admin = await newStaff(portal, { role: "admin" });
    const visitor = portal.visitor();
    await signInStaff(portal, visitor, admin);
    const page = await visitor.get(`/office/audit?staff=${admin.id}`);
    expect(page.status).toBe(200);
    expect(page.doc.querySelectorAll("table.data tbody tr").length).toBeGreaterThanOrEqual(2);
    const csv = await portal.app.inject({
      method: "GET",
      url: `/office/audit/export.csv?action=staff.signed_in`,
      headers: { cookie: [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.startsWith("\uFEFF")).toBe(true);
    expect(csv.body).toContain("staff.signed_in");
    expect(csv.body).not.toContain("staff.invited");
    expect(await auditActions(admin.id)).toContain("audit.exported");
  });
});
