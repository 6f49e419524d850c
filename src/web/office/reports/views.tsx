import type { ComponentChildren } from "preact";
import type { ItemBank, SituationItem } from "../../../modules/assessment/bank/index.ts";
import type { OptionStatistics } from "../../../modules/assessment/statistics/index.ts";
import type { SituationFlag } from "../../../modules/reports/analyse-situations.ts";
import type { AssessmentReport } from "../../../modules/reports/build-assessment-report.ts";
import type { FunnelReport } from "../../../modules/reports/build-funnel-report.ts";
import { IMPACT_MINIMUM_CONSIDERED, type ImpactStageFigures } from "../../../modules/reports/compute-adverse-impact.ts";
import { DIF_MINIMUM_PER_GROUP, type DifComparison, type LanguageGroup } from "../../../modules/reports/compute-dif.ts";
import { AGE_GROUPS, type AgeGroup, GENDER_GROUPS, type GenderGroup } from "../../../modules/reports/fairness-groups.ts";
import type { FunnelStep } from "../../../modules/reports/funnel-steps.ts";
import { ERASED_STEPS, type ErasedAnswers, type ErasedGroupCounts } from "../../../modules/reports/read-erased-gender-counts.ts";
import type { AssessmentDatasetName, FunnelDatasetName } from "../../../modules/reports/report-datasets.ts";
import { SURVEY_MINIMUM_RESPONSES } from "../../../modules/reports/summarise-survey.ts";
import type { Locale } from "../../../platform/i18n/catalogue.ts";
import { ChartTable } from "../../html/charts/chart-table.tsx";
import { HorizontalBarChart } from "../../html/charts/horizontal-bar-chart.tsx";
import { VerticalBarChart } from "../../html/charts/vertical-bar-chart.tsx";
import { PageHeading } from "../../html/fields.tsx";
import { OfficeLayout } from "../layout.tsx";
import { useOfficePage } from "../page.ts";

export type ReportTab = "funnel" | "items" | "fairness";

/** The report's job and date filter, as the page shows them and its links carry them. */
export type ReportContext = { jobId: string; jobTitle: string; values: { from?: string; to?: string }; invalid: boolean };

const NUMBER = { ja: new Intl.NumberFormat("ja-JP"), en: new Intl.NumberFormat("en-GB") };
const ONE_DECIMAL = { ja: new Intl.NumberFormat("ja-JP", { maximumFractionDigits: 1 }), en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }) };
const THREE_DECIMALS = {
  ja: new Intl.NumberFormat("ja-JP", { minimumFractionDigits: 3, maximumFractionDigits: 3 }),
  en: new Intl.NumberFormat("en-GB", { minimumFractionDigits: 3, maximumFractionDigits: 3 }),
};

/** A figure to three decimals, a missing one as a dash. */
function decimal(value: number | null | undefined, locale: Locale): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "–" : THREE_DECIMALS[locale].format(value);
}

/** A p-value as a reader expects it: three decimals, or 「< 0.001」. */
function pValue(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return value < 0.001 ? `< ${THREE_DECIMALS[locale].format(0.001)}` : THREE_DECIMALS[locale].format(value);
}

function useFormats() {
  const { t, locale } = useOfficePage();
  const percent = (share: number | null | undefined) =>
    share === null || share === undefined || !Number.isFinite(share)
      ? t("office.reports.none")
      : t("office.reports.percent", { value: ONE_DECIMAL[locale].format(share * 100) });
  const duration = (seconds: number | null | undefined) => {
    if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return t("office.reports.none");
    if (seconds < 60) return t("office.reports.duration.seconds", { value: ONE_DECIMAL[locale].format(seconds) });
    if (seconds < 2 * 3600) return t("office.reports.duration.minutes", { value: ONE_DECIMAL[locale].format(seconds / 60) });
    if (seconds < 48 * 3600) return t("office.reports.duration.hours", { value: ONE_DECIMAL[locale].format(seconds / 3600) });
    return t("office.reports.duration.days", { value: ONE_DECIMAL[locale].format(seconds / 86_400) });
  };
  return { t, locale, percent, duration, count: (n: number) => NUMBER[locale].format(n) };
}

function queryOf(values: ReportContext["values"]): string {
  const query = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")).toString();
  return query ? `?${query}` : "";
}

/** A link to the CSV a figure was computed from. */
function Download({ context, dataset }: { context: ReportContext; dataset: FunnelDatasetName | Exclude<AssessmentDatasetName, "dif-gender"> }) {
  const { t } = useOfficePage();
  const name = t(`office.reports.dataset.${dataset}`);
  return (
    <p class="report-download">
      <a href={`/office/reports/${context.jobId}/data/${dataset}.csv${queryOf(context.values)}`} download>
        {t("office.reports.download.named", { name })}
      </a>
    </p>
  );
}

/** A chart and its data table side by side (stacked on narrow screens, and always when the table is wide). */
function Figure({ chart, table, wide = false }: { chart: ComponentChildren; table: ComponentChildren; wide?: boolean }) {
  return (
    <div class={wide ? "report-figure report-figure--stacked" : "report-figure"}>
      <div class="report-figure__chart">{chart}</div>
      <div class="report-figure__table">{table}</div>
    </div>
  );
}

/** レポート: the jobs the member covers, each with its three reports. */
export function ReportsIndexPage({ jobs }: { jobs: { id: string; title: string }[] }) {
  const { t } = useOfficePage();
  return (
    <OfficeLayout title={t("office.reports.title")}>
      <PageHeading>{t("office.reports.title")}</PageHeading>
      <p>{t("office.reports.lead")}</p>
      {jobs.length === 0 ? (
        <p>{t("office.reports.noJobs")}</p>
      ) : (
        <table class="data">
          <caption class="visually-hidden">{t("office.reports.jobsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("office.jobs.column.id")}</th>
              <th scope="col">{t("office.jobs.column.title")}</th>
              <th scope="col">{t("office.reports.tabs")}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id}>
                <td>{job.id}</td>
                <td>{job.title}</td>
                <td>
                  <ul class="inline-list">
                    {(["funnel", "items", "fairness"] as const).map((tab) => (
                      <li key={tab}>
                        <a href={`/office/reports/${job.id}${tab === "funnel" ? "" : `/${tab}`}`}>
                          {t(`office.reports.tab.${tab}`)}
                          <span class="visually-hidden">{` (${job.title})`}</span>
                        </a>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </OfficeLayout>
  );
}

/** Every report page's frame: its heading, the three reports as tabs, and the date filter. */
function ReportFrame({ context, tab, children }: { context: ReportContext; tab: ReportTab; children: ComponentChildren }) {
  const { t } = useOfficePage();
  const title = t("office.reports.pageTitle", { report: t(`office.reports.tab.${tab}`), job: `${context.jobTitle}（${context.jobId}）` });
  const base = `/office/reports/${context.jobId}`;
  const action = tab === "funnel" ? base : `${base}/${tab}`;
  return (
    <OfficeLayout title={`${title} | ${t("office.reports.title")}`}>
      <p class="breadcrumb">
        <a href="/office/reports">{t("office.reports.title")}</a>
      </p>
      <PageHeading>{title}</PageHeading>
      <nav aria-label={t("office.reports.tabs")} class="report-tabs">
        <ul>
          {(["funnel", "items", "fairness"] as const).map((one) => (
            <li key={one}>
              <a href={`${one === "funnel" ? base : `${base}/${one}`}${queryOf(context.values)}`} aria-current={one === tab ? "page" : undefined}>
                {t(`office.reports.tab.${one}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action={action} class="filters">
        <div class="field">
          <label class="field__label" for="f-from">
            {t("office.reports.filter.from")}
          </label>
          <input class="input" type="date" id="f-from" name="from" value={context.values.from ?? ""} aria-describedby="filter-hint" />
        </div>
        <div class="field">
          <label class="field__label" for="f-to">
            {t("office.reports.filter.to")}
          </label>
          <input class="input" type="date" id="f-to" name="to" value={context.values.to ?? ""} aria-describedby="filter-hint" />
        </div>
        <button type="submit" class="button button--secondary">
          {t("office.reports.filter.submit")}
        </button>
        <p class="field__hint filters__hint" id="filter-hint">
          {t("office.reports.filter.hint")}
        </p>
      </form>
      {context.invalid ? (
        <div class="callout callout--warning" role="status">
          <p>{t("office.reports.filter.invalid")}</p>
        </div>
      ) : null}
      {children}
    </OfficeLayout>
  );
}

/** ファネル: steps reached and drop-off, time between steps, time per assessment part, the survey. */
export function FunnelReportPage({ context, report, bank }: { context: ReportContext; report: FunnelReport; bank: ItemBank | null }) {
  const { t, locale, percent, duration, count } = useFormats();
  const { funnel } = report;
  const started = funnel.steps[0]?.reached ?? 0;
  const reachedOf = (step: FunnelStep) => funnel.steps.find((s) => s.step === step)?.reached ?? 0;
  const stepLabel = (step: FunnelStep) => t(`office.reports.step.${step}`);
  return (
    <ReportFrame context={context} tab="funnel">
      <p>{t("office.reports.cohort", { count: count(funnel.applications) })}</p>
      <section aria-labelledby="funnel-heading">
        <h2 id="funnel-heading">{t("office.reports.funnel.title")}</h2>
        <Figure
          chart={
            <HorizontalBarChart
              id="funnel-chart"
              title={t("office.reports.funnel.title")}
              description={t("office.reports.funnel.desc", {
                started: count(started),
                submitted: count(reachedOf("submitted")),
                hired: count(reachedOf("hired")),
              })}
              formatValue={count}
              bars={funnel.steps.map((s) => ({
                label: stepLabel(s.step),
                value: s.reached,
                ...(s.dropOff === null ? {} : { note: t("office.reports.funnel.dropOff", { value: ONE_DECIMAL[locale].format(s.dropOff * 100) }) }),
              }))}
            />
          }
          table={
            <ChartTable
              caption={t("office.reports.funnel.title")}
              labelHeader={t("office.reports.funnel.column.step")}
              columns={[t("office.reports.funnel.column.reached"), t("office.reports.funnel.column.share"), t("office.reports.funnel.column.dropOff")]}
              formatValue={count}
              rows={funnel.steps.map((s) => ({
                label: stepLabel(s.step),
                cells: [s.reached, percent(started > 0 ? s.reached / started : null), percent(s.dropOff)],
              }))}
            />
          }
        />
        <p class="muted">{t("office.reports.funnel.note")}</p>
        <Download context={context} dataset="funnel" />
      </section>

      <section aria-labelledby="times-heading">
        <h2 id="times-heading">{t("office.reports.times.title")}</h2>
        <p>{t("office.reports.times.desc")}</p>
        <Figure
          chart={
            <HorizontalBarChart
              id="times-chart"
              title={t("office.reports.times.title")}
              description={t("office.reports.times.desc")}
              formatValue={(hours) => duration(hours * 3600)}
              bars={funnel.intervals.map((i) => ({
                label: t("office.reports.times.interval", { from: stepLabel(i.from), to: stepLabel(i.to) }),
                value: i.medianSeconds === null ? Number.NaN : i.medianSeconds / 3600,
              }))}
            />
          }
          table={
            <ChartTable
              caption={t("office.reports.times.title")}
              labelHeader={t("office.reports.times.column.interval")}
              columns={[t("office.reports.times.column.count"), t("office.reports.times.column.median")]}
              formatValue={count}
              rows={funnel.intervals.map((i) => ({
                label: t("office.reports.times.interval", { from: stepLabel(i.from), to: stepLabel(i.to) }),
                cells: [i.applications, duration(i.medianSeconds)],
              }))}
            />
          }
        />
        <p class="muted">{t("office.reports.times.note")}</p>
      </section>

      <section aria-labelledby="parts-heading">
        <h2 id="parts-heading">{t("office.reports.parts.title")}</h2>
        <p>{t("office.reports.parts.desc")}</p>
        <Figure
          chart={
            <HorizontalBarChart
              id="parts-chart"
              title={t("office.reports.parts.title")}
              description={t("office.reports.parts.desc")}
              formatValue={(minutes) => duration(minutes * 60)}
              bars={report.parts.map((p) => ({
                label: t(`office.reports.part.${p.part}`),
                value: p.medianSeconds === null ? Number.NaN : p.medianSeconds / 60,
              }))}
            />
          }
          table={
            <ChartTable
              caption={t("office.reports.parts.title")}
              labelHeader={t("office.reports.parts.column.part")}
              columns={[t("office.reports.parts.column.count"), t("office.reports.times.column.median")]}
              formatValue={count}
              rows={report.parts.map((p) => ({ label: t(`office.reports.part.${p.part}`), cells: [p.attempts, duration(p.medianSeconds)] }))}
            />
          }
        />
        <Download context={context} dataset="part-times" />
      </section>

      <section aria-labelledby="survey-heading">
        <h2 id="survey-heading">{t("office.reports.survey.title")}</h2>
        <Survey context={context} report={report} bank={bank} />
      </section>
    </ReportFrame>
  );
}

function Survey({ context, report, bank }: { context: ReportContext; report: FunnelReport; bank: ItemBank | null }) {
  const { t, locale, percent, count } = useFormats();
  const survey = report.survey;
  if (survey.status !== "shown" || !bank) return <p>{t("office.reports.survey.tooFew", { minimum: SURVEY_MINIMUM_RESPONSES })}</p>;
  const questionText = (id: string) => bank.pages.survey.questions.find((q) => q.id === id)?.text[locale] ?? id;
  const scale = bank.scales.agreement.map((s) => s.label[locale]);
  const shown = survey.questions.filter((q) => q.mean !== null);
  return (
    <>
      <p>{t("office.reports.survey.desc", { responses: count(survey.responses) })}</p>
      <Figure
        wide
        chart={
          <HorizontalBarChart
            id="survey-chart"
            title={t("office.reports.survey.chart.title")}
            description={t("office.reports.survey.desc", { responses: count(survey.responses) })}
            max={5}
            formatValue={(mean) => ONE_DECIMAL[locale].format(mean)}
            bars={shown.map((q) => ({
              label: `${t("office.reports.survey.question", { n: survey.questions.indexOf(q) + 1 })} ${questionText(q.questionId)}`,
              value: q.mean ?? 0,
            }))}
          />
        }
        table={
          <ChartTable
            caption={t("office.reports.survey.title")}
            labelHeader={t("office.reports.survey.column.question")}
            columns={[t("office.reports.survey.column.answered"), ...scale, t("office.reports.survey.column.mean")]}
            formatValue={count}
            rows={survey.questions.map((q, i) => ({
              label: `${t("office.reports.survey.question", { n: i + 1 })} ${questionText(q.questionId)}`,
              cells:
                q.mean === null
                  ? [t("office.reports.survey.questionTooFew", { minimum: SURVEY_MINIMUM_RESPONSES }), ...scale.map(() => "–"), "–"]
                  : [q.answered, ...q.counts.map((c) => `${count(c)}（${percent(c / q.answered)}）`), ONE_DECIMAL[locale].format(q.mean)],
            }))}
          />
        }
      />
      <Download context={context} dataset="survey" />
    </>
  );
}

/** The bank the assessment reports are about, and attempts at versions this installation cannot read. */
function BankLine({ report, versions }: { report: AssessmentReport; versions: { version: number; attempts: number }[] }) {
  const { t, count } = useFormats();
  const others = versions.filter((v) => v.version !== report.version);
  const here = versions.find((v) => v.version === report.version)?.attempts ?? 0;
  return (
    <>
      <p>{t("office.reports.bank", { bankId: report.bankId, version: report.version, attempts: count(here) })}</p>
      {others.length > 0 ? (
        <p class="muted">
          {t("office.reports.bank.otherVersions", {
            attempts: count(others.reduce((n, v) => n + v.attempts, 0)),
            versions: others.map((v) => v.version).join(", "),
          })}
        </p>
      ) : null}
    </>
  );
}

function Flags({ flags }: { flags: readonly SituationFlag[] }) {
  const { t } = useOfficePage();
  if (flags.length === 0) return <span class="muted">{t("office.reports.flag.none")}</span>;
  return (
    <ul class="flag-list">
      {flags.map((f) => (
        <li key={f}>{t(`office.reports.flag.${f}`)}</li>
      ))}
    </ul>
  );
}

/** 項目分析: reliability of the situations, item–rest correlations, option shares and flags. */
export function ItemsReportPage(props: {
  context: ReportContext;
  report: AssessmentReport | null;
  bank: ItemBank | null;
  bankId: string;
  versions: { version: number; attempts: number }[];
}) {
  const { t, locale, percent, count } = useFormats();
  const { context, report, bank } = props;
  if (!report || !bank) {
    return (
      <ReportFrame context={context} tab="items">
        <p>{t("office.reports.bank.missing", { bankId: props.bankId })}</p>
      </ReportFrame>
    );
  }
  const { scale, items } = report.items;
  const itemOf = new Map(report.responses.items.map((i) => [i.id, i]));
  const titleOf = (id: string) => itemOf.get(id)?.title[locale] ?? id;
  const optionLabel = (item: SituationItem | undefined, id: string) => {
    const index = item?.options.findIndex((o) => o.id === id) ?? -1;
    return index >= 0 ? `${id}: ${item?.options[index]?.label[locale] ?? ""}` : id;
  };
  return (
    <ReportFrame context={context} tab="items">
      <BankLine report={report} versions={props.versions} />
      <p>{t("office.reports.items.lead")}</p>
      {scale.completeCandidates < 2 ? <p>{t("office.reports.items.tooFew")}</p> : null}
      {scale.completeCandidates >= 2 && scale.completeCandidates < 100 ? (
        <div class="callout callout--warning">
          <p>{t("office.reports.items.unstable", { count: count(scale.completeCandidates) })}</p>
        </div>
      ) : null}
      <section aria-labelledby="scale-heading">
        <h2 id="scale-heading">{t("office.reports.scale.title")}</h2>
        <table class="data data--narrow">
          <caption class="visually-hidden">{t("office.reports.scale.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("office.reports.scale.column.figure")}</th>
              <th scope="col" class="number">
                {t("office.reports.scale.column.value")}
              </th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ["office.reports.scale.complete", count(scale.completeCandidates)],
                ["office.reports.scale.items", count(scale.items)],
                ["office.reports.scale.mean", decimal(scale.totalMean, locale)],
                ["office.reports.scale.sd", decimal(scale.totalSd, locale)],
                ["office.reports.scale.alpha", decimal(scale.alpha, locale)],
                ["office.reports.scale.omega", decimal(scale.omegaTotal, locale)],
                ["office.reports.scale.sem", decimal(scale.standardErrorOfMeasurement, locale)],
              ] as const
            ).map(([key, value]) => (
              <tr key={key}>
                <th scope="row">{t(key)}</th>
                <td class="number">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {scale.heywoodCase ? <p class="muted">{t("office.reports.scale.heywood")}</p> : null}
      </section>

      <section aria-labelledby="item-rest-heading">
        <h2 id="item-rest-heading">{t("office.reports.itemRest.title")}</h2>
        <p>{t("office.reports.itemRest.desc")}</p>
        <Figure
          wide
          chart={
            <HorizontalBarChart
              id="item-rest-chart"
              title={t("office.reports.itemRest.title")}
              description={t("office.reports.itemRest.desc")}
              max={1}
              formatValue={(r) => decimal(r, locale)}
              bars={items.map((i) => ({
                label: titleOf(i.itemId),
                value: i.itemRestCorrelation ?? Number.NaN,
                ...(i.flags.length > 0 ? { note: "⚠" } : {}),
              }))}
            />
          }
          table={
            <table class="chart-table">
              <caption>{t("office.reports.itemRest.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("office.reports.items.column.item")}</th>
                  <th scope="col">{t("office.reports.items.column.answered")}</th>
                  <th scope="col">{t("office.reports.items.column.mean")}</th>
                  <th scope="col">{t("office.reports.items.column.sd")}</th>
                  <th scope="col">{t("office.reports.items.column.itemRest")}</th>
                  <th scope="col">{t("office.reports.items.column.alphaIfDeleted")}</th>
                  <th scope="col">{t("office.reports.items.column.flags")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.itemId}>
                    <th scope="row">
                      {titleOf(i.itemId)}
                      <span class="muted item-id">{i.itemId}</span>
                    </th>
                    <td class="numeric">{count(i.answered)}</td>
                    <td class="numeric">{decimal(i.mean, locale)}</td>
                    <td class="numeric">{decimal(i.sd, locale)}</td>
                    <td class="numeric">{decimal(i.itemRestCorrelation, locale)}</td>
                    <td class="numeric">{decimal(i.alphaIfDeleted, locale)}</td>
                    <td>
                      <Flags flags={i.flags} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
        <Download context={context} dataset="item-scores" />
      </section>

      <section aria-labelledby="options-heading">
        <h2 id="options-heading">{t("office.reports.options.title")}</h2>
        <p>{t("office.reports.options.lead")}</p>
        {items.map((i) => {
          const item = itemOf.get(i.itemId);
          const worstOf = new Map(i.worst.map((o) => [o.optionId, o]));
          const mark = (o: OptionStatistics | undefined) => (o?.isKey ? ` ${t("office.reports.options.key")}` : "");
          return (
            <details key={i.itemId} class="report-details">
              <summary>
                {titleOf(i.itemId)}
                {i.flags.length > 0 ? ` ⚠ ${i.flags.map((f) => t(`office.reports.flag.${f}`)).join("、")}` : ""}
              </summary>
              <table class="chart-table">
                <caption>{t("office.reports.options.caption", { item: titleOf(i.itemId) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("office.reports.options.column.option")}</th>
                    <th scope="col">{t("office.reports.options.column.best")}</th>
                    <th scope="col">{t("office.reports.options.column.worst")}</th>
                    <th scope="col">{t("office.reports.options.column.highBest")}</th>
                    <th scope="col">{t("office.reports.options.column.highWorst")}</th>
                  </tr>
                </thead>
                <tbody>
                  {i.best.map((o) => {
                    const w = worstOf.get(o.optionId);
                    return (
                      <tr key={o.optionId}>
                        <th scope="row">{optionLabel(item, o.optionId)}</th>
                        <td class="numeric">{`${percent(o.share)}${mark(o)}`}</td>
                        <td class="numeric">{`${percent(w?.share)}${mark(w)}`}</td>
                        <td class="numeric">{count(o.chosenByHighScorers)}</td>
                        <td class="numeric">{count(w?.chosenByHighScorers ?? 0)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </details>
          );
        })}
        <Download context={context} dataset="item-best" />
        <Download context={context} dataset="item-worst" />
      </section>
    </ReportFrame>
  );
}

/** 公平性: DIF by gender, age band and language, and adverse impact at each stage. */
export function FairnessReportPage(props: {
  context: ReportContext;
  report: AssessmentReport | null;
  bankId: string;
  versions: { version: number; attempts: number }[];
}) {
  const { t, locale, count } = useFormats();
  const { context, report } = props;
  if (!report) {
    return (
      <ReportFrame context={context} tab="fairness">
        <p>{t("office.reports.bank.missing", { bankId: props.bankId })}</p>
      </ReportFrame>
    );
  }
  const titleOf = new Map(report.responses.items.map((i) => [i.id, i.title[locale]]));
  const comparisonLabel = (id: DifComparison["id"]) => t(`office.reports.dif.comparison.${id}`);
  const groupName = (group: GenderGroup | AgeGroup | LanguageGroup) => t(`office.reports.group.${group}`);
  const shown = report.dif.filter((c) => c.status === "shown");
  return (
    <ReportFrame context={context} tab="fairness">
      <BankLine report={report} versions={props.versions} />
      <section aria-labelledby="dif-heading">
        <h2 id="dif-heading">{t("office.reports.dif.title")}</h2>
        <p>{t("office.reports.dif.lead")}</p>
        <p>{t("office.reports.dif.rule")}</p>
        <p>{t("office.reports.dif.noAnswer")}</p>
        {shown.length > 0 ? (
          <Figure
            chart={
              <VerticalBarChart
                id="dif-summary-chart"
                title={t("office.reports.dif.summary.title")}
                description={t("office.reports.dif.summary.desc")}
                series={shown.map((c) => comparisonLabel(c.comparison.id))}
                formatValue={count}
                groups={(["A", "B", "C"] as const).map((cls) => ({
                  label: cls,
                  values: shown.map((c) =>
                    c.status === "shown" ? c.items.filter((i) => i.result.status === "estimated" && i.result.etsClass === cls).length : 0,
                  ),
                }))}
              />
            }
            table={
              <ChartTable
                caption={t("office.reports.dif.summary.title")}
                labelHeader={t("office.reports.dif.column.comparison")}
                columns={["A", "B", "C"]}
                formatValue={count}
                rows={shown.map((c) => ({
                  label: comparisonLabel(c.comparison.id),
                  cells: (["A", "B", "C"] as const).map((cls) =>
                    c.status === "shown" ? c.items.filter((i) => i.result.status === "estimated" && i.result.etsClass === cls).length : 0,
                  ),
                }))}
              />
            }
          />
        ) : null}
        {report.dif.map((c) => (
          <section key={c.comparison.id} aria-labelledby={`dif-${c.comparison.id}`}>
            <h3 id={`dif-${c.comparison.id}`}>{comparisonLabel(c.comparison.id)}</h3>
            {c.status !== "shown" ? (
              <p>{t("office.reports.dif.tooFew", { minimum: DIF_MINIMUM_PER_GROUP })}</p>
            ) : (
              <>
                <p>{t("office.reports.dif.groups", { reference: count(c.referenceCount), focal: count(c.focalCount) })}</p>
                <div class="table-scroll">
                  <table class="chart-table">
                    <caption>{comparisonLabel(c.comparison.id)}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("office.reports.dif.column.item")}</th>
                        <th scope="col">{t("office.reports.dif.column.odds")}</th>
                        <th scope="col">{t("office.reports.dif.column.delta")}</th>
                        <th scope="col">{t("office.reports.dif.column.se")}</th>
                        <th scope="col">{t("office.reports.dif.column.chi")}</th>
                        <th scope="col">{t("office.reports.dif.column.p")}</th>
                        <th scope="col">{t("office.reports.dif.column.ets")}</th>
                        <th scope="col">{t("office.reports.dif.column.favours")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.items.map(({ itemId, result: r }) => (
                        <tr key={itemId}>
                          <th scope="row">{titleOf.get(itemId) ?? itemId}</th>
                          {r.status === "estimated" ? (
                            <>
                              <td class="numeric">{decimal(r.commonOddsRatio, locale)}</td>
                              <td class="numeric">{decimal(r.deltaDif, locale)}</td>
                              <td class="numeric">{decimal(r.deltaDifStandardError, locale)}</td>
                              <td class="numeric">{decimal(r.chiSquare, locale)}</td>
                              <td class="numeric">{pValue(r.pValue, locale)}</td>
                              <td>
                                <strong>{r.etsClass}</strong>
                              </td>
                              <td>{r.favours ? groupName(c.comparison[r.favours]) : "–"}</td>
                            </>
                          ) : (
                            <td colSpan={7}>{t("office.reports.dif.notEstimated")}</td>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </section>
        ))}
        <p class="muted">{t("office.reports.dif.genderExport")}</p>
        <Download context={context} dataset="dif-age" />
        <Download context={context} dataset="dif-language" />
      </section>

      <section aria-labelledby="impact-heading">
        <h2 id="impact-heading">{t("office.reports.impact.title")}</h2>
        <p>{t("office.reports.impact.lead")}</p>
        <p>{t("office.reports.impact.rule")}</p>
        <p>{t("office.reports.impact.privacy", { minimum: IMPACT_MINIMUM_CONSIDERED })}</p>
        <ImpactDimension context={context} id="gender" label={t("office.reports.impact.gender")} stages={report.impact.gender} groups={GENDER_GROUPS} />
        <ImpactDimension context={context} id="age" label={t("office.reports.impact.age")} stages={report.impact.age} groups={AGE_GROUPS} />
        <ErasedAnswersSection erased={report.erased} />
      </section>
    </ReportFrame>
  );
}

/** Erased accounts' gender answers, beside the adverse impact: how many by group, and the steps they reached. */
function ErasedAnswersSection({ erased }: { erased: ErasedAnswers }) {
  const { t, locale } = useOfficePage();
  const tag = locale === "ja" ? "ja-JP" : "en-GB";
  const n = (v: number) => v.toLocaleString(tag);
  const shown = (g: ErasedGroupCounts) => g.current + g.erased >= IMPACT_MINIMUM_CONSIDERED;
  const fewer = t("office.reports.erased.fewer", { minimum: IMPACT_MINIMUM_CONSIDERED });
  return (
    <section aria-labelledby="erased-heading" data-erased-answers>
      <h3 id="erased-heading">{t("office.reports.erased.title")}</h3>
      <p>{t("office.reports.erased.lead")}</p>
      <p>{t("office.reports.erased.apart")}</p>
      {erased.leftOutMonths.length > 0 ? <p data-left-out>{t("office.reports.erased.leftOut", { months: erased.leftOutMonths.join(", ") })}</p> : null}
      <div class="table-scroll">
        <table class="data" data-erased-totals>
          <caption>{t("office.reports.erased.totals")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("office.reports.impact.column.group")}</th>
              <th scope="col">{t("office.reports.erased.current")}</th>
              <th scope="col">{t("office.reports.erased.erased")}</th>
              <th scope="col">{t("office.reports.erased.total")}</th>
            </tr>
          </thead>
          <tbody>
            {erased.groups.map((g) => (
              <tr key={g.group} data-group={g.group}>
                <th scope="row">{t(`office.reports.group.${g.group}`)}</th>
                {shown(g) ? (
                  <>
                    <td class="numeric">{n(g.current)}</td>
                    <td class="numeric">{n(g.erased)}</td>
                    <td class="numeric">{n(g.current + g.erased)}</td>
                  </>
                ) : (
                  <td colSpan={3}>{fewer}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-scroll">
        <table class="data" data-erased-reached>
          <caption>{t("office.reports.erased.reached")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("office.reports.impact.column.group")}</th>
              {ERASED_STEPS.map((step) => (
                <th scope="col" key={step}>
                  {t(`office.reports.step.${step}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {erased.groups.map((g) => (
              <tr key={g.group} data-group={g.group}>
                <th scope="row">{t(`office.reports.group.${g.group}`)}</th>
                {shown(g) ? (
                  ERASED_STEPS.map((step) => (
                    <td class="numeric" key={step}>
                      {n(g.reached[step])}
                    </td>
                  ))
                ) : (
                  <td colSpan={ERASED_STEPS.length}>{fewer}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ImpactDimension(props: {
  context: ReportContext;
  id: "gender" | "age";
  label: string;
  stages: ImpactStageFigures[];
  groups: readonly (GenderGroup | AgeGroup)[];
}) {
  const { t, locale, percent, count } = useFormats();
  const groupLabel = (g: string) => {
    const known = props.groups.find((one) => one === g);
    return known ? t(`office.reports.group.${known}`) : g;
  };
  const compared = props.groups.filter((g) => g !== "not-disclosed");
  const ratioOf = (stage: ImpactStageFigures, group: string): number => {
    const g = stage.groups.find((x) => x.group === group);
    if (g?.status === "reference") return 1;
    return g?.status === "compared" ? (g.impactRatio ?? Number.NaN) : Number.NaN;
  };
  return (
    <section aria-labelledby={`impact-${props.id}`}>
      <h3 id={`impact-${props.id}`}>{props.label}</h3>
      <VerticalBarChart
        id={`impact-${props.id}-chart`}
        title={t("office.reports.impact.chart.title", { dimension: props.label })}
        description={t("office.reports.impact.chart.desc")}
        series={compared.map(groupLabel)}
        reference={{ value: 0.8, label: t("office.reports.impact.fourFifths") }}
        formatValue={(v) => t("office.reports.percent", { value: Math.round(v * 100) })}
        groups={props.stages.map((s) => ({ label: t(`office.reports.impact.stageShort.${s.stage.id}`), values: compared.map((g) => ratioOf(s, g)) }))}
      />
      <div class="table-scroll">
        <table class="chart-table">
          <caption>{t("office.reports.impact.chart.title", { dimension: props.label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("office.reports.impact.column.stage")}</th>
              <th scope="col">{t("office.reports.impact.column.group")}</th>
              <th scope="col">{t("office.reports.impact.column.considered")}</th>
              <th scope="col">{t("office.reports.impact.column.selected")}</th>
              <th scope="col">{t("office.reports.impact.column.rate")}</th>
              <th scope="col">{t("office.reports.impact.column.ratio")}</th>
              <th scope="col">{t("office.reports.impact.column.flag")}</th>
              <th scope="col">{t("office.reports.impact.column.fisher")}</th>
              <th scope="col">{t("office.reports.impact.column.z")}</th>
              <th scope="col">{t("office.reports.impact.column.zp")}</th>
            </tr>
          </thead>
          <tbody>
            {props.stages.flatMap((s) =>
              s.groups.map((g, i) => (
                <tr key={`${s.stage.id}-${g.group}`} class={i === 0 ? "row-group-start" : undefined}>
                  {i === 0 ? (
                    <th scope="rowgroup" rowSpan={s.groups.length}>
                      {t(`office.reports.impact.stage.${s.stage.id}`)}
                    </th>
                  ) : null}
                  <th scope="row">{groupLabel(g.group)}</th>
                  {g.status === "not-enough-data" ? (
                    <td colSpan={8}>{t("office.reports.impact.notEnough", { minimum: IMPACT_MINIMUM_CONSIDERED })}</td>
                  ) : (
                    <>
                      <td class="numeric">{count(g.considered)}</td>
                      <td class="numeric">{count(g.selected)}</td>
                      <td class="numeric">{percent(g.selectionRate)}</td>
                      {g.status === "compared" ? (
                        <>
                          <td class="numeric">{decimal(g.impactRatio, locale)}</td>
                          <td>
                            {g.belowFourFifths === null ? "–" : t(g.belowFourFifths ? "office.reports.impact.flagged" : "office.reports.impact.notFlagged")}
                          </td>
                          <td class="numeric">{pValue(g.fisherExactP, locale)}</td>
                          <td class="numeric">{decimal(g.impactRatioZ, locale)}</td>
                          <td class="numeric">{pValue(g.impactRatioP, locale)}</td>
                        </>
                      ) : (
                        <td colSpan={5}>{t(g.status === "reference" ? "office.reports.impact.reference" : "office.reports.impact.undisclosed")}</td>
                      )}
                    </>
                  )}
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
      <Download context={props.context} dataset={`impact-${props.id}`} />
    </section>
  );
}
