import { eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { enqueueMessage, type OutgoingMessage } from "../../platform/mail/outbox.ts";
import { may, type StaffPrincipal } from "../access/policy.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { PipelineStage } from "./application-state.ts";
import { changeApplicationState } from "./change-application-state.ts";
import { type Application, applications } from "./schema.ts";

export type MoveOutcome = { moved: string[]; skipped: { id: string; reason: "notFound" | "notAllowed" | "sameOrFinal" }[] };

/**
 * The office's decision: moves applications to a stage of the pipeline, each in its own transaction with
 * its row locked, through the state machine (which appends the event), with the audit entry and, when a
 * message is given, the e-mail to the candidate in the outbox, written once per application and stage
 * (a repeated move sends nothing twice). Applications the member may not decide on, or that cannot make
 * this move, are skipped and reported.
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
  },
): Promise<MoveOutcome> {
  const outcome: MoveOutcome = { moved: [], skipped: [] };
  for (const id of new Set(input.applicationIds)) {
    const result = await db.transaction(async (tx) => {
      const [app] = await tx.select().from(applications).where(eq(applications.id, id)).for("update");
      if (!app) return "notFound" as const;
      if (!may(input.principal, "decide", { kind: "application", candidateId: app.candidateId, jobIds: [app.jobId] })) return "notAllowed" as const;
      const moved = await changeApplicationState(tx, {
        application: app,
        event: { moveTo: input.to },
        actor: { kind: "staff", id: input.principal.id },
        now: input.now,
      });
      if (!moved) return "sameOrFinal" as const;
      const message = input.message ? await input.message(moved) : null;
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
        detail: { from: app.state, to: input.to, emailed: Boolean(message), sendAt: message ? (input.sendAt ?? input.now).toISOString() : null },
      });
      return "moved" as const;
    });
    if (result === "moved") outcome.moved.push(id);
    else outcome.skipped.push({ id, reason: result });
  }
  return outcome;
}
