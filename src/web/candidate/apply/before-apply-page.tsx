import type { Application } from "../../../modules/applications/schema.ts";
import type { Job } from "../../../modules/jobs/schema.ts";
import { CsrfField, PageHeading } from "../../html/fields.tsx";
import { withReturn } from "../account-fields.tsx";
import { JobBanner } from "../jobs/views.tsx";
import { Layout } from "../layout.tsx";
import { usePage } from "../page.ts";

/**
 * 「応募に進む前に」: how long it takes, what to have at hand, and that nothing is lost by stopping. Opening
 * it changes nothing; the application starts only with its 「次へ」 form.
 */
export function BeforeApplyPage({ job, existing }: { job: Job; existing: Application | null }) {
  const { t, signedIn } = usePage();
  const here = `/jobs/${job.id}/apply`;
  return (
    <Layout title={t("applications.before.title")}>
      <JobBanner job={job} />
      <PageHeading>{t("applications.before.title")}</PageHeading>
      <h2>{t("applications.before.timeTitle")}</h2>
      <p>{t("applications.before.time")}</p>
      <h2>{t("applications.before.readyTitle")}</h2>
      <ul>
        <li>{t("applications.before.ready.documents")}</li>
        <li>{t("applications.before.ready.address")}</li>
        <li>{t("applications.before.ready.dates")}</li>
        <li>{t("applications.before.ready.place")}</li>
        <li>{t("applications.before.ready.audio")}</li>
      </ul>
      <h2>{t("applications.before.savedTitle")}</h2>
      <p>{t("applications.before.saved")}</p>
      {!signedIn ? (
        <div class="choice-cards">
          <section class="choice-card" aria-labelledby="before-have-account">
            <h2 id="before-have-account">{t("accounts.login.haveAccount")}</h2>
            <p>
              <a class="button button--primary" href={withReturn("/login", here)}>
                {t("accounts.login.title")}
              </a>
            </p>
          </section>
          <section class="choice-card" aria-labelledby="before-newcomer">
            <h2 id="before-newcomer">{t("accounts.login.newcomer")}</h2>
            <p>
              <a class="button button--primary" href={withReturn("/register", here)}>
                {t("accounts.login.register")}
              </a>
            </p>
          </section>
        </div>
      ) : existing ? (
        <p>
          <a class="button button--primary" href={`/applications/${existing.id}/resume`}>
            {t("applications.mine.resume")}
          </a>
        </p>
      ) : (
        <form method="post" action={here} class="form">
          <CsrfField />
          <button type="submit" class="button button--primary">
            {t("applications.before.start")}
          </button>
        </form>
      )}
      <p>
        <a href={`/jobs/${job.id}`}>← {t("applications.before.backToJob")}</a>
      </p>
    </Layout>
  );
}
