import { randomUUID } from "node:crypto";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { isUuid } from "../../platform/db/uuid.ts";
import { verifySecret } from "../../platform/security/pin-hashing.ts";
import { openSecret } from "../../platform/security/secret-box.ts";
import { keyedHash, sameSecret } from "../../platform/security/secrets.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { reserveAttempt, settleAttempt } from "../throttles/guarded-attempt.ts";
import { ACCOUNT_POLICY, ADDRESS_POLICY } from "../throttles/throttle-policy.ts";
import { normaliseStaffPassword } from "./credentials/password-policy.ts";
import { matchRecoveryCode } from "./credentials/recovery-codes.ts";
import { verifyTotp } from "./credentials/totp.ts";
import { type StaffMember, staffMembers, staffSignIns } from "./schema.ts";
import { findStaffByEmail, normaliseStaffEmail } from "./staff-directory.ts";

/** Between the password and the second factor: five minutes, five wrong codes. */
export const STAFF_SIGN_IN_TTL_MS = 5 * 60_000;
export const SECOND_FACTOR_MAX_FAILURES = 5;

export type StaffSignInDeps = { db: Db; now: () => Date; secret: string };

/** The throttle keys of an attempt: the account (or, for an unknown address, the address typed) and the client. */
function keysOf(deps: StaffSignInDeps, input: { staff: StaffMember | null; email: string; address: string }) {
  return {
    account: input.staff ? `staff:${input.staff.id}` : `staff-email:${keyedHash(deps.secret, "staff-email", normaliseStaffEmail(input.email))}`,
    client: `staff-address:${keyedHash(deps.secret, "address", input.address)}`,
  };
}

/** HMAC of a client address for the audit log: comparable across entries, not the address. */
export function addressHashOf(secret: string, address: string): string {
  return keyedHash(secret, "address", address);
}

export type PasswordStep = { ok: true; signInId: string } | { ok: false; reason: "wrong" } | { ok: false; reason: "locked"; until: Date };

/**
 * The password step. Each try is counted against the account and the client address before argon2 runs;
 * an unknown address, a deactivated member and a wrong password answer alike and take the same time.
 */
export async function checkStaffPassword(
  deps: StaffSignInDeps,
  input: { email: string; password: string; address: string; browserKey: string },
): Promise<PasswordStep> {
  const now = deps.now();
  const staff = await findStaffByEmail(deps.db, input.email);
  const keys = keysOf(deps, { staff, email: input.email, address: input.address });
  const client = await reserveAttempt(deps.db, { key: keys.client, policy: ADDRESS_POLICY, now });
  if (!client.ok) return { ok: false, reason: "locked", until: client.until };
  const account = await reserveAttempt(deps.db, { key: keys.account, policy: ACCOUNT_POLICY, now });
  if (!account.ok) return { ok: false, reason: "locked", until: account.until };
  const right = await verifySecret(staff?.passwordHash ?? null, normaliseStaffPassword(input.password));
  const succeeded = right && staff?.status === "active" && staff.totpSecretSealed !== null;
  await settleAttempt(deps.db, { reservation: client.reservation, succeeded, now });
  const settled = await settleAttempt(deps.db, { reservation: account.reservation, succeeded, now });
  if (!succeeded || !staff) {
    await recordAudit(deps.db, {
      at: now,
      staffId: staff?.id ?? null,
      action: "staff.sign_in_failed",
      addressHash: addressHashOf(deps.secret, input.address),
      detail: { step: "password" },
    });
    return settled.lockedUntil ? { ok: false, reason: "locked", until: settled.lockedUntil } : { ok: false, reason: "wrong" };
  }
  const id = randomUUID();
  await deps.db.insert(staffSignIns).values({
    id,
    staffId: staff.id,
    bindingHash: keyedHash(deps.secret, "staff-sign-in", input.browserKey),
    createdAt: now,
    expiresAt: new Date(now.getTime() + STAFF_SIGN_IN_TTL_MS),
  });
  return { ok: true, signInId: id };
}

export type SecondFactorStep =
  | { ok: true; staff: StaffMember; method: "authenticator" | "recovery"; recoveryCodesLeft: number }
  | { ok: false; reason: "expired" | "wrong" | "exhausted" | "locked" };

/** The sign-in a URL names, if this browser started it and it is still open. */
export async function findStaffSignIn(deps: StaffSignInDeps, input: { id: string; browserKey: string }) {
  if (!isUuid(input.id)) return null;
  const [row] = await deps.db.select().from(staffSignIns).where(eq(staffSignIns.id, input.id)).limit(1);
  if (!row || row.finishedAt || row.expiresAt.getTime() <= deps.now().getTime()) return null;
  if (row.failedCodes >= SECOND_FACTOR_MAX_FAILURES) return null;
  return sameSecret(row.bindingHash, keyedHash(deps.secret, "staff-sign-in", input.browserKey)) ? row : null;
}

/**
 * The second factor: a code from the authenticator (±1 time step, never a step already used) or one of the
 * recovery codes (each works once). Wrong codes count against the flow (five, then it ends) and against the
 * account, so starting new sign-ins with a known password does not buy more guesses.
 */
export async function checkSecondFactor(
  deps: StaffSignInDeps,
  input: { signInId: string; browserKey: string; code: string; address: string },
): Promise<SecondFactorStep> {
  const now = deps.now();
  const flow = await findStaffSignIn(deps, { id: input.signInId, browserKey: input.browserKey });
  if (!flow) return { ok: false, reason: "expired" };
  const reserved = await reserveAttempt(deps.db, { key: `staff-second-factor:${flow.staffId}`, policy: ACCOUNT_POLICY, now });
  if (!reserved.ok) return { ok: false, reason: "locked" };
  const outcome = await deps.db.transaction(async (tx) => {
    const [staff] = await tx.select().from(staffMembers).where(eq(staffMembers.id, flow.staffId)).for("update");
    if (staff?.status !== "active" || !staff.totpSecretSealed) return null;
    const key = openSecret(deps.secret, "staff-totp", staff.totpSecretSealed);
    const typed = input.code.normalize("NFKC").replace(/[\s-]/g, "");
    if (key && /^\d{6}$/.test(typed)) {
      const check = verifyTotp({ secret: key, code: typed, now, lastUsedStep: staff.totpLastStep });
      if (!check.ok) return null;
      await tx.update(staffMembers).set({ totpLastStep: check.step }).where(eq(staffMembers.id, staff.id));
      return { staff, method: "authenticator" as const, left: staff.recoveryCodeHashes.filter(Boolean).length };
    }
    const index = matchRecoveryCode(input.code, staff.recoveryCodeHashes, deps.secret);
    if (index === null) return null;
    const hashes = staff.recoveryCodeHashes.map((h, i) => (i === index ? null : h));
    await tx.update(staffMembers).set({ recoveryCodeHashes: hashes }).where(eq(staffMembers.id, staff.id));
    return { staff, method: "recovery" as const, left: hashes.filter(Boolean).length };
  });
  await settleAttempt(deps.db, { reservation: reserved.reservation, succeeded: outcome !== null, now });
  if (!outcome) {
    const [counted] = await deps.db
      .update(staffSignIns)
      .set({ failedCodes: sql`${staffSignIns.failedCodes} + 1` })
      .where(eq(staffSignIns.id, flow.id))
      .returning({ failedCodes: staffSignIns.failedCodes });
    await recordAudit(deps.db, {
      at: now,
      staffId: flow.staffId,
      action: "staff.sign_in_failed",
      addressHash: addressHashOf(deps.secret, input.address),
      detail: { step: "second-factor" },
    });
    return { ok: false, reason: (counted?.failedCodes ?? 0) >= SECOND_FACTOR_MAX_FAILURES ? "exhausted" : "wrong" };
  }
  await deps.db
    .update(staffSignIns)
    .set({ finishedAt: now })
    .where(and(eq(staffSignIns.id, flow.id), isNull(staffSignIns.finishedAt)));
  await recordAudit(deps.db, {
    at: now,
    staffId: outcome.staff.id,
    action: "staff.signed_in",
    addressHash: addressHashOf(deps.secret, input.address),
    detail: { method: outcome.method, recoveryCodesLeft: outcome.left },
  });
  return { ok: true, staff: outcome.staff, method: outcome.method, recoveryCodesLeft: outcome.left };
}

/** Deletes staff sign-ins a day past their expiry; run by housekeeping. */
export async function purgeExpiredStaffSignIns(db: Db, now: Date): Promise<number> {
  const purged = await db
    .delete(staffSignIns)
    .where(lt(staffSignIns.expiresAt, new Date(now.getTime() - 24 * 3600 * 1000)))
    .returning({ id: staffSignIns.id });
  return purged.length;
}
