import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box.ts";

const SECRET = "a-test-secret-of-at-least-32-characters";

describe("the secret box", () => {
  it("opens what it sealed, and never shows the plain text in the sealed form", () => {
    const sealed = sealSecret(SECRET, "totp", "JBSWY3DPEHPK3PXP");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(openSecret(SECRET, "totp", sealed)).toBe("JBSWY3DPEHPK3PXP");
    expect(sealSecret(SECRET, "totp", "JBSWY3DPEHPK3PXP")).not.toBe(sealed);
  });

  it("refuses an altered box, another purpose and another portal's secret", () => {
    const sealed = sealSecret(SECRET, "totp", "JBSWY3DPEHPK3PXP");
    const parts = sealed.split(".");
    // One character of the ciphertext changed: the next-to-last, whose six bits are all data (the last one's
    // low bits are padding, which decodes to the same bytes).
    const body = parts[3]!;
    const changed = body.at(-2) === "A" ? "B" : "A";
    const altered = [...parts.slice(0, 3), `${body.slice(0, -2)}${changed}${body.slice(-1)}`].join(".");
    expect(altered).not.toBe(sealed);
    expect(openSecret(SECRET, "totp", altered)).toBeNull();
    expect(openSecret(SECRET, "other", sealed)).toBeNull();
    expect(openSecret("another-secret-of-at-least-32-characters!", "totp", sealed)).toBeNull();
    expect(openSecret(SECRET, "totp", "not a box")).toBeNull();
  });
});
