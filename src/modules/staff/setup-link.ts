import { and, eq, isNull, lt } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { hashSecret } from "../../platform/security/pin-hashing.ts";
import { openSecret, sealSecret } from "../../platform/security/secret-box.ts";
import { keyedHash, randomToken } from "../../platform/security/secrets.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { judgeStaffPassword, normaliseStaffPassword, type StaffPasswordJudgement } from "./credentials/password-policy.ts";
import { newRecoveryCodes } from "./credentials/recovery-codes.ts";
import { newTotpSecret, verifyTotp } from "./credentials/totp.ts";
import { type StaffMember, staffMembers, staffSetupLinks } from "./schema.ts";

/** A set-up link works for 24 hours, once. */
export const SETUP_LINK_TTL_MS = 24 * 3600 * 1000;

type SetupLink = typeof staffSetupLinks.$inferSelect;

function hashToken(secret: string, token: string): string {
  return keyedHash(secret, "staff-setup", token);
}

/** Issues a new set-up link for a member (earlier unused links stop working); returns the token once. */
export async function issueSetupLink(tx: Db, input: { staffId: string; now: Date; secret: string }): Promise<string> {
  await tx
    .update(staffSetupLinks)
    .set({ usedAt: input.now })
    .where(and(eq(staffSetupLinks.staffId, input.staffId), isNull(staffSetupLinks.usedAt)));
  const token = randomToken(32);
  await tx.insert(staffSetupLinks).values({
    tokenHash: hashToken(input.secret, token),
    staffId: input.staffId,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + SETUP_LINK_TTL_MS),
  });
  return token;
}

export type OpenSetup = { link: SetupLink; staff: StaffMember };

/** The link behind a token, with its member, while it is unused and unexpired. */
export async function openSetupLink(db: Db, input: { token: string; now: Date; secret: string }): Promise<OpenSetup | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(input.token)) return null;
  const [row] = await db
    .select({ link: staffSetupLinks, staff: staffMembers })
    .from(staffSetupLinks)
    .innerJoin(staffMembers, eq(staffMembers.id, staffSetupLinks.staffId))
    .where(eq(staffSetupLinks.tokenHash, hashToken(input.secret, input.token)))
    .limit(1);
  if (!row || row.link.usedAt || row.link.expiresAt.getTime() <= input.now.getTime() || row.staff.status === "deactivated") return null;
  return row;
}

/**
 * Step 1: a password judged by zxcvbn-ts with the Japanese and common-password dictionaries. A strong one
 * is stored (argon2id) and the authenticator step begins with a fresh key, sealed in the link.
 */
export async function chooseStaffPassword(db: Db, input: { setup: OpenSetup; password: string; secret: string; now: Date }): Promise<StaffPasswordJudgement> {
  const judgement = judgeStaffPassword(input.password, { email: input.setup.staff.email, name: input.setup.staff.name });
  if (!judgement.ok) return judgement;
  const passwordHash = await hashSecret(normaliseStaffPassword(input.password));
  await db.transaction(async (tx) => {
    await tx.update(staffMembers).set({ passwordHash, updatedAt: input.now }).where(eq(staffMembers.id, input.setup.staff.id));
    await tx
      .update(staffSetupLinks)
      .set({ step: "authenticator", pendingTotpSealed: sealSecret(input.secret, "staff-totp", newTotpSecret()) })
      .where(eq(staffSetupLinks.tokenHash, input.setup.link.tokenHash));
  });
  return { ok: true };
}

/** The authenticator key being enrolled, for its QR code and otpauth:// text. */
export function pendingAuthenticatorKey(setup: OpenSetup, secret: string): string | null {
  return setup.link.pendingTotpSealed ? openSecret(secret, "staff-totp", setup.link.pendingTotpSealed) : null;
}

/**
 * Step 2: a code from the newly enrolled authenticator proves it works; the key becomes the member's, and
 * ten recovery codes are made, kept sealed in the link until the member confirms they have saved them.
 */
export async function confirmAuthenticator(db: Db, input: { setup: OpenSetup; code: string; secret: string; now: Date }): Promise<{ ok: boolean }> {
  const key = pendingAuthenticatorKey(input.setup, input.secret);
  if (!key) return { ok: false };
  const check = verifyTotp({ secret: key, code: input.code, now: input.now });
  if (!check.ok) return { ok: false };
  const recovery = newRecoveryCodes(input.secret);
  await db.transaction(async (tx) => {
    await tx
      .update(staffMembers)
      .set({
        totpSecretSealed: sealSecret(input.secret, "staff-totp", key),
        totpLastStep: check.step,
        recoveryCodeHashes: recovery.hashes,
        updatedAt: input.now,
      })
      .where(eq(staffMembers.id, input.setup.staff.id));
    await tx
      .update(staffSetupLinks)
      .set({ step: "recovery", pendingTotpSealed: null, pendingRecoverySealed: sealSecret(input.secret, "staff-recovery", recovery.codes.join(" ")) })
      .where(eq(staffSetupLinks.tokenHash, input.setup.link.tokenHash));
  });
  return { ok: true };
}

/** The recovery codes waiting to be saved (step 3). */
export function pendingRecoveryCodes(setup: OpenSetup, secret: string): string[] {
  const sealed = setup.link.pendingRecoverySealed;
  const opened = sealed ? openSecret(secret, "staff-recovery", sealed) : null;
  return opened ? opened.split(" ") : [];
}

/** Step 3: the member has saved the codes; the link is spent, the codes erased from it, the account active. */
export async function completeStaffSetup(db: Db, input: { setup: OpenSetup; now: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(staffSetupLinks)
      .set({ step: "done", usedAt: input.now, pendingRecoverySealed: null })
      .where(eq(staffSetupLinks.tokenHash, input.setup.link.tokenHash));
    await tx.update(staffMembers).set({ status: "active", activatedAt: input.now, updatedAt: input.now }).where(eq(staffMembers.id, input.setup.staff.id));
    await recordAudit(tx, {
      at: input.now,
      staffId: input.setup.staff.id,
      action: "staff.setup_completed",
      record: { kind: "staff", id: input.setup.staff.id },
    });
  });
}

/** Deletes set-up links a day past their expiry, spent or not; run by housekeeping. */
export async function purgeExpiredSetupLinks(db: Db, now: Date): Promise<number> {
  const purged = await db
    .delete(staffSetupLinks)
    .where(lt(staffSetupLinks.expiresAt, new Date(now.getTime() - 24 * 3600 * 1000)))
    .returning({ tokenHash: staffSetupLinks.tokenHash });
  return purged.length;
}
