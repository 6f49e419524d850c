import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { listAssessmentBankChoices } from "../../../modules/jobs/assessment-bank-choices.ts";
import { changeJob } from "../../../modules/jobs/change-job.ts";
import { closeJob, type JobStatusOutcome, publishJob } from "../../../modules/jobs/change-job-status.ts";
import { copyJob } from "../../../modules/jobs/copy-job.ts";
import { createJob } from "../../../modules/jobs/create-job.ts";
import { echoJobForm, JOB_ID_PATTERN, jobDraftSchema, jobFormValues } from "../../../modules/jobs/job-form.ts";
import { findJob, listJobsForOffice } from "../../../modules/jobs/job-repo.ts";
import { listQuestionSetChoices } from "../../../modules/jobs/question-set-choices.ts";
import type { Job } from "../../../modules/jobs/schema.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { withError } from "../../../platform/http/form.ts";
import { noticeFromQuery } from "../../../platform/http/notices.ts";
import { PROJECT_ROOT } from "../../../platform/project-root.ts";
import { normaliseText } from "../../../platform/text/japanese-input.ts";
import { STAFF } from "../../route-access.ts";
import type { OfficeMessageKey } from "../messages.ts";
import { type OfficeForm, parseOfficeForm } from "../page.ts";
import { staffOf } from "../signed-in.ts";
import { EditJobPage, JobListPage, NewJobPage, newJobDefaults } from "./views.tsx";

const BANKS_DIR = path.join(PROJECT_ROOT, "content/assessments");

const NOTICES = {
  saved: "office.jobs.saved",
  unchanged: "office.jobs.unchanged",
  created: "office.jobs.created",
  copied: "office.jobs.copied",
  published: "office.jobs.published",
  closed: "office.jobs.closed",
} as const satisfies Record<string, OfficeMessageKey>;

/** Why a publish was refused: the field to fix and the message shown at it. */
const PUBLISH_REFUSALS = {
  closingDatePassed: { field: "validThrough", key: "office.jobs.error.publish.passed" },
  noQuestionSet: { field: "questionSet", key: "office.jobs.error.publish.noQuestionSet" },
} as const satisfies Record<string, { field: string; key: OfficeMessageKey }>;

function revisionOf(body: unknown): number {
  const raw = (body as Record<string, unknown> | undefined)?.revision;
  return typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : -1;
}

/** 求人 (admins): list, create, edit in both languages, publish, close and copy jobs; every change audited. */
export async function jobEditorRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const banks = await listAssessmentBankChoices(BANKS_DIR);

  async function choices() {
    return { questionSets: await listQuestionSetChoices(deps.db), banks };
  }

  function schemaFor(c: Awaited<ReturnType<typeof choices>>) {
    return jobDraftSchema({ questionSets: c.questionSets.map((q) => q.key), banks: c.banks.map((b) => b.bankId) });
  }

  async function jobOf(req: FastifyRequest<{ Params: { id: string } }>): Promise<Job> {
    const job = await findJob(deps.db, req.params.id);
    if (!job) throw new AppError("notFound", `no job ${req.params.id}`);
    return job;
  }

  async function renderJob(
    reply: FastifyReply,
    job: Job,
    view: { form?: OfficeForm; revision?: number; notice?: OfficeMessageKey | null; stale?: boolean },
    status = 200,
  ) {
    return reply.page(
      <EditJobPage
        job={job}
        form={view.form ?? { values: jobFormValues(job), errors: {} }}
        revision={view.revision ?? job.revision}
        choices={await choices()}
        notice={view.notice ?? null}
        stale={view.stale ?? false}
        now={deps.now()}
      />,
      status,
    );
  }

  app.get("/jobs", STAFF("jobs.manage"), async (req, reply) =>
    reply.page(<JobListPage jobs={await listJobsForOffice(deps.db)} now={deps.now()} notice={noticeFromQuery(req.query, NOTICES)} />),
  );

  app.get("/jobs/new", STAFF("jobs.manage"), async (_req, reply) => {
    const c = await choices();
    return reply.page(<NewJobPage form={{ values: newJobDefaults(deps.now(), c), errors: {} }} choices={c} />);
  });

  app.post("/jobs", STAFF("jobs.manage"), async (req, reply) => {
    const c = await choices();
    const values = echoJobForm(req.body);
    const parsed = parseOfficeForm(schemaFor(c), req.body);
    const typedId = normaliseText(values.id ?? "");
    const idProblem = typedId !== "" && !JOB_ID_PATTERN.test(typedId);
    if (!parsed.ok || idProblem) {
      const errors = parsed.ok ? {} : parsed.form.errors;
      const form: OfficeForm = idProblem ? withError({ values, errors }, "id", "office.jobs.error.id.invalid") : { values, errors };
      return reply.page(<NewJobPage form={form} choices={c} />, 400);
    }
    const created = await createJob(deps.db, { draft: parsed.data, id: typedId || null, by: staffOf(req).member.id, now: deps.now() });
    if (!created.ok) return reply.page(<NewJobPage form={withError({ values, errors: {} }, "id", "office.jobs.error.id.taken")} choices={c} />, 409);
    return reply.seeOther(`/office/jobs/${created.job.id}?notice=created`);
  });

  app.get<{ Params: { id: string } }>("/jobs/:id", STAFF("jobs.manage"), async (req, reply) =>
    renderJob(reply, await jobOf(req), { notice: noticeFromQuery(req.query, NOTICES) }),
  );

  app.post<{ Params: { id: string } }>("/jobs/:id", STAFF("jobs.manage"), async (req, reply) => {
    const job = await jobOf(req);
    const c = await choices();
    const values = echoJobForm(req.body);
    const revision = revisionOf(req.body);
    const parsed = parseOfficeForm(schemaFor(c), req.body);
    if (!parsed.ok) return renderJob(reply, job, { form: { values, errors: parsed.form.errors }, revision }, 400);
    const outcome = await changeJob(deps.db, { jobId: job.id, revision, draft: parsed.data, by: staffOf(req).member.id, now: deps.now() });
    if (outcome.ok) return reply.seeOther(`/office/jobs/${job.id}?notice=${outcome.changed.length > 0 ? "saved" : "unchanged"}`);
    if (outcome.reason === "notFound") throw new AppError("notFound", `no job ${job.id}`);
    // Nothing typed is lost: the form shows what was sent, now against the newest revision.
    if (outcome.reason === "stale") return renderJob(reply, outcome.job, { form: { values, errors: {} }, revision: outcome.job.revision, stale: true }, 409);
    return renderJob(
      reply,
      outcome.job,
      { form: withError({ values, errors: {} }, "validThrough", "office.jobs.error.validThrough.passed"), revision: outcome.job.revision },
      400,
    );
  });

  async function afterMove(reply: FastifyReply, job: Job, outcome: JobStatusOutcome, done: "published" | "closed") {
    if (outcome.ok) return reply.seeOther(`/office/jobs/${job.id}?notice=${done}`);
    if (outcome.reason === "notFound") throw new AppError("notFound", `no job ${job.id}`);
    // Already moved (a second click, another member): the page shows where it stands now.
    if (outcome.reason === "notAllowed") return reply.seeOther(`/office/jobs/${job.id}`);
    const refusal = PUBLISH_REFUSALS[outcome.reason];
    return renderJob(reply, job, { form: withError({ values: jobFormValues(job), errors: {} }, refusal.field, refusal.key) }, 409);
  }

  app.post<{ Params: { id: string } }>("/jobs/:id/publish", STAFF("jobs.manage"), async (req, reply) => {
    const job = await jobOf(req);
    return afterMove(reply, job, await publishJob(deps.db, { jobId: job.id, by: staffOf(req).member.id, now: deps.now() }), "published");
  });

  app.post<{ Params: { id: string } }>("/jobs/:id/close", STAFF("jobs.manage"), async (req, reply) => {
    const job = await jobOf(req);
    return afterMove(reply, job, await closeJob(deps.db, { jobId: job.id, by: staffOf(req).member.id, now: deps.now() }), "closed");
  });

  app.post<{ Params: { id: string } }>("/jobs/:id/copy", STAFF("jobs.manage"), async (req, reply) => {
    const job = await jobOf(req);
    const copy = await copyJob(deps.db, { jobId: job.id, by: staffOf(req).member.id, now: deps.now() });
    if (!copy) throw new AppError("notFound", `no job ${job.id}`);
    return reply.seeOther(`/office/jobs/${copy.id}?notice=copied`);
  });
}
