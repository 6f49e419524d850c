import type { Db } from "../../platform/db/database.ts";
import { may, type StaffPrincipal } from "../access/policy.ts";
import { canMove, PIPELINE_STAGES, type PipelineStage } from "../applications/application-state.ts";
import { findApplicationFor } from "../applications/application-store.ts";
import type { Application } from "../applications/schema.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { findCandidateById } from "../candidates/candidate-repo.ts";
import type { LocalisedText } from "../jobs/schema.ts";
import { type AssessmentResult, findAssessmentResults } from "./find-assessment-results.ts";
import { findOtherApplications, type OtherApplications } from "./find-other-applications.ts";
import { listApplicationNotes, type NoteWithAuthor } from "./list-application-notes.ts";
import { listMessagesToCandidate, type MessageToCandidate } from "./list-messages-to-candidate.ts";
import { listSentDocuments, type SentDocument } from "./list-sent-documents.ts";
import { type AnswersByStep, readAnswersByStep } from "./read-answers-by-step.ts";
import { type CandidateProfile, readCandidateProfile } from "./read-candidate-profile.ts";
import { readStatusHistory, type StatusChange } from "./read-status-history.ts";

/** Everything the candidate page shows about one application, already cut to what this member may see. */
export type ApplicationReview = {
  /** The application without its STEP 1 details: those reach the page only through `profile`. */
  application: Omit<Application, "personal">;
  job: { id: string; title: LocalisedText | null };
  profile: CandidateProfile;
  documents: SentDocument[];
  answers: AnswersByStep;
  assessment: AssessmentResult[];
  history: StatusChange[];
  /** Messages to the candidate; `recipient` is null for members who may not see contact details. */
  messages: (Omit<MessageToCandidate, "recipient"> & { recipient: string | null })[];
  others: OtherApplications;
  notes: NoteWithAuthor[];
  /** What this member may do here. */
  may: { note: boolean; decide: boolean; viewSensitive: boolean };
  /** The stages this member may move the application to now (empty when they may not decide, or it cannot move). */
  moves: PipelineStage[];
};

export type ReviewOutcome = { ok: true; review: ApplicationReview } | { ok: false; reason: "notFound" | "sensitiveNotPermitted" };

/** The job's title as the candidate applied for it, read from the application's snapshot of the job. */
export function snapshotTitle(snapshot: Record<string, unknown>): LocalisedText | null {
  const title = snapshot.title as Partial<LocalisedText> | undefined;
  return typeof title?.ja === "string" && typeof title.en === "string" ? { ja: title.ja, en: title.en } : null;
}

/**
 * Opens an application for review by a member of staff: found through the access policy (anyone else's reads
 * as missing), the view written to the audit log with the candidate's id, then every part of the page gathered
 * and cut to the member's permissions. With `reveal`, the sensitive answers are shown for this one view and that
 * is audited with the stated reason; a member without the grant is refused before anything is recorded.
 */
export async function openApplicationReview(
  db: Db,
  input: { principal: StaffPrincipal; applicationId: string; now: Date; addressHash?: string; reveal?: { reason: string } },
): Promise<ReviewOutcome> {
  const { principal } = input;
  const application = await findApplicationFor(db, { principal, applicationId: input.applicationId });
  const candidate = application ? await findCandidateById(db, application.candidateId) : null;
  if (!application || !candidate) return { ok: false, reason: "notFound" };
  const resource = { kind: "application", candidateId: application.candidateId, jobIds: [application.jobId] } as const;
  const mayViewSensitive = may(principal, "viewSensitive", resource);
  if (input.reveal && !mayViewSensitive) return { ok: false, reason: "sensitiveNotPermitted" };
  const addressHash = input.addressHash ?? null;
  await recordAudit(db, {
    at: input.now,
    staffId: principal.id,
    action: "candidate.viewed",
    record: { kind: "application", id: application.id },
    candidateId: application.candidateId,
    addressHash,
    detail: { jobId: application.jobId },
  });
  const profile = readCandidateProfile({ application, candidate, principal });
  const { personal: _personal, ...rest } = application;
  const mayDecide = may(principal, "decide", resource);
  const messages = await listMessagesToCandidate(db, { candidate, application });
  return {
    ok: true,
    review: {
      application: rest,
      job: { id: application.jobId, title: snapshotTitle(application.jobSnapshot) },
      profile,
      documents: await listSentDocuments(db, application),
      answers: await readAnswersByStep(db, {
        application,
        principal,
        ...(input.reveal ? { reveal: { reason: input.reveal.reason, now: input.now, ...(input.addressHash ? { addressHash: input.addressHash } : {}) } } : {}),
      }),
      assessment: await findAssessmentResults(db, application),
      history: await readStatusHistory(db, application),
      messages: messages.map((m) => ({ ...m, recipient: profile.contact ? m.recipient : null })),
      others: await findOtherApplications(db, { application, candidate, principal }),
      notes: await listApplicationNotes(db, application.id),
      may: { note: may(principal, "note", resource), decide: mayDecide, viewSensitive: mayViewSensitive },
      moves: mayDecide ? PIPELINE_STAGES.filter((to) => canMove(application.state, to)) : [],
    },
  };
}
