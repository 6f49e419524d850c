import type { ComponentChildren } from "preact";
import { STEP_OF, type WizardPage } from "../../../modules/applications/application-state.ts";
import type { AnswerValue } from "../../../modules/applications/question-answers.ts";
import type { TQuestion } from "../../../modules/applications/question-set.ts";
import type { Application } from "../../../modules/applications/schema.ts";
import type { Job } from "../../../modules/jobs/schema.ts";
import type { FieldError } from "../../../platform/http/form.ts";
import { CsrfField, ErrorSummary, fieldId, PageHeading } from "../../html/fields.tsx";
import { RenderedOnce } from "../../html/rendered-once.ts";
import { JobBanner } from "../jobs/views.tsx";
import { Layout } from "../layout.tsx";
import type { MessageKey } from "../messages.ts";
import { type Form, usePage } from "../page.ts";
import { PurposeNote } from "../privacy/purpose-note.tsx";

/** The seed's STEP 1–6 indicator: ✓ on finished steps, the current one marked for screen readers. */
export function StepIndicator({ app, current }: { app: Application; current: number }) {
  const { locale } = usePage();
  const done = STEPS.map((n) => {
    if (n === 6) return app.state === "submitted";
    return (Object.keys(STEP_OF) as WizardPage[]).filter((p) => STEP_OF[p] === n).every((p) => app.completedPages.includes(p));
  });
  return (
    <RenderedOnce name="step-indicator" per={[locale, current, ...done]}>
      {() => <Steps current={current} done={done} />}
    </RenderedOnce>
  );
}

const STEPS = [1, 2, 3, 4, 5, 6] as const;

function Steps({ current, done }: { current: number; done: boolean[] }) {
  const { t } = usePage();
  return (
    <nav aria-label={t("applications.steps.label")}>
      <ol class="steps">
        {STEPS.map((n, i) => {
          const isDone = done[i];
          const isCurrent = n === current;
          return (
            <li
              key={n}
              class={`steps__item${isDone ? " steps__item--done" : ""}${isCurrent ? " steps__item--current" : ""}`}
              aria-current={isCurrent ? "step" : undefined}
            >
              <span class="steps__mark" aria-hidden="true">
                {isDone ? "✓" : n}
              </span>
              <span class="steps__label">
                {t("applications.step", { n })} <span class="steps__name">{t(`applications.step.name.${n}`)}</span>
                {isDone ? <span class="visually-hidden"> ({t("applications.step.done")})</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** Every wizard page: job banner, step indicator, notices, error summary, heading, then the page. */
export function WizardFrame(props: {
  app: Application;
  job: Job;
  page: WizardPage;
  title: string;
  form?: Form;
  notice?: MessageKey | null;
  stale?: boolean;
  errorOrder?: string[];
  children: ComponentChildren;
}) {
  const { t } = usePage();
  return (
    <Layout title={props.title}>
      <JobBanner job={props.job} />
      <StepIndicator app={props.app} current={STEP_OF[props.page]} />
      {props.stale ? (
        <div class="callout callout--warning" role="alert">
          {t("applications.stale")}
        </div>
      ) : null}
      {props.notice ? (
        <div class="notice" role="status">
          {t(props.notice)}
        </div>
      ) : null}
      {props.form ? <ErrorSummary form={props.form} order={props.errorOrder} /> : null}
      <PageHeading>{props.title}</PageHeading>
      {props.children}
      <p class="wizard-overview-link">
        <a href={`/applications/${props.app.id}`}>{t("applications.overview.link")}</a>
      </p>
    </Layout>
  );
}

/** A wizard form: CSRF, the page version (stale-tab guard), the fields, then 戻る 保存する 保存して続行する. */
export function WizardForm(props: {
  action: string;
  version: number;
  back: string | null;
  children: ComponentChildren;
  continueLabel?: string;
  saveButton?: boolean;
}) {
  const { t } = usePage();
  return (
    <form method="post" action={props.action} novalidate class="form">
      <CsrfField />
      <input type="hidden" name="version" value={String(props.version)} />
      {/* Enter in a field submits with the first submit button: make that 保存して続行する, not a secondary action. */}
      <button type="submit" name="intent" value="continue" class="visually-hidden" tabIndex={-1} aria-hidden="true">
        {props.continueLabel ?? t("applications.saveAndContinue")}
      </button>
      {props.children}
      <div class="wizard-actions">
        {props.back ? (
          <a class="button button--secondary" href={props.back}>
            {t("applications.back")}
          </a>
        ) : null}
        {props.saveButton === false ? null : (
          <button type="submit" name="intent" value="save" class="button button--secondary">
            {t("applications.save")}
          </button>
        )}
        <button type="submit" name="intent" value="continue" class="button button--primary">
          {props.continueLabel ?? t("applications.saveAndContinue")}
        </button>
      </div>
    </form>
  );
}

function Mark({ required }: { required: boolean }) {
  const { t } = usePage();
  return <span class={required ? "mark mark--required" : "mark"}>{t(required ? "layout.required" : "layout.optional")}</span>;
}

function ErrorLine({ name, error }: { name: string; error: FieldError<MessageKey> | undefined }) {
  const { t, helpEmail } = usePage();
  if (!error) return null;
  return (
    <div id={`${fieldId(name)}-error`}>
      <p class="field__error">{t(error.key, error.vars)}</p>
      {/* An answer that asks for help (「理解していない」) is met with where to find it. */}
      {error.key === "applications.answer.clarify" ? (
        <p>
          {t("applications.answer.clarify.help", { email: helpEmail })} <a href="/help">{t("help.title")}</a>
        </p>
      ) : null}
    </div>
  );
}

/** One configured question, rendered by its type, with label, hint, error and (if sensitive) its consent box. */
export function QuestionField({ q, value, consent, errors }: { q: TQuestion; value: AnswerValue | undefined; consent: boolean; errors: Form["errors"] }) {
  const { t, locale } = usePage();
  const id = fieldId(q.key);
  const error = errors[q.key];
  const hintId = q.hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, error ? `${id}-error` : undefined].filter(Boolean).join(" ") || undefined;
  const hint = q.hint ? (
    <p class="field__hint" id={hintId}>
      {q.hint[locale]}
    </p>
  ) : null;
  // Self-identification is voluntary whatever the question set says, so it never reads ※必須.
  const required = q.required && q.sensitivity !== "self-identification";
  const label = (
    <>
      {q.label[locale]} <Mark required={required} />
      {q.sensitivity === "sensitive" ? <span class="tag">{t("applications.answer.sensitive")}</span> : null}
    </>
  );
  const cls = error ? "field field--error" : "field";
  const consentBox =
    q.sensitivity === "sensitive" && q.consent ? (
      <div
        class={errors[`${q.key}Consent`] ? "field field--error" : "field"}
        data-consent-for={fieldId(q.key)}
        data-consent-not-for={(q.nothingToReport ?? []).join("|")}
      >
        <div class="checkbox">
          <input type="checkbox" id={fieldId(`${q.key}Consent`)} name={`${q.key}Consent`} value="yes" checked={consent} />
          <label for={fieldId(`${q.key}Consent`)}>{q.consent[locale]}</label>
        </div>
        <PurposeNote text={t("privacy.purpose.sensitive")} section="sensitive" />
        <ErrorLine name={`${q.key}Consent`} error={errors[`${q.key}Consent`]} />
      </div>
    ) : null;

  if (q.type === "text" || q.type === "textarea" || q.type === "date") {
    const text = typeof value === "string" ? value : "";
    return (
      <>
        <div class={cls}>
          <label class="field__label" for={id}>
            {label}
          </label>
          {hint}
          {q.type === "textarea" ? (
            <textarea
              class="textarea"
              id={id}
              name={q.key}
              rows={5}
              maxLength={q.maxLength ?? 2000}
              aria-describedby={describedBy}
              aria-invalid={error ? "true" : undefined}
            >
              {text}
            </textarea>
          ) : (
            <input
              class="input"
              id={id}
              name={q.key}
              type={q.type === "date" ? "date" : "text"}
              value={text}
              maxLength={q.maxLength ?? 200}
              aria-describedby={describedBy}
              aria-invalid={error ? "true" : undefined}
            />
          )}
          <ErrorLine name={q.key} error={error} />
        </div>
        {consentBox}
      </>
    );
  }
  if (q.type === "select") {
    return (
      <div class={cls}>
        <label class="field__label" for={id}>
          {label}
        </label>
        {hint}
        <select class="select" id={id} name={q.key} aria-describedby={describedBy} aria-invalid={error ? "true" : undefined}>
          <option value="">{t("applications.personal.choose")}</option>
          {(q.options ?? []).map((o) => (
            <option key={o.value} value={o.value} selected={value === o.value}>
              {o.label[locale]}
            </option>
          ))}
        </select>
        <ErrorLine name={q.key} error={error} />
      </div>
    );
  }
  const options =
    q.type === "yesno"
      ? [
          { value: "yes", label: t("accounts.yes") },
          { value: "no", label: t("accounts.no") },
        ]
      : (q.options ?? []).map((o) => ({ value: o.value, label: o.label[locale] }));
  const multiple = q.type === "checkboxes";
  const chosen = Array.isArray(value) ? value : value ? [value] : [];
  return (
    <fieldset class={cls} aria-describedby={describedBy}>
      <legend class="field__label">{label}</legend>
      {hint}
      <div class="radios">
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${o.value}`;
          return (
            <div class={multiple ? "checkbox" : "radio"} key={o.value}>
              <input type={multiple ? "checkbox" : "radio"} id={optionId} name={q.key} value={o.value} checked={chosen.includes(o.value)} />
              <label for={optionId}>{o.label}</label>
            </div>
          );
        })}
      </div>
      <ErrorLine name={q.key} error={error} />
    </fieldset>
  );
}

/** Year / month / day inputs (no calendar), with the right autocomplete tokens for a birth date. */
export function DateParts(props: { name: string; label: string; hint?: string; required: boolean; form: Form; autocomplete?: "bday" }) {
  const { t } = usePage();
  const error = props.form.errors[`${props.name}Year`];
  const hintId = props.hint ? `${fieldId(props.name)}-hint` : undefined;
  const describedBy = [hintId, error ? `${fieldId(`${props.name}Year`)}-error` : undefined].filter(Boolean).join(" ") || undefined;
  const part = (suffix: "Year" | "Month" | "Day", label: string, size: string, max: number) => (
    <div class="date-parts__item">
      <label for={fieldId(`${props.name}${suffix}`)}>{label}</label>
      <input
        class={`input date-parts__${size}`}
        id={fieldId(`${props.name}${suffix}`)}
        name={`${props.name}${suffix}`}
        inputMode="numeric"
        maxLength={suffix === "Year" ? 6 : max}
        value={props.form.values[`${props.name}${suffix}`] ?? ""}
        autocomplete={props.autocomplete ? `bday-${suffix.toLowerCase()}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={error ? "true" : undefined}
      />
    </div>
  );
  return (
    <fieldset class={error ? "field field--error" : "field"}>
      <legend class="field__label">
        {props.label} <Mark required={props.required} />
      </legend>
      {props.hint ? (
        <p class="field__hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <div class="date-parts">
        {part("Year", t("applications.personal.year"), "year", 4)}
        {part("Month", t("applications.personal.month"), "short", 2)}
        {part("Day", t("applications.personal.day"), "short", 2)}
      </div>
      <ErrorLine name={`${props.name}Year`} error={error} />
    </fieldset>
  );
}
