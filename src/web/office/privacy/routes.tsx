import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { findApplicationFor } from "../../../modules/applications/application-store.ts";
import { japanToday } from "../../../modules/applications/japan-today.ts";
import { recordAudit } from "../../../modules/audit/audit-log.ts";
import { candidateNameOf } from "../../../modules/candidates/candidate-repo.ts";
import { exportCandidateData } from "../../../modules/privacy/export-candidate-data.ts";
import { legalHoldsOf, MAX_HOLD_REASON_LENGTH, openLegalHold, placeLegalHold, releaseLegalHold } from "../../../modules/privacy/legal-holds.ts";
import {
  completeDisclosure,
  eraseOnRequest,
  erasureOf,
  findPrivacyRequest,
  PRIVACY_REQUEST_KINDS,
  type PrivacyRequest,
  privacyRequestsOf,
  REQUEST_CHANNELS,
  recordDisclosureDownload,
  recordPrivacyRequest,
} from "../../../modules/privacy/privacy-requests.ts";
import { listStaff } from "../../../modules/staff/staff-directory.ts";
import { addressHashOf } from "../../../modules/staff/staff-sign-in.ts";
import { isUuid } from "../../../platform/db/uuid.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { echoValues, withError } from "../../../platform/http/form.ts";
import { noticeFromQuery } from "../../../platform/http/notices.ts";
import { textField } from "../../../platform/text/japanese-input.ts";
import { STAFF } from "../../route-access.ts";
import { blankOfficeForm, type OfficeForm, parseOfficeForm } from "../page.ts";
import { staffOf } from "../signed-in.ts";
import { ErasureConfirmPage, PrivacyPage, PrivacyRequestPage, type PrivacySubject, type StaffNames } from "./views.tsx";

const NOTICES = {
  recorded: "office.privacy.notice.recorded",
  completed: "office.privacy.notice.completed",
  placed: "office.privacy.notice.placed",
  released: "office.privacy.notice.released",
} as const;

const ERASED = { erased: "office.privacy.notice.erased" } as const;

/** A calendar day typed in the form, in Japan; a day that does not exist or lies ahead is refused. */
function receivedDay(value: string, today: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d && value <= today;
}

const ZRequestForm = z.object({
  kind: z.enum(PRIVACY_REQUEST_KINDS, { error: "office.privacy.record.kind.required" }),
  receivedVia: z.enum(REQUEST_CHANNELS, { error: "office.privacy.record.via.required" }),
  receivedOn: z.string({ error: "office.privacy.record.date.invalid" }).trim(),
});

const ZHoldForm = z.object({
  reason: textField("office.privacy.hold.reason.required").pipe(
    z.string().trim().min(1, "office.privacy.hold.reason.required").max(MAX_HOLD_REASON_LENGTH, "office.privacy.hold.reason.tooLong"),
  ),
});

type Params = { Params: { id: string } };
type RequestParams = { Params: { id: string; requestId: string } };

/**
 * 個人情報の取り扱い (admins): a candidate's disclosure and deletion requests, recorded, answered and carried out,
 * and the legal hold that pauses retention and refuses erasure. Reached through one of the candidate's
 * applications; every action is audited with the candidate's id and the request's or hold's.
 */
export async function privacyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const audited = (req: FastifyRequest) => ({ staffId: staffOf(req).member.id, now: deps.now(), addressHash: addressHashOf(deps.config.secret, req.ip) });

  async function staffNames(): Promise<StaffNames> {
    return new Map((await listStaff(deps.db)).map((s) => [s.id, s.name]));
  }

  /** The candidate behind the URL's application, through the access policy. */
  async function subjectOf(req: FastifyRequest<Params>): Promise<PrivacySubject & { candidateId: string }> {
    const application = await findApplicationFor(deps.db, { principal: staffOf(req).principal, applicationId: req.params.id });
    if (!application) throw new AppError("notFound", "no such application for this member of staff");
    const name = await candidateNameOf(deps.db, application.candidateId);
    if (name === null) throw new AppError("notFound", "the application's account is gone");
    return { applicationId: application.id, candidateId: application.candidateId, name };
  }

  /** A request of the URL's candidate; another candidate's reads as missing. */
  async function requestOf(req: FastifyRequest<RequestParams>, candidateId: string): Promise<PrivacyRequest> {
    const request = isUuid(req.params.requestId) ? await findPrivacyRequest(deps.db, req.params.requestId) : null;
    if (!request || request.candidateId !== candidateId) throw new AppError("notFound", "no such request for this candidate");
    return request;
  }

  /** A privacy page names the candidate: each showing is audited like a view of the candidate page. */
  async function recordView(req: FastifyRequest, subject: PrivacySubject & { candidateId: string }) {
    const { staffId, now, addressHash } = audited(req);
    await recordAudit(deps.db, {
      at: now,
      staffId,
      action: "privacy.viewed",
      record: { kind: "application", id: subject.applicationId },
      candidateId: subject.candidateId,
      addressHash,
    });
  }

  async function showPage(req: FastifyRequest<Params>, reply: FastifyReply, options: { form?: OfficeForm; status?: number } = {}) {
    const subject = await subjectOf(req);
    await recordView(req, subject);
    const form = options.form ?? { values: { receivedOn: japanToday(deps.now()) }, errors: {} };
    // The request's id travels with its form (kept when the form comes back with an error), so sending it twice records it once.
    const requestId = isUuid(form.values.requestId) ? form.values.requestId : randomUUID();
    return reply.page(
      <PrivacyPage
        subject={subject}
        hold={await openLegalHold(deps.db, subject.candidateId)}
        holds={await legalHoldsOf(deps.db, subject.candidateId)}
        requests={await privacyRequestsOf(deps.db, subject.candidateId)}
        names={await staffNames()}
        form={{ ...form, values: { ...form.values, requestId } }}
        notice={noticeFromQuery(req.query, NOTICES)}
      />,
      options.status ?? 200,
    );
  }

  app.get<Params>("/candidates/:id/privacy", STAFF("privacy.manage"), async (req, reply) => showPage(req, reply));

  app.post<Params>("/candidates/:id/privacy/requests", STAFF("privacy.manage"), async (req, reply) => {
    const subject = await subjectOf(req);
    const parsed = parseOfficeForm(ZRequestForm, req.body);
    if (!parsed.ok) return showPage(req, reply, { form: parsed.form, status: 400 });
    if (!receivedDay(parsed.data.receivedOn, japanToday(deps.now()))) {
      return showPage(req, reply, {
        form: withError({ values: echoValues(req.body), errors: {} }, "receivedOn", "office.privacy.record.date.invalid"),
        status: 400,
      });
    }
    const requestId = (req.body as { requestId?: unknown }).requestId;
    const recorded = await recordPrivacyRequest(deps.db, {
      ...audited(req),
      // A form from before ids came with it has none; it is recorded as it always was.
      id: isUuid(requestId) ? requestId : randomUUID(),
      candidateId: subject.candidateId,
      kind: parsed.data.kind,
      receivedVia: parsed.data.receivedVia,
      receivedAt: new Date(`${parsed.data.receivedOn}T00:00:00+09:00`),
    });
    if (!recorded) throw new AppError("badRequest", "the form's request id belongs to another candidate's request");
    return reply.seeOther(`/office/candidates/${subject.applicationId}/privacy?notice=recorded`);
  });

  app.post<RequestParams>("/candidates/:id/privacy/requests/:requestId/complete", STAFF("privacy.manage"), async (req, reply) => {
    const subject = await subjectOf(req);
    const request = await requestOf(req, subject.candidateId);
    if (request.kind !== "disclosure") throw new AppError("notFound", "not a disclosure request");
    // A second press finds it completed already: the same page follows.
    await completeDisclosure(deps.db, { ...audited(req), requestId: request.id });
    return reply.seeOther(`/office/candidates/${subject.applicationId}/privacy?notice=completed`);
  });

  // The file itself: only against an open disclosure request, each download audited.
  app.get<Params>("/candidates/:id/privacy/disclosure.json", STAFF("privacy.manage"), async (req, reply) => {
    const subject = await subjectOf(req);
    const requestId = (req.query as { request?: unknown }).request;
    const request = typeof requestId === "string" && isUuid(requestId) ? await findPrivacyRequest(deps.db, requestId) : null;
    if (!request || request.candidateId !== subject.candidateId || request.kind !== "disclosure" || request.completedAt)
      throw new AppError("notFound", "no open disclosure request for this candidate");
    // The same file the candidate downloads from their own privacy page: everything held about them.
    const disclosure = await exportCandidateData(deps.db, subject.candidateId, deps.now());
    if (!disclosure) throw new AppError("notFound", "the account is gone");
    await recordDisclosureDownload(deps.db, { ...audited(req), request });
    return reply
      .header("content-type", "application/json; charset=utf-8")
      .header("content-disposition", `attachment; filename="disclosure-${request.id}.json"`)
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "private, no-store")
      .send(JSON.stringify(disclosure, null, 2));
  });

  async function showErasure(req: FastifyRequest<RequestParams>, reply: FastifyReply, form: OfficeForm, status = 200) {
    const subject = await subjectOf(req);
    const request = await requestOf(req, subject.candidateId);
    if (request.kind !== "deletion" || request.completedAt) throw new AppError("notFound", "not an open deletion request");
    const held = (await openLegalHold(deps.db, subject.candidateId)) !== null;
    await recordView(req, subject);
    return reply.page(<ErasureConfirmPage subject={subject} request={request} held={held} form={form} />, held ? 409 : status);
  }

  app.get<RequestParams>("/candidates/:id/privacy/requests/:requestId/erase", STAFF("privacy.manage"), async (req, reply) =>
    showErasure(req, reply, blankOfficeForm),
  );

  app.post<RequestParams>("/candidates/:id/privacy/requests/:requestId/erase", STAFF("privacy.manage"), async (req, reply) => {
    // Sent twice: the first erased the account and its applications, so the second goes where the first went.
    const earlier = isUuid(req.params.requestId) ? await findPrivacyRequest(deps.db, req.params.requestId) : null;
    if (earlier?.kind === "deletion" && earlier.completedAt) return reply.seeOther(`/office/privacy/requests/${earlier.id}`);
    const subject = await subjectOf(req);
    const request = await requestOf(req, subject.candidateId);
    if ((req.body as { confirmed?: unknown } | undefined)?.confirmed !== "yes") {
      return showErasure(req, reply, withError(blankOfficeForm, "confirmed", "office.privacy.deletion.confirmRequired"), 400);
    }
    const erased = await eraseOnRequest(deps.db, { ...audited(req), requestId: request.id, secret: deps.config.secret, orgName: deps.config.orgName });
    if (!erased.ok) {
      if (erased.reason === "held") return showErasure(req, reply, blankOfficeForm);
      throw new AppError("notFound", "not an open deletion request");
    }
    deps.nudgeOutbox();
    return reply.seeOther(`/office/privacy/requests/${request.id}?notice=erased`);
  });

  app.post<Params>("/candidates/:id/privacy/hold", STAFF("privacy.manage"), async (req, reply) => {
    const subject = await subjectOf(req);
    const parsed = parseOfficeForm(ZHoldForm, req.body);
    if (!parsed.ok) return showPage(req, reply, { form: parsed.form, status: 400 });
    const placed = await placeLegalHold(deps.db, { ...audited(req), candidateId: subject.candidateId, reason: parsed.data.reason });
    if (!placed.ok)
      return showPage(req, reply, { form: withError({ values: echoValues(req.body), errors: {} }, "reason", "office.privacy.hold.alreadyHeld"), status: 409 });
    return reply.seeOther(`/office/candidates/${subject.applicationId}/privacy?notice=placed`);
  });

  app.post<Params>("/candidates/:id/privacy/hold/release", STAFF("privacy.manage"), async (req, reply) => {
    const subject = await subjectOf(req);
    const released = await releaseLegalHold(deps.db, { ...audited(req), candidateId: subject.candidateId });
    return reply.seeOther(`/office/candidates/${subject.applicationId}/privacy${released ? "?notice=released" : ""}`);
  });

  // The register's entry, by the request's id alone: it outlives the account and its applications.
  app.get<{ Params: { requestId: string } }>("/privacy/requests/:requestId", STAFF("privacy.manage"), async (req, reply) => {
    const request = isUuid(req.params.requestId) ? await findPrivacyRequest(deps.db, req.params.requestId) : null;
    if (!request) throw new AppError("notFound", "no such request");
    const deletion = request.kind === "deletion" && request.completedAt ? await erasureOf(deps.db, request.candidateId) : null;
    return reply.page(
      <PrivacyRequestPage request={request} removed={deletion?.removed ?? null} names={await staffNames()} notice={noticeFromQuery(req.query, ERASED)} />,
    );
  });
}
