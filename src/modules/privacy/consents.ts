import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { type ConsentPurpose, consentRecords } from "./schema.ts";

export type ConsentRecord = typeof consentRecords.$inferSelect;
export type ConsentDecision = ConsentRecord["decision"];

/** The wording a consent was given under and the page it was given on: the notice version in force and the route pattern. */
export type ConsentSource = { textVersion: string; page: string };

/** The consents an account needs: ending them means deleting the account. */
export const REQUIRED_PURPOSES = ["privacy_notice", "contact_email"] as const satisfies readonly ConsentPurpose[];

/** The consents a candidate may withdraw at any time under アカウント情報 → プライバシー. */
export const OPTIONAL_PURPOSES = ["contact_sms", "reminder_emails", "result_feedback", "sensitive_answers"] as const satisfies readonly ConsentPurpose[];
export type OptionalPurpose = (typeof OPTIONAL_PURPOSES)[number];

/** Consents given within one application rather than for the account. */
export const APPLICATION_PURPOSES = ["contact_sms", "result_feedback", "sensitive_answers", "fairness_pledge"] as const satisfies readonly ConsentPurpose[];

export function isOptionalPurpose(value: unknown): value is OptionalPurpose {
  return typeof value === "string" && (OPTIONAL_PURPOSES as readonly string[]).includes(value);
}

/**
 * Appends one consent given or withdrawn. Call it with the transaction of the change it records, so the record
 * exists exactly when the change does; the table is append-only.
 */
export async function recordConsent(
  db: Db,
  input: { candidateId: string; applicationId?: string | null; purpose: ConsentPurpose; decision: ConsentDecision; source: ConsentSource; now: Date },
): Promise<void> {
  await db.insert(consentRecords).values({
    id: randomUUID(),
    candidateId: input.candidateId,
    applicationId: input.applicationId ?? null,
    purpose: input.purpose,
    decision: input.decision,
    textVersion: input.source.textVersion,
    page: input.source.page,
    recordedAt: input.now,
  });
}

/** The latest decision on one purpose, for the account or for one application. */
export async function latestConsent(
  db: Db,
  input: { candidateId: string; applicationId?: string | null; purpose: ConsentPurpose },
): Promise<ConsentRecord | null> {
  const [row] = await db
    .select()
    .from(consentRecords)
    .where(
      and(
        eq(consentRecords.candidateId, input.candidateId),
        eq(consentRecords.purpose, input.purpose),
        input.applicationId ? eq(consentRecords.applicationId, input.applicationId) : isNull(consentRecords.applicationId),
      ),
    )
    .orderBy(desc(consentRecords.recordedAt), desc(consentRecords.id))
    .limit(1);
  return row ?? null;
}

/**
 * Records a decision only when it changes what stands: a box ticked again on a second save, or a box never ticked
 * left empty, records nothing. Returns whether it recorded.
 */
export async function recordConsentChange(
  db: Db,
  input: { candidateId: string; applicationId?: string | null; purpose: ConsentPurpose; given: boolean; source: ConsentSource; now: Date },
): Promise<boolean> {
  const latest = await latestConsent(db, input);
  const standing = latest?.decision === "given";
  if (standing === input.given) return false;
  await recordConsent(db, { ...input, decision: input.given ? "given" : "withdrawn" });
  return true;
}

/** Every consent record of a candidate, oldest first. */
export async function consentHistory(db: Db, candidateId: string): Promise<ConsentRecord[]> {
  return db.select().from(consentRecords).where(eq(consentRecords.candidateId, candidateId)).orderBy(asc(consentRecords.recordedAt), asc(consentRecords.id));
}

/** What stands for one purpose: given (by the latest record of the account, or of any one application) or not, and since when. */
export type ConsentStanding = { purpose: ConsentPurpose; decision: ConsentDecision | null; since: Date | null; applicationIds: string[] };

/** The standing of every purpose for a candidate, from their history: the latest record per purpose and application. */
export function consentStandings(history: readonly ConsentRecord[], purposes: readonly ConsentPurpose[]): ConsentStanding[] {
  const latest = new Map<string, ConsentRecord>();
  for (const r of history) latest.set(`${r.purpose}:${r.applicationId ?? ""}`, r);
  return purposes.map((purpose) => {
    const records = [...latest.values()].filter((r) => r.purpose === purpose);
    const given = records.filter((r) => r.decision === "given");
    const shown = given.length > 0 ? given : records;
    const newest = shown.reduce<ConsentRecord | null>((a, r) => (!a || r.recordedAt > a.recordedAt ? r : a), null);
    return {
      purpose,
      decision: given.length > 0 ? "given" : (newest?.decision ?? null),
      since: newest?.recordedAt ?? null,
      applicationIds: given.flatMap((r) => (r.applicationId ? [r.applicationId] : [])),
    };
  });
}
