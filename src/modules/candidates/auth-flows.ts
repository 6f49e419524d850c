import { createHmac, randomUUID } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, sql, TransactionRollbackError } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { authThrottles } from "../../platform/db/schema.ts";
import { isUuid } from "../../platform/db/uuid.ts";
import { enqueueMessage, type OutgoingMessage } from "../../platform/mail/outbox.ts";
import { keyedHash, randomDigits, sameSecret } from "../../platform/security/secrets.ts";
import { claimWindow, clearAttempts, reserveAttempt, settleAttempt } from "../throttles/guarded-attempt.ts";
import { ACCOUNT_POLICY, CANDIDATE_ADDRESS_POLICY } from "../throttles/throttle-policy.ts";
import { codeMessage, noticeMessage } from "./account-mail.ts";
import { maskDestination } from "./contact-details.ts";
import { type AuthFlow, authFlows, type Candidate, candidates, oneTimeCodes } from "./schema.ts";

/** A flow lives 15 minutes: long enough to find a code, short enough to be useless if left open. */
export const FLOW_TTL_MS = 15 * 60_000;
/** Codes are valid 3 minutes (the seed's promise), single use, five wrong tries each. */
export const CODE_TTL_MS = 3 * 60_000;
export const CODE_MAX_FAILURES = 5;
/**
 * Resend throttle: one code per 30 seconds within a flow (a resend), five per hour per account. A sign-in
 * begun on a second device is a new flow, so it is not held back by the first device's wait.
 */
export const CODE_RESEND_GAP_MS = 30_000;
export const CODES_PER_HOUR = 5;

/**
 * Someone guessing at an account locks it again and again; its owner hears of it once a day, not at every
 * lock, so the notices cannot be used to flood their inbox.
 */
export const LOCK_NOTICE_WINDOW_MS = 24 * 3600 * 1000;

export type AuthDeps = {
  db: Db;
  now: () => Date;
  secret: string;
  orgName: { ja: string; en: string };
  verifySecret: (hash: string | null, pin: string) => Promise<boolean>;
  /** Wakes the outbox worker after a message is written. */
  nudgeOutbox: () => void;
};

export type FlowKind = AuthFlow["kind"];

/** Opens a flow bound to this browser; the candidate may be unknown (the flow still goes on, to give nothing away). */
export async function openFlow(
  deps: AuthDeps,
  input: {
    kind: FlowKind;
    identifier: string;
    candidateId: string | null;
    browserKey: string;
    returnTo: string | null;
    state: AuthFlow["state"];
    newEmail?: string | null;
    newPhone?: string | null;
  },
): Promise<AuthFlow> {
  const now = deps.now();
  const [flow] = await deps.db
    .insert(authFlows)
    .values({
      id: randomUUID(),
      kind: input.kind,
      state: input.state,
      identifier: input.identifier,
      candidateId: input.candidateId,
      bindingHash: keyedHash(deps.secret, "flow-binding", input.browserKey),
      returnTo: input.returnTo,
      newEmail: input.newEmail ?? null,
      newPhone: input.newPhone ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + FLOW_TTL_MS),
    })
    .returning();
  return flow!;
}

/** Loads a flow only for the browser that opened it, only while it lives, only of the expected kind. */
export async function findFlow(deps: AuthDeps, input: { id: string; kind: FlowKind; browserKey: string }): Promise<AuthFlow | null> {
  if (!isUuid(input.id)) return null;
  const [flow] = await deps.db.select().from(authFlows).where(eq(authFlows.id, input.id)).limit(1);
  if (!flow || flow.kind !== input.kind || flow.state === "done") return null;
  if (flow.expiresAt.getTime() <= deps.now().getTime()) return null;
  if (!sameSecret(flow.bindingHash, keyedHash(deps.secret, "flow-binding", input.browserKey))) return null;
  return flow;
}

/** Moves a flow to its next state. */
export async function setFlowState(deps: AuthDeps, id: string, state: AuthFlow["state"], extra: Partial<Pick<AuthFlow, "channel">> = {}): Promise<void> {
  await deps.db
    .update(authFlows)
    .set({ state, ...extra })
    .where(eq(authFlows.id, id));
}

/** An id no account has: an unknown account's flow is looked up like any other, so it takes the same time. */
const NO_ACCOUNT = "00000000-0000-0000-0000-000000000000";

/** The candidate behind a flow, if there is one. */
export async function flowCandidate(deps: AuthDeps, flow: AuthFlow): Promise<Candidate | null> {
  const [row] = await deps.db
    .select()
    .from(candidates)
    .where(eq(candidates.id, flow.candidateId ?? NO_ACCOUNT))
    .limit(1);
  return row ?? null;
}

/** The wrong PINs of one client address, across accounts (an HMAC of the address, never the address). */
export function addressThrottleKey(deps: Pick<AuthDeps, "secret">, address: string): string {
  return `candidate-address:${keyedHash(deps.secret, "address", address)}`;
}

/** Unknown identifiers get a throttle of their own, so they lock exactly like real accounts. */
function throttleKey(deps: AuthDeps, flow: Pick<AuthFlow, "candidateId" | "identifier">): string {
  return flow.candidateId ? `candidate:${flow.candidateId}` : `identifier:${keyedHash(deps.secret, "throttle", flow.identifier)}`;
}

export type PinCheck = { ok: true } | { ok: false; reason: "wrong" } | { ok: false; reason: "locked"; until: Date };

/**
 * Checks a PIN for a flow. Each try is counted before argon2 runs (throttles/guarded-attempt.ts), against the
 * account and against the client's address, so parallel guesses cannot slip past a lock and one address
 * cannot spread its guesses over many accounts. Wrong PIN and unknown account answer alike and take the same
 * time (argon2 runs against a decoy); both count towards the same kind of lock.
 */
export async function checkFlowPin(deps: AuthDeps, flow: AuthFlow, input: { pin: string; address: string }): Promise<PinCheck> {
  const now = deps.now();
  // The account first: guesses at a locked account are refused without counting against the address.
  const reserved = await reserveAttempt(deps.db, { key: throttleKey(deps, flow), policy: ACCOUNT_POLICY, now });
  if (!reserved.ok) return { ok: false, reason: "locked", until: reserved.until };
  const client = await reserveAttempt(deps.db, { key: addressThrottleKey(deps, input.address), policy: CANDIDATE_ADDRESS_POLICY, now });
  if (!client.ok) return { ok: false, reason: "locked", until: client.until };
  const pin = input.pin;
  const candidate = await flowCandidate(deps, flow);
  const right = /^\d{6}$/.test(pin) ? await deps.verifySecret(candidate?.pinHash ?? null, pin) : await deps.verifySecret(null, pin);
  const succeeded = right && candidate !== null;
  await settleAttempt(deps.db, { reservation: client.reservation, succeeded, now });
  const settled = await settleAttempt(deps.db, { reservation: reserved.reservation, succeeded, now });
  if (succeeded) return { ok: true };
  if (settled.lockStarted && candidate && settled.lockedUntil) {
    const minutes = Math.ceil((settled.lockedUntil.getTime() - now.getTime()) / 60_000);
    const notice = noticeMessage({ kind: "locked", recipient: candidate.email, locale: candidate.locale, orgName: deps.orgName, minutes });
    const told = await deps.db.transaction(async (tx) => {
      if (!(await claimWindow(tx, { key: `lock-notice:${candidate.id}`, windowMs: LOCK_NOTICE_WINDOW_MS, now }))) return false;
      await enqueueMessage(tx, notice, now);
      return true;
    });
    if (told) deps.nudgeOutbox();
  }
  return settled.lockedUntil ? { ok: false, reason: "locked", until: settled.lockedUntil } : { ok: false, reason: "wrong" };
}

export type SendOutcome = { ok: true; destination: string } | { ok: false; reason: "tooSoon"; waitSeconds: number } | { ok: false; reason: "tooMany" };

/**
 * Whose codes a flow's codes count as. An unknown identifier in a PIN reset stands in for an account of its
 * own (an id derived from the identifier, which no real account has), so its codes are written, throttled,
 * spent and expired exactly like a real account's: only the e-mail is not sent.
 */
function codeOwnerOf(deps: AuthDeps, flow: AuthFlow, candidate: Candidate | null): string {
  if (candidate) return candidate.id;
  const hex = createHmac("sha256", deps.secret).update(`unknown-account\u0000${flow.identifier}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Writes the code's message to the outbox; for an unknown account the same write is made and undone (a
 * savepoint rolled back), so the request does the same work and nothing is kept or sent.
 */
async function enqueueUnlessUnknown(tx: Db, message: OutgoingMessage, now: Date, known: boolean): Promise<void> {
  try {
    await tx.transaction(async (inner) => {
      await enqueueMessage(inner, message, now);
      if (!known) inner.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
}

/**
 * Sends a fresh code for a flow to the chosen channel (or to the new address in a contact change). Earlier
 * codes of the flow stop working. With no candidate (unknown account in a PIN reset) the same code is made,
 * stored and throttled, and its message written and undone: the answer and the work are the same.
 */
export async function sendFlowCode(deps: AuthDeps, flow: AuthFlow, channel: "email" | "sms"): Promise<SendOutcome> {
  const now = deps.now();
  const candidate = await flowCandidate(deps, flow);
  const destination =
    flow.kind === "contact_change"
      ? (flow.newEmail ?? flow.newPhone ?? "")
      : candidate
        ? channel === "email"
          ? candidate.email
          : candidate.phone
        : flow.identifier;
  const actualChannel = flow.kind === "contact_change" ? (flow.newEmail ? "email" : "sms") : channel;
  const masked = maskDestination(actualChannel, destination);
  const owner = codeOwnerOf(deps, flow, candidate);
  const recent = await deps.db
    .select({ createdAt: oneTimeCodes.createdAt, flowId: oneTimeCodes.flowId })
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.candidateId, owner), gt(oneTimeCodes.createdAt, new Date(now.getTime() - 60 * 60_000))))
    .orderBy(desc(oneTimeCodes.createdAt));
  const last = recent.find((r) => r.flowId === flow.id);
  if (last && now.getTime() - last.createdAt.getTime() < CODE_RESEND_GAP_MS) {
    return { ok: false, reason: "tooSoon", waitSeconds: Math.ceil((CODE_RESEND_GAP_MS - (now.getTime() - last.createdAt.getTime())) / 1000) };
  }
  if (recent.length >= CODES_PER_HOUR) return { ok: false, reason: "tooMany" };
  const code = randomDigits(6);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(oneTimeCodes)
      .set({ usedAt: now })
      .where(and(eq(oneTimeCodes.flowId, flow.id), isNull(oneTimeCodes.usedAt)));
    await tx.insert(oneTimeCodes).values({
      id: randomUUID(),
      flowId: flow.id,
      candidateId: owner,
      channel: actualChannel,
      codeHash: keyedHash(deps.secret, `code:${flow.id}`, code),
      createdAt: now,
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
    });
    await tx.update(authFlows).set({ state: "code", channel: actualChannel }).where(eq(authFlows.id, flow.id));
    const message = codeMessage({
      channel: actualChannel,
      recipient: destination,
      locale: candidate?.locale ?? "ja",
      orgName: deps.orgName,
      code,
      purpose: flow.kind,
    });
    await enqueueUnlessUnknown(tx, message, now, candidate !== null);
  });
  deps.nudgeOutbox();
  return { ok: true, destination: masked };
}

export type CodeCheck =
  | { ok: true; candidate: Candidate }
  | { ok: false; reason: "wrong"; remaining: number }
  | { ok: false; reason: "expired" | "exhausted" }
  | { ok: false; reason: "declined"; candidate: Candidate };

/**
 * Checks a code against the flow's live code: 3 minutes, single use, five wrong entries, then it is spent.
 * An unknown account's code (sendFlowCode) is checked the same way and is never accepted.
 * `accepts`, when given, is asked about the account only once the code has matched: when it says no, the
 * answer is `declined`, the code stays live and its entry is given back. What it checks (a new PIN against
 * the account's birth date, say) is so told only to someone holding the right code.
 */
export async function checkFlowCode(deps: AuthDeps, flow: AuthFlow, rawCode: string, accepts?: (candidate: Candidate) => boolean): Promise<CodeCheck> {
  const now = deps.now();
  const [live] = await deps.db
    .select()
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.flowId, flow.id), isNull(oneTimeCodes.usedAt)))
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1);
  const candidate = await flowCandidate(deps, flow);
  if (!live || live.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  if (live.failedAttempts >= CODE_MAX_FAILURES) return { ok: false, reason: "exhausted" };
  // Each entry is counted BEFORE the code is compared, in one statement: however many arrive at once, no more
  // than five are ever compared with one code.
  const [counted] = await deps.db
    .update(oneTimeCodes)
    .set({ failedAttempts: sql`${oneTimeCodes.failedAttempts} + 1` })
    .where(and(eq(oneTimeCodes.id, live.id), isNull(oneTimeCodes.usedAt), lt(oneTimeCodes.failedAttempts, CODE_MAX_FAILURES)))
    .returning({ failedAttempts: oneTimeCodes.failedAttempts });
  if (!counted) return { ok: false, reason: "exhausted" };
  const matches = /^\d{6}$/.test(rawCode) && sameSecret(live.codeHash, keyedHash(deps.secret, `code:${flow.id}`, rawCode));
  if (!matches || !candidate) {
    const remaining = CODE_MAX_FAILURES - counted.failedAttempts;
    return remaining > 0 ? { ok: false, reason: "wrong", remaining } : { ok: false, reason: "exhausted" };
  }
  if (accepts && !accepts(candidate)) {
    await deps.db
      .update(oneTimeCodes)
      .set({ failedAttempts: sql`${oneTimeCodes.failedAttempts} - 1` })
      .where(and(eq(oneTimeCodes.id, live.id), isNull(oneTimeCodes.usedAt)));
    return { ok: false, reason: "declined", candidate };
  }
  // Single use even under two simultaneous submits: only the update that flips used_at wins. The right entry
  // gives its count back.
  const claimed = await deps.db
    .update(oneTimeCodes)
    .set({ usedAt: now, failedAttempts: sql`${oneTimeCodes.failedAttempts} - 1` })
    .where(and(eq(oneTimeCodes.id, live.id), isNull(oneTimeCodes.usedAt)))
    .returning({ id: oneTimeCodes.id });
  if (claimed.length === 0) return { ok: false, reason: "expired" };
  return { ok: true, candidate };
}

/** Ends a flow once it has done its work, so its URL cannot be replayed. */
export async function finishFlow(deps: AuthDeps, id: string): Promise<void> {
  await deps.db.update(authFlows).set({ state: "done" }).where(eq(authFlows.id, id));
}

/** After a PIN reset the lock is lifted: the person proved control of the address. */
export async function clearThrottle(deps: AuthDeps, candidateId: string): Promise<void> {
  await clearAttempts(deps.db, { key: `candidate:${candidateId}`, now: deps.now() });
}

/**
 * Sign-in records are kept a day past their expiry: the resend throttle counts an account's codes of the
 * last hour, and its codes go with their flow.
 */
const SIGN_IN_RECORDS_KEPT_MS = 24 * 3600 * 1000;

/** Deletes sign-in, PIN-reset and contact-change flows (and their codes) long expired; run by housekeeping. */
export async function purgeExpiredFlows(db: Db, now: Date): Promise<number> {
  const purged = await db
    .delete(authFlows)
    .where(lt(authFlows.expiresAt, new Date(now.getTime() - SIGN_IN_RECORDS_KEPT_MS)))
    .returning({ id: authFlows.id });
  return purged.length;
}

/** Deletes PIN-failure counters untouched for a day: their hourly window and longest lock are long over. */
export async function purgeIdleThrottles(db: Db, now: Date): Promise<number> {
  const purged = await db
    .delete(authThrottles)
    .where(lt(authThrottles.updatedAt, new Date(now.getTime() - SIGN_IN_RECORDS_KEPT_MS)))
    .returning({ key: authThrottles.key });
  return purged.length;
}
