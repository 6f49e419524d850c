import type { Db } from "../../platform/db/database.ts";
import type { ItemBank } from "../assessment/bank/index.ts";
import { type FunnelRow, funnelRowsOf } from "./funnel-rows.ts";
import { median } from "./median.ts";
import { ASSESSMENT_PARTS, type AssessmentPart, partTimeRowsOf } from "./part-time-rows.ts";
import { readApplicationProgress } from "./read-application-progress.ts";
import { readCompletedAttempts } from "./read-completed-attempts.ts";
import { readSurveyAnswers } from "./read-survey-answers.ts";
import type { ReportScope } from "./report-scope.ts";
import { type FunnelFigures, summariseFunnel } from "./summarise-funnel.ts";
import { SURVEY_MINIMUM_RESPONSES, type SurveyFigures, summariseSurvey } from "./summarise-survey.ts";

export type FunnelReport = {
  funnel: FunnelFigures;
  funnelRows: FunnelRow[];
  parts: { part: AssessmentPart; attempts: number; medianSeconds: number | null }[];
  partRows: Record<AssessmentPart, number | null>[];
  survey: SurveyFigures;
  surveyQuestionIds: string[];
  /** The survey's responses, only when there are enough of them to show. */
  surveyRows: Record<string, number>[];
};

/**
 * The funnel report of a job's cohort: the steps reached, drop-off and median times between steps; the
 * median time spent on each part of the assessment; and the optional survey's answers (the last two need
 * the job's item bank).
 */
export async function buildFunnelReport(db: Db, input: { scope: ReportScope; bank: ItemBank | null }): Promise<FunnelReport> {
  const funnelRows = funnelRowsOf(await readApplicationProgress(db, input.scope));
  const bank = input.bank;
  // Without its item bank installed, the assessment's parts and survey questions are unknown: those figures stay empty.
  const partRows = bank ? partTimeRowsOf(bank, await readCompletedAttempts(db, input.scope, { bankId: bank.bankId })) : [];
  const surveyQuestionIds = bank ? bank.pages.survey.questions.map((q) => q.id) : [];
  const responses = bank ? await readSurveyAnswers(db, input.scope, bank.bankId) : [];
  return {
    funnel: summariseFunnel(funnelRows),
    funnelRows,
    parts: ASSESSMENT_PARTS.map((part) => {
      const seconds = partRows.flatMap((r) => (r[part] === null ? [] : [r[part] as number]));
      return { part, attempts: seconds.length, medianSeconds: median(seconds) };
    }),
    partRows,
    survey: summariseSurvey(surveyQuestionIds, responses),
    surveyQuestionIds,
    surveyRows: responses.length >= SURVEY_MINIMUM_RESPONSES ? responses : [],
  };
}
