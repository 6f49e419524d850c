import type { FastifyInstance } from "fastify";
import { watchJobChanges } from "../../../modules/jobs/job-changes.ts";
import { cachedJobReader, isAcceptingApplications, JOB_CACHE_MS, listOpenJobs } from "../../../modules/jobs/job-repo.ts";
import { isPublished } from "../../../modules/jobs/job-state.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import type { Locale } from "../../../platform/i18n/catalogue.ts";
import { PUBLIC } from "../../route-access.ts";
import { renderAnonymousPage } from "../plugin.tsx";
import { jobPostingLd, scriptSafeJson } from "./job-posting-ld.ts";
import { type SharedPage, sendSharedPage, sharePage } from "./shared-pages.ts";
import { JobListPage, JobPage } from "./views.tsx";

/**
 * 求人一覧 and the job pages. Anyone not signed in gets the same page for a job and a language, so it is
 * rendered and compressed once and kept: until the office changes a job (job-changes.ts), or for
 * JOB_CACHE_MS, within which another instance's change shows. Signed-in candidates get theirs made per request.
 */
export async function jobRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const jobs = cachedJobReader(deps.db, () => deps.now().getTime());
  const shared = new Map<string, SharedPage>();
  // Jobs change a few times a day: any change drops every kept page (the list shows them all).
  const stopWatching = watchJobChanges((jobId) => {
    jobs.forget(jobId);
    shared.clear();
  });
  app.addHook("onClose", async () => stopWatching());

  /** The kept page under `key`, or a new one made by `render`. */
  async function sharedPage(key: string, render: () => Promise<string>): Promise<SharedPage> {
    const now = deps.now().getTime();
    const kept = shared.get(key);
    if (kept && kept.until > now) return kept;
    const page = sharePage(await render(), now + JOB_CACHE_MS);
    shared.set(key, page);
    return page;
  }

  const jobPage = async (id: string, locale: Locale) => {
    const job = await jobs.read(id);
    // A draft is the office's until it is published: to anyone else it does not exist.
    if (!job || !isPublished(job)) throw new AppError("notFound", `no job ${id}`);
    const open = isAcceptingApplications(job, deps.now());
    // A closed job keeps its page (links to it live on) but is no longer offered to search engines: no JSON-LD.
    const jsonLd = open ? scriptSafeJson(jobPostingLd(job, { locale, orgName: deps.config.orgName[locale], baseUrl: deps.config.publicBaseUrl })) : null;
    return <JobPage job={job} open={open} jsonLd={jsonLd} />;
  };

  app.get("/", PUBLIC, async (_req, reply) => reply.seeOther("/jobs"));

  app.get("/jobs", PUBLIC, async (req, reply) => {
    if (req.candidate) return reply.page(<JobListPage jobs={await listOpenJobs(deps.db, deps.now())} />);
    const page = await sharedPage(`list:${req.locale}`, async () =>
      renderAnonymousPage(deps, app.assets, { locale: req.locale, path: "/jobs" }, <JobListPage jobs={await listOpenJobs(deps.db, deps.now())} />),
    );
    return sendSharedPage(req, reply, page);
  });

  app.get<{ Params: { id: string } }>("/jobs/:id", PUBLIC, async (req, reply) => {
    if (req.candidate) return reply.page(await jobPage(req.params.id, req.locale));
    // Only published jobs are kept (an unknown id throws before anything is stored), so ids cannot fill memory.
    const page = await sharedPage(`job:${req.params.id}:${req.locale}`, async () =>
      renderAnonymousPage(deps, app.assets, { locale: req.locale, path: `/jobs/${req.params.id}` }, await jobPage(req.params.id, req.locale)),
    );
    return sendSharedPage(req, reply, page);
  });
}
