import { and, eq, inArray, isNotNull, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { setApplicationReminders } from "../applications/application-reminders.ts";
import { type ApplicationState, applicationAnswers, applications } from "../applications/schema.ts";
import { candidates } from "../candidates/schema.ts";
import { type ConsentSource, consentHistory, consentStandings, type OptionalPurpose, recordConsent } from "./consents.ts";

/** States in which an application is decided: its record stays as it was when the decision was made. */
const DECIDED_STATES = ["hired", "rejected", "withdrawn", "screened_out"] as const satisfies readonly ApplicationState[];

/**
 * The sensitive answers stored with their consent on a candidate's applications not yet decided, which
 * withdrawing the consent removes (an answer reporting nothing, 「無」, needed no consent and stays).
 */
export async function undecidedSensitiveAnswers(db: Db, candidateId: string): Promise<{ applicationId: string; reference: string; questionKey: string }[]> {
  return db
    .select({ applicationId: applications.id, reference: applications.reference, questionKey: applicationAnswers.questionKey })
    .from(applicationAnswers)
    .innerJoin(applications, eq(applications.id, applicationAnswers.applicationId))
    .where(
      and(
        eq(applications.candidateId, candidateId),
        eq(applicationAnswers.sensitive, "sensitive"),
        isNotNull(applicationAnswers.consentedAt),
        notInArray(applications.state, [...DECIDED_STATES]),
      ),
    );
}

/** The field of STEP 1's details that holds an application-level contact consent. */
const PERSONAL_FIELD = { contact_sms: "smsConsent", result_feedback: "feedbackConsent" } as const;

/**
 * Withdraws an optional consent everywhere it stands (the account, or each application it was given for),
 * records each withdrawal, and stops what it allowed: no more SMS or feedback requests for those
 * applications, no reminders, and for sensitive answers the stored answers of applications not yet decided
 * are deleted. Returns how many answers went.
 */
export async function withdrawConsent(
  db: Db,
  input: { candidateId: string; purpose: OptionalPurpose; source: ConsentSource; now: Date },
): Promise<{ removedAnswers: number }> {
  if (input.purpose === "reminder_emails") {
    await setApplicationReminders(db, { candidateId: input.candidateId, enabled: false, source: input.source, now: input.now });
    return { removedAnswers: 0 };
  }
  const purpose = input.purpose;
  return db.transaction(async (tx) => {
    await tx.select({ id: candidates.id }).from(candidates).where(eq(candidates.id, input.candidateId)).for("update");
    const [standing] = consentStandings(await consentHistory(tx, input.candidateId), [purpose]);
    const applicationIds = standing?.applicationIds ?? [];
    for (const applicationId of applicationIds) {
      await recordConsent(tx, { candidateId: input.candidateId, applicationId, purpose, decision: "withdrawn", source: input.source, now: input.now });
    }
    if (purpose !== "sensitive_answers") {
      if (applicationIds.length > 0) {
        const field = PERSONAL_FIELD[purpose];
        await tx
          .update(applications)
          .set({ personal: sql`jsonb_set(${applications.personal}, ${`{${field}}`}::text[], 'false'::jsonb)`, updatedAt: input.now })
          .where(and(inArray(applications.id, applicationIds), sql`${applications.personal} IS NOT NULL`));
      }
      return { removedAnswers: 0 };
    }
    const answers = await undecidedSensitiveAnswers(tx, input.candidateId);
    const undecided = [...new Set(answers.map((a) => a.applicationId))];
    if (undecided.length === 0) return { removedAnswers: 0 };
    const removed = await tx
      .delete(applicationAnswers)
      .where(
        and(inArray(applicationAnswers.applicationId, undecided), eq(applicationAnswers.sensitive, "sensitive"), isNotNull(applicationAnswers.consentedAt)),
      )
      .returning({ key: applicationAnswers.questionKey });
    return { removedAnswers: removed.length };
  });
}

/** Stops all contact with a candidate except the codes they ask for (or resumes it). */
export async function setContactStopped(db: Db, input: { candidateId: string; stopped: boolean; now: Date }): Promise<void> {
  await db
    .update(candidates)
    .set({ contactStoppedAt: input.stopped ? input.now : null, updatedAt: input.now })
    .where(eq(candidates.id, input.candidateId));
}
