import { brotliDecompressSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCandidate, signIn, startTestPortal, type TestPortal, textOf } from "../../../../test/portal.ts";
import { newStaff } from "../../../../test/staff.ts";
import { changeJob } from "../../../modules/jobs/change-job.ts";
import { closeJob, publishJob } from "../../../modules/jobs/change-job-status.ts";
import { draftOfJob } from "../../../modules/jobs/copy-job.ts";
import { findJob } from "../../../modules/jobs/job-repo.ts";
import { jobs } from "../../../modules/jobs/schema.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal?.close());

const TITLE = "【在宅】お客様対応スタッフ（購入関連・サービス全般サポートチーム）- フルタイム勤務(6:00-23:00)";

describe("job list and job page", () => {
  it("lists the seed's open job", async () => {
    const page = await portal.visitor().get("/jobs");
    expect(page.status).toBe(200);
    expect(textOf(page.doc, "h1")).toBe("求人一覧");
    expect(page.doc.querySelector('a[href="/jobs/230107874"]')?.textContent).toBe(TITLE);
  });

  it("shows the job with 求人ID, remote location, hours, type and 応募する", async () => {
    const page = await portal.visitor().get("/jobs/230107874");
    expect(textOf(page.doc, "h1")).toBe(TITLE);
    expect(page.html).toContain("求人ID: 230107874");
    expect(page.html).toContain("日本（在宅勤務）");
    expect(page.html).toContain("6:00〜23:00");
    expect(page.html).toContain("フルタイム");
    expect(page.doc.querySelectorAll('a[href="/jobs/230107874/apply"]').map((a) => a.textContent.trim())).toContain("応募する");
  });

  it("describes the job in English for an English visitor", async () => {
    const page = await portal.visitor({ acceptLanguage: "en-US,en;q=0.9" }).get("/jobs/230107874");
    expect(page.doc.querySelector("html")?.getAttribute("lang")).toBe("en");
    expect(textOf(page.doc, "h1")).toContain("Customer Service Associate");
    expect(page.html).toContain("Japan (work from home)");
  });

  it("carries JobPosting JSON-LD with Google's required and recommended fields", async () => {
    const page = await portal.visitor().get("/jobs/230107874");
    const script = page.doc.querySelector('script[type="application/ld+json"]');
    const ld = JSON.parse(script!.textContent) as Record<string, unknown>;
    expect(ld["@type"]).toBe("JobPosting");
    expect(ld.title).toBe(TITLE);
    expect(String(ld.description)).toContain("<p>");
    expect(ld.identifier).toEqual({ "@type": "PropertyValue", name: "サンプル商事", value: "230107874" });
    expect(ld.employmentType).toBe("FULL_TIME");
    expect(ld.jobLocationType).toBe("TELECOMMUTE");
    expect(ld.applicantLocationRequirements).toEqual({ "@type": "Country", name: "Japan" });
    expect(Date.parse(String(ld.datePosted))).toBeLessThan(Date.parse(String(ld.validThrough)));
    expect((ld.hiringOrganization as { name: string }).name).toBe("サンプル商事");
    expect((ld.baseSalary as { currency: string }).currency).toBe("JPY");
  });

  it("answers 404 in the visitor's language for an unknown job", async () => {
    const ja = await portal.visitor().get("/jobs/999999999");
    expect(ja.status).toBe(404);
    expect(textOf(ja.doc, "h1")).toBe("ページが見つかりません");
    const en = await portal.visitor({ acceptLanguage: "en" }).get("/no/such/page");
    expect(en.status).toBe(404);
    expect(textOf(en.doc, "h1")).toBe("Page not found");
  });

  it("says a closed job is closed, offers no 応募する and no JSON-LD", async () => {
    await portal.db.insert(jobs).values({
      id: "230100001",
      title: { ja: "終了した求人", en: "Closed job" },
      team: { ja: "チーム", en: "Team" },
      summary: { ja: "概要", en: "Summary" },
      description: { ja: ["説明"], en: ["Description"] },
      hours: { ja: "9:00-18:00", en: "9:00-18:00" },
      employmentType: "PART_TIME",
      remote: "onsite",
      countryCode: "JP",
      status: "closed",
      datePosted: new Date("2026-01-01"),
      validThrough: new Date("2027-01-01"),
    });
    const page = await portal.visitor().get("/jobs/230100001");
    expect(page.status).toBe(200);
    expect(page.html).toContain("この求人の募集は終了しました");
    expect(page.doc.querySelector('a[href="/jobs/230100001/apply"]')).toBeNull();
    expect(page.doc.querySelector('script[type="application/ld+json"]')).toBeNull();
    expect((await portal.visitor().get("/jobs")).html).not.toContain("終了した求人");
    await portal.db.delete(jobs).where(eq(jobs.id, "230100001"));
  });
});

describe("the page everyone not signed in sees", () => {
  const JOB = "230107874";
  const anonymous = (url: string, headers: Record<string, string> = {}) => portal.app.inject({ method: "GET", url, headers });

  it("is sent compressed with an ETag, asks for no cookie and carries no form token; 304 when the browser has it", async () => {
    for (const url of [`/jobs/${JOB}`, "/jobs"]) {
      const first = await anonymous(url, { "accept-encoding": "gzip, br" });
      expect(first.statusCode).toBe(200);
      expect(first.headers["content-encoding"]).toBe("br");
      expect(first.headers["set-cookie"]).toBeUndefined();
      const html = brotliDecompressSync(first.rawPayload).toString();
      expect(html).toContain('<form method="post" action="/language"');
      expect(html).not.toContain("_csrf");
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers["cache-control"]).toBe("private, no-cache");
      const plain = await anonymous(url);
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.body).toBe(html);
      const again = await anonymous(url, { "if-none-match": etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe("");
    }
  });

  it("is in the visitor's language, chosen or asked for, and each language is kept apart", async () => {
    for (let round = 0; round < 2; round++) {
      const en = await anonymous(`/jobs/${JOB}`, { "accept-language": "en" });
      const ja = await anonymous(`/jobs/${JOB}`, { "accept-language": "en", cookie: "lang=ja" });
      expect(en.body).toContain('<html lang="en"');
      expect(en.body).toContain("Customer Service Associate");
      expect(ja.body).toContain('<html lang="ja"');
      expect(ja.body).toContain(TITLE);
      expect(en.headers.etag).not.toBe(ja.headers.etag);
      expect((await anonymous("/jobs", { "accept-language": "en" })).body).toContain("Customer Service Associate");
    }
  });

  it("shows the office's edit, closing and reopening on the very next view, with a new ETag", async () => {
    const staff = await newStaff(portal, { role: "admin" });
    const before = await anonymous(`/jobs/${JOB}`);
    await anonymous("/jobs");
    const job = (await findJob(portal.db, JOB))!;
    const draft = draftOfJob(job);
    const edited = await changeJob(portal.db, {
      jobId: JOB,
      revision: job.revision,
      draft: { ...draft, title: { ...draft.title, ja: "【在宅】改訂したお客様対応スタッフ" } },
      by: staff.id,
      now: portal.clock.now(),
    });
    expect(edited.ok).toBe(true);
    const after = await anonymous(`/jobs/${JOB}`, { "if-none-match": String(before.headers.etag) });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain("【在宅】改訂したお客様対応スタッフ");
    expect((await anonymous("/jobs")).body).toContain("【在宅】改訂したお客様対応スタッフ");

    expect((await closeJob(portal.db, { jobId: JOB, by: staff.id, now: portal.clock.now() })).ok).toBe(true);
    expect((await anonymous(`/jobs/${JOB}`)).body).toContain("この求人の募集は終了しました");
    expect((await anonymous("/jobs")).body).not.toContain(`/jobs/${JOB}"`);
    expect((await publishJob(portal.db, { jobId: JOB, by: staff.id, now: portal.clock.now() })).ok).toBe(true);
    expect((await anonymous(`/jobs/${JOB}`)).body).not.toContain("この求人の募集は終了しました");
    expect((await anonymous("/jobs")).body).toContain(`/jobs/${JOB}"`);

    const restored = (await findJob(portal.db, JOB))!;
    await changeJob(portal.db, { jobId: JOB, revision: restored.revision, draft, by: staff.id, now: portal.clock.now() });
    expect((await anonymous(`/jobs/${JOB}`)).body).toContain(TITLE);
  });

  it("is made for a signed-in candidate on each request, with their own header", async () => {
    const visitor = portal.visitor();
    await signIn(portal, visitor, await newCandidate(portal.db));
    const page = await visitor.get(`/jobs/${JOB}`);
    expect(page.headers.etag).toBeUndefined();
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.doc.querySelector('form[action="/logout"] input[name="_csrf"]')).not.toBeNull();
  });
});

describe("language switch", () => {
  it("keeps the chosen language and returns to the same page", async () => {
    const visitor = portal.visitor();
    await visitor.get("/jobs/230107874");
    const res = await visitor.post("/language", { locale: "en", back: "/jobs/230107874" });
    expect(res.location).toBe("/jobs/230107874");
    const page = await visitor.get("/jobs/230107874");
    expect(page.doc.querySelector("html")?.getAttribute("lang")).toBe("en");
    expect((await visitor.post("/language", { locale: "ja", back: "https://evil.example" })).location).toBe("/jobs");
  });
});

describe("security headers", () => {
  it("sends a strict CSP with no inline script, nosniff and frame-ancestors none", async () => {
    const res = await portal.visitor().get("/jobs");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.html).not.toMatch(/<script(?![^>]*(src=|application\/ld\+json))/);
  });
});
