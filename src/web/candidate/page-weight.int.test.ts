import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCandidate, signIn, startTestPortal, type TestPortal } from "../../../test/portal.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal?.close());

/** What a phone downloads for one page, compressed as it travels: the HTML, its style sheets and its script. */
async function weigh(cookie: string, path: string): Promise<{ html: number; css: number; js: number }> {
  const headers = { "accept-encoding": "br, gzip", cookie };
  const page = await portal.app.inject({ method: "GET", url: path, headers });
  expect(page.statusCode).toBe(200);
  expect(page.headers["content-encoding"]).toBe("br");
  const weight = { html: page.rawPayload.length, css: 0, js: 0 };
  // The links are read from the page as text; the sizes counted are those of the compressed responses.
  const plain = await portal.app.inject({ method: "GET", url: path, headers: { cookie } });
  for (const [, url, kind] of plain.body.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(css|js))"/g)) {
    const asset = await portal.app.inject({ method: "GET", url: url!, headers });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["content-encoding"]).toBe("br");
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    weight[kind as "css" | "js"] += asset.rawPayload.length;
  }
  return weight;
}

describe("page weight on a phone", () => {
  it("keeps HTML+CSS+JS of the job page and a wizard page under 60 KB compressed, JS under 20 KB", async () => {
    const who = await newCandidate(portal.db);
    const visitor = portal.visitor();
    await signIn(portal, visitor, who);
    const start = await visitor.post("/jobs/230107874/apply");
    const id = start.location!.split("/")[2]!;
    await visitor.post(`/applications/${id}/documents`, { intent: "skip", version: "0" });
    const cookie = [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const report: Record<string, { html: number; css: number; js: number; total: number }> = {};
    for (const [name, path] of [
      ["job page", "/jobs/230107874"],
      ["STEP 1 personal details", `/applications/${id}/personal`],
    ] as const) {
      const w = await weigh(cookie, path);
      report[name] = { ...w, total: w.html + w.css + w.js };
      expect(w.html + w.css + w.js, name).toBeLessThan(60 * 1024);
      expect(w.js, name).toBeLessThan(20 * 1024);
    }
    // Printed for the record: bytes as they travel (brotli).
    console.log(`page weight (compressed bytes): ${JSON.stringify(report)}`);
  });

  it("names static files by their content, caches them for a year, and has an icon", async () => {
    const page = await portal.app.inject({ method: "GET", url: "/jobs/230107874" });
    const icon = page.body.match(/<link rel="icon" href="(\/assets\/favicon-[0-9A-Z]+\.svg)"/)?.[1];
    expect(icon).toBeDefined();
    expect(page.body).toMatch(/<link rel="stylesheet" href="\/assets\/site-[0-9A-Z]+\.css"/);
    expect(page.body).toMatch(/<script type="module" src="\/assets\/enhance-[0-9A-Z]+\.js"/);
    const svg = await portal.app.inject({ method: "GET", url: icon! });
    expect(svg.headers["content-type"]).toContain("image/svg+xml");
    expect(svg.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const legacy = await portal.app.inject({ method: "GET", url: "/favicon.ico" });
    expect([legacy.statusCode, legacy.headers.location]).toEqual([301, icon]);
    const gzip = await portal.app.inject({ method: "GET", url: "/jobs/230107874", headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
  });
});
