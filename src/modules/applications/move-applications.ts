import { eq, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { enqueueMessage, type OutgoingMessage } from "../../platform/mail/outbox.ts";
import { may, type StaffPrincipal } from "../access/policy.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { candidates } from "../candidates/schema.ts";
import type { PipelineStage } from "./application-state.ts";
import { changeApplicationState } from "./change-application-state.ts";
import { type Application, applications } from "./schema.ts";

export type MoveOutcome = { moved: string[]; skipped: { id: string; reason: "notFound" | "notAllowed" | "sameOrFinal" }[] };

/**
 * The office's decision: moves applications to a stage of the pipeline, each in its own transaction with
 * its row locked, through the state machine (which appends the event), with the audit entry and, when a
 * message is given, the e-mail to the candidate in the outbox, written once per application and stage
 * (a repeated move sends nothing twice), unless the candidate has stopped all contact. An e-mail of an earlier move still waiting for its time (a
 * rejection scheduled for the next morning) is withdrawn, since the stage it announced is no longer true.
 * Applications the member may not see read as not found, those they may see but not decide on as not
 * allowed, and those that cannot make this move as such; all are skipped and reported.
 */
export async function moveApplications(
  db: Db,
  input: {
    applicationIds: readonly string[];
    to: PipelineStage;
    principal: StaffPrincipal;
    now: Date;
    /** The e-mail to send for one application (its candidate's address and language are the caller's to find). */
    message?: (application: Application) => Promise<OutgoingMessage | null>;
    /** When the e-mail goes out; rejections are often sent the next morning rather than at once. */
    sendAt?: Date;
    addressHash?: string;
    /** What else the audit entry of each move should say (the template used, say). */
    auditDetail?: Record<string, unknown>;
  },
): Promise<MoveOutcome> {
  const outcome: MoveOutcome = { moved: [], skipped: [] };
  for (const id of new Set(input.applicationIds)) {
    const result = await db.transaction(async (tx) => {
      const [app] = await tx.select().from(applications).where(eq(applications.id, id)).for("update");
      if (!app) return "notFound" as const;
      const resource = { kind: "application", candidateId: app.candidateId, jobIds: [app.jobId] } as const;
      // Another job's application must look like no application at all, not like one the member may not touch.
      if (!may(input.principal, "view", resource)) return "notFound" as const;
      if (!may(input.principal, "decide", resource)) return "notAllowed" as const;
      const moved = await changeApplicationState(tx, {
        application: app,
        event: { moveTo: input.to },
        actor: { kind: "staff", id: input.principal.id },
        now: input.now,
      });
      if (!moved) return "sameOrFinal" as const;
      const withdrawn = await withdrawWaitingStageMail(tx, id, input.now);
      // A candidate who stopped all contact gets no e-mail from the office; the move itself goes ahead.
      const [person] = await tx.select({ stoppedAt: candidates.contactStoppedAt }).from(candidates).where(eq(candidates.id, app.candidateId));
      const contactStopped = Boolean(input.message && person?.stoppedAt);
      const message = input.message && !contactStopped ? await input.message(moved) : null;
      if (message) {
        const sendAt = input.sendAt && input.sendAt > input.now ? input.sendAt : input.now;
        await enqueueMessage(tx, { ...message, dedupeKey: `application-moved:${id}:${input.to}:${input.now.toISOString()}` }, input.now, sendAt);
      }
      await recordAudit(tx, {
        at: input.now,
        staffId: input.principal.id,
        action: "application.moved",
        record: { kind: "application", id },
        candidateId: app.candidateId,
        addressHash: input.addressHash ?? null,
        detail: {
          ...input.auditDetail,
          from: app.state,
          to: input.to,
          emailed: Boolean(message),
          sendAt: message ? (input.sendAt ?? input.now).toISOString() : null,
          ...(withdrawn > 0 ? { withdrawnEmails: withdrawn } : {}),
          ...(contactStopped ? { contactStopped: true } : {}),
        },
      });
      return "moved" as const;
    });
    if (result === "moved") outcome.moved.push(id);
    else outcome.skipped.push({ id, reason: result });
  }
  return outcome;
}

/**
 * Removes the e-mails of earlier moves of an application that have not been tried yet and are due later.
 * Only messages scheduled for the future are read (the outbox's partial index of queued messages by due
 * time), so the cost does not grow with the outbox.
 */
async function withdrawWaitingStageMail(tx: Db, applicationId: string, now: Date): Promise<number> {
  const result = await tx.execute(sql`
    DELETE FROM outbox
    WHERE status = 'queued' AND attempts = 0 AND next_attempt_at > ${now.toISOString()}::timestamptz
      AND starts_with(dedupe_key, ${`application-moved:${applicationId}:`})
    RETURNING id`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}
