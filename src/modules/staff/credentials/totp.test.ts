import { generateSync } from "otplib";
import { describe, expect, it } from "vitest";
import { newTotpSecret, totpCodeAt, totpQrSvg, totpUri, verifyTotp } from "./totp.ts";

// RFC 6238 appendix B: the ASCII key "12345678901234567890", here in base32.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const RFC_SHA1_VECTORS = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
] as const;

const secret = "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD";
const now = new Date("2026-04-01T09:00:10Z");
const step = Math.floor(now.getTime() / 30_000);
const at = (steps: number) => new Date(now.getTime() + steps * 30_000);

describe("TOTP codes", () => {
  it.each(RFC_SHA1_VECTORS)("match RFC 6238's SHA-1 vector at T=%i, the six-digit code being its last six digits", (seconds, eightDigits) => {
    expect(generateSync({ secret: RFC_SECRET, epoch: seconds, digits: 8 })).toBe(eightDigits);
    expect(totpCodeAt(RFC_SECRET, new Date(seconds * 1000))).toBe(eightDigits.slice(-6));
  });

  it("verifies the RFC's code at T=59 and returns its time step", () => {
    expect(verifyTotp({ secret: RFC_SECRET, code: "287082", now: new Date(59_000) })).toEqual({ ok: true, step: 1 });
  });
});

describe("verifyTotp", () => {
  it.each([-1, 0, 1])("accepts a code %i step(s) away from the server's clock", (drift) => {
    expect(verifyTotp({ secret, code: totpCodeAt(secret, at(drift)), now })).toEqual({ ok: true, step: step + drift });
  });

  it.each([-2, 2, -3, 3])("refuses a code %i steps away as wrong", (drift) => {
    expect(verifyTotp({ secret, code: totpCodeAt(secret, at(drift)), now })).toEqual({ ok: false, reason: "wrong" });
  });

  it("refuses a code of another secret as wrong", () => {
    expect(verifyTotp({ secret, code: totpCodeAt(RFC_SECRET, now), now })).toEqual({ ok: false, reason: "wrong" });
  });

  it("refuses the same code again once its step was used", () => {
    const code = totpCodeAt(secret, now);
    const first = verifyTotp({ secret, code, now, lastUsedStep: step - 5 });
    expect(first).toEqual({ ok: true, step });
    expect(verifyTotp({ secret, code, now: at(0.5), lastUsedStep: step })).toEqual({ ok: false, reason: "reused" });
  });

  it("refuses an older code still inside the drift window once a later step was used", () => {
    expect(verifyTotp({ secret, code: totpCodeAt(secret, at(-1)), now, lastUsedStep: step })).toEqual({ ok: false, reason: "reused" });
  });

  it("accepts the next step's code after a used one", () => {
    expect(verifyTotp({ secret, code: totpCodeAt(secret, at(1)), now: at(1), lastUsedStep: step })).toEqual({ ok: true, step: step + 1 });
  });

  it("tells a wrong code from a reused one when a step was used", () => {
    const wrong = String((Number(totpCodeAt(secret, now)) + 1) % 1_000_000).padStart(6, "0");
    expect(verifyTotp({ secret, code: wrong, now, lastUsedStep: step })).toEqual({ ok: false, reason: "wrong" });
  });

  it("reads full-width digits, spaces and hyphens as typed on a Japanese keyboard", () => {
    const code = totpCodeAt(RFC_SECRET, new Date(59_000));
    const fullWidth = [...code].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join("");
    for (const typed of [fullWidth, "287 082", " 287082 ", "287-082", "２８７　０８２", "２８７ー０８２"]) {
      expect(verifyTotp({ secret: RFC_SECRET, code: typed, now: new Date(59_000) })).toEqual({ ok: true, step: 1 });
    }
  });

  it.each(["", "28708", "2870821", "28708a", "二八七〇八二", "287082\u0000"])("refuses anything but six digits as a format error: %j", (code) => {
    expect(verifyTotp({ secret, code, now })).toEqual({ ok: false, reason: "format" });
  });
});

describe("newTotpSecret", () => {
  it("gives 160 random bits in base32", () => {
    const secrets = new Set(Array.from({ length: 20 }, () => newTotpSecret()));
    expect(secrets.size).toBe(20);
    for (const s of secrets) expect(s).toMatch(/^[A-Z2-7]{32}$/);
  });
});

describe("totpUri", () => {
  it("names the issuer and the account, with SHA-1, six digits and 30 seconds", () => {
    const uri = totpUri({ secret, accountEmail: "yamada.hanako@office.example.jp", issuer: "サンプル商事 採用事務局" });
    expect(uri.startsWith("otpauth://totp/")).toBe(true);
    const url = new URL(uri);
    expect(decodeURIComponent(url.pathname)).toBe("/サンプル商事 採用事務局:yamada.hanako@office.example.jp");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ secret, issuer: "サンプル商事 採用事務局" });
    // Absent means the Key URI Format's defaults, which are these.
    expect(url.searchParams.get("algorithm") ?? "SHA1").toBe("SHA1");
    expect(url.searchParams.get("digits") ?? "6").toBe("6");
    expect(url.searchParams.get("period") ?? "30").toBe("30");
  });

  it("keeps colons out of the label, where one would end the issuer early", () => {
    const url = new URL(totpUri({ secret, accountEmail: "ito@office.example.jp", issuer: "Sample：Trading: Office" }));
    expect(decodeURIComponent(url.pathname)).toBe("/Sample Trading Office:ito@office.example.jp");
  });
});

describe("totpQrSvg", () => {
  it("is an image with an accessible name and title, scaled by its viewBox", async () => {
    const svg = await totpQrSvg(totpUri({ secret, accountEmail: "ito@office.example.jp", issuer: "サンプル商事" }), "認証アプリで読み取るQRコード");
    expect(svg).toMatch(
      /^<svg class="totp-qr" role="img" aria-label="認証アプリで読み取るQRコード" xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/,
    );
    expect(svg).toContain("<title>認証アプリで読み取るQRコード</title>");
    expect(svg.endsWith("</svg>")).toBe(true);
  });

  it("holds nothing that runs or loads, and escapes the label", async () => {
    const svg = await totpQrSvg("otpauth://totp/x:y?secret=KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD", `"><script>alert(1)</script>&`);
    expect(svg).not.toMatch(/<script|<foreignObject|\son\w+=|href|url\(|<image|<use/i);
    expect(svg).toContain('aria-label="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;"');
    const dollars = await totpQrSvg("otpauth://totp/x:y?secret=KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD", "$& $1 $`");
    expect(dollars).toContain("<title>$&amp; $1 $`</title>");
    // The secret is drawn, never written out as text in the image.
    expect(svg).not.toContain("KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD");
  });
});
