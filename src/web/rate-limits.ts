import type { RateLimit } from "../platform/http/rate-window.ts";

const HOUR = 3600 * 1000;

/*
 * Per client address. Many candidates can share one address (an office, a mobile carrier's NAT), so these
 * stop floods — one client used to be able to open some 83 000 sign-in flows an hour — and leave a crowd
 * of honest users plenty of room.
 */

/** Starting a sign-in (e-mail or phone typed on ログイン). */
export const SIGN_IN_STARTS: RateLimit = { name: "sign-in", limit: 300, windowMs: HOUR };
/** Creating an account (which also says whether an address is taken). */
export const REGISTRATIONS: RateLimit = { name: "register", limit: 100, windowMs: HOUR };
/** Starting a PIN reset (which sends an e-mail). */
export const PIN_RESETS: RateLimit = { name: "pin-reset", limit: 100, windowMs: HOUR };
/** Staff sign-in attempts, beyond the per-account and per-address lockout. */
export const STAFF_SIGN_INS: RateLimit = { name: "staff-sign-in", limit: 100, windowMs: HOUR };
