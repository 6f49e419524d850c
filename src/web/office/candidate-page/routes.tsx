import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { hasPermission, may } from "../../../modules/access/policy.ts";
import { PIPELINE_STAGES } from "../../../modules/applications/application-state.ts";
import { findApplicationFor } from "../../../modules/applications/application-store.ts";
import { moveApplications } from "../../../modules/applications/move-applications.ts";
import { loadItemBank } from "../../../modules/assessment/bank/index.ts";
import { addApplicationNote } from "../../../modules/candidate-review/add-application-note.ts";
import { openApplicationReview } from "../../../modules/candidate-review/open-application-review.ts";
import { readSentDocument } from "../../../modules/candidate-review/read-sent-document.ts";
import { MAX_NOTE_LENGTH } from "../../../modules/candidate-review/schema.ts";
import { safeDownloadName } from "../../../modules/documents/inspection/index.ts";
import type { LocalisedText } from "../../../modules/jobs/schema.ts";
import { openLegalHold } from "../../../modules/privacy/legal-holds.ts";
import { privacyRequestsOf } from "../../../modules/privacy/privacy-requests.ts";
import { listStaff } from "../../../modules/staff/staff-directory.ts";
import { addressHashOf } from "../../../modules/staff/staff-sign-in.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { echoValues, withError } from "../../../platform/http/form.ts";
import { noticeFromQuery } from "../../../platform/http/notices.ts";
import { PROJECT_ROOT } from "../../../platform/project-root.ts";
import { textField } from "../../../platform/text/japanese-input.ts";
import { STAFF } from "../../route-access.ts";
import { type OfficeMessageKey, officeTexts } from "../messages.ts";
import { blankOfficeForm, type OfficeForm, parseOfficeForm } from "../page.ts";
import { staffOf } from "../signed-in.ts";
import { CandidatePage, type CandidatePrivacy, MAX_REVEAL_REASON_LENGTH, type ScaleNames } from "./views.tsx";

const BANK_DIR = path.join(PROJECT_ROOT, "content/assessments/csa-ja");

const NOTICES = { moved: "office.candidatePage.moved", noted: "office.candidatePage.noted" } as const;

const ZNoteForm = z.object({
  body: z
    .string({ error: "office.candidatePage.notes.body.required" })
    .trim()
    .min(1, "office.candidatePage.notes.body.required")
    .refine((v) => Array.from(v).length <= MAX_NOTE_LENGTH, "office.candidatePage.notes.body.tooLong"),
  rating: z.enum(["", "1", "2", "3", "4", "5"], { error: "office.candidatePage.notes.rating.invalid" }).optional(),
});

const ZMoveForm = z.object({ to: z.enum(PIPELINE_STAGES, { error: "office.candidatePage.move.choose" }) });

const ZRevealForm = z.object({
  reason: textField("office.candidatePage.sensitive.reason.required").pipe(
    z.string().trim().min(1, "office.candidatePage.sensitive.reason.required").max(MAX_REVEAL_REASON_LENGTH, "office.candidatePage.sensitive.reason.tooLong"),
  ),
});

type Params = { Params: { id: string } };

/**
 * The candidate page (応募者): one application, reached by its id through the access policy, with notes and
 * ratings, sensitive answers revealed for one view after a stated reason, document downloads and a single
 * move through the pipeline. Every showing of the page, reveal and download is written to the audit log.
 */
export async function candidatePageRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // The names of competencies and traits come from the item bank, read when the page is first shown rather than
  // at start-up, which the candidate pages' own reading of the bank already lengthens.
  let names: Promise<ScaleNames> | null = null;
  const scaleNames = (): Promise<ScaleNames> => {
    names ??= loadItemBank(BANK_DIR).then(
      (bank) => new Map<string, LocalisedText>([...bank.competencies, ...bank.traits].map((s) => [s.id, s.name])),
      (error: unknown) => {
        names = null;
        throw error;
      },
    );
    return names;
  };

  const addressHash = (req: FastifyRequest) => addressHashOf(deps.config.secret, req.ip);

  /** The candidate's legal hold and privacy requests, for those who handle them (admins); nothing for anyone else. */
  async function privacyOf(req: FastifyRequest, candidateId: string): Promise<CandidatePrivacy | null> {
    if (!hasPermission(staffOf(req).principal, "privacy.manage")) return null;
    return {
      summary: { hold: await openLegalHold(deps.db, candidateId), requests: await privacyRequestsOf(deps.db, candidateId) },
      names: new Map((await listStaff(deps.db)).map((s) => [s.id, s.name])),
    };
  }

  /** Shows the page (and so records the view); a form with errors comes back in it with its status. */
  async function showPage(
    req: FastifyRequest<Params>,
    reply: FastifyReply,
    options: { form?: OfficeForm; status?: number; reveal?: { reason: string }; notice?: OfficeMessageKey | null } = {},
  ) {
    const opened = await openApplicationReview(deps.db, {
      principal: staffOf(req).principal,
      applicationId: req.params.id,
      now: deps.now(),
      addressHash: addressHash(req),
      ...(options.reveal ? { reveal: options.reveal } : {}),
    });
    if (!opened.ok) {
      if (opened.reason === "sensitiveNotPermitted") throw new AppError("forbidden", "sensitive answers are not granted to this member");
      throw new AppError("notFound", "no such application for this member of staff");
    }
    return reply.page(
      <CandidatePage
        review={opened.review}
        names={await scaleNames()}
        privacy={await privacyOf(req, opened.review.application.candidateId)}
        form={options.form ?? blankOfficeForm}
        notice={options.notice ?? null}
      />,
      options.status ?? 200,
    );
  }

  /** The application behind a form's URL, through the policy: another job's reads as missing. */
  async function applicationOf(req: FastifyRequest<Params>) {
    const application = await findApplicationFor(deps.db, { principal: staffOf(req).principal, applicationId: req.params.id });
    if (!application) throw new AppError("notFound", "no such application for this member of staff");
    return application;
  }

  app.get<Params>("/candidates/:id", STAFF("candidates.view"), async (req, reply) => showPage(req, reply, { notice: noticeFromQuery(req.query, NOTICES) }));

  // A POST that answers with the page itself: the answers are shown for this one response and nothing keeps them.
  app.post<Params>("/candidates/:id/sensitive", STAFF("candidates.view"), async (req, reply) => {
    const application = await applicationOf(req);
    const resource = { kind: "application", candidateId: application.candidateId, jobIds: [application.jobId] } as const;
    if (!may(staffOf(req).principal, "viewSensitive", resource)) throw new AppError("forbidden", "sensitive answers are not granted to this member");
    const parsed = parseOfficeForm(ZRevealForm, req.body);
    if (!parsed.ok) return showPage(req, reply, { form: parsed.form, status: 400 });
    return showPage(req, reply, { reveal: { reason: parsed.data.reason } });
  });

  app.post<Params>("/candidates/:id/notes", STAFF("candidates.note"), async (req, reply) => {
    const application = await applicationOf(req);
    const parsed = parseOfficeForm(ZNoteForm, req.body);
    if (!parsed.ok) return showPage(req, reply, { form: parsed.form, status: 400 });
    const added = await addApplicationNote(deps.db, {
      application,
      principal: staffOf(req).principal,
      body: parsed.data.body,
      rating: parsed.data.rating ? Number(parsed.data.rating) : null,
      now: deps.now(),
      addressHash: addressHash(req),
    });
    if (!added.ok) {
      if (added.reason === "notAllowed") throw new AppError("notFound", "no such application for this member of staff");
      const [field, key] =
        added.reason === "badRating"
          ? (["rating", "office.candidatePage.notes.rating.invalid"] as const)
          : added.reason === "tooLong"
            ? (["body", "office.candidatePage.notes.body.tooLong"] as const)
            : (["body", "office.candidatePage.notes.body.required"] as const);
      const form = withError({ values: echoValues(req.body), errors: {} }, field, key);
      return showPage(req, reply, { form, status: 400 });
    }
    return reply.seeOther(`/office/candidates/${application.id}?notice=noted#notes`);
  });

  app.post<Params>("/candidates/:id/move", STAFF("candidates.decide"), async (req, reply) => {
    const application = await applicationOf(req);
    const parsed = parseOfficeForm(ZMoveForm, req.body);
    if (!parsed.ok) return showPage(req, reply, { form: parsed.form, status: 400 });
    const outcome = await moveApplications(deps.db, {
      applicationIds: [application.id],
      to: parsed.data.to,
      principal: staffOf(req).principal,
      now: deps.now(),
      addressHash: addressHash(req),
    });
    if (outcome.moved.length === 0) {
      const reason = outcome.skipped[0]?.reason;
      if (reason === "notAllowed" || reason === "notFound") throw new AppError("notFound", "no such application for this member of staff");
      const form = withError({ values: echoValues(req.body), errors: {} }, "to", "office.candidatePage.move.refused");
      return showPage(req, reply, { form, status: 409 });
    }
    return reply.seeOther(`/office/candidates/${application.id}?notice=moved`);
  });

  app.get<{ Params: { id: string; documentId: string } }>("/candidates/:id/documents/:documentId", STAFF("candidates.view"), async (req, reply) => {
    const sent = await readSentDocument(deps.db, {
      principal: staffOf(req).principal,
      applicationId: req.params.id,
      documentId: req.params.documentId,
      now: deps.now(),
      addressHash: addressHash(req),
    });
    // Another job's application, a document not sent with it and a missing one all look the same.
    if (!sent) throw new AppError("notFound", "no such document for this member of staff");
    const { document, application } = sent;
    // Our own name, led by the application's reference so a folder of downloads sorts by candidate.
    const label = document.label || officeTexts[req.locale]("office.candidatePage.documents.defaultLabel", { kind: document.kind.toUpperCase() });
    const name = safeDownloadName({ label: `${application.reference} ${label}`, kind: document.kind });
    return reply
      .header("content-type", document.mediaType)
      .header("content-disposition", name.contentDisposition)
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "private, no-store")
      .send(document.content);
  });
}
