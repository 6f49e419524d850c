import { PREFECTURES } from "../../../modules/addresses/index.ts";
import type { Job } from "../../../modules/jobs/schema.ts";
import { PageHeading } from "../../html/fields.tsx";
import { RenderedOnce } from "../../html/rendered-once.ts";
import { Layout } from "../layout.tsx";
import { usePage } from "../page.ts";

// Building an Intl formatter costs far more than using one: make each once.
const DATE_FORMATS = {
  ja: new Intl.DateTimeFormat("ja-JP", { dateStyle: "long", timeZone: "Asia/Tokyo" }),
  en: new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Asia/Tokyo" }),
};
const NUMBER_FORMATS = { ja: new Intl.NumberFormat("ja-JP"), en: new Intl.NumberFormat("en-GB") };
const currencyFormats = new Map<string, Intl.NumberFormat>();

/** An amount of pay as a candidate reads it: 「1,400円」 in Japanese yen, otherwise with the currency's sign. */
export function formatPayAmount(value: number, currency: string, locale: "ja" | "en"): string {
  if (currency === "JPY" && locale === "ja") return `${NUMBER_FORMATS.ja.format(value)}円`;
  const key = `${locale}:${currency}`;
  let format = currencyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-GB", { style: "currency", currency, maximumFractionDigits: 2, minimumFractionDigits: 0 });
    currencyFormats.set(key, format);
  }
  return format.format(value);
}

/** Where the job is done, as a candidate reads it: 「日本（在宅勤務）」, or the prefecture and city of an office. */
export function JobPlace({ job }: { job: Job }) {
  const { t, locale } = usePage();
  const prefecture = job.location ? PREFECTURES.find((p) => p.code === job.location?.prefectureCode) : undefined;
  if (!job.location || !prefecture) return <>{t(`jobs.location.${job.remote}`)}</>;
  return <>{`${t(`jobs.location.${job.remote}`)} ${t("jobs.location.place", { prefecture: prefecture[locale], locality: job.location.locality[locale] })}`}</>;
}

/** A date as the candidate reads it, in Japan time. */
export function formatDate(date: Date, locale: "ja" | "en"): string {
  return DATE_FORMATS[locale].format(date);
}

/** 募集要項: location, hours, employment type, pay and how long the job is open. */
export function JobFacts({ job }: { job: Job }) {
  const { t, locale } = usePage();
  return (
    <dl class="facts">
      <div>
        <dt>{t("jobs.facts.location")}</dt>
        <dd>
          <JobPlace job={job} />
        </dd>
      </div>
      <div>
        <dt>{t("jobs.facts.hours")}</dt>
        <dd>{job.hours[locale]}</dd>
      </div>
      <div>
        <dt>{t("jobs.facts.type")}</dt>
        <dd>{t(`jobs.type.${job.employmentType}`)}</dd>
      </div>
      {job.pay ? (
        <div>
          <dt>{t("jobs.facts.pay")}</dt>
          <dd>
            {t(`jobs.pay.${job.pay.unitText}`, {
              min: formatPayAmount(job.pay.minValue, job.pay.currency, locale),
              max: formatPayAmount(job.pay.maxValue, job.pay.currency, locale),
            })}
          </dd>
        </div>
      ) : null}
      <div>
        <dt>{t("jobs.facts.period")}</dt>
        <dd>{t("jobs.period", { until: formatDate(job.validThrough, locale) })}</dd>
      </div>
    </dl>
  );
}

/** The job heading block the seed shows on every application page: title and 求人ID | location. */
export function JobBanner({ job }: { job: Job }) {
  const { locale } = usePage();
  return (
    <RenderedOnce name="job-banner" per={[locale, job.id, job.title[locale], job.remote]}>
      {() => <JobBannerText job={job} />}
    </RenderedOnce>
  );
}

function JobBannerText({ job }: { job: Job }) {
  const { t, locale } = usePage();
  return (
    <div class="job-banner">
      <p class="job-banner__title">{job.title[locale]}</p>
      <p class="job-banner__meta">
        {t("jobs.id", { id: job.id })} | {t(`jobs.location.${job.remote}`)}
      </p>
    </div>
  );
}

/** 求人一覧. */
export function JobListPage({ jobs }: { jobs: Job[] }) {
  const { t, locale } = usePage();
  return (
    <Layout title={t("jobs.list.title")}>
      <PageHeading>{t("jobs.list.title")}</PageHeading>
      <p>{jobs.length > 0 ? t("jobs.list.lead") : t("jobs.list.empty")}</p>
      <ul class="job-list">
        {jobs.map((job) => (
          <li key={job.id} class="card">
            <h2>
              <a href={`/jobs/${job.id}`}>{job.title[locale]}</a>
            </h2>
            <p class="card__meta">
              {t("jobs.id", { id: job.id })} | {t(`jobs.location.${job.remote}`)}
            </p>
            <p>{job.summary[locale]}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** The job page, with 「応募する」 and the JobPosting JSON-LD. */
export function JobPage({ job, open, jsonLd }: { job: Job; open: boolean; jsonLd: string | null }) {
  const { t, locale, signedIn } = usePage();
  const head = jsonLd ? <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd }} /> : null;
  return (
    <Layout title={job.title[locale]} head={head}>
      <PageHeading>{job.title[locale]}</PageHeading>
      <p class="card__meta">
        {t("jobs.id", { id: job.id })} | {t(`jobs.location.${job.remote}`)}
      </p>
      <p class="lead">{job.summary[locale]}</p>
      {open ? (
        <div class="apply-box">
          {signedIn ? null : <p>{t("jobs.apply.signInFirst")}</p>}
          <a class="button button--primary" href={`/jobs/${job.id}/apply`}>
            {t("jobs.apply")}
          </a>
        </div>
      ) : (
        <div class="callout callout--warning" role="status">
          <p>{t("jobs.closed")}</p>
          <p>
            <a href="/jobs">{t("jobs.viewAll")}</a>
          </p>
        </div>
      )}
      <h2>{t("jobs.facts")}</h2>
      <JobFacts job={job} />
      <h2>{t("jobs.description")}</h2>
      {job.description[locale].map((p) => (
        <p key={p}>{p}</p>
      ))}
      {open ? (
        <p>
          <a class="button button--primary" href={`/jobs/${job.id}/apply`}>
            {t("jobs.apply")}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
