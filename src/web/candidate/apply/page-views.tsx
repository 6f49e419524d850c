import { PREFECTURES } from "../../../modules/addresses/index.ts";
import { AFTER_ASSESSMENT, BEFORE_ASSESSMENT, type WizardPage } from "../../../modules/applications/application-state.ts";
import { ADDRESS_COUNTRIES, HOW_HEARD } from "../../../modules/applications/personal-details.ts";
import { type AnswerValue, answerLabel } from "../../../modules/applications/question-answers.ts";
import type { TQuestionPage, TQuestionSet } from "../../../modules/applications/question-set.ts";
import type { Application } from "../../../modules/applications/schema.ts";
import type { Job } from "../../../modules/jobs/schema.ts";
import { CsrfField, fieldId, PageHeading, SelectField, TextField } from "../../html/fields.tsx";
import { AssessmentReport, type AssessmentReportData } from "../assessment/report.tsx";
import { JobBanner } from "../jobs/views.tsx";
import { Layout } from "../layout.tsx";
import type { MessageKey } from "../messages.ts";
import { type Form, usePage } from "../page.ts";
import { PurposeNote } from "../privacy/purpose-note.tsx";
import { DateParts, QuestionField, WizardForm, WizardFrame } from "./wizard-views.tsx";

type Common = { app: Application; job: Job; version: number; notice?: MessageKey | null; stale?: boolean };

const base = (app: Application) => `/applications/${app.id}`;

/** STEP 1 personal details, with the postal-code lookup that works without JavaScript. */
export function PersonalPage(props: Common & { form: Form }) {
  const { t, locale, orgName } = usePage();
  const f = props.form;
  const order = [
    "familyNameLatin",
    "givenNameLatin",
    "middleNameLatin",
    "familyNameKanji",
    "givenNameKanji",
    "familyNameKana",
    "givenNameKana",
    "preferredName",
    "country",
    "postalCode",
    "prefecture",
    "city",
    "address1",
    "address2",
    "address3",
    "email",
    "phoneType",
    "phone",
    "birthYear",
    "startYear",
    "howHeard",
  ];
  return (
    <WizardFrame
      app={props.app}
      job={props.job}
      page="personal"
      title={t("applications.page.personal")}
      form={f}
      notice={props.notice}
      stale={props.stale}
      errorOrder={order}
    >
      <p>{t("applications.personal.lead")}</p>
      <PurposeNote text={t("applications.personal.purpose")} section="application" />
      <WizardForm action={`${base(props.app)}/personal`} version={props.version} back={`${base(props.app)}/documents`}>
        <h2>{t("applications.personal.names")}</h2>
        <div class="field-row">
          <TextField name="familyNameLatin" label={t("applications.personal.familyNameLatin")} form={f} autocomplete="family-name" maxLength={40} />
          <TextField name="givenNameLatin" label={t("applications.personal.givenNameLatin")} form={f} autocomplete="given-name" maxLength={40} />
        </div>
        <TextField
          name="middleNameLatin"
          label={t("applications.personal.middleNameLatin")}
          form={f}
          required={false}
          autocomplete="additional-name"
          maxLength={40}
        />
        <div class="field-row">
          <TextField
            name="familyNameKanji"
            label={t("applications.personal.familyNameKanji")}
            hint={t("applications.personal.kanjiHint")}
            form={f}
            required={false}
            maxLength={40}
          />
          <TextField
            name="givenNameKanji"
            label={t("applications.personal.givenNameKanji")}
            hint={t("applications.personal.kanjiHint")}
            form={f}
            required={false}
            maxLength={40}
          />
        </div>
        <div class="field-row">
          <TextField name="familyNameKana" label={t("applications.personal.familyNameKana")} form={f} maxLength={40} />
          <TextField name="givenNameKana" label={t("applications.personal.givenNameKana")} form={f} maxLength={40} />
        </div>
        <TextField name="preferredName" label={t("applications.personal.preferredName")} form={f} required={false} autocomplete="nickname" maxLength={40} />
        <h2>{t("applications.personal.address")}</h2>
        <SelectField
          name="country"
          label={t("applications.personal.country")}
          form={{ ...f, values: { country: "JP", ...f.values } }}
          options={ADDRESS_COUNTRIES.map((c) => ({ value: c.code, label: c[locale] }))}
          autocomplete="country"
        />
        <TextField
          name="postalCode"
          label={t("applications.personal.postalCode")}
          hint={t("applications.personal.postalCode.hint")}
          form={f}
          autocomplete="postal-code"
          inputMode="numeric"
          maxLength={10}
          class="input--short"
        />
        <button type="submit" name="intent" value="lookup" class="button button--secondary" data-postal-lookup>
          {t("applications.personal.lookup")}
        </button>
        <SelectField
          name="prefecture"
          label={t("applications.personal.prefecture")}
          form={f}
          autocomplete="address-level1"
          options={[
            { value: "", label: t("applications.personal.prefecture.none") },
            ...PREFECTURES.map((p) => ({ value: p.ja, label: locale === "ja" ? p.ja : `${p.en} (${p.ja})` })),
          ]}
        />
        <TextField name="city" label={t("applications.personal.city")} form={f} autocomplete="address-level2" maxLength={60} />
        <TextField name="address1" label={t("applications.personal.address1")} form={f} autocomplete="address-line1" maxLength={80} />
        <TextField name="address2" label={t("applications.personal.address2")} form={f} required={false} autocomplete="address-line2" maxLength={80} />
        <TextField name="address3" label={t("applications.personal.address3")} form={f} required={false} autocomplete="address-line3" maxLength={80} />
        <h2>{t("applications.personal.contact")}</h2>
        <TextField name="email" label={t("applications.personal.email")} form={f} type="email" autocomplete="email" inputMode="email" maxLength={254} />
        <SelectField
          name="phoneType"
          label={t("applications.personal.phoneType")}
          form={{ ...f, values: { phoneType: "mobile", ...f.values } }}
          options={[
            { value: "mobile", label: t("applications.personal.phoneType.mobile") },
            { value: "home", label: t("applications.personal.phoneType.home") },
          ]}
        />
        <TextField
          name="phone"
          label={t("applications.personal.phone")}
          hint={t("accounts.phone.hint")}
          form={f}
          type="tel"
          autocomplete="tel"
          inputMode="tel"
          maxLength={30}
        />
        <fieldset class="field">
          <legend class="field__label">
            {t("applications.personal.consents")} <span class="mark">{t("layout.optional")}</span>
          </legend>
          <div class="checkbox">
            <input type="checkbox" id="f-smsConsent" name="smsConsent" value="yes" checked={f.values.smsConsent === "yes"} />
            <label for="f-smsConsent">{t("applications.personal.smsConsent", { org: orgName })}</label>
          </div>
          <div class="checkbox">
            <input type="checkbox" id="f-feedbackConsent" name="feedbackConsent" value="yes" checked={f.values.feedbackConsent === "yes"} />
            <label for="f-feedbackConsent">{t("applications.personal.feedbackConsent", { org: orgName })}</label>
          </div>
        </fieldset>
        <DateParts
          name="birth"
          label={t("applications.personal.birthDate")}
          hint={t("applications.personal.birthDate.hint")}
          required
          form={f}
          autocomplete="bday"
        />
        <DateParts name="start" label={t("applications.personal.startDate")} required={false} form={f} />
        <SelectField
          name="howHeard"
          label={t("applications.personal.howHeard")}
          form={f}
          options={[{ value: "", label: t("applications.personal.choose") }, ...HOW_HEARD.map((h) => ({ value: h.value, label: h[locale] }))]}
        />
      </WizardForm>
    </WizardFrame>
  );
}

/** STEP 2–4 and the final questions: any configured question page. */
export function QuestionPage(
  props: Common & {
    wizardPage: WizardPage;
    page: TQuestionPage;
    answers: Record<string, AnswerValue>;
    consents: Record<string, boolean>;
    errors: Form["errors"];
    back: string | null;
    note?: MessageKey;
  },
) {
  const { t, locale } = usePage();
  const form: Form = { values: {}, errors: props.errors };
  return (
    <WizardFrame
      app={props.app}
      job={props.job}
      page={props.wizardPage}
      title={props.page.title[locale]}
      form={form}
      notice={props.notice}
      stale={props.stale}
      errorOrder={props.page.questions.flatMap((q) => [q.key, `${q.key}Consent`])}
    >
      <PurposeNote text={props.page.purpose[locale]} section={props.wizardPage === "self-identification" ? "self-identification" : "application"} />
      {props.note ? <p class="callout">{t(props.note)}</p> : null}
      <WizardForm action={`${base(props.app)}/${props.wizardPage}`} version={props.version} back={props.back}>
        {props.page.questions.map((q) => (
          <QuestionField key={q.key} q={q} value={props.answers[q.key]} consent={Boolean(props.consents[q.key])} errors={props.errors} />
        ))}
      </WizardForm>
    </WizardFrame>
  );
}

/**
 * Before a knock-out answer takes effect: what it means, and the choice to change it or confirm it. The
 * confirmation is a form carrying the page version; the answer itself is the stored one.
 */
export function KnockoutConfirmPage(props: Common & { wizardPage: WizardPage; question: string; questionKey: string; answer: string; reason: string }) {
  const { t } = usePage();
  const pageUrl = `${base(props.app)}/${props.wizardPage}`;
  return (
    <WizardFrame app={props.app} job={props.job} page={props.wizardPage} title={t("applications.knockout.title")}>
      <dl class="summary-list">
        <div>
          <dt>{props.question}</dt>
          <dd>
            <strong>{props.answer}</strong>
          </dd>
        </div>
      </dl>
      <div class="callout callout--warning">
        <p>{t("applications.knockout.meaning", { answer: props.answer })}</p>
        <p>{t("applications.screenedOut.condition", { reason: props.reason })}</p>
        <p>{t("applications.knockout.final")}</p>
      </div>
      <p>{t("applications.knockout.mistake")}</p>
      <div class="wizard-actions">
        <a class="button button--primary" href={`${pageUrl}#${fieldId(props.questionKey)}`}>
          {t("applications.knockout.change")}
        </a>
      </div>
      <form method="post" action={pageUrl} class="form">
        <CsrfField />
        <input type="hidden" name="version" value={String(props.version)} />
        <div class="wizard-actions">
          <button type="submit" name="intent" value="confirmKnockout" class="button button--secondary">
            {t("applications.knockout.confirm")}
          </button>
        </div>
      </form>
    </WizardFrame>
  );
}

/** STEP 5: the seven statements of the fairness pledge, the consent box and 送信. */
export function PledgePage(props: Common & { form: Form }) {
  const { t, orgName } = usePage();
  const statements = (["s1", "s2", "s3", "s4", "s5", "s6", "s7"] as const).map((s) => t(`applications.pledge.${s}`, { org: orgName }));
  const error = props.form.errors.consent;
  return (
    <WizardFrame
      app={props.app}
      job={props.job}
      page="pledge"
      title={t("applications.pledge.title")}
      form={props.form}
      notice={props.notice}
      stale={props.stale}
    >
      <p>{t("applications.pledge.welcome", { org: orgName })}</p>
      <h2>{t("applications.pledge.privacyTitle")}</h2>
      <p>
        {t("applications.pledge.privacy")} <a href="/privacy">{t("layout.footer.privacy")}</a>
      </p>
      <h2>{t("applications.pledge.fairnessTitle")}</h2>
      <p>{t("applications.pledge.fairness", { org: orgName })}</p>
      <p>{t("applications.pledge.signals")}</p>
      <p>{t("applications.pledge.lead")}</p>
      <ol class="pledge">
        {statements.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <WizardForm
        action={`${base(props.app)}/pledge`}
        version={props.version}
        back={`${base(props.app)}/self-identification`}
        saveButton={false}
        continueLabel={t("applications.pledge.submit")}
      >
        <div class={error ? "field field--error" : "field"}>
          <div class="checkbox">
            <input
              type="checkbox"
              id="f-consent"
              name="consent"
              value="yes"
              aria-invalid={error ? "true" : undefined}
              aria-describedby={error ? "f-consent-error" : undefined}
            />
            <label for="f-consent">{t("applications.pledge.consent")}</label>
          </div>
          {error ? (
            <p class="field__error" id="f-consent-error">
              {t(error.key, error.vars)}
            </p>
          ) : null}
        </div>
        <ul class="field__hint">
          <li>{t("applications.eligibility.note")}</li>
          <li>{t("applications.pledge.duration")}</li>
        </ul>
      </WizardForm>
    </WizardFrame>
  );
}

/** 電子署名して続行. */
export function SignaturePage(props: Common & { form: Form; example: string }) {
  const { t } = usePage();
  return (
    <WizardFrame
      app={props.app}
      job={props.job}
      page="signature"
      title={t("applications.signature.title")}
      form={props.form}
      notice={props.notice}
      stale={props.stale}
    >
      <p>{t("applications.signature.statement")}</p>
      <WizardForm
        action={`${base(props.app)}/signature`}
        version={props.version}
        // The assessment behind it cannot be reopened: 戻る goes to the application's overview.
        back={base(props.app)}
        saveButton={false}
        continueLabel={t("applications.signature.submit")}
      >
        <TextField
          name="signature"
          label={t("applications.signature.name")}
          hint={t("applications.signature.hint", { example: props.example })}
          form={props.form}
          autocomplete="name"
          maxLength={100}
        />
      </WizardForm>
    </WizardFrame>
  );
}

/** The check-your-answers page with 変更 links, and 「応募する」. */
export function ReviewPage(props: Common & { set: TQuestionSet; answers: Record<string, AnswerValue> }) {
  const { t, locale, helpEmail } = usePage();
  const finalPage = props.set.pages.find((p) => p.id === "final-questions");
  const yesNo = { yes: t("accounts.yes"), no: t("accounts.no") };
  return (
    <WizardFrame app={props.app} job={props.job} page="review" title={t("applications.review.title")} notice={props.notice}>
      <p>{t("applications.review.lead")}</p>
      <dl class="summary-list">
        <div>
          <dt>{t("applications.review.documents")}</dt>
          <dd>
            {props.app.documentsStatus === "uploaded"
              ? t("applications.review.documents.uploaded", { count: props.app.documentIds.length })
              : t("applications.documents.toBeSent", { email: helpEmail })}
          </dd>
          <dd />
        </div>
        {(finalPage?.questions ?? []).map((q) => (
          <div key={q.key}>
            <dt>{q.label[locale]}</dt>
            <dd>{answerLabel(q, props.answers[q.key], locale, yesNo) || t("applications.review.notAnswered")}</dd>
            <dd>
              <a href={`${base(props.app)}/final-questions?return=review#f-${q.key}`}>
                {t("applications.review.change")}
                <span class="visually-hidden"> {q.label[locale]}</span>
              </a>
            </dd>
          </div>
        ))}
        <div>
          <dt>{t("applications.review.signedAs")}</dt>
          <dd>{props.app.signedName}</dd>
          <dd>
            <a href={`${base(props.app)}/signature?return=review`}>
              {t("applications.review.change")}
              <span class="visually-hidden"> {t("applications.review.signedAs")}</span>
            </a>
          </dd>
        </div>
      </dl>
      <form method="post" action={`${base(props.app)}/submit`} class="form">
        <CsrfField />
        <div class="wizard-actions">
          <a class="button button--secondary" href={`${base(props.app)}/final-questions`}>
            {t("applications.back")}
          </a>
          <button type="submit" class="button button--primary">
            {t("applications.review.submit")}
          </button>
        </div>
      </form>
    </WizardFrame>
  );
}

/** The completion page, in the seed's words. */
export function CompletePage({ app, job, report }: { app: Application; job: Job; report: AssessmentReportData | null }) {
  const { t, locale, helpEmail } = usePage();
  return (
    <Layout title={t("applications.complete.title")}>
      <JobBanner job={job} />
      <PageHeading>{t("applications.complete.title")}</PageHeading>
      <div class="notice" role="status">
        <p>{t("applications.complete.thanks")}</p>
        <p>{t("applications.complete.body", { job: job.title[locale], jobId: job.id })}</p>
        <p>
          <strong>{t("applications.complete.reference", { reference: app.reference })}</strong>
        </p>
      </div>
      <p>{t("applications.complete.next")}</p>
      {app.documentsStatus === "to_be_sent" ? <p class="callout callout--warning">{t("applications.documents.toBeSent", { email: helpEmail })}</p> : null}
      {report ? <AssessmentReport report={report} /> : null}
      <p>
        <a class="button button--primary" href={`/account/applications/${app.id}/job`}>
          {t("applications.complete.viewJob")}
        </a>
      </p>
    </Layout>
  );
}

/** The polite end of a knocked-out application, naming the condition not met. */
export function ScreenedOutPage({ job, reason }: { job: Job; reason: string }) {
  const { t } = usePage();
  return (
    <Layout title={t("applications.screenedOut.title")}>
      <JobBanner job={job} />
      <PageHeading>{t("applications.screenedOut.title")}</PageHeading>
      <p>{t("applications.screenedOut.body")}</p>
      <p class="callout">{t("applications.screenedOut.condition", { reason })}</p>
      <p>
        {t("applications.screenedOut.other")} <a href="/jobs">{t("jobs.viewAll")}</a>
      </p>
    </Layout>
  );
}

/** The overview: each page's status, links to those that may be opened. */
export function OverviewPage({ app, job, links }: { app: Application; job: Job; links: Record<string, boolean> }) {
  const { t } = usePage();
  const pages: (WizardPage | "assessment")[] = [...BEFORE_ASSESSMENT, "assessment", ...AFTER_ASSESSMENT];
  const doneAssessment = ["assessment_done", "signed", "submitted"].includes(app.state);
  return (
    <Layout title={t("applications.overview.title")}>
      <JobBanner job={job} />
      <PageHeading>{t("applications.overview.title")}</PageHeading>
      <p>
        {t(`applications.status.${app.state}`)} — {t(`applications.next.${app.state}`)}
      </p>
      <ol class="task-list">
        {pages.map((p) => {
          const done = p === "assessment" ? doneAssessment : app.completedPages.includes(p);
          // Skipping the upload finishes the step but not the documents: they are still to come by e-mail.
          const byMail = p === "documents" && app.documentsStatus === "to_be_sent";
          const label = t(`applications.page.${p}`);
          return (
            <li key={p} class="task-list__item">
              {links[p] ? <a href={`${base(app)}/${p}`}>{label}</a> : <span>{label}</span>}
              <span class={done && !byMail ? "tag tag--done" : "tag"}>
                {byMail ? t("applications.overview.documentsByMail") : done ? t("applications.step.done") : t("applications.overview.notStarted")}
              </span>
            </li>
          );
        })}
      </ol>
      {links.resume ? (
        <p>
          <a class="button button--primary" href={`${base(app)}/resume`}>
            {t("applications.mine.restart")}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
