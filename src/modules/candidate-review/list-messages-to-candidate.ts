import { desc, inArray } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { outbox } from "../../platform/db/schema.ts";
import type { Application } from "../applications/schema.ts";
import type { Candidate } from "../candidates/schema.ts";

/** A message the portal sent or is sending to the candidate: what and when, never its body. */
export type MessageToCandidate = Pick<
  typeof outbox.$inferSelect,
  "id" | "channel" | "template" | "subject" | "status" | "attempts" | "createdAt" | "nextAttemptAt" | "sentAt" | "recipient"
>;

/** How many messages the page lists; an account that has received more shows the newest. */
export const MESSAGES_SHOWN = 100;

/**
 * Every e-mail and SMS to the candidate's addresses (the account's and those given in STEP 1), newest first.
 * Bodies are never read: a sign-in code's message carries the code, and no member of staff needs one.
 */
export async function listMessagesToCandidate(
  db: Db,
  input: { candidate: Pick<Candidate, "email" | "phone">; application: Pick<Application, "personal"> },
): Promise<MessageToCandidate[]> {
  const p = input.application.personal;
  const addresses = [...new Set([input.candidate.email, input.candidate.phone, p?.email, p?.phone].filter((a): a is string => Boolean(a)))];
  return db
    .select({
      id: outbox.id,
      channel: outbox.channel,
      template: outbox.template,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      createdAt: outbox.createdAt,
      nextAttemptAt: outbox.nextAttemptAt,
      sentAt: outbox.sentAt,
      recipient: outbox.recipient,
    })
    .from(outbox)
    .where(inArray(outbox.recipient, addresses))
    .orderBy(desc(outbox.id))
    .limit(MESSAGES_SHOWN);
}
