import { PREFECTURES } from "../../../modules/addresses/index.ts";
import type { AssessmentBankChoice } from "../../../modules/jobs/assessment-bank-choices.ts";
import { EMPLOYMENT_TYPES, JOB_FORM_FIELDS, JOB_TEXT_LIMITS, japanDayOf, WORK_PLACES } from "../../../modules/jobs/job-form.ts";
import type { QuestionSetChoice } from "../../../modules/jobs/question-set-choices.ts";
import { type Job, PAY_UNITS } from "../../../modules/jobs/schema.ts";
import { CsrfField, ErrorSummary, PageHeading, RadioField, SelectField, TextAreaField, TextField } from "../../html/fields.tsx";
import { OfficeLayout } from "../layout.tsx";
import type { OfficeMessageKey } from "../messages.ts";
import { type OfficeForm, useOfficePage } from "../page.ts";

/** The status a job is in as the office reads it: an open job past its closing date says so. */
function statusKey(job: Job, now: Date): OfficeMessageKey {
  if (job.status === "open" && job.validThrough.getTime() <= now.getTime()) return "office.jobs.status.expired";
  return `office.jobs.status.${job.status}`;
}

function Notice({ notice }: { notice: OfficeMessageKey | null }) {
  const { t } = useOfficePage();
  return notice ? (
    <div class="notice" role="status">
      {t(notice)}
    </div>
  ) : null;
}

/** 求人: every job with its status and closing date, and the way to a new one. */
export function JobListPage({ jobs, now, notice }: { jobs: Job[]; now: Date; notice: OfficeMessageKey | null }) {
  const { t, locale } = useOfficePage();
  const format = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "medium", timeZone: "Asia/Tokyo" });
  return (
    <OfficeLayout title={t("office.jobs.title")}>
      <Notice notice={notice} />
      <PageHeading>{t("office.jobs.title")}</PageHeading>
      <p>{t("office.jobs.lead")}</p>
      <p>
        <a class="button button--primary" href="/office/jobs/new">
          {t("office.jobs.new")}
        </a>
      </p>
      {jobs.length === 0 ? (
        <p>{t("office.jobs.empty")}</p>
      ) : (
        <table class="data">
          <caption class="visually-hidden">{t("office.jobs.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("office.jobs.column.id")}</th>
              <th scope="col">{t("office.jobs.column.title")}</th>
              <th scope="col">{t("office.jobs.column.status")}</th>
              <th scope="col">{t("office.jobs.column.validThrough")}</th>
              <th scope="col">{t("office.jobs.column.updated")}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id}>
                <td>{job.id}</td>
                <td>
                  <a href={`/office/jobs/${job.id}`}>{job.title[locale]}</a>
                </td>
                <td>
                  <span class={`job-status job-status--${job.status}`}>{t(statusKey(job, now))}</span>
                </td>
                <td>{format.format(job.validThrough)}</td>
                <td>{format.format(job.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </OfficeLayout>
  );
}

type Choices = { questionSets: QuestionSetChoice[]; banks: AssessmentBankChoice[] };

/** The editor's fields, in sections; the same for a new job and an existing one. */
function JobFields({ form, choices }: { form: OfficeForm; choices: Choices }) {
  const { t, locale } = useOfficePage();
  const optional = { required: false } as const;
  return (
    <>
      <fieldset class="form-section">
        <legend>{t("office.jobs.section.basics")}</legend>
        <div class="field-row">
          <TextField name="titleJa" label={t("office.jobs.field.titleJa")} form={form} maxLength={JOB_TEXT_LIMITS.title} />
          <TextField name="titleEn" label={t("office.jobs.field.titleEn")} form={form} maxLength={JOB_TEXT_LIMITS.title} />
        </div>
        <div class="field-row">
          <TextField name="teamJa" label={t("office.jobs.field.teamJa")} form={form} maxLength={JOB_TEXT_LIMITS.team} />
          <TextField name="teamEn" label={t("office.jobs.field.teamEn")} form={form} maxLength={JOB_TEXT_LIMITS.team} />
        </div>
        <div class="field-row">
          <TextAreaField
            name="summaryJa"
            label={t("office.jobs.field.summaryJa")}
            hint={t("office.jobs.field.summary.hint")}
            form={form}
            rows={3}
            maxLength={JOB_TEXT_LIMITS.summary}
          />
          <TextAreaField
            name="summaryEn"
            label={t("office.jobs.field.summaryEn")}
            hint={t("office.jobs.field.summary.hint")}
            form={form}
            rows={3}
            maxLength={JOB_TEXT_LIMITS.summary}
          />
        </div>
      </fieldset>
      <fieldset class="form-section">
        <legend>{t("office.jobs.section.description")}</legend>
        <TextAreaField
          name="descriptionJa"
          label={t("office.jobs.field.descriptionJa")}
          hint={t("office.jobs.field.description.hint")}
          form={form}
          rows={10}
          maxLength={JOB_TEXT_LIMITS.description}
        />
        <TextAreaField
          name="descriptionEn"
          label={t("office.jobs.field.descriptionEn")}
          hint={t("office.jobs.field.description.hint")}
          form={form}
          rows={10}
          maxLength={JOB_TEXT_LIMITS.description}
        />
      </fieldset>
      <fieldset class="form-section">
        <legend>{t("office.jobs.section.conditions")}</legend>
        <RadioField
          name="remote"
          label={t("office.jobs.field.remote")}
          form={form}
          options={WORK_PLACES.map((w) => ({ value: w, label: t(`office.jobs.field.remote.${w}`) }))}
        />
        <SelectField
          name="prefecture"
          label={t("office.jobs.field.prefecture")}
          hint={t("office.jobs.field.location.hint")}
          form={form}
          {...optional}
          options={[{ value: "", label: t("office.jobs.field.prefecture.none") }, ...PREFECTURES.map((p) => ({ value: p.code, label: p[locale] }))]}
        />
        <div class="field-row">
          <TextField name="localityJa" label={t("office.jobs.field.localityJa")} form={form} maxLength={JOB_TEXT_LIMITS.locality} {...optional} />
          <TextField name="localityEn" label={t("office.jobs.field.localityEn")} form={form} maxLength={JOB_TEXT_LIMITS.locality} {...optional} />
        </div>
        <div class="field-row">
          <TextField name="hoursJa" label={t("office.jobs.field.hoursJa")} form={form} maxLength={JOB_TEXT_LIMITS.hours} />
          <TextField name="hoursEn" label={t("office.jobs.field.hoursEn")} form={form} maxLength={JOB_TEXT_LIMITS.hours} />
        </div>
        <SelectField
          name="employmentType"
          label={t("office.jobs.field.employmentType")}
          form={form}
          options={EMPLOYMENT_TYPES.map((e) => ({ value: e, label: t(`office.jobs.field.employmentType.${e}`) }))}
        />
        <TextField
          name="validThrough"
          type="date"
          label={t("office.jobs.field.validThrough")}
          hint={t("office.jobs.field.validThrough.hint")}
          form={form}
          class="input--short"
        />
      </fieldset>
      <fieldset class="form-section">
        <legend>{t("office.jobs.section.pay")}</legend>
        <p class="field__hint">{t("office.jobs.field.pay.hint")}</p>
        <div class="pay-fields">
          <TextField
            name="payCurrency"
            label={t("office.jobs.field.payCurrency")}
            hint={t("office.jobs.field.payCurrency.hint")}
            form={form}
            class="input--short"
            maxLength={3}
            {...optional}
          />
          <TextField name="payMin" label={t("office.jobs.field.payMin")} form={form} class="input--short" inputMode="decimal" maxLength={15} {...optional} />
          <TextField name="payMax" label={t("office.jobs.field.payMax")} form={form} class="input--short" inputMode="decimal" maxLength={15} {...optional} />
          <SelectField
            name="payUnit"
            label={t("office.jobs.field.payUnit")}
            form={form}
            {...optional}
            options={PAY_UNITS.map((u) => ({ value: u, label: t(`office.jobs.field.payUnit.${u}`) }))}
          />
        </div>
      </fieldset>
      <fieldset class="form-section">
        <legend>{t("office.jobs.section.selection")}</legend>
        <SelectField
          name="questionSet"
          label={t("office.jobs.field.questionSet")}
          hint={t("office.jobs.field.questionSet.hint")}
          form={form}
          options={choices.questionSets.map((q) => ({ value: q.key, label: t("office.jobs.field.questionSet.option", { key: q.key, version: q.version }) }))}
        />
        <SelectField
          name="assessmentBank"
          label={t("office.jobs.field.assessmentBank")}
          form={form}
          options={choices.banks.map((b) => ({
            value: b.bankId,
            label: t("office.jobs.field.assessmentBank.option", { title: b.title[locale], bankId: b.bankId, version: b.version }),
          }))}
        />
      </fieldset>
    </>
  );
}

const ERROR_ORDER: string[] = [...JOB_FORM_FIELDS];

/** 新しい求人: the editor for a job that does not exist yet; it is created as a draft. */
export function NewJobPage({ form, choices }: { form: OfficeForm; choices: Choices }) {
  const { t } = useOfficePage();
  return (
    <OfficeLayout title={t("office.jobs.new.title")}>
      <ErrorSummary form={form} order={ERROR_ORDER} />
      <p class="breadcrumb">
        <a href="/office/jobs">{t("office.jobs.title")}</a>
      </p>
      <PageHeading>{t("office.jobs.new.title")}</PageHeading>
      <form method="post" action="/office/jobs" novalidate class="form job-form">
        <CsrfField />
        <TextField
          name="id"
          label={t("office.jobs.field.id")}
          hint={t("office.jobs.field.id.hint")}
          form={form}
          required={false}
          inputMode="numeric"
          class="input--short"
          maxLength={12}
        />
        <JobFields form={form} choices={choices} />
        <button type="submit" class="button button--primary">
          {t("office.jobs.create")}
        </button>
      </form>
    </OfficeLayout>
  );
}

/** One job: its editor, then publishing or closing it, then copying it. */
export function EditJobPage(props: {
  job: Job;
  form: OfficeForm;
  /** The revision the form was opened at: a save from an older one is refused, nothing lost. */
  revision: number;
  choices: Choices;
  notice: OfficeMessageKey | null;
  stale: boolean;
  now: Date;
}) {
  const { t, locale } = useOfficePage();
  const { job, form } = props;
  const title = `${job.title[locale]}（${job.id}）`;
  const move = job.status === "open" ? "close" : "publish";
  return (
    <OfficeLayout title={`${title} | ${t("office.jobs.edit.title")}`}>
      <Notice notice={props.notice} />
      {props.stale ? (
        <div class="callout callout--warning" role="alert">
          <p>{t("office.jobs.stale")}</p>
        </div>
      ) : null}
      <ErrorSummary form={form} order={ERROR_ORDER} />
      <p class="breadcrumb">
        <a href="/office/jobs">{t("office.jobs.title")}</a>
      </p>
      <PageHeading>{title}</PageHeading>
      <p>
        {t("office.jobs.column.status")}: <span class={`job-status job-status--${job.status}`}>{t(statusKey(job, props.now))}</span>
        {job.status !== "draft" ? (
          <>
            {" — "}
            <a href={`/jobs/${job.id}`}>{t("office.jobs.viewPublic")}</a>
          </>
        ) : null}
      </p>
      <p class="muted">{t("office.jobs.snapshotNote")}</p>
      <form method="post" action={`/office/jobs/${job.id}`} novalidate class="form job-form">
        <CsrfField />
        <input type="hidden" name="revision" value={String(props.revision)} />
        <JobFields form={form} choices={props.choices} />
        <button type="submit" class="button button--primary">
          {t("office.jobs.save")}
        </button>
      </form>
      <section aria-labelledby="job-publishing" class="job-actions">
        <h2 id="job-publishing">{t("office.jobs.publishing.title")}</h2>
        <p>{t(`office.jobs.publishing.${job.status}`)}</p>
        <form method="post" action={`/office/jobs/${job.id}/${move}`} class="inline-form">
          <CsrfField />
          <button type="submit" class={move === "publish" ? "button button--primary" : "button button--secondary"}>
            {t(move === "close" ? "office.jobs.close" : job.status === "closed" ? "office.jobs.reopen" : "office.jobs.publish")}
          </button>
        </form>
        <h2 id="job-copy">{t("office.jobs.copy.title")}</h2>
        <p>{t("office.jobs.copy.lead")}</p>
        <form method="post" action={`/office/jobs/${job.id}/copy`} class="inline-form">
          <CsrfField />
          <button type="submit" class="button button--secondary">
            {t("office.jobs.copy")}
          </button>
        </form>
      </section>
    </OfficeLayout>
  );
}

/** A new job's form starts from sensible values: in Japan, full time, from home, in yen an hour, open for three months. */
export function newJobDefaults(now: Date, choices: Choices): Record<string, string> {
  return {
    remote: "remote",
    employmentType: "FULL_TIME",
    payCurrency: "JPY",
    payUnit: "HOUR",
    validThrough: japanDayOf(new Date(now.getTime() + 90 * 86_400_000)),
    questionSet: choices.questionSets[0]?.key ?? "",
    assessmentBank: choices.banks[0]?.bankId ?? "",
  };
}
