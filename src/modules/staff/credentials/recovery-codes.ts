/**
 * Recovery codes: ten one-time codes a staff member prints or stores when they set up an authenticator
 * app, to sign in once if the phone is lost. Each is used at most once; striking a used code out (setting
 * its stored hash to null, or deleting its row) is the caller's job, in the same transaction as the sign-in.
 */
import { randomInt } from "node:crypto";
import { keyedHash, sameSecret } from "../../../platform/security/secrets.ts";

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32: no i, l, o or u, so nothing reads as 1 or 0 or another letter; 5 bits a character.
export const RECOVERY_CODE_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const GROUPS = 3;
const GROUP_LENGTH = 4;
// 12 characters of 5 bits: 60 bits, out of reach of online guessing behind any sign-in throttle.
const CODE_LENGTH = GROUPS * GROUP_LENGTH;
const PURPOSE = "staff-recovery-code";
/** Hyphen-like characters a Japanese IME may put between the groups. */
const SEPARATORS = /[\s\-‐‑‒–—―−ー－ｰ_.]/g;

/**
 * Ten new codes as shown to the person (`7k2m-q9tx-4hbd`) and, at the same index, the hash to store.
 * The codes are random and long, so a fast keyed hash is enough where a password needs argon2id: without
 * the portal's secret a leaked table cannot be tested at all, and even with it each code is 2^60 guesses.
 */
export function newRecoveryCodes(appSecret: string): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
  return { codes, hashes: codes.map((code) => hashRecoveryCode(appSecret, code.replaceAll("-", ""))) };
}

/**
 * Which stored code a typed one is, or null. Case, spaces, hyphens and full-width input do not matter, and
 * o, i and l are read as 0, 1 and 1. Every stored hash is compared, in constant time, whichever matches.
 * Null entries are codes already used.
 */
export function matchRecoveryCode(typed: string, storedHashes: readonly (string | null)[], appSecret: string): number | null {
  const canonical = canonicalRecoveryCode(typed);
  if (canonical === null) return null;
  const hash = hashRecoveryCode(appSecret, canonical);
  let matched: number | null = null;
  // No early return: the time taken does not tell which position matched.
  for (const [index, stored] of storedHashes.entries()) {
    if (stored !== null && sameSecret(hash, stored) && matched === null) matched = index;
  }
  return matched;
}

function newRecoveryCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = "";
    for (let i = 0; i < GROUP_LENGTH; i++) group += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join("-");
}

/** The twelve characters a code stands for, as hashed; null when the input cannot be a code. */
function canonicalRecoveryCode(typed: string): string | null {
  const compact = typed.toWellFormed().normalize("NFKC").toLowerCase().replace(SEPARATORS, "").replace(/o/g, "0").replace(/[il]/g, "1");
  if (compact.length !== CODE_LENGTH) return null;
  return [...compact].every((c) => RECOVERY_CODE_ALPHABET.includes(c)) ? compact : null;
}

function hashRecoveryCode(appSecret: string, canonical: string): string {
  return keyedHash(appSecret, PURPOSE, canonical);
}
