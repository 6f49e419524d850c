import type { FastifyInstance } from "fastify";
import { cachedJobReader, isAcceptingApplications, listOpenJobs } from "../../../modules/jobs/job-repo.ts";
import { isPublished } from "../../../modules/jobs/job-state.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { PUBLIC } from "../../route-access.ts";
import { jobPostingLd, scriptSafeJson } from "./job-posting-ld.ts";
import { JobListPage, JobPage } from "./views.tsx";

/** 求人一覧 and the job pages. */
export async function jobRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const readJob = cachedJobReader(deps.db, () => deps.now().getTime());
  app.get("/", PUBLIC, async (_req, reply) => reply.seeOther("/jobs"));

  app.get("/jobs", PUBLIC, async (_req, reply) => reply.page(<JobListPage jobs={await listOpenJobs(deps.db, deps.now())} />));

  app.get<{ Params: { id: string } }>("/jobs/:id", PUBLIC, async (req, reply) => {
    const job = await readJob(req.params.id);
    // A draft is the office's until it is published: to anyone else it does not exist.
    if (!job || !isPublished(job)) throw new AppError("notFound", `no job ${req.params.id}`);
    const open = isAcceptingApplications(job, deps.now());
    // A closed job keeps its page (links to it live on) but is no longer offered to search engines: no JSON-LD.
    const jsonLd = open
      ? scriptSafeJson(jobPostingLd(job, { locale: req.locale, orgName: deps.config.orgName[req.locale], baseUrl: deps.config.publicBaseUrl }))
      : null;
    return reply.page(<JobPage job={job} open={open} jsonLd={jsonLd} />);
  });
}
