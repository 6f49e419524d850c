/**
 * The voluntary gender answers of erased accounts, which survive only as counts (erased_gender_counts: job,
 * month the application started in Japan, furthest step reached), set beside the cohort's own applications.
 *
 * They cannot join the adverse-impact figures: at a stage, the people considered are those who passed it and
 * those turned down there, and an erased application keeps how far it got but not whether it was turned down,
 * withdrawn by the candidate or still waiting. Counting only those who passed would raise a group's rate.
 * So the fairness report shows them apart: how many there were by group, and which steps they reached.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { erasedGenderCounts } from "../privacy/schema.ts";
import { type FairnessGroups, GENDER_GROUPS, type GenderGroup } from "./fairness-groups.ts";
import { type ApplicationProgress, FUNNEL_STEPS, OFFICE_STEPS } from "./funnel-steps.ts";
import type { ReportScope } from "./report-scope.ts";

/** The steps the erased answers are counted at: 応募受付 and each of the office's stages. */
export const ERASED_STEPS = ["submitted", ...OFFICE_STEPS] as const;
export type ErasedStep = (typeof ERASED_STEPS)[number];

export type ErasedGroupCounts = {
  group: GenderGroup;
  /** Applications of the cohort still held, by their group. */
  current: number;
  /** Erased applications that had a gender answer, by the group of that answer. */
  erased: number;
  /** Of the erased ones, how many reached each step. */
  reached: Record<ErasedStep, number>;
};

export type ErasedAnswers = {
  groups: ErasedGroupCounts[];
  /** Months (YYYY-MM) only partly inside the report's period: their erased answers cannot be placed, and are left out. */
  leftOutMonths: string[];
};

/** Where a month (YYYY-MM, Japan) lies against the report's period. */
function monthAgainst(month: string, scope: ReportScope): "inside" | "partly" | "outside" {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const start = new Date(`${month}-01T00:00:00+09:00`);
  const next = new Date(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, "0")}-01T00:00:00+09:00`);
  const end = new Date(next.getTime() - 1);
  if ((scope.from && scope.from > end) || (scope.to && scope.to < start)) return "outside";
  if ((scope.from && scope.from > start) || (scope.to && scope.to < end)) return "partly";
  return "inside";
}

/** The erased answers of the report's job and months, beside the cohort's applications counted by the same groups. */
export async function readErasedGenderCounts(
  db: Db,
  input: { scope: ReportScope; progress: readonly ApplicationProgress[]; groups: ReadonlyMap<string, FairnessGroups> },
): Promise<ErasedAnswers> {
  const counts = new Map<GenderGroup, ErasedGroupCounts>(
    GENDER_GROUPS.map((group) => [
      group,
      { group, current: 0, erased: 0, reached: Object.fromEntries(ERASED_STEPS.map((s) => [s, 0])) as Record<ErasedStep, number> },
    ]),
  );
  for (const p of input.progress) {
    const group = input.groups.get(p.applicationId)?.gender;
    if (group) counts.get(group)!.current += 1;
  }
  const leftOut = new Set<string>();
  const rows = await db.select().from(erasedGenderCounts).where(eq(erasedGenderCounts.jobId, input.scope.jobId));
  for (const row of rows) {
    const where = monthAgainst(row.cohortMonth, input.scope);
    if (where === "partly") leftOut.add(row.cohortMonth);
    if (where !== "inside") continue;
    const cell = counts.get(row.gender === "noAnswer" ? "not-disclosed" : row.gender)!;
    cell.erased += row.count;
    const furthest = FUNNEL_STEPS.indexOf(row.stage as (typeof FUNNEL_STEPS)[number]);
    for (const step of ERASED_STEPS) if (furthest >= FUNNEL_STEPS.indexOf(step)) cell.reached[step] += row.count;
  }
  return { groups: [...counts.values()], leftOutMonths: [...leftOut].sort() };
}
