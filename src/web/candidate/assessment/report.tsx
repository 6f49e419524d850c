/**
 * The short report a candidate sees after 応募する (the completion page and 応募した求人): their band in
 * words, two relative strengths, how long the result stays valid, and that the assessment is one part of
 * the selection. No T-scores, percentiles or raw scores: a number invites a reading it cannot carry.
 */
import { attemptsBehindApplications } from "../../../modules/assessment/attempts.ts";
import type { ItemBank } from "../../../modules/assessment/bank/index.ts";
import { type AssessmentResult, type ResultBand, relativeStrengths } from "../../../modules/assessment/norms/index.ts";
import type { Db } from "../../../platform/db/database.ts";
import { formatDate } from "../jobs/views.tsx";
import { usePage } from "../page.ts";
import { loadCandidateBank } from "./candidate-bank.ts";

/** What one report shows, already in the words of the bank (both languages). */
export type AssessmentReportData = {
  band: ResultBand | null;
  provisional: boolean;
  strengths: { name: { ja: string; en: string }; description: { ja: string; en: string } }[];
  validUntil: Date;
};

function reportOf(result: AssessmentResult | null, validUntil: Date, bank: ItemBank): AssessmentReportData {
  const strengths = result?.norm
    ? relativeStrengths(result, bank).flatMap((s) => {
        const named = s.kind === "competency" ? bank.competencies.find((c) => c.id === s.id) : bank.traits.find((t) => t.id === s.id);
        return named ? [{ name: named.name, description: named.description }] : [];
      })
    : [];
  return { band: result?.norm ? result.band : null, provisional: result?.norm?.provisional ?? false, strengths, validUntil };
}

/**
 * The report for each of a candidate's applications that has been sent (応募する): from the attempt it
 * took, or the earlier result it reused. Applications still in progress get none.
 */
export async function assessmentReportsFor(
  db: Db,
  input: { candidateId: string; applications: readonly { id: string; submittedAt: Date | null; assessmentDoneAt: Date | null }[] },
): Promise<Map<string, AssessmentReportData>> {
  const sent = input.applications.filter((a) => a.submittedAt !== null);
  const reports = new Map<string, AssessmentReportData>();
  if (sent.length === 0) return reports;
  const bank = await loadCandidateBank();
  const behind = await attemptsBehindApplications(db, { candidateId: input.candidateId, bankId: bank.bankId, applications: sent });
  for (const [applicationId, attempt] of behind) {
    if (attempt.validUntil) reports.set(applicationId, reportOf(attempt.result ?? null, attempt.validUntil, bank));
  }
  return reports;
}

/** The report itself; `compact` for a card in 応募した求人. */
export function AssessmentReport({ report, compact = false }: { report: AssessmentReportData; compact?: boolean }) {
  const { t, locale } = usePage();
  const Heading = compact ? "h3" : "h2";
  return (
    <section class={compact ? "report report--compact" : "report"} aria-labelledby={compact ? undefined : "assessment-report"}>
      <Heading id={compact ? undefined : "assessment-report"}>{t("assessment.report.title")}</Heading>
      {report.band ? (
        <>
          <p>
            <strong>{t("assessment.report.band", { band: t(`assessment.report.band.${report.band}`) })}</strong>
          </p>
          <p>{t(`assessment.report.band.${report.band}.explain`)}</p>
          {report.provisional ? <p class="field__hint">{t("assessment.report.provisional")}</p> : null}
        </>
      ) : (
        <p>{t("assessment.report.pending")}</p>
      )}
      {report.strengths.length > 0 ? (
        <>
          <p>{t("assessment.report.strengths")}</p>
          <ul class="report__strengths">
            {report.strengths.map((s) => (
              <li key={s.name.ja}>
                <strong>{s.name[locale]}</strong>
                {compact ? null : <span class="report__description">{s.description[locale]}</span>}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>{t("assessment.report.validUntil", { date: formatDate(report.validUntil, locale) })}</p>
      <p>{t("assessment.report.onePart")}</p>
    </section>
  );
}
