/**
 * When an item page was shown, carried by the page itself instead of written on GET: the page holds
 * `<ms since epoch>.<HMAC>` bound to the attempt and the item, and the first save (or audio play, or
 * transcript) of the item stores that time as its first showing. Opening a page so changes nothing, and a
 * forged time is refused. The time is what the "answered too fast" signal measures from.
 */
import { keyedHash, sameSecret } from "../../platform/security/secrets.ts";

const PURPOSE = "assessment-shown";

/** The signed time of showing an item, for a hidden field of its page. */
export function shownToken(secret: string, input: { attemptId: string; itemId: string; at: Date }): string {
  const ms = String(input.at.getTime());
  return `${ms}.${keyedHash(secret, PURPOSE, `${input.attemptId}\u0000${input.itemId}\u0000${ms}`)}`;
}

/** The time a token says the item was shown, or null when it is missing, forged or for another item; never later than now. */
export function readShownToken(secret: string, input: { attemptId: string; itemId: string; token: unknown; now: Date }): Date | null {
  if (typeof input.token !== "string" || input.token.length > 100) return null;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(input.token);
  if (!match) return null;
  const expected = keyedHash(secret, PURPOSE, `${input.attemptId}\u0000${input.itemId}\u0000${match[1]}`);
  if (!sameSecret(expected, match[2] as string)) return null;
  return new Date(Math.min(Number(match[1]), input.now.getTime()));
}
