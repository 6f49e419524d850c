import type { FastifyInstance } from "fastify";
import { jobTitlesCoveredBy } from "../../../modules/jobs/job-repo.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { PageHeading } from "../../html/fields.tsx";
import { STAFF } from "../../route-access.ts";
import { OfficeLayout } from "../layout.tsx";
import { useOfficePage } from "../page.ts";
import { staffOf } from "../signed-in.ts";

function HomePage({ jobTitles, left }: { jobTitles: { id: string; title: string }[]; left: number | null }) {
  const { t, staff } = useOfficePage();
  if (!staff) return null;
  return (
    <OfficeLayout title={t("office.home.title")}>
      {left !== null ? (
        <div class="notice" role="status">
          {t("office.recoveryUsed", { left })}
        </div>
      ) : null}
      <PageHeading>{t("office.home.title")}</PageHeading>
      <p>{t("office.home.greeting", { name: staff.name })}</p>
      <p>{t("office.home.role", { role: t(`office.role.${staff.principal.role}`) })}</p>
      <h2>{t("office.home.jobs")}</h2>
      {staff.principal.role === "admin" ? <p>{t("office.home.allJobs")}</p> : null}
      {jobTitles.length === 0 ? (
        <p>{t("office.home.noJobs")}</p>
      ) : (
        <ul>
          {jobTitles.map((j) => (
            <li key={j.id}>{`${j.title}（${j.id}）`}</li>
          ))}
        </ul>
      )}
    </OfficeLayout>
  );
}

/** The console's start page: who is signed in, with which role, on which jobs. */
export async function officeHomeRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get("/", STAFF("console"), async (req, reply) => {
    const { principal } = staffOf(req);
    const mine = await jobTitlesCoveredBy(deps.db, principal);
    const query = req.query as { notice?: unknown; left?: unknown };
    const left = query.notice === "recoveryUsed" && typeof query.left === "string" && /^\d{1,2}$/.test(query.left) ? Number(query.left) : null;
    return reply.page(<HomePage jobTitles={mine.map((j) => ({ id: j.id, title: j.title[req.locale] }))} left={left} />);
  });
}
