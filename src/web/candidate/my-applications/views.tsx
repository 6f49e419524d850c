import { isClosed } from "../../../modules/applications/application-state.ts";
import type { Application } from "../../../modules/applications/schema.ts";
import type { Job } from "../../../modules/jobs/schema.ts";
import type { FormState } from "../../../platform/http/form.ts";
import type { MessageKey } from "../../../platform/i18n/messages.ts";
import { CsrfField, ErrorSummary, PageHeading, RadioField, TextField } from "../../html/fields.tsx";
import { usePage } from "../../html/page-context.ts";
import { formatDate, JobBanner } from "../jobs/views.tsx";
import { Layout } from "../layout.tsx";

export const WITHDRAWAL_REASONS = ["otherJob", "conditions", "environment", "personal", "mistake", "other"] as const;

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
              <strong class={`status status--${app.state}`}>{t(`applications.status.${app.state}` as MessageKey)}</strong>
            </p>
            <p>{t("applications.mine.next", { next: t(`applications.next.${app.state}` as MessageKey) })}</p>
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
  return WITHDRAWAL_REASONS.map((r) => ({ value: r, label: t(`applications.withdraw.reason.${r}` as MessageKey) }));
}

/** 応募を取り下げる: the reason (list plus free text). */
export function WithdrawPage({ app, job, form }: { app: Application; job: Job; form: FormState }) {
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
export function WithdrawConfirmPage({ app, job, reason, note }: { app: Application; job: Job; reason: string; note: string }) {
  const { t } = usePage();
  return (
    <Layout title={t("applications.withdraw.confirmTitle")}>
      <JobBanner job={job} />
      <PageHeading>{t("applications.withdraw.confirmTitle")}</PageHeading>
      <dl class="summary-list">
        <div>
          <dt>{t("applications.withdraw.reason")}</dt>
          <dd>{t(`applications.withdraw.reason.${reason}` as MessageKey)}</dd>
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

/** ヘルプ: the seed's six questions, answered for this system. */
export function HelpPage() {
  const { t, helpEmail } = usePage();
  const qs = [1, 2, 3, 4, 5, 6] as const;
  return (
    <Layout title={t("help.title")}>
      <PageHeading>{t("help.title")}</PageHeading>
      <p>{t("help.lead")}</p>
      {qs.map((n) => (
        <section key={n} id={`faq-${n}`}>
          <h2>{`${"①②③④⑤⑥"[n - 1]} ${t(`help.q${n}` as MessageKey)}`}</h2>
          <p>{t(`help.a${n}` as MessageKey, { email: helpEmail })}</p>
        </section>
      ))}
      <section id="auto-advance">
        <h2>{t("help.autoAdvance")}</h2>
        <p>{t("help.autoAdvance.body")}</p>
      </section>
      <p>
        <a href="/login/help">{t("help.signIn")}</a>
      </p>
    </Layout>
  );
}
