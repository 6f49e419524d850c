import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPortal, type TestPortal } from "../../../test/portal.ts";
import { PIN_RESETS, SIGN_IN_STARTS } from "../../web/rate-limits.ts";
import { MAX_FORM_FIELDS } from "./form-body.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(async () => {
  await portal?.close();
});

function form(fields: number): string {
  return Array.from({ length: fields }, (_v, i) => `f${i}=x`).join("&");
}

describe("form bodies", () => {
  it("refuses a form with more fields than any of ours before parsing it, and takes an ordinary one", async () => {
    const visitor = portal.visitor();
    await visitor.get("/login");
    const cookie = [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const send = (payload: string) =>
      portal.app.inject({
        method: "POST",
        url: "/login",
        remoteAddress: "198.51.100.99",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        payload,
      });
    expect((await send(`_csrf=${visitor.csrf}&identifier=someone%40example.jp`)).statusCode).toBe(303);
    expect((await send(`_csrf=${visitor.csrf}&${form(MAX_FORM_FIELDS)}`)).statusCode).toBe(413);
    const flood = await send(form(40_000));
    expect(flood.statusCode).toBe(413);
    expect(flood.body).toContain("送信内容が大きすぎます");
  });
});

describe("starting sign-ins from one address", () => {
  it("stops one address after its hourly allowance, with Retry-After, and leaves other addresses alone", async () => {
    const flood = portal.visitor();
    await flood.get("/login");
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_STARTS.limit; i++) statuses.push((await flood.post("/login", { identifier: `probe.${i}@example.jp` })).status);
    expect(statuses.slice(0, SIGN_IN_STARTS.limit).every((s) => s === 303)).toBe(true);
    const refused = await flood.post("/login", { identifier: "one.more@example.jp" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.doc.querySelector("h1")?.textContent).toBe("しばらくしてからもう一度お試しください");

    const elsewhere = portal.visitor();
    await elsewhere.get("/login");
    const cookie = [...elsewhere.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const other = await portal.app.inject({
      method: "POST",
      url: "/login",
      remoteAddress: "198.51.100.20",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: `_csrf=${elsewhere.csrf}&identifier=neighbour%40example.jp`,
    });
    expect(other.statusCode).toBe(303);

    portal.clock.advance(3600 * 1000);
    expect((await flood.post("/login", { identifier: "next.hour@example.jp" })).status).toBe(303);
  });
});

describe("an address's limits without TRUST_PROXY", () => {
  it("count the connection's own address, whatever X-Forwarded-For each request claims", async () => {
    const flood = portal.visitor();
    await flood.get("/pin-reset");
    const statuses: number[] = [];
    for (let i = 0; i <= PIN_RESETS.limit; i++) {
      const claimed = { "x-forwarded-for": `203.0.${Math.floor(i / 250)}.${(i % 250) + 1}` };
      statuses.push((await flood.request("POST", "/pin-reset", { _csrf: flood.csrf!, identifier: `spoof.${i}@example.jp` }, claimed)).status);
    }
    expect(statuses.slice(0, PIN_RESETS.limit).every((s) => s === 303)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
