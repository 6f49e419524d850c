import { isClosed } from "../../../modules/applications/application-state.ts";
import type { Application } from "../../../modules/applications/schema.ts";
import type { Job } from "../../../modules/jobs/schema.ts";
import { CsrfField, ErrorSummary, PageHeading, RadioField, TextField } from "../../html/fields.tsx";
import { formatDate, JobBanner, JobFacts } from "../jobs/views.tsx";
import { Layout } from "../layout.tsx";
import type { MessageKey } from "../messages.ts";
import { type Form, usePage } from "../page.ts";

export const WITHDRAWAL_REASONS = ["otherJob", "conditions", "environment", "personal", "mistake", "other"] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

/** 応募した求人: every application with its status, next step, 応募を続ける / 再開, and 「…」 → 応募を取り下げる. */
export function MyApplicationsPage({ items, notice }: { items: { app: Application; title: string }[]; notice: MessageKey | null }) {
  const { t, locale } = usePage();
  return (
    <Layout title={t("applications.mine.title")}>
      {notice ? (
        <div class="notice" role="status">
          {t(notice)}
        </div>
      ) : null}
      <PageHeading>{t("applications.mine.title")}</PageHeading>
      {items.length === 0 ? <p>{t("applications.mine.empty")}</p> : null}
      <ul class="job-list">
        {items.map(({ app, title }) => (
          <li key={app.id} class="card">
            <h2>{title}</h2>
            <p class="card__meta">
              {t("jobs.id", { id: app.jobId })} | {t("applications.mine.reference", { reference: app.reference })}
            </p>
            <p>
              <strong class={`status status--${app.state}`}>{t(`applications.status.${app.state}`)}</strong>
            </p>
            <p>{t("applications.mine.next", { next: t(`applications.next.${app.state}`) })}</p>
            {app.documentsStatus === "to_be_sent" && app.state !== "withdrawn" ? (
              <p>
                {t("applications.review.documents")}: {t("applications.overview.documentsByMail")}
              </p>
            ) : null}
            <p class="card__meta">
              {t("applications.mine.applied", { date: formatDate(app.createdAt, locale) })}
              {app.submittedAt ? ` | ${t("applications.mine.submitted", { date: formatDate(app.submittedAt, locale) })}` : ""}
            </p>
            <div class="inline-actions">
              {!isClosed(app.state) ? (
                <a class="button button--primary" href={`/applications/${app.id}`}>
                  {t("applications.mine.resume")}
                </a>
              ) : null}
              <a href={`/account/applications/${app.id}/job`}>{t("applications.mine.viewJob")}</a>
              {app.state !== "withdrawn" && app.state !== "screened_out" ? (
                <details class="menu menu--inline">
                  <summary>
                    <span aria-hidden="true">…</span>
                    <span class="visually-hidden">{t("applications.mine.actions")}</span>
                  </summary>
                  <div class="menu__panel">
                    <a href={`/applications/${app.id}/withdraw`}>{t("applications.mine.withdraw")}</a>
                  </div>
                </details>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** The job as it was when the candidate applied. */
export function JobSnapshotPage({ job }: { job: Job }) {
  const { t, locale } = usePage();
  return (
    <Layout title={t("applications.snapshot.title")}>
      <PageHeading>{t("applications.snapshot.title")}</PageHeading>
      <p class="field__hint">{t("applications.snapshot.note")}</p>
      <JobBanner job={job} />
      <p class="lead">{job.summary[locale]}</p>
      <h2>{t("jobs.facts")}</h2>
      <JobFacts job={job} />
      <h2>{t("jobs.description")}</h2>
      {job.description[locale].map((p) => (
        <p key={p}>{p}</p>
      ))}
      <p>
        <a href="/account/applications">← {t("applications.mine.title")}</a>
      </p>
    </Layout>
  );
}

function reasonOptions(t: ReturnType<typeof usePage>["t"]) {
  return WITHDRAWAL_REASONS.map((r) => ({ value: r, label: t(`applications.withdraw.reason.${r}`) }));
}

/** 応募を取り下げる: the reason (list plus free text). */
export function WithdrawPage({ app, job, form }: { app: Application; job: Job; form: Form }) {
  const { t } = usePage();
  return (
    <Layout title={t("applications.withdraw.title")}>
      <JobBanner job={job} />
      <ErrorSummary form={form} />
      <PageHeading>{t("applications.withdraw.title")}</PageHeading>
      <p>{t("applications.withdraw.lead")}</p>
      <form method="post" action={`/applications/${app.id}/withdraw`} novalidate class="form">
        <CsrfField />
        <RadioField name="reason" label={t("applications.withdraw.reason")} form={form} options={reasonOptions(t)} />
        <TextField name="note" label={t("applications.withdraw.note")} form={form} required={false} maxLength={500} />
        <div class="wizard-actions">
          <a class="button button--secondary" href="/account/applications">
            {t("applications.withdraw.cancel")}
          </a>
          <button type="submit" class="button button--primary">
            {t("applications.withdraw.next")}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** The confirmation step of a withdrawal. */
export function WithdrawConfirmPage({ app, job, reason, note }: { app: Application; job: Job; reason: WithdrawalReason; note: string }) {
  const { t } = usePage();
  return (
    <Layout title={t("applications.withdraw.confirmTitle")}>
      <JobBanner job={job} />
      <PageHeading>{t("applications.withdraw.confirmTitle")}</PageHeading>
      <dl class="summary-list">
        <div>
          <dt>{t("applications.withdraw.reason")}</dt>
          <dd>{t(`applications.withdraw.reason.${reason}`)}</dd>
        </div>
        {note ? (
          <div>
            <dt>{t("applications.withdraw.note")}</dt>
            <dd>{note}</dd>
          </div>
        ) : null}
      </dl>
      <form method="post" action={`/applications/${app.id}/withdraw/confirm`} class="form">
        <CsrfField />
        <input type="hidden" name="reason" value={reason} />
        <input type="hidden" name="note" value={note} />
        <div class="wizard-actions">
          <a class="button button--secondary" href="/account/applications">
            {t("applications.withdraw.cancel")}
          </a>
          <button type="submit" class="button button--primary">
            {t("applications.withdraw.confirm")}
          </button>
        </div>
      </form>
    </Layout>
  );
}
