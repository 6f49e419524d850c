import type { Db } from "../../platform/db/database.ts";
import type { ItemBank } from "../assessment/bank/index.ts";
import { analyseSituations, type SituationsAnalysis } from "./analyse-situations.ts";
import { computeAdverseImpact, type ImpactStageFigures } from "./compute-adverse-impact.ts";
import { computeDif, type DifComparisonResult } from "./compute-dif.ts";
import { AGE_GROUPS, GENDER_GROUPS, readFairnessGroups } from "./fairness-groups.ts";
import { type ItemResponses, itemResponsesOf } from "./item-responses.ts";
import { readApplicationProgress } from "./read-application-progress.ts";
import { readCompletedAttempts } from "./read-completed-attempts.ts";
import { type ErasedAnswers, readErasedGenderCounts } from "./read-erased-gender-counts.ts";
import type { ReportScope } from "./report-scope.ts";

export type AssessmentReport = {
  bankId: string;
  version: number;
  responses: ItemResponses;
  items: SituationsAnalysis;
  dif: DifComparisonResult[];
  impact: { gender: ImpactStageFigures[]; age: ImpactStageFigures[] };
  /** Erased accounts' gender answers, kept as counts: shown beside the adverse impact, not inside it. */
  erased: ErasedAnswers;
};

/**
 * The assessment reports of a job's cohort at one bank version: item statistics and reliability of the
 * situations, their DIF by gender and age band, and adverse impact at the office's stages (which does not
 * depend on the bank version). Only aggregates leave this function's result apart from the response
 * matrix, which holds no group and no name.
 */
export async function buildAssessmentReport(db: Db, input: { scope: ReportScope; bank: ItemBank }): Promise<AssessmentReport> {
  const attempts = await readCompletedAttempts(db, input.scope, { bankId: input.bank.bankId, version: input.bank.version });
  const responses = itemResponsesOf(input.bank, attempts);
  const groups = await readFairnessGroups(db, input.scope);
  const progress = await readApplicationProgress(db, input.scope);
  return {
    bankId: input.bank.bankId,
    version: input.bank.version,
    responses,
    items: analyseSituations(responses),
    dif: computeDif(responses, groups),
    impact: {
      gender: computeAdverseImpact(progress, groups, "gender", GENDER_GROUPS),
      age: computeAdverseImpact(progress, groups, "age", AGE_GROUPS),
    },
    erased: await readErasedGenderCounts(db, { scope: input.scope, progress, groups }),
  };
}
