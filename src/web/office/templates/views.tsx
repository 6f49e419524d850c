import { TEMPLATE_LIMITS } from "../../../modules/email-templates/read-template-draft.ts";
import type { EmailTemplate } from "../../../modules/email-templates/schema.ts";
import { TEMPLATE_VARIABLES } from "../../../modules/email-templates/template-variables.ts";
import { isMoveTarget, MOVE_TARGETS } from "../../../modules/pipeline/move-targets.ts";
import type { Locale } from "../../../platform/i18n/catalogue.ts";
import { CsrfField, ErrorSummary, PageHeading, SelectField, TextAreaField, TextField } from "../../html/fields.tsx";
import { OfficeLayout } from "../layout.tsx";
import { type OfficeForm, useOfficePage } from "../page.ts";
import { stageKey } from "../pipeline/views.tsx";

function dateTime(locale: Locale, at: Date): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" }).format(at);
}

/** メールテンプレート: every template's newest version, with its stage and whether it is offered. */
export function TemplatesPage(props: { templates: EmailTemplate[] }) {
  const { t, locale } = useOfficePage();
  return (
    <OfficeLayout title={t("office.templates.title")}>
      <PageHeading>{t("office.templates.title")}</PageHeading>
      <p>{t("office.templates.lead")}</p>
      <p>
        <a class="button button--secondary" href="/office/templates/new">
          {t("office.templates.new")}
        </a>
      </p>
      <table class="data">
        <caption class="visually-hidden">{t("office.templates.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("office.templates.name")}</th>
            <th scope="col">{t("office.templates.stage")}</th>
            <th scope="col" class="number">
              {t("office.templates.version")}
            </th>
            <th scope="col">{t("office.templates.status")}</th>
          </tr>
        </thead>
        <tbody>
          {props.templates.map((tpl) => (
            <tr key={tpl.key}>
              <th scope="row">
                <a href={`/office/templates/${tpl.key}`}>{tpl.name[locale]}</a>
              </th>
              <td>{isMoveTarget(tpl.stage) ? t(stageKey(tpl.stage)) : t("office.templates.anyStage")}</td>
              <td class="number">{tpl.version}</td>
              <td>{t(tpl.active ? "office.templates.active" : "office.templates.inactive")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </OfficeLayout>
  );
}

export type TemplatePreview = Record<Locale, { subject: string; textBody: string }>;

/** The editor of one template (or a new one): both languages side by side, the variables, the preview and the versions. */
export function TemplateEditorPage(props: {
  templateKey: string | null;
  title: string;
  form: OfficeForm;
  preview: TemplatePreview | null;
  versions: EmailTemplate[];
  authors: Map<string, string>;
  saved: number | null;
}) {
  const { t, locale } = useOfficePage();
  const action = props.templateKey ? `/office/templates/${props.templateKey}` : "/office/templates";
  const order = ["nameJa", "nameEn", "subjectJa", "subjectEn", "bodyJa", "bodyEn", "stage"];
  return (
    <OfficeLayout title={props.title}>
      <ErrorSummary form={props.form} order={order} />
      <PageHeading>{props.title}</PageHeading>
      {props.saved !== null ? (
        <p class="notice" role="status">
          {t("office.templates.saved", { version: props.saved })}
        </p>
      ) : null}
      <section aria-labelledby="variables-title">
        <h2 id="variables-title">{t("office.templates.variables")}</h2>
        <p>{t("office.templates.variablesLead")}</p>
        <dl class="template-variables">
          {TEMPLATE_VARIABLES.map((v) => (
            <div key={v}>
              <dt>
                <code>{`{${v}}`}</code>
              </dt>
              <dd>{t(`office.templates.var.${v}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <form method="post" action={action} novalidate>
        <CsrfField />
        <input type="hidden" name="basedOn" value={props.form.values.basedOn ?? ""} />
        <div class="template-languages">
          {(["ja", "en"] as const).map((lang) => {
            const suffix = lang === "ja" ? "Ja" : "En";
            return (
              <fieldset key={lang} lang={lang}>
                <legend lang={locale}>{t(`office.templates.${lang}`)}</legend>
                <TextField name={`name${suffix}`} label={t(`office.templates.name${suffix}`)} form={props.form} maxLength={TEMPLATE_LIMITS.name} />
                <TextField name={`subject${suffix}`} label={t(`office.templates.subject${suffix}`)} form={props.form} maxLength={TEMPLATE_LIMITS.subject} />
                <TextAreaField
                  name={`body${suffix}`}
                  label={t(`office.templates.body${suffix}`)}
                  hint={t("office.templates.bodyHint")}
                  form={props.form}
                  rows={16}
                  maxLength={TEMPLATE_LIMITS.body}
                />
              </fieldset>
            );
          })}
        </div>
        <SelectField
          name="stage"
          label={t("office.templates.stage")}
          required={false}
          form={props.form}
          options={[{ value: "", label: t("office.templates.anyStage") }, ...MOVE_TARGETS.map((s) => ({ value: s, label: t(stageKey(s)) }))]}
        />
        <div class="checkbox">
          <input type="checkbox" id="f-active" name="active" value="yes" checked={props.form.values.active === "yes"} />
          <label for="f-active">{t("office.templates.activeLabel")}</label>
        </div>
        <div class="button-row">
          <button type="submit" class="button button--secondary" name="intent" value="preview">
            {t("office.templates.previewButton")}
          </button>
          <button type="submit" class="button button--primary" name="intent" value="save">
            {t("office.templates.save")}
          </button>
        </div>
      </form>
      {props.preview ? (
        <section aria-labelledby="preview-title" data-template-preview>
          <h2 id="preview-title">{t("office.templates.preview")}</h2>
          <p>{t("office.templates.previewLead")}</p>
          {(["ja", "en"] as const).map((lang) => (
            <article key={lang} class="mail-preview" lang={lang} aria-labelledby={`preview-${lang}`}>
              <h3 id={`preview-${lang}`} lang={locale}>
                {t("office.templates.previewOf", { language: t(`office.templates.${lang}`) })}
              </h3>
              <p data-preview-subject={lang}>{props.preview?.[lang].subject}</p>
              <pre data-preview-body={lang}>{props.preview?.[lang].textBody}</pre>
            </article>
          ))}
        </section>
      ) : null}
      {props.versions.length > 0 ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t("office.templates.history")}</h2>
          <table class="data">
            <caption class="visually-hidden">{t("office.templates.historyCaption")}</caption>
            <thead>
              <tr>
                <th scope="col" class="number">
                  {t("office.templates.version")}
                </th>
                <th scope="col">{t("office.templates.savedAt")}</th>
                <th scope="col">{t("office.templates.savedBy")}</th>
                <th scope="col">{t("office.templates.name")}</th>
              </tr>
            </thead>
            <tbody>
              {props.versions.map((v) => (
                <tr key={v.version}>
                  <td class="number">{v.version}</td>
                  <td>{dateTime(locale, v.createdAt)}</td>
                  <td>{v.createdBy ? (props.authors.get(v.createdBy) ?? v.createdBy) : t("office.templates.defaultAuthor")}</td>
                  <td>{v.name[locale]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <p>
        <a href="/office/templates">{t("office.templates.back")}</a>
      </p>
    </OfficeLayout>
  );
}
