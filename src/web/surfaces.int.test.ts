import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCandidate, signIn, startTestPortal, type TestPortal, textOf } from "../../test/portal.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(async () => {
  await portal?.close();
});

describe("three surfaces, each with its own errors", () => {
  it("answers an unknown candidate page with the candidate pages' 404, in the visitor's language", async () => {
    const ja = await portal.visitor().get("/no-such-page");
    expect(ja.status).toBe(404);
    expect(textOf(ja.doc, "h1")).toBe("ページが見つかりません");
    expect(ja.doc.querySelector('a[href="/jobs"]')).not.toBeNull();
    const en = await portal.visitor({ acceptLanguage: "en" }).get("/no-such-page");
    expect(textOf(en.doc, "h1")).toBe("Page not found");
  });

  it("answers an unknown console page with the console's own 404", async () => {
    const res = await portal.visitor().get("/office/no-such-page");
    expect(res.status).toBe(404);
    expect(String(res.headers["content-type"])).toContain("text/html");
    expect(textOf(res.doc, "h1")).toBe("ページが見つかりません");
    expect(res.doc.querySelector('a[href="/office"]')).not.toBeNull();
    expect(res.html).toContain("採用管理コンソール");
  });

  it("answers the API with application/problem+json, also for a malformed URL", async () => {
    const missing = await portal.app.inject({ method: "GET", url: "/api/v1/no-such-thing" });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toContain("application/problem+json");
    expect(missing.json()).toEqual({ type: "about:blank", title: "Not found", status: 404 });
    const malformed = await portal.app.inject({ method: "GET", url: "/api/v1/%E0%A4%A" });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers["content-type"]).toContain("application/problem+json");
  });

  it("sends the security headers on every surface's error pages, even for a URL that never reached a route", async () => {
    for (const url of ["/jobs/%E0%A4%A", "/office/%E0%A4%A", "/api/v1/%E0%A4%A", "/no-such-page"]) {
      const res = await portal.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(String(res.headers["content-security-policy"]), url).toContain("frame-ancestors 'none'");
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
      expect(res.headers["x-frame-options"], url).toBe("DENY");
    }
  });

  it("never lets a candidate's session cookie count as a console session", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    await signIn(portal, visitor, who);
    const sid = visitor.cookies.get("sid")!;
    visitor.cookies.set("osid", sid);
    const res = await visitor.get("/office/no-such-page");
    // The console found no staff session in the candidate's id and cleared the forged cookie.
    expect(res.status).toBe(404);
    expect(visitor.cookies.has("osid")).toBe(false);
    expect((await visitor.get("/account")).status).toBe(200);
  });
});
