import { describe, expect, it } from "vitest";
import { matchRecoveryCode, newRecoveryCodes, RECOVERY_CODE_ALPHABET, RECOVERY_CODE_COUNT } from "./recovery-codes.ts";

const appSecret = "an-invented-portal-secret-for-tests-only-0123456789";

describe("newRecoveryCodes", () => {
  it("gives ten distinct codes in three groups of four, each with its hash at the same index", () => {
    const { codes, hashes } = newRecoveryCodes(appSecret);
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(hashes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const [i, code] of codes.entries()) {
      expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/);
      expect(matchRecoveryCode(code, hashes, appSecret)).toBe(i);
    }
  });

  it("draws from 32 characters with no i, l, o or u: 60 bits a code", () => {
    expect(new Set(RECOVERY_CODE_ALPHABET).size).toBe(32);
    expect(RECOVERY_CODE_ALPHABET).not.toMatch(/[ilou]/);
    expect(Math.log2(RECOVERY_CODE_ALPHABET.length) * 12).toBeGreaterThanOrEqual(60);
  });

  it("uses every character of the alphabet", () => {
    const seen = new Set(
      Array.from({ length: 50 }, () => newRecoveryCodes(appSecret).codes.join(""))
        .join("")
        .replaceAll("-", ""),
    );
    expect(seen).toEqual(new Set(RECOVERY_CODE_ALPHABET));
  });

  it("never stores a code itself", () => {
    const { codes, hashes } = newRecoveryCodes(appSecret);
    for (const code of codes) for (const hash of hashes) expect(hash).not.toContain(code.replaceAll("-", ""));
  });
});

describe("matchRecoveryCode", () => {
  const { codes, hashes } = newRecoveryCodes(appSecret);
  const code = codes[3] ?? "";
  const compact = code.replaceAll("-", "");
  const fullWidth = (s: string) => [...s].map((c) => (c === "-" ? "－" : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join("");

  it.each([
    ["upper case", code.toUpperCase()],
    ["no hyphens", compact],
    ["spaces", `${compact.slice(0, 4)} ${compact.slice(4, 8)} ${compact.slice(8)}`],
    ["spaces around", `  ${code}\t`],
    ["full-width", fullWidth(code)],
    ["full-width upper case", fullWidth(code.toUpperCase())],
    ["ideographic spaces and long marks", `${compact.slice(0, 4)}ー${compact.slice(4, 8)}\u3000${compact.slice(8)}`],
  ])("reads a code typed with %s", (_, typed) => {
    expect(matchRecoveryCode(typed, hashes, appSecret)).toBe(3);
  });

  it("reads o as 0 and i or l as 1, as Crockford's base32 does", () => {
    // Draw until some code holds both a 0 and a 1 (one set in ten or so does), so the check is never vacuous.
    let set = newRecoveryCodes(appSecret);
    while (!set.codes.some((c) => c.includes("0") && c.includes("1"))) set = newRecoveryCodes(appSecret);
    const index = set.codes.findIndex((c) => c.includes("0") && c.includes("1"));
    const original = set.codes[index] ?? "";
    for (const typed of [original.replace(/0/g, "O").replace(/1/g, "l"), original.replace(/0/g, "o").replace(/1/g, "I"), original.replace(/1/g, "i")]) {
      expect(matchRecoveryCode(typed, set.hashes, appSecret)).toBe(index);
    }
  });

  it("does not match a wrong, short, long or foreign code", () => {
    const wrong = code.slice(0, -1) + (code.endsWith("a") ? "b" : "a");
    for (const typed of [wrong, code.slice(0, -1), `${code}a`, "", "uuuu-uuuu-uuuu", "コード-コード-コード", `${code}\u0000`]) {
      expect(matchRecoveryCode(typed, hashes, appSecret)).toBeNull();
    }
  });

  it("skips codes already used", () => {
    const used = hashes.map((h, i) => (i === 3 ? null : h));
    expect(matchRecoveryCode(code, used, appSecret)).toBeNull();
    expect(matchRecoveryCode(codes[4] ?? "", used, appSecret)).toBe(4);
  });

  it("does not match under another portal's secret", () => {
    expect(matchRecoveryCode(code, hashes, `${appSecret}-other`)).toBeNull();
  });
});
