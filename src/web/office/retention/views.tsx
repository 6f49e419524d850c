import type { RetentionRun } from "../../../modules/privacy/apply-retention.ts";
import { RETENTION_RULES, RETENTION_SCHEDULE, type RetentionRule, type RetentionSchedule } from "../../../modules/privacy/retention-schedule.ts";
import { CsrfField, PageHeading } from "../../html/fields.tsx";
import { OfficeLayout } from "../layout.tsx";
import { useOfficePage } from "../page.ts";

const PERIOD_OF: Record<RetentionRule, keyof RetentionSchedule> = {
  inactiveCandidates: "inactiveCandidateDays",
  abandonedDrafts: "abandonedDraftDays",
  signInRecords: "signInRecordDays",
  messageBodies: "messageBodyDays",
};

/** The schedule, what a dry run found when one was just made, and the recent runs with what each rule removed. */
export function RetentionPage(props: { schedule: RetentionSchedule; runs: RetentionRun[]; names: ReadonlyMap<string, string>; dryRun: RetentionRun | null }) {
  const { t, locale } = useOfficePage();
  const tag = locale === "ja" ? "ja-JP" : "en-GB";
  const at = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" });
  const count = (run: RetentionRun, rule: RetentionRule) => (run.finishedAt ? (run.report[rule] ?? 0).toLocaleString(tag) : "—");
  return (
    <OfficeLayout title={t("office.retention.title")}>
      <PageHeading>{t("office.retention.title")}</PageHeading>
      <p>{t("office.retention.lead")}</p>
      {props.dryRun ? (
        <section id="dry-run" class="callout" aria-labelledby="dry-run-title" data-dry-run>
          <h2 id="dry-run-title">{t("office.retention.dryRun.result", { at: at.format(props.dryRun.clock) })}</h2>
          <ul>
            {RETENTION_RULES.map((rule) => (
              <li key={rule} data-rule={rule}>
                {t(`office.retention.rule.${rule}`)}: {t("office.retention.dryRun.count", { count: count(props.dryRun!, rule) })}
              </li>
            ))}
          </ul>
          <p>{t("office.retention.dryRun.nothingRemoved")}</p>
        </section>
      ) : null}
      <table class="data" data-schedule>
        <caption>{t("office.retention.schedule")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("office.retention.column.rule")}</th>
            <th scope="col">{t("office.retention.column.period")}</th>
            <th scope="col">{t("office.retention.column.default")}</th>
            <th scope="col">{t("office.retention.column.setting")}</th>
          </tr>
        </thead>
        <tbody>
          {RETENTION_RULES.map((rule) => (
            <tr key={rule}>
              <th scope="row">{t(`office.retention.rule.${rule}`)}</th>
              <td class="numeric">{t("office.retention.days", { days: props.schedule[PERIOD_OF[rule]] })}</td>
              <td class="numeric">{t("office.retention.days", { days: RETENTION_SCHEDULE[PERIOD_OF[rule]] })}</td>
              <td>
                <code>{`RETENTION_${PERIOD_OF[rule].replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t("office.retention.held")}</p>
      <form method="post" action="/office/retention/dry-run" class="form">
        <CsrfField />
        <p class="field__hint">{t("office.retention.dryRun.hint")}</p>
        <button type="submit" class="button button--primary">
          {t("office.retention.dryRun.submit")}
        </button>
      </form>
      <h2 id="runs-title">{t("office.retention.runs")}</h2>
      {props.runs.length === 0 ? (
        <p>{t("office.retention.noRuns")}</p>
      ) : (
        <div class="table-scroll">
          <table class="data" aria-labelledby="runs-title" data-runs>
            <thead>
              <tr>
                <th scope="col">{t("office.retention.column.startedAt")}</th>
                <th scope="col">{t("office.retention.column.kind")}</th>
                <th scope="col">{t("office.retention.column.trigger")}</th>
                {RETENTION_RULES.map((rule) => (
                  <th scope="col" key={rule}>
                    {t(`office.retention.rule.${rule}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.runs.map((run) => (
                <tr key={run.id}>
                  <td>{at.format(run.startedAt)}</td>
                  <td>{t(run.dryRun ? "office.retention.kind.dry" : "office.retention.kind.real")}</td>
                  <td>
                    {run.trigger === "office"
                      ? t("office.retention.trigger.officeBy", { who: props.names.get(run.staffId ?? "") ?? t("office.privacy.unknownStaff") })
                      : t(`office.retention.trigger.${run.trigger}`)}
                  </td>
                  {RETENTION_RULES.map((rule) => (
                    <td class="numeric" key={rule}>
                      {count(run, rule)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </OfficeLayout>
  );
}
