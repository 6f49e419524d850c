/**
 * The data each report figure is computed from, as tables for a CSV download: the same rows the figures
 * come from, so anyone can recompute them (the CI check does, in R). Nothing names a person: rows are
 * numbered 1, 2, 3… in an order that says nothing about who or when, and the fairness tables hold counts
 * of groups of at least the report's minimum, never a row per person.
 *
 * The DIF tables count candidates per matching-score stratum, a group far smaller than the minimum: the
 * gender comparison's are therefore never offered for download (`PUBLIC_DATASETS`); the age bands', whose
 * source (the date of birth) staff already see with each application, and the interface language's, which
 * is no personal characteristic to protect, are.
 */
import type { CsvColumn, CsvRow } from "../exports/csv-export.ts";
import type { AssessmentReport } from "./build-assessment-report.ts";
import type { FunnelReport } from "./build-funnel-report.ts";
import type { DifComparison } from "./compute-dif.ts";
import { FUNNEL_INTERVALS } from "./funnel-rows.ts";
import { FUNNEL_STEPS } from "./funnel-steps.ts";
import { ASSESSMENT_PARTS } from "./part-time-rows.ts";

export type Dataset = { columns: CsvColumn[]; rows: CsvRow[] };

const FUNNEL_DATASETS = ["funnel", "part-times", "survey"] as const;
const ASSESSMENT_DATASETS = ["item-scores", "item-best", "item-worst", "dif-age", "dif-language", "impact-gender", "impact-age"] as const;
export type FunnelDatasetName = (typeof FUNNEL_DATASETS)[number];
export type AssessmentDatasetName = (typeof ASSESSMENT_DATASETS)[number] | "dif-gender";

/** The datasets offered for download, by report. */
export const PUBLIC_DATASETS = { funnel: FUNNEL_DATASETS, assessment: ASSESSMENT_DATASETS } as const;

const column = (key: string): CsvColumn => ({ key, header: key });
const numbered = <T>(rows: readonly T[], cells: (row: T) => CsvRow): CsvRow[] => rows.map((row, i) => ({ row: i + 1, ...cells(row) }));

/** The column name of a funnel interval's seconds. */
export function intervalColumn(interval: { from: string; to: string }): string {
  return `seconds_${interval.from}_to_${interval.to}`;
}

/** One of the funnel report's datasets. */
export function funnelDataset(report: FunnelReport, name: FunnelDatasetName): Dataset {
  switch (name) {
    case "funnel": {
      const reached = FUNNEL_STEPS.map((s) => `reached_${s}`);
      const seconds = FUNNEL_INTERVALS.map(intervalColumn);
      return {
        columns: ["row", ...reached, ...seconds].map(column),
        rows: numbered(report.funnelRows, (r) => ({
          ...Object.fromEntries(FUNNEL_STEPS.map((s, i) => [reached[i], r.reached[s]])),
          ...Object.fromEntries(seconds.map((c, i) => [c, r.seconds[i]])),
        })),
      };
    }
    case "part-times":
      return { columns: ["row", ...ASSESSMENT_PARTS].map(column), rows: numbered(report.partRows, (r) => ({ ...r })) };
    case "survey":
      return {
        columns: ["row", ...report.surveyQuestionIds].map(column),
        rows: numbered(report.surveyRows, (r) => Object.fromEntries(report.surveyQuestionIds.map((q) => [q, r[q] ?? null]))),
      };
  }
}

function difRows(report: AssessmentReport, dimension: DifComparison["dimension"]): CsvRow[] {
  return report.dif.flatMap((c) =>
    c.status === "shown" && c.comparison.dimension === dimension
      ? c.strata.map((s) => ({
          comparison: c.comparison.id,
          item: s.itemId,
          matching: s.matching,
          reference_right: s.referenceRight,
          reference_wrong: s.referenceWrong,
          focal_right: s.focalRight,
          focal_wrong: s.focalWrong,
        }))
      : [],
  );
}

function impactRows(report: AssessmentReport, dimension: "gender" | "age"): CsvRow[] {
  return report.impact[dimension].flatMap((stage) =>
    stage.groups.flatMap((g) =>
      g.status === "not-enough-data" ? [] : [{ stage: stage.stage.id, group: g.group, selected: g.selected, considered: g.considered }],
    ),
  );
}

/** One of the assessment report's datasets. `dif-gender` exists for the check against R only: it is never downloaded. */
export function assessmentDataset(report: AssessmentReport, name: AssessmentDatasetName): Dataset {
  const items = report.responses.items.map((i) => i.id);
  const matrix = (values: readonly (readonly (number | string | null)[])[]) => ({
    columns: ["row", ...items].map(column),
    rows: numbered(values, (row) => Object.fromEntries(items.map((id, i) => [id, row[i] ?? null]))),
  });
  switch (name) {
    case "item-scores":
      return matrix(report.responses.scores);
    case "item-best":
      return matrix(report.responses.best);
    case "item-worst":
      return matrix(report.responses.worst);
    case "dif-age":
    case "dif-language":
    case "dif-gender":
      return {
        columns: ["comparison", "item", "matching", "reference_right", "reference_wrong", "focal_right", "focal_wrong"].map(column),
        rows: difRows(report, name === "dif-age" ? "age" : name === "dif-language" ? "language" : "gender"),
      };
    case "impact-gender":
    case "impact-age":
      return { columns: ["stage", "group", "selected", "considered"].map(column), rows: impactRows(report, name === "impact-age" ? "age" : "gender") };
  }
}
