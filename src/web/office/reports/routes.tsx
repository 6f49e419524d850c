import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { coversJob } from "../../../modules/access/policy.ts";
import { type ItemBank, loadItemBank } from "../../../modules/assessment/bank/index.ts";
import { ID_PATTERN } from "../../../modules/assessment/bank/item-bank-schema.ts";
import { recordAudit } from "../../../modules/audit/audit-log.ts";
import { csvExportStream } from "../../../modules/exports/csv-export.ts";
import { findJob, listJobsForOffice } from "../../../modules/jobs/job-repo.ts";
import type { Job } from "../../../modules/jobs/schema.ts";
import { buildAssessmentReport } from "../../../modules/reports/build-assessment-report.ts";
import { buildFunnelReport } from "../../../modules/reports/build-funnel-report.ts";
import { readAttemptVersions } from "../../../modules/reports/read-completed-attempts.ts";
import { assessmentDataset, type Dataset, funnelDataset, PUBLIC_DATASETS } from "../../../modules/reports/report-datasets.ts";
import type { ReportScope } from "../../../modules/reports/report-scope.ts";
import { addressHashOf } from "../../../modules/staff/staff-sign-in.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { PROJECT_ROOT } from "../../../platform/project-root.ts";
import { STAFF } from "../../route-access.ts";
import { staffOf } from "../signed-in.ts";
import { FairnessReportPage, FunnelReportPage, ItemsReportPage, type ReportContext, ReportsIndexPage } from "./views.tsx";

const BANKS_DIR = path.join(PROJECT_ROOT, "content/assessments");

type JobParams = { Params: { jobId: string } };

/** A day typed in the filter, read as a day in Japan: its first or its last moment. */
function dayOf(value: unknown, end: boolean): Date | null | "invalid" {
  if (value === undefined || value === "") return null;
  const match = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return "invalid";
  // Date rolls 2026-02-30 over into March: a day that does not exist is refused, not moved.
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = new Date(Date.UTC(y, m - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return "invalid";
  return new Date(`${match[0]}T${end ? "23:59:59.999" : "00:00:00"}+09:00`);
}

/** レポート (admins and recruiters, for the jobs they cover): the funnel, item statistics, fairness, and their data. */
export async function reportRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const banks = new Map<string, Promise<ItemBank | null>>();
  /** The job's item bank as installed, loaded once; null when it is not installed. */
  function bankOf(job: Job): Promise<ItemBank | null> {
    const id = job.assessmentBank;
    if (!ID_PATTERN.test(id)) return Promise.resolve(null);
    let bank = banks.get(id);
    if (!bank) {
      bank = loadItemBank(path.join(BANKS_DIR, id)).catch(() => null);
      banks.set(id, bank);
    }
    return bank;
  }

  /** The job of a report URL, if the member covers it; any other job reads as missing, never as forbidden. */
  async function coveredJob(req: FastifyRequest<JobParams>): Promise<Job> {
    const job = await findJob(deps.db, req.params.jobId);
    if (!job || !coversJob(staffOf(req).principal, job.id)) throw new AppError("notFound", `no report of job ${req.params.jobId} for this member`);
    return job;
  }

  /** The job, its cohort's scope and the page's context from the query's dates; a wrong date is ignored and said so. */
  async function contextOf(req: FastifyRequest<JobParams>): Promise<{ job: Job; scope: ReportScope; context: ReportContext }> {
    const job = await coveredJob(req);
    const query = req.query as { from?: unknown; to?: unknown };
    const from = dayOf(query.from, false);
    const to = dayOf(query.to, true);
    const values: ReportContext["values"] = {};
    if (from instanceof Date) values.from = String(query.from);
    if (to instanceof Date) values.to = String(query.to);
    return {
      job,
      scope: { jobId: job.id, from: from instanceof Date ? from : null, to: to instanceof Date ? to : null },
      context: { jobId: job.id, jobTitle: job.title[req.locale], values, invalid: from === "invalid" || to === "invalid" },
    };
  }

  app.get("/reports", STAFF("reports.view"), async (req, reply) => {
    const { principal } = staffOf(req);
    const jobs = (await listJobsForOffice(deps.db)).filter((j) => coversJob(principal, j.id)).map((j) => ({ id: j.id, title: j.title[req.locale] }));
    return reply.page(<ReportsIndexPage jobs={jobs} />);
  });

  app.get<JobParams>("/reports/:jobId", STAFF("reports.view"), async (req, reply) => {
    const { job, scope, context } = await contextOf(req);
    const bank = await bankOf(job);
    return reply.page(<FunnelReportPage context={context} report={await buildFunnelReport(deps.db, { scope, bank })} bank={bank} />);
  });

  app.get<JobParams>("/reports/:jobId/items", STAFF("reports.view"), async (req, reply) => {
    const { job, scope, context } = await contextOf(req);
    const bank = await bankOf(job);
    const report = bank ? await buildAssessmentReport(deps.db, { scope, bank }) : null;
    const versions = await readAttemptVersions(deps.db, scope, job.assessmentBank);
    return reply.page(<ItemsReportPage context={context} report={report} bank={bank} bankId={job.assessmentBank} versions={versions} />);
  });

  app.get<JobParams>("/reports/:jobId/fairness", STAFF("reports.view"), async (req, reply) => {
    const { job, scope, context } = await contextOf(req);
    const bank = await bankOf(job);
    const report = bank ? await buildAssessmentReport(deps.db, { scope, bank }) : null;
    const versions = await readAttemptVersions(deps.db, scope, job.assessmentBank);
    return reply.page(<FairnessReportPage context={context} report={report} bankId={job.assessmentBank} versions={versions} />);
  });

  app.get<{ Params: { jobId: string; file: string } }>("/reports/:jobId/data/:file", STAFF("reports.view"), async (req, reply: FastifyReply) => {
    const { job, scope } = await contextOf(req);
    const name = req.params.file.replace(/\.csv$/, "");
    const funnelName = PUBLIC_DATASETS.funnel.find((d) => d === name);
    const assessmentName = PUBLIC_DATASETS.assessment.find((d) => d === name);
    const bank = await bankOf(job);
    if ((!funnelName && !assessmentName) || !req.params.file.endsWith(".csv")) throw new AppError("notFound", `no dataset ${req.params.file}`);
    let dataset: Dataset;
    if (funnelName) dataset = funnelDataset(await buildFunnelReport(deps.db, { scope, bank }), funnelName);
    else if (assessmentName && bank) dataset = assessmentDataset(await buildAssessmentReport(deps.db, { scope, bank }), assessmentName);
    else throw new AppError("notFound", `no item bank ${job.assessmentBank} for ${req.params.file}`);
    await recordAudit(deps.db, {
      at: deps.now(),
      staffId: staffOf(req).member.id,
      action: "report.exported",
      record: { kind: "job", id: job.id },
      addressHash: addressHashOf(deps.config.secret, req.ip),
      detail: { dataset: name, from: scope.from?.toISOString() ?? null, to: scope.to?.toISOString() ?? null, rows: dataset.rows.length },
    });
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${job.id}-${name}.csv"`)
      .header("cache-control", "no-store")
      .send(csvExportStream(dataset.rows, dataset.columns));
  });
}
