import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/**
 * Seals a small secret (an authenticator key) for storage with AES-256-GCM under a key derived from the
 * portal's secret: a copy of the table alone does not give anyone a working second factor.
 */
function keyFor(appSecret: string, purpose: string): Buffer {
  return createHmac("sha256", appSecret).update(`secret-box\u0000${purpose}`).digest();
}

/** Encrypts `plain`; the result carries its nonce and tag (`v1.<nonce>.<tag>.<ciphertext>`, base64url). */
export function sealSecret(appSecret: string, purpose: string, plain: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(appSecret, purpose), nonce);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", nonce.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** Decrypts what `sealSecret` made for the same purpose; null when it was altered or sealed under another key. */
export function openSecret(appSecret: string, purpose: string, sealed: string): string | null {
  const [version, nonce, tag, body] = sealed.split(".");
  if (version !== "v1" || !nonce || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(appSecret, purpose), Buffer.from(nonce, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
