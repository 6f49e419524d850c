import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { coversJob } from "../../../modules/access/policy.ts";
import { recordAudit } from "../../../modules/audit/audit-log.ts";
import type { EmailTemplate } from "../../../modules/email-templates/schema.ts";
import { findCurrentTemplate, findTemplateVersion, listCurrentTemplates } from "../../../modules/email-templates/template-store.ts";
import { csvExportStream } from "../../../modules/exports/csv-export.ts";
import { findJob } from "../../../modules/jobs/job-repo.ts";
import { countPipelineStages } from "../../../modules/pipeline/count-pipeline-stages.ts";
import { exportPipeline, PIPELINE_EXPORT_COLUMNS } from "../../../modules/pipeline/export-pipeline.ts";
import { listCoveredJobs } from "../../../modules/pipeline/list-covered-jobs.ts";
import { listPipeline } from "../../../modules/pipeline/list-pipeline.ts";
import { findPipelineMove, MOVE_LIMIT, moveFromPipeline, previewPipelineMove } from "../../../modules/pipeline/move-from-pipeline.ts";
import { isMoveTarget } from "../../../modules/pipeline/move-targets.ts";
import { nameApplications } from "../../../modules/pipeline/name-applications.ts";
import { nextMorningInTokyo } from "../../../modules/pipeline/next-morning.ts";
import { decodePipelineCursor, encodePipelineCursor } from "../../../modules/pipeline/pipeline-cursor.ts";
import { PIPELINE_PAGE_SIZE } from "../../../modules/pipeline/pipeline-query.ts";
import { addressHashOf } from "../../../modules/staff/staff-sign-in.ts";
import { isUuid } from "../../../platform/db/uuid.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { STAFF } from "../../route-access.ts";
import { officeTexts } from "../messages.ts";
import type { OfficeForm } from "../page.ts";
import { staffOf } from "../signed-in.ts";
import { auditedPipelineParams, pipelineUrl, readPipelineParams } from "./pipeline-params.ts";
import { type MoveChoice, MoveConfirmPage, MoveDonePage, PipelineJobsPage, PipelinePage, stageKey } from "./views.tsx";

type JobParams = { Params: { jobId: string } };

/** The job of a pipeline URL, for a member who works on it; any other job reads as missing (404), never as forbidden. */
async function coveredJob(req: FastifyRequest<JobParams>, deps: AppDeps): Promise<{ id: string; title: string }> {
  const { principal } = staffOf(req);
  const job = coversJob(principal, req.params.jobId) ? await findJob(deps.db, req.params.jobId) : null;
  if (!job) throw new AppError("notFound", "no such job for this member");
  return { id: job.id, title: job.title[req.locale] };
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" ? [value] : [];
}

/** Where a move page leads back to: the pipeline list it came from, never anywhere else. */
function backOf(value: unknown, jobId: string): string {
  const home = pipelineUrl(jobId, {});
  return typeof value === "string" && (value === home || value.startsWith(`${home}?`)) && !value.includes("//") ? value : home;
}

/** The choices a move form sends, read as far as they go; errors by field, nothing dropped that was chosen. */
function readMoveChoice(body: unknown, jobId: string): { choice: MoveChoice; form: OfficeForm } {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const ids = [...new Set(listOf(b.ids).filter(isUuid))];
  const choice: MoveChoice = {
    moveId: typeof b.moveId === "string" && isUuid(b.moveId) ? b.moveId : randomUUID(),
    ids,
    to: typeof b.to === "string" ? b.to : "",
    template: typeof b.template === "string" && /^[a-z0-9-]{1,60}$/.test(b.template) ? b.template : "auto",
    timing: b.timing === "nextMorning" ? "nextMorning" : "now",
    back: backOf(b.back, jobId),
  };
  const form: OfficeForm = { values: { to: choice.to, template: choice.template, timing: choice.timing }, errors: {} };
  if (ids.length === 0) form.errors.ids = { key: "office.move.error.none" };
  else if (ids.length > MOVE_LIMIT) form.errors.ids = { key: "office.move.error.tooMany", vars: { n: MOVE_LIMIT } };
  if (!isMoveTarget(choice.to)) form.errors.to = { key: "office.move.error.stage" };
  return { choice, form };
}

/** The newest version of the template a choice names: `auto` is the active one written for the target stage. */
async function chosenTemplate(deps: AppDeps, choice: MoveChoice): Promise<{ ok: true; template: EmailTemplate | null } | { ok: false }> {
  if (choice.template === "none") return { ok: true, template: null };
  if (choice.template === "auto") {
    if (!isMoveTarget(choice.to)) return { ok: true, template: null };
    const forStage = (await listCurrentTemplates(deps.db)).find((t) => t.active && t.stage === choice.to);
    return { ok: true, template: forStage ?? null };
  }
  const template = await findCurrentTemplate(deps.db, choice.template);
  return template?.active ? { ok: true, template } : { ok: false };
}

const previewedTag = (template: EmailTemplate | null) => (template ? `${template.key}@${template.version}` : "none");

/** The pipeline per job: the list with its filters and paging, bulk moves with their e-mails, and the CSV export. */
export async function pipelineRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const sender = { orgName: deps.config.orgName, helpEmail: deps.config.helpEmail, baseUrl: deps.config.publicBaseUrl };

  async function showConfirm(
    req: FastifyRequest<JobParams>,
    reply: FastifyReply,
    job: { id: string; title: string },
    choice: MoveChoice,
    form: OfficeForm,
    status: number,
  ) {
    const { principal } = staffOf(req);
    const named = [...(await nameApplications(deps.db, { principal, ids: choice.ids.slice(0, MOVE_LIMIT) })).values()];
    const chosen = await chosenTemplate(deps, choice);
    if (!chosen.ok) form.errors.template = { key: "office.move.error.template" };
    const template = chosen.ok ? chosen.template : null;
    const preview = template
      ? await previewPipelineMove(deps.db, { principal, jobId: job.id, applicationIds: named.map((n) => n.id), template, ...sender })
      : null;
    const templates = (await listCurrentTemplates(deps.db)).filter((t) => t.active);
    const sendAt = choice.timing === "nextMorning" ? nextMorningInTokyo(deps.now()) : null;
    return reply.page(
      <MoveConfirmPage
        job={job}
        choice={choice}
        named={named}
        templates={templates}
        template={template}
        previewed={previewedTag(template)}
        preview={preview}
        sendAt={sendAt}
        form={form}
      />,
      status,
    );
  }

  app.get("/pipeline", STAFF("candidates.view"), async (req, reply) => {
    const { principal } = staffOf(req);
    const jobs = await listCoveredJobs(deps.db, { principal, locale: req.locale });
    const withCounts = await Promise.all(
      jobs.map(async (j) => ({ ...j, inPipeline: (await countPipelineStages(deps.db, { principal, jobId: j.id }))?.inPipeline ?? 0 })),
    );
    return reply.page(<PipelineJobsPage jobs={withCounts} />);
  });

  app.get<JobParams>("/pipeline/:jobId", STAFF("candidates.view"), async (req, reply) => {
    const job = await coveredJob(req, deps);
    const { principal, member } = staffOf(req);
    const { filter, sort, params } = readPipelineParams(req.query);
    const query = req.query as { after?: unknown; before?: unknown };
    const before = decodePipelineCursor(query.before, sort);
    const after = before ? null : decodePipelineCursor(query.after, sort);
    const read = (cursors: { after: typeof after; before: typeof before }) =>
      listPipeline(deps.db, { principal, jobId: job.id, filter, sort, ...cursors, limit: PIPELINE_PAGE_SIZE, purpose: "view" });
    let page = await read({ after, before });
    // Going back past the first row (rows removed meanwhile) shows the first page rather than an empty one.
    if (page && before && page.rows.length === 0) page = await read({ after: null, before: null });
    const counts = await countPipelineStages(deps.db, { principal, jobId: job.id });
    if (!page || !counts) throw new AppError("notFound", "pipeline not readable");
    await recordAudit(deps.db, {
      at: deps.now(),
      staffId: member.id,
      action: "pipeline.viewed",
      record: { kind: "job", id: job.id },
      addressHash: addressHashOf(deps.config.secret, req.ip),
      detail: { params: auditedPipelineParams(params), rows: page.rows.length },
    });
    const templates = (await listCurrentTemplates(deps.db)).filter((t) => t.active);
    return reply.page(
      <PipelinePage
        job={job}
        counts={counts}
        rows={page.rows}
        params={params}
        next={page.next ? pipelineUrl(job.id, params, { after: encodePipelineCursor(page.next) }) : null}
        previous={page.previous ? pipelineUrl(job.id, params, { before: encodePipelineCursor(page.previous) }) : null}
        contactNotAllowed={page.search === "contactNotAllowed"}
        templates={templates}
      />,
    );
  });

  app.get<JobParams>("/pipeline/:jobId/export.csv", STAFF("candidates.export"), async (req, reply) => {
    const job = await coveredJob(req, deps);
    const { principal } = staffOf(req);
    const { filter, sort } = readPipelineParams(req.query);
    const t = officeTexts[req.locale];
    const rows = await exportPipeline(deps.db, {
      principal,
      jobId: job.id,
      filter,
      sort,
      now: deps.now(),
      addressHash: addressHashOf(deps.config.secret, req.ip),
      stageName: (state) => t(stageKey(state)),
    });
    if (!rows) throw new AppError("notFound", "pipeline not exportable");
    const columns = PIPELINE_EXPORT_COLUMNS.map((key) => ({ key, header: t(`office.csv.${key}`) }));
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="pipeline-${job.id}.csv"`)
      .header("cache-control", "no-store")
      .send(csvExportStream(rows, columns));
  });

  app.post<JobParams>("/pipeline/:jobId/moves/confirm", STAFF("candidates.decide"), async (req, reply) => {
    const job = await coveredJob(req, deps);
    const { choice, form } = readMoveChoice(req.body, job.id);
    return showConfirm(req, reply, job, choice, form, Object.keys(form.errors).length > 0 ? 400 : 200);
  });

  app.post<JobParams>("/pipeline/:jobId/moves", STAFF("candidates.decide"), async (req, reply) => {
    const job = await coveredJob(req, deps);
    const { principal } = staffOf(req);
    const { choice, form } = readMoveChoice(req.body, job.id);
    const to = choice.to;
    if (Object.keys(form.errors).length > 0 || !isMoveTarget(to)) return showConfirm(req, reply, job, choice, form, 400);
    const chosen = await chosenTemplate(deps, choice);
    const previewed = String((req.body as { previewed?: unknown }).previewed ?? "");
    // Only what was previewed is sent: the version shown, even if the template was edited since.
    const [key, version] = previewed.split("@");
    const template = chosen.ok && chosen.template && key === chosen.template.key ? await findTemplateVersion(deps.db, key, Number(version)) : null;
    const asPreviewed = chosen.ok && (chosen.template ? template !== null : previewed === "none");
    if (!asPreviewed) return showConfirm(req, reply, job, choice, { ...form, errors: { template: { key: "office.move.error.notPreviewed" } } }, 409);
    const now = deps.now();
    const outcome = await moveFromPipeline(deps.db, {
      moveId: choice.moveId,
      principal,
      jobId: job.id,
      applicationIds: choice.ids,
      to,
      template,
      sendAt: template && choice.timing === "nextMorning" ? nextMorningInTokyo(now) : null,
      now,
      addressHash: addressHashOf(deps.config.secret, req.ip),
      ...sender,
    });
    if (!outcome.ok)
      return showConfirm(req, reply, job, { ...choice, moveId: randomUUID() }, { ...form, errors: { ids: { key: "office.move.error.changed" } } }, 409);
    const back = new URLSearchParams({ back: choice.back, ...(outcome.repeated ? { repeated: "1" } : {}) });
    return reply.seeOther(`/office/pipeline/${encodeURIComponent(job.id)}/moves/${outcome.move.id}?${back}`);
  });

  app.get<{ Params: { jobId: string; moveId: string } }>("/pipeline/:jobId/moves/:moveId", STAFF("candidates.decide"), async (req, reply) => {
    const job = await coveredJob(req, deps);
    const { principal } = staffOf(req);
    const move = await findPipelineMove(deps.db, { moveId: req.params.moveId, principal });
    if (!move || move.jobId !== job.id) throw new AppError("notFound", "no such move for this member");
    const ids = [...(move.moved ?? []), ...(move.skipped ?? []).map((s) => s.id)];
    const named = await nameApplications(deps.db, { principal, ids });
    const query = req.query as { back?: unknown; repeated?: unknown };
    return reply.page(<MoveDonePage move={move} named={named} repeated={query.repeated === "1"} back={backOf(query.back, job.id)} />);
  });
}
