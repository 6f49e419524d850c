/**
 * Authenticator-app codes for staff sign-in (TOTP, RFC 6238): SHA-1, six digits, 30-second steps, the
 * settings every authenticator app reads from a QR code without asking.
 */
import { generateSecret, generateSync, generateURI, verifySync } from "otplib";
import QRCode from "qrcode";

const PERIOD_SECONDS = 30;
const DIGITS = 6;
// 20 bytes is RFC 4226's recommended 160 bits, 32 base32 characters.
const SECRET_BYTES = 20;
// One step either side: a phone clock a little fast or slow, or a code typed as it turned over.
const DRIFT_SECONDS = PERIOD_SECONDS;

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "wrong" | "reused" | "format" };

/** A new 160-bit shared secret, base32 as authenticator apps expect; store it encrypted or keyed, never show it twice. */
export function newTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

/**
 * The `otpauth://totp/` address an authenticator app reads from the QR code. A colon would end the issuer
 * early in the label, so colons in the issuer or address become spaces.
 */
export function totpUri(input: { secret: string; accountEmail: string; issuer: string }): string {
  return generateURI({
    issuer: withoutColons(input.issuer),
    label: withoutColons(input.accountEmail),
    secret: input.secret,
    algorithm: "sha1",
    digits: DIGITS,
    period: PERIOD_SECONDS,
  });
}

/**
 * The QR code of an `otpauth://` address as an SVG to inline in a page, announced as an image with `label`
 * (a catalogue message such as 「認証アプリで読み取るQRコード」). It is drawn black on white whatever the
 * page's colours, since scanners need that; the page should show the secret as text beside it too.
 */
export async function totpQrSvg(uri: string, label: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
  const text = escapeXml(label);
  // The library writes one fixed <svg ...> opening tag of paths only; the label is the only text added.
  // Replacer functions, so a `$&` in a label is text and not a replacement pattern.
  return svg
    .trim()
    .replace(/^<svg /, () => `<svg class="totp-qr" role="img" aria-label="${text}" `)
    .replace(/^<svg[^>]*>/, (opening) => `${opening}<title>${text}</title>`);
}

/**
 * Checks a typed code against the secret at `now`, one step of drift either way. A code from a step at or
 * before `lastUsedStep` is refused as reused even when it is right, so a code seen over a shoulder or in a
 * log cannot sign in again; on success store the returned `step` as the new `lastUsedStep`.
 */
export function verifyTotp(input: { secret: string; code: string; now: Date; lastUsedStep?: number | null }): TotpCheck {
  const code = normaliseTypedCode(input.code);
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: "format" };
  const options = { secret: input.secret, token: code, epoch: epochSeconds(input.now), epochTolerance: DRIFT_SECONDS };
  const lastUsedStep = input.lastUsedStep ?? null;
  const fresh = verifySync(lastUsedStep === null ? options : { ...options, afterTimeStep: lastUsedStep });
  // The functional API types results for counter codes too; a time-based result always carries its step.
  if (fresh.valid && "timeStep" in fresh) return { ok: true, step: fresh.timeStep };
  // Asked again without the replay bound only to tell a reused code from a wrong one.
  if (lastUsedStep !== null && verifySync(options).valid) return { ok: false, reason: "reused" };
  return { ok: false, reason: "wrong" };
}

/** The code an authenticator app shows at `date`; for tests and the browser journey, which hold the secret. */
export function totpCodeAt(secret: string, date: Date): string {
  return generateSync({ secret, epoch: epochSeconds(date) });
}

/** NFKC (full-width digits from a Japanese IME to ASCII), then the spaces and hyphens people type between groups dropped. */
function normaliseTypedCode(code: string): string {
  return code
    .toWellFormed()
    .normalize("NFKC")
    .replace(/[\s\-‐‑‒–—―−ー]/g, "");
}

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function withoutColons(text: string): string {
  return text.normalize("NFKC").replace(/:/g, " ").replace(/\s+/g, " ").trim();
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
