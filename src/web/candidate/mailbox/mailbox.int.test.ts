import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPortal, type TestPortal } from "../../../../test/portal.ts";

describe("the local mailbox, with no SMTP server set", () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal();
  });
  afterAll(async () => {
    await portal?.close();
  });

  it("opens only from this machine, whatever a client claims", async () => {
    expect((await portal.app.inject({ method: "GET", url: "/dev/mailbox", remoteAddress: "127.0.0.1" })).statusCode).toBe(200);
    expect((await portal.app.inject({ method: "GET", url: "/dev/mailbox", remoteAddress: "::1" })).statusCode).toBe(200);
    const remote = await portal.app.inject({ method: "GET", url: "/dev/mailbox", remoteAddress: "203.0.113.5", headers: { "x-forwarded-for": "127.0.0.1" } });
    expect(remote.statusCode).toBe(404);
    expect(remote.body).not.toContain("ローカルメールボックス</h1>");
    expect((await portal.app.inject({ method: "GET", url: "/dev/mailbox/1", remoteAddress: "198.51.100.7" })).statusCode).toBe(404);
  });

  it("says on every page, candidate and console alike, that mail is not being sent", async () => {
    for (const url of ["/jobs", "/login", "/office/sign-in"]) {
      const page = await portal.visitor().get(url);
      expect(page.doc.querySelector(".mail-banner")?.textContent, url).toMatch(/メールとSMSを実際には送信していません/);
    }
  });
});

describe("the local mailbox behind a proxy on this machine", () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal({ env: { TRUST_PROXY: "127.0.0.1" } });
  });
  afterAll(async () => {
    await portal?.close();
  });

  it("answers only when the proxy forwards for this machine too, not for the clients it serves", async () => {
    const forwarded = (client: string) =>
      portal.app.inject({ method: "GET", url: "/dev/mailbox", remoteAddress: "127.0.0.1", headers: { "x-forwarded-for": client } });
    expect((await forwarded("203.0.113.5")).statusCode).toBe(404);
    expect((await forwarded("192.168.1.20")).statusCode).toBe(404);
    expect((await forwarded("127.0.0.1")).statusCode).toBe(200);
    expect((await portal.app.inject({ method: "GET", url: "/dev/mailbox", remoteAddress: "127.0.0.1" })).statusCode).toBe(200);
  });
});

describe("with an SMTP server set", () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal({ smtpUrl: "smtp://127.0.0.1:9" });
  });
  afterAll(async () => {
    await portal?.close();
  });

  it("has no mailbox at all, and no banner", async () => {
    expect((await portal.app.inject({ method: "GET", url: "/dev/mailbox", remoteAddress: "127.0.0.1" })).statusCode).toBe(404);
    const page = await portal.visitor().get("/jobs");
    expect(page.doc.querySelector(".mail-banner")).toBeNull();
    expect(page.doc.querySelector('a[href="/dev/mailbox"]')).toBeNull();
  });
});
