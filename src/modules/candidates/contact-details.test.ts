import { describe, expect, it } from "vitest";
import { maskDestination, normaliseEmail, parseIdentifier, toE164 } from "./contact-details.ts";

describe("contact details", () => {
  it.each([
    ["09012345678", "+819012345678"],
    ["090-1234-5678", "+819012345678"],
    ["０９０－１２３４－５６７８", "+819012345678"],
    ["090 1234 5678", "+819012345678"],
    ["+81 90 1234 5678", "+819012345678"],
    ["0312345678", "+81312345678"],
  ])("reads the Japanese phone number %j as %s", (raw, e164) => expect(toE164(raw, "JP")).toBe(e164));

  it.each(["123", "abcdefghij", "090123456789012345", ""])("refuses %j as a phone number", (raw) => expect(toE164(raw, "JP")).toBeNull());

  it("compares e-mail without case and with full-width letters folded", () => {
    expect(normaliseEmail(" Hanako@Example.JP ")).toBe("hanako@example.jp");
    expect(normaliseEmail("ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ")).toBe("hanako@example.jp");
  });

  it("tells an e-mail identifier from a mobile number", () => {
    expect(parseIdentifier("Hanako@example.jp")).toEqual({ kind: "email", value: "hanako@example.jp" });
    expect(parseIdentifier("090-1234-5678")).toEqual({ kind: "phone", value: "+819012345678" });
    expect(parseIdentifier("not an address")).toBeNull();
  });

  it("masks destinations", () => {
    expect(maskDestination("email", "hanako@example.jp")).toBe("h***@example.jp");
    expect(maskDestination("sms", "+819012345678")).toBe("+81 ****5678");
  });
});
