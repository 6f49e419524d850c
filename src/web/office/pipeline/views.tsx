import { hasPermission } from "../../../modules/access/policy.ts";
import { type ApplicationState, PIPELINE_ORDER } from "../../../modules/applications/schema.ts";
import type { EmailTemplate } from "../../../modules/email-templates/schema.ts";
import type { StageCounts } from "../../../modules/pipeline/count-pipeline-stages.ts";
import type { PipelineRow } from "../../../modules/pipeline/list-pipeline.ts";
import type { MovePreview } from "../../../modules/pipeline/move-from-pipeline.ts";
import { MOVE_TARGETS } from "../../../modules/pipeline/move-targets.ts";
import type { NamedApplication } from "../../../modules/pipeline/name-applications.ts";
import { DRAFT_STEPS, PIPELINE_PAGE_SIZE, SCORE_BANDS, SORT_KEYS } from "../../../modules/pipeline/pipeline-query.ts";
import type { PipelineMove } from "../../../modules/pipeline/schema.ts";
import type { Locale } from "../../../platform/i18n/catalogue.ts";
import { CsrfField, ErrorSummary, PageHeading } from "../../html/fields.tsx";
import { OfficeLayout } from "../layout.tsx";
import type { OfficeMessageKey } from "../messages.ts";
import { type OfficeForm, useOfficePage } from "../page.ts";
import { type PipelineParams, pipelineUrl } from "./pipeline-params.ts";

function dateFormat(locale: Locale, withTime: boolean): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    dateStyle: "medium",
    ...(withTime ? { timeStyle: "short" } : {}),
    timeZone: "Asia/Tokyo",
  });
}

/** The name of any application state (or of the drafts taken together), as the console writes it. */
export function stageKey(state: ApplicationState | "drafts"): OfficeMessageKey {
  return `office.stage.${state}`;
}

/** 応募者: the jobs a member works on, each with how many applications it has received. */
export function PipelineJobsPage(props: { jobs: { id: string; title: string; inPipeline: number }[] }) {
  const { t } = useOfficePage();
  return (
    <OfficeLayout title={t("office.pipeline.jobsTitle")}>
      <PageHeading>{t("office.pipeline.jobsTitle")}</PageHeading>
      <p>{t("office.pipeline.jobsLead")}</p>
      {props.jobs.length === 0 ? (
        <p>{t("office.pipeline.noJobs")}</p>
      ) : (
        <table class="data">
          <caption class="visually-hidden">{t("office.pipeline.jobsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("office.pipeline.jobColumn")}</th>
              <th scope="col" class="number">
                {t("office.pipeline.inPipelineColumn")}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.jobs.map((j) => (
              <tr key={j.id}>
                <th scope="row">
                  <a href={`/office/pipeline/${encodeURIComponent(j.id)}`}>{`${j.title}（${j.id}）`}</a>
                </th>
                <td class="number">{j.inPipeline}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </OfficeLayout>
  );
}

function StageTabs(props: { jobId: string; params: PipelineParams; counts: StageCounts }) {
  const { t } = useOfficePage();
  const { stage: current = "all", step: _step, ...rest } = props.params;
  const tabs: { stage: string; label: string; n: number }[] = [
    { stage: "all", label: t("office.pipeline.all"), n: props.counts.inPipeline },
    ...PIPELINE_ORDER.map((s) => ({ stage: s, label: t(stageKey(s)), n: props.counts.stages[s] })),
  ];
  const apart = [
    { stage: "drafts", label: t("office.stage.drafts"), n: props.counts.drafts },
    { stage: "screened_out", label: t("office.stage.screened_out"), n: props.counts.screenedOut },
  ];
  const link = (tab: { stage: string; label: string; n: number }) => (
    <a href={pipelineUrl(props.jobId, tab.stage === "all" ? rest : { ...rest, stage: tab.stage })} aria-current={tab.stage === current ? "page" : undefined}>
      {t("office.pipeline.count", { label: tab.label, n: tab.n })}
    </a>
  );
  return (
    <nav class="stage-tabs" aria-label={t("office.pipeline.stagesLabel")}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.stage}>{link(tab)}</li>
        ))}
      </ul>
      <p class="stage-tabs__apart">
        {t("office.pipeline.apart", { drafts: props.counts.drafts, screenedOut: props.counts.screenedOut })}{" "}
        {apart.map((tab) => (
          <span key={tab.stage}>{link(tab)} </span>
        ))}
      </p>
    </nav>
  );
}

function Filters(props: { jobId: string; params: PipelineParams; withContact: boolean }) {
  const { t } = useOfficePage();
  const p = props.params;
  const sorts = SORT_KEYS.flatMap((by) => (["asc", "desc"] as const).map((dir) => `${by}.${dir}` as const));
  return (
    <form method="get" action={`/office/pipeline/${encodeURIComponent(props.jobId)}`} class="filters" aria-label={t("office.pipeline.filters")}>
      <div class="field">
        <label class="field__label" for="f-q">
          {t("office.pipeline.search")}
        </label>
        <p class="field__hint" id="f-q-hint">
          {t(props.withContact ? "office.pipeline.searchHint" : "office.pipeline.searchHintNoContact")}
        </p>
        <input class="input" type="search" id="f-q" name="q" value={p.q ?? ""} aria-describedby="f-q-hint" maxLength={200} />
      </div>
      <div class="field">
        <label class="field__label" for="f-stage">
          {t("office.pipeline.stage")}
        </label>
        <select class="select" id="f-stage" name="stage">
          <option value="">{t("office.pipeline.all")}</option>
          {([...PIPELINE_ORDER, "drafts", "screened_out"] as const).map((s) => (
            <option key={s} value={s} selected={p.stage === s}>
              {t(stageKey(s))}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label class="field__label" for="f-step">
          {t("office.pipeline.step")}
        </label>
        <select class="select" id="f-step" name="step">
          <option value="">{t("office.pipeline.anyStep")}</option>
          {DRAFT_STEPS.map((s) => (
            <option key={s} value={s} selected={p.step === s}>
              {s === "assessment" ? t("office.pipeline.stepAssessment") : t("office.pipeline.stepName", { n: s })}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label class="field__label" for="f-band">
          {t("office.pipeline.band")}
        </label>
        <select class="select" id="f-band" name="band">
          <option value="">{t("office.pipeline.anyBand")}</option>
          {SCORE_BANDS.map((b) => (
            <option key={b} value={b} selected={p.band === b}>
              {t(`office.pipeline.band.${b}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label class="field__label" for="f-from">
          {t("office.pipeline.from")}
        </label>
        <input class="input" type="date" id="f-from" name="from" value={p.from ?? ""} />
      </div>
      <div class="field">
        <label class="field__label" for="f-to">
          {t("office.pipeline.to")}
        </label>
        <input class="input" type="date" id="f-to" name="to" value={p.to ?? ""} />
      </div>
      <div class="field">
        <label class="field__label" for="f-sort">
          {t("office.pipeline.sort")}
        </label>
        <select class="select" id="f-sort" name="sort">
          {sorts.map((s) => (
            <option key={s} value={s} selected={(p.sort ?? "date.desc") === s}>
              {t(`office.pipeline.sort.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="checkbox">
        <input type="checkbox" id="f-integrity" name="integrity" value="1" checked={p.integrity === "1"} />
        <label for="f-integrity">{t("office.pipeline.integrity")}</label>
      </div>
      <div class="checkbox">
        <input type="checkbox" id="f-docs" name="docs" value="missing" checked={p.docs === "missing"} />
        <label for="f-docs">{t("office.pipeline.documentsMissing")}</label>
      </div>
      <button type="submit" class="button button--secondary">
        {t("office.pipeline.apply")}
      </button>
      <a class="button button--link" href={`/office/pipeline/${encodeURIComponent(props.jobId)}`}>
        {t("office.pipeline.clear")}
      </a>
    </form>
  );
}

function Row(props: { row: PipelineRow; selectable: boolean; withContact: boolean }) {
  const { t, locale } = useOfficePage();
  const r = props.row;
  const name = r.name.kanji || r.name.latin;
  return (
    <tr>
      {props.selectable ? (
        <td>
          <input type="checkbox" name="ids" value={r.id} id={`select-${r.id}`} aria-label={t("office.pipeline.selectOne", { name, reference: r.reference })} />
        </td>
      ) : null}
      <td>
        <a href={`/office/candidates/${r.id}`}>{r.reference}</a>
      </td>
      <th scope="row" class="pipeline__person">
        <span class="pipeline__name">{name}</span>
        {r.name.kana ? <span class="pipeline__kana">{r.name.kana}</span> : null}
        {r.name.kanji && r.name.latin ? (
          <span class="pipeline__latin" lang="en">
            {r.name.latin}
          </span>
        ) : null}
      </th>
      <td>
        {r.step
          ? `${t(stageKey(r.state))}・${r.step === "assessment" ? t("office.pipeline.stepAssessment") : t("office.pipeline.stepName", { n: r.step })}`
          : t(stageKey(r.state))}
      </td>
      <td>{dateFormat(locale, false).format(r.pipelineAt)}</td>
      <td>{r.documentsStatus ? t(`office.pipeline.documents.${r.documentsStatus}`) : ""}</td>
      <td class="number">{r.score === null ? t("office.pipeline.noScore") : Math.round(r.score)}</td>
      <td>{r.integrity.map((s) => t(`office.pipeline.signal.${s}`)).join("、")}</td>
      {props.withContact ? (
        <>
          <td>{r.email ?? ""}</td>
          <td>{r.phone ?? ""}</td>
        </>
      ) : null}
    </tr>
  );
}

function MoveControls(props: { templates: EmailTemplate[] }) {
  const { t, locale } = useOfficePage();
  return (
    <fieldset class="move-controls">
      <legend>{t("office.pipeline.moveLegend")}</legend>
      <div class="field">
        <label class="field__label" for="f-to-stage">
          {t("office.pipeline.moveTo")}
        </label>
        <select class="select" id="f-to-stage" name="to">
          <option value="">{t("office.pipeline.chooseStage")}</option>
          {MOVE_TARGETS.map((s) => (
            <option key={s} value={s}>
              {t(stageKey(s))}
            </option>
          ))}
        </select>
      </div>
      <TemplateChoice templates={props.templates} chosen="auto" locale={locale} />
      <TimingChoice chosen="now" />
      <button type="submit" class="button button--primary">
        {t("office.pipeline.toConfirm")}
      </button>
    </fieldset>
  );
}

function TemplateChoice(props: { templates: EmailTemplate[]; chosen: string; locale: Locale }) {
  const { t } = useOfficePage();
  return (
    <div class="field">
      <label class="field__label" for="f-template">
        {t("office.pipeline.template")}
      </label>
      <select class="select" id="f-template" name="template">
        <option value="auto" selected={props.chosen === "auto"}>
          {t("office.pipeline.template.auto")}
        </option>
        <option value="none" selected={props.chosen === "none"}>
          {t("office.pipeline.template.none")}
        </option>
        {props.templates.map((tpl) => (
          <option key={tpl.key} value={tpl.key} selected={props.chosen === tpl.key}>
            {tpl.name[props.locale]}
          </option>
        ))}
      </select>
    </div>
  );
}

function TimingChoice(props: { chosen: "now" | "nextMorning" }) {
  const { t } = useOfficePage();
  return (
    <fieldset class="field">
      <legend class="field__label">{t("office.pipeline.timing")}</legend>
      {(["now", "nextMorning"] as const).map((v) => (
        <div class="radio" key={v}>
          <input type="radio" id={`f-timing-${v}`} name="timing" value={v} checked={props.chosen === v} />
          <label for={`f-timing-${v}`}>{t(`office.pipeline.timing.${v}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}

export type PipelinePageProps = {
  job: { id: string; title: string };
  counts: StageCounts;
  rows: PipelineRow[];
  params: PipelineParams;
  next: string | null;
  previous: string | null;
  contactNotAllowed: boolean;
  templates: EmailTemplate[];
};

/** A job's pipeline: stage tabs with counts, the GET filter form, the list, paging and, for those who may, bulk moves and the export. */
export function PipelinePage(props: PipelinePageProps) {
  const { t, staff, csrfToken } = useOfficePage();
  if (!staff) return null;
  const mayDecide = hasPermission(staff.principal, "candidates.decide");
  const withContact = hasPermission(staff.principal, "candidates.contactDetails");
  const mayExport = hasPermission(staff.principal, "candidates.export");
  const title = t("office.pipeline.title", { job: props.job.title });
  const table = (
    <table class="data pipeline">
      <caption>{t("office.pipeline.caption", { shown: props.rows.length })}</caption>
      <thead>
        <tr>
          {mayDecide ? (
            <th scope="col">
              <span class="visually-hidden">{t("office.pipeline.col.select")}</span>
            </th>
          ) : null}
          <th scope="col">{t("office.pipeline.col.reference")}</th>
          <th scope="col">{t("office.pipeline.col.name")}</th>
          <th scope="col">{t("office.pipeline.col.stage")}</th>
          <th scope="col">{t("office.pipeline.col.appliedAt")}</th>
          <th scope="col">{t("office.pipeline.col.documents")}</th>
          <th scope="col" class="number">
            {t("office.pipeline.col.score")}
          </th>
          <th scope="col">{t("office.pipeline.col.integrity")}</th>
          {withContact ? (
            <>
              <th scope="col">{t("office.pipeline.col.email")}</th>
              <th scope="col">{t("office.pipeline.col.phone")}</th>
            </>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <Row key={r.id} row={r} selectable={mayDecide} withContact={withContact} />
        ))}
      </tbody>
    </table>
  );
  return (
    <OfficeLayout title={title}>
      <PageHeading>{title}</PageHeading>
      {mayDecide ? null : <p class="notice">{t("office.pipeline.readOnly")}</p>}
      <StageTabs jobId={props.job.id} params={props.params} counts={props.counts} />
      <Filters jobId={props.job.id} params={props.params} withContact={withContact} />
      {mayExport ? (
        <p>
          <a class="button button--link" href={pipelineUrl(props.job.id, props.params, {}, "/export.csv")} download>
            {t("office.pipeline.export")}
          </a>
        </p>
      ) : null}
      {props.contactNotAllowed ? (
        <p class="notice" role="status">
          {t("office.pipeline.contactNotAllowed")}
        </p>
      ) : null}
      {props.rows.length === 0 ? (
        <p role="status">{t("office.pipeline.empty")}</p>
      ) : mayDecide ? (
        <form method="post" action={`/office/pipeline/${encodeURIComponent(props.job.id)}/moves/confirm`}>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="back" value={pipelineUrl(props.job.id, props.params)} />
          {table}
          <MoveControls templates={props.templates} />
        </form>
      ) : (
        table
      )}
      <p class="signals-note">{t("office.pipeline.signalsNote")}</p>
      {props.previous || props.next ? (
        <nav class="pager" aria-label={t("office.pipeline.paging")}>
          {props.previous ? (
            <a href={props.previous} rel="prev">
              {t("office.pipeline.previous", { n: PIPELINE_PAGE_SIZE })}
            </a>
          ) : null}{" "}
          {props.next ? (
            <a href={props.next} rel="next">
              {t("office.pipeline.next", { n: PIPELINE_PAGE_SIZE })}
            </a>
          ) : null}
        </nav>
      ) : null}
    </OfficeLayout>
  );
}

export type MoveChoice = {
  moveId: string;
  ids: string[];
  to: string;
  template: string;
  timing: "now" | "nextMorning";
  back: string;
};

/**
 * The confirmation before a move: the applications chosen, the stage, when the e-mails go and a preview of
 * each language's e-mail as it will be sent; the choices can be changed and the preview updated here.
 */
export function MoveConfirmPage(props: {
  job: { id: string; title: string };
  choice: MoveChoice;
  named: NamedApplication[];
  templates: EmailTemplate[];
  /** The template the move will use, at the version previewed; null sends none. */
  template: EmailTemplate | null;
  /** Which template and version the preview shows (`key@version`, or `none`): the move sends that and nothing else. */
  previewed: string;
  preview: MovePreview | null;
  sendAt: Date | null;
  form: OfficeForm;
}) {
  const { t, locale } = useOfficePage();
  const c = props.choice;
  const base = `/office/pipeline/${encodeURIComponent(props.job.id)}/moves`;
  const stageName = MOVE_TARGETS.find((s) => s === c.to);
  return (
    <OfficeLayout title={t("office.move.title")}>
      <ErrorSummary form={props.form} order={["ids", "to", "template"]} />
      <PageHeading>{t("office.move.title")}</PageHeading>
      {stageName && props.named.length > 0 ? <p>{t("office.move.lead", { n: props.named.length, stage: t(stageKey(stageName)) })}</p> : null}
      <form method="post" action={base}>
        <CsrfField />
        <input type="hidden" name="moveId" value={c.moveId} />
        <input type="hidden" name="back" value={c.back} />
        <input type="hidden" name="previewed" value={props.previewed} />
        <fieldset id="f-ids">
          <legend>{t("office.move.selected")}</legend>
          <ul class="checkboxes">
            {props.named.map((a) => (
              <li key={a.id} class="checkbox">
                <input type="checkbox" name="ids" value={a.id} id={`move-${a.id}`} checked />
                <label for={`move-${a.id}`}>{`${a.name}（${a.reference}・${t(stageKey(a.state))}）`}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div class="field">
          <label class="field__label" for="f-to">
            {t("office.pipeline.moveTo")}
          </label>
          <select class="select" id="f-to" name="to" aria-invalid={props.form.errors.to ? "true" : undefined}>
            <option value="">{t("office.pipeline.chooseStage")}</option>
            {MOVE_TARGETS.map((s) => (
              <option key={s} value={s} selected={c.to === s}>
                {t(stageKey(s))}
              </option>
            ))}
          </select>
        </div>
        <TemplateChoice templates={props.templates} chosen={c.template} locale={locale} />
        <TimingChoice chosen={c.timing} />
        {props.template && props.preview ? (
          <section aria-labelledby="preview-title">
            <h2 id="preview-title">{t("office.templates.preview")}</h2>
            <p>{t("office.move.emailSummary", { ja: props.preview.counts.ja, en: props.preview.counts.en })}</p>
            <p>{props.sendAt ? t("office.move.sendAt", { at: dateFormat(locale, true).format(props.sendAt) }) : t("office.move.sendNow")}</p>
            {(["ja", "en"] as const).map((lang) => {
              const example = props.preview?.examples[lang];
              if (!example) return null;
              return (
                <article key={lang} class="mail-preview" lang={lang} aria-labelledby={`preview-${lang}`}>
                  <h3 id={`preview-${lang}`} lang={locale}>
                    {t("office.move.preview", { language: t(`office.move.language.${lang}`) })}
                  </h3>
                  <p lang={locale}>{t("office.move.previewFor", { name: example.name })}</p>
                  <dl>
                    <dt lang={locale}>{t("office.move.subject")}</dt>
                    <dd data-preview-subject={lang}>{example.subject}</dd>
                    <dt lang={locale}>{t("office.move.body")}</dt>
                    <dd>
                      <pre data-preview-body={lang}>{example.textBody}</pre>
                    </dd>
                  </dl>
                </article>
              );
            })}
          </section>
        ) : (
          <p>{t("office.move.noEmail")}</p>
        )}
        <div class="button-row">
          <button type="submit" class="button button--secondary" formaction={`${base}/confirm`}>
            {t("office.move.update")}
          </button>
          <button type="submit" class="button button--primary" disabled={props.named.length === 0 || !stageName}>
            {t("office.move.confirm")}
          </button>
        </div>
      </form>
      <p>
        <a href={c.back}>{t("office.move.back")}</a>
      </p>
    </OfficeLayout>
  );
}

/** What a move did: the applications moved and those left where they were, with why. */
export function MoveDonePage(props: { move: PipelineMove; named: Map<string, NamedApplication>; repeated: boolean; back: string }) {
  const { t } = useOfficePage();
  const moved = props.move.moved ?? [];
  const skipped = props.move.skipped ?? [];
  const label = (id: string) => {
    const a = props.named.get(id);
    return a ? `${a.name}（${a.reference}・${t(stageKey(a.state))}）` : id;
  };
  return (
    <OfficeLayout title={t("office.move.doneTitle")}>
      <PageHeading>{t("office.move.doneTitle")}</PageHeading>
      {props.repeated ? (
        <p class="notice" role="status">
          {t("office.move.repeated")}
        </p>
      ) : null}
      {props.move.templateKey && moved.length > 0 ? <p>{t("office.move.mailQueued")}</p> : null}
      <h2>{t("office.move.moved", { n: moved.length })}</h2>
      <ul data-moved>
        {moved.map((id) => (
          <li key={id}>{props.move.templateKey && props.named.get(id)?.contactStopped ? `${label(id)}：${t("office.move.contactStopped")}` : label(id)}</li>
        ))}
      </ul>
      {skipped.length > 0 ? (
        <>
          <h2>{t("office.move.skipped", { n: skipped.length })}</h2>
          <ul data-skipped>
            {skipped.map((s) => (
              <li key={s.id}>{`${label(s.id)}：${t(`office.move.skip.${s.reason}`)}`}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href={props.back}>{t("office.move.back")}</a>
      </p>
    </OfficeLayout>
  );
}
