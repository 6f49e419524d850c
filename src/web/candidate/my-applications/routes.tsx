import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { transition } from "../../../modules/applications/application-state.ts";
import { findApplicationFor, withdrawApplication } from "../../../modules/applications/application-store.ts";
import { snapshotJob } from "../../../modules/applications/job-snapshot.ts";
import type { Application } from "../../../modules/applications/schema.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { noticeFromQuery } from "../../../platform/http/notices.ts";
import { optionalTextField } from "../../../platform/text/japanese-input.ts";
import { CANDIDATE } from "../../route-access.ts";
import { applicationOf, candidateActor, loadOwnApplication } from "../apply/own-application.ts";
import { assessmentReportsFor } from "../assessment/report.tsx";
import { LISTS_APPLICATIONS, listedApplications } from "../listed-with-session.ts";
import type { MessageKey } from "../messages.ts";
import { blankForm, parseForm } from "../page.ts";
import { candidateOf } from "../signed-in.ts";
import { JobSnapshotPage, MyApplicationsPage, WITHDRAWAL_REASONS, WithdrawConfirmPage, WithdrawPage } from "./views.tsx";

const NOTICES = {
  withdrawn: "applications.withdraw.done",
  closed: "applications.closed",
} as const satisfies Record<string, MessageKey>;

const ZWithdrawSchema = z.object({
  reason: z.enum(WITHDRAWAL_REASONS, { error: "applications.withdraw.reason.required" }),
  note: optionalTextField("form.invalid").pipe(z.string().max(500, "applications.answer.tooLong").optional()),
});

const CLOSED = "/account/applications?notice=closed";

/** Only applications in progress or still under review can be withdrawn. */
function canWithdraw(a: Application): boolean {
  return transition(a.state, "withdraw") !== null;
}

/** 応募した求人: each application's status and next step, the job as applied for, and 応募を取り下げる. */
export async function myApplicationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get("/account/applications", LISTS_APPLICATIONS, async (req, reply) => {
    const rows = listedApplications(req);
    const reports = await assessmentReportsFor(deps.db, { candidateId: candidateOf(req).id, applications: rows });
    const items = rows.map((a) => ({ app: a, title: snapshotJob(a).title[req.locale], report: reports.get(a.id) ?? null }));
    return reply.page(<MyApplicationsPage items={items} notice={noticeFromQuery(req.query, NOTICES)} />);
  });

  app.get<{ Params: { id: string } }>("/account/applications/:id/job", CANDIDATE, async (req, reply) => {
    const a = await findApplicationFor(deps.db, { principal: { kind: "candidate", id: candidateOf(req).id }, applicationId: req.params.id });
    if (!a) throw new AppError("notFound", "no such application for this candidate");
    return reply.page(<JobSnapshotPage job={snapshotJob(a)} />);
  });

  await app.register(async (withdrawal) => {
    loadOwnApplication(withdrawal);

    withdrawal.get<{ Params: { id: string } }>("/applications/:id/withdraw", CANDIDATE, async (req, reply) => {
      const a = applicationOf(req);
      if (!canWithdraw(a)) return reply.seeOther(CLOSED);
      return reply.page(<WithdrawPage app={a} job={snapshotJob(a)} form={blankForm} />);
    });

    withdrawal.post<{ Params: { id: string } }>("/applications/:id/withdraw", CANDIDATE, async (req, reply) => {
      const a = applicationOf(req);
      if (!canWithdraw(a)) return reply.seeOther(CLOSED);
      const parsed = parseForm(ZWithdrawSchema, req.body);
      if (!parsed.ok) return reply.page(<WithdrawPage app={a} job={snapshotJob(a)} form={parsed.form} />, 400);
      return reply.page(<WithdrawConfirmPage app={a} job={snapshotJob(a)} reason={parsed.data.reason} note={parsed.data.note ?? ""} />);
    });

    withdrawal.post<{ Params: { id: string } }>("/applications/:id/withdraw/confirm", CANDIDATE, async (req, reply) => {
      const a = applicationOf(req);
      if (!canWithdraw(a)) return reply.seeOther(CLOSED);
      const parsed = parseForm(ZWithdrawSchema, req.body);
      if (!parsed.ok) return reply.page(<WithdrawPage app={a} job={snapshotJob(a)} form={parsed.form} />, 400);
      const outcome = await withdrawApplication(deps.db, {
        applicationId: a.id,
        now: deps.now(),
        actor: candidateActor(req),
        reason: parsed.data.reason,
        note: parsed.data.note,
        recipient: candidateOf(req).email,
        locale: req.locale,
        orgName: deps.config.orgName,
      });
      if (outcome.ok) deps.nudgeOutbox();
      return reply.seeOther(`/account/applications?notice=${outcome.ok ? "withdrawn" : "closed"}`);
    });
  });
}
