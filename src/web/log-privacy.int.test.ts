import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastCodeSentTo, startTestPortal, type TestPortal } from "../../test/portal.ts";

/**
 * What the log holds after a candidate's ordinary journey and a failing query: no name, e-mail address,
 * phone number, PIN, code, cookie, postal code or form body, at any level.
 */

const logLines: string[] = [];
let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal({ logLines });
});
afterAll(async () => {
  await portal?.close();
});

const PERSON = {
  givenName: "澪",
  familyName: "東雲",
  givenNameLatin: "Mio",
  familyNameLatin: "Shinonome",
  email: "mio.shinonome.logcheck@example.jp",
  phone: "090-7654-3210",
  pin: "739264",
};

/**
 * What the log's lines hold: every text (keys and values, at any depth) and every number. A number is kept
 * whole, as it is compared as a number: the digits of a duration such as 8.908521000001201 are no postal code.
 */
function logged(lines: readonly string[]): { texts: string[]; numbers: number[] } {
  const texts: string[] = [];
  const numbers: number[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === "string") texts.push(value);
    else if (typeof value === "number") numbers.push(value);
    else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        texts.push(key);
        walk(inner);
      }
    }
  };
  for (const line of lines) {
    try {
      walk(JSON.parse(line));
    } catch {
      texts.push(line);
    }
  }
  return { texts, numbers };
}

describe("the log", () => {
  it("never holds personal data, secrets, cookies or form bodies, on ordinary and failing requests", async () => {
    const visitor = portal.visitor();
    await visitor.get("/register");
    const registered = await visitor.post("/register", {
      ...PERSON,
      emailConfirm: PERSON.email,
      phoneCountry: "JP",
      phoneConfirmCountry: "JP",
      phoneConfirm: PERSON.phone,
      timeZone: "Asia/Tokyo",
      pinConfirm: PERSON.pin,
      contactConsent: "yes",
    });
    expect(registered.status).toBe(303);
    const pinStep = registered.location!;
    expect((await visitor.post(pinStep, { pin: "000111" })).status).toBe(400);
    const flow = pinStep.replace(/\/pin\?.*$/, "");
    await visitor.post(`${flow}/pin`, { pin: PERSON.pin });
    await visitor.post(`${flow}/send`, { channel: "email" });
    const code = await lastCodeSentTo(portal.db, PERSON.email);
    await visitor.post(`${flow}/code`, { code: code === "000000" ? "111111" : "000000" });
    expect((await visitor.post(`${flow}/code`, { code })).status).toBe(303);
    await visitor.get("/api/postal-codes/1000001");
    await visitor.get("/login?return_to=/account?secret=value");

    // A query that fails with the e-mail address among its parameters.
    await portal.db.execute(sql`ALTER TABLE candidates RENAME TO candidates_away`);
    try {
      const failed = await portal.visitor().post("/login", { identifier: PERSON.email });
      expect(failed.status).toBe(500);
    } finally {
      await portal.db.execute(sql`ALTER TABLE candidates_away RENAME TO candidates`);
    }

    const log = logLines.join("");
    // One line for each of the ten requests above, written when it was answered.
    expect(logLines.filter((line) => line.includes('"msg":"request completed"')).length).toBeGreaterThanOrEqual(10);
    expect(log).toMatch(/"level":50/);
    const cookies = [...visitor.cookies.values()];
    const forbidden = [
      PERSON.email,
      PERSON.email.split("@")[0]!,
      "7654-3210",
      "76543210",
      "819076543210",
      PERSON.givenName,
      PERSON.familyName,
      PERSON.givenNameLatin,
      PERSON.familyNameLatin,
      PERSON.pin,
      code,
      "1000001",
      "100-0001",
      "secret=value",
      ...cookies,
    ];
    const { texts, numbers } = logged(logLines);
    // Each line was read as JSON (a line that was not is kept whole among the texts).
    expect(texts).toContain("request completed");
    for (const value of forbidden) {
      expect(
        texts.find((text) => text.includes(value)),
        `the log holds ${value}`,
      ).toBeUndefined();
      if (/^\d+$/.test(value)) expect(numbers, `the log holds ${value} as a number`).not.toContain(Number(value));
    }
  });
});
