import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../platform/http/deps.ts";
import { AppError } from "../../platform/http/errors.ts";
import { CsrfField, PageHeading } from "../../platform/http/fields.tsx";
import { Layout } from "../../platform/http/layout.tsx";
import { usePage } from "../../platform/http/page-context.ts";
import { findCandidateById } from "../accounts/candidate-repo.ts";
import { findOwnApplication, recordAssessmentDone } from "../applications/application-store.ts";
import { snapshotJob } from "../applications/routes.tsx";
import type { Job } from "../jobs/schema.ts";
import { JobBanner } from "../jobs/views.tsx";

function AssessmentEntryPage({ applicationId, job }: { applicationId: string; job: Job }) {
  const { t } = usePage();
  return (
    <Layout title={t("applications.page.assessment")}>
      <JobBanner job={job} />
      <PageHeading>{t("applications.page.assessment")}</PageHeading>
      <p>{t("applications.assessment.lead")}</p>
      <form method="post" action={`/applications/${applicationId}/assessment`} class="form">
        <CsrfField />
        <button type="submit" class="button button--primary">
          {t("applications.assessment.start")}
        </button>
      </form>
    </Layout>
  );
}

/** The assessment's entry point between the pledge (STEP 5) and the e-signature. */
export async function assessmentRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  async function pending(req: { candidate: { id: string } | null; params: unknown; url: string }) {
    const candidate = req.candidate ? await findCandidateById(deps.db, req.candidate.id) : null;
    if (!candidate) return { redirect: `/login?return_to=${encodeURIComponent(req.url)}`, application: null };
    const application = await findOwnApplication(deps.db, { applicationId: (req.params as { id: string }).id, candidateId: candidate.id });
    if (!application) throw new AppError("notFound", "no such application for this candidate");
    if (application.state !== "assessment_pending") return { redirect: `/applications/${application.id}/resume`, application: null };
    return { redirect: undefined, application };
  }

  app.get<{ Params: { id: string } }>("/applications/:id/assessment", async (req, reply) => {
    const found = await pending(req);
    if (found.redirect !== undefined) return reply.seeOther(found.redirect);
    return reply.page(<AssessmentEntryPage applicationId={found.application.id} job={snapshotJob(found.application)} />);
  });

  app.post<{ Params: { id: string } }>("/applications/:id/assessment", async (req, reply) => {
    const found = await pending(req);
    if (found.redirect !== undefined) return reply.seeOther(found.redirect);
    await recordAssessmentDone(deps.db, { applicationId: found.application.id, now: deps.now() });
    return reply.seeOther(`/applications/${found.application.id}/signature`);
  });
}
