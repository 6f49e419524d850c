/**
 * Every figure of the reports against an independent implementation in R (psych and stats), on the very
 * CSV files the console exports: a database is seeded with an invented cohort large enough for every
 * minimum, the exports are downloaded as a member of staff would, R recomputes each figure from them, and
 * each must agree with what the console computed. In CI a missing R fails this file; elsewhere it is
 * skipped, and `npm test` names the skip.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPortal, type TestPortal, type Visitor } from "../../../../test/portal.ts";
import { probeReferenceR } from "../../../../test/reference-r.ts";
import { seedReportCohort } from "../../../../test/report-cohort.ts";
import { newStaff, signInStaff } from "../../../../test/staff.ts";
import { type ItemBank, loadItemBank } from "../../../modules/assessment/bank/index.ts";
import { csvExportStream } from "../../../modules/exports/csv-export.ts";
import { type AssessmentReport, buildAssessmentReport } from "../../../modules/reports/build-assessment-report.ts";
import { buildFunnelReport, type FunnelReport } from "../../../modules/reports/build-funnel-report.ts";
import { assessmentDataset, PUBLIC_DATASETS } from "../../../modules/reports/report-datasets.ts";
import { PROJECT_ROOT } from "../../../platform/project-root.ts";

const ci = process.env.CI === "true" || process.env.CI === "1";
const referenceR = probeReferenceR();

// Closed-form figures agree to 1e-9 relative; ω comes from two different optimisers.
const CLOSED_FORM = 1e-9;
const FACTOR_MODEL = 1e-4;
const JOB = "230107874";
const SCOPE = { jobId: JOB, from: null, to: null };

/** The largest difference seen per kind of figure, reported at the end of the run. */
const largest = new Map<string, number>();

function agree(
  actual: number | null | undefined,
  expected: number | null | undefined,
  kind: string,
  what: string,
  tolerance = CLOSED_FORM,
  absolute = false,
): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, `${kind} ${what}`).toBeNull();
    return;
  }
  expect(actual, `${kind} ${what}`).toBeTypeOf("number");
  const difference = Math.abs((actual as number) - expected);
  const measured = absolute ? difference : difference / Math.max(Math.abs(expected), 1e-300);
  largest.set(kind, Math.max(largest.get(kind) ?? 0, measured));
  expect(measured, `${kind} ${what}: ${actual} against R's ${expected}`).toBeLessThanOrEqual(tolerance);
}

type RFunnel = { applications: number; reached: number[]; dropOff: (number | null)[]; intervalCounts: number[]; medians: (number | null)[] };
type RItems = {
  completeCandidates: number;
  answered: number[];
  mean: number[];
  sd: number[];
  alpha: number;
  itemRest: number[];
  alphaIfDeleted: number[];
  omega: number;
  totalMean: number;
  totalSd: number;
  sem: number;
  highScorers: number;
  best: Record<string, { share: Record<string, number>; high: Record<string, number> }>;
  worst: Record<string, { share: Record<string, number>; high: Record<string, number> }>;
};
type RDif = Record<
  string,
  { strata: number; oddsRatio: number; delta: number; deltaSe: number; chiSquare: number; p: number; pAboveOne: number; etsClass: string }
>;
type RImpact = Record<
  string,
  { group: string; rate: number; reference?: string; impactRatio?: number | null; fisherP?: number; z?: number | null; zP?: number | null }[]
>;
type RAnswers = {
  funnel: RFunnel;
  parts: { counts: number[]; medians: (number | null)[] };
  survey: { responses: number; questions: Record<string, { answered: number; counts: number[]; mean: number }> };
  items: RItems;
  "dif-age": RDif;
  "dif-gender": RDif;
  "dif-language": RDif;
  "impact-gender": RImpact;
  "impact-age": RImpact;
};

describe.runIf(referenceR.available)("the reports against R, on their own exports", () => {
  let portal: TestPortal;
  let admin: Visitor;
  let bank: ItemBank;
  let folder = "";
  let r: RAnswers;
  let funnel: FunnelReport;
  let assessment: AssessmentReport;

  beforeAll(async () => {
    portal = await startTestPortal();
    bank = await loadItemBank(path.join(PROJECT_ROOT, "content/assessments/csa-ja"));
    await seedReportCohort(portal.db, {
      jobId: JOB,
      bank,
      candidates: 900,
      seed: 20261101,
      start: new Date("2026-09-01T00:00:00+09:00"),
      difItem: 4,
      languageDifItem: 14,
      weakItem: 9,
      olderScreeningPenalty: 1.2,
    });
    admin = portal.visitor();
    await signInStaff(portal, admin, await newStaff(portal, { role: "admin" }));
    folder = mkdtempSync(path.join(tmpdir(), "reports-r-"));
    for (const name of [...PUBLIC_DATASETS.funnel, ...PUBLIC_DATASETS.assessment]) {
      const res = await admin.get(`/office/reports/${JOB}/data/${name}.csv`);
      expect(res.status, name).toBe(200);
      writeFileSync(path.join(folder, `${name}.csv`), res.html);
    }
    funnel = await buildFunnelReport(portal.db, { scope: SCOPE, bank });
    assessment = await buildAssessmentReport(portal.db, { scope: SCOPE, bank });
    // The gender comparison's strata are never downloadable; R gets them from the same function, here only.
    const gender = assessmentDataset(assessment, "dif-gender");
    writeFileSync(path.join(folder, "dif-gender.csv"), await text(csvExportStream(gender.rows, gender.columns)));
    const run = spawnSync("Rscript", ["--vanilla", path.join(PROJECT_ROOT, "src/modules/reports/report-reference.R"), folder], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`report-reference.R failed:\n${run.stderr}`);
    r = JSON.parse(run.stdout) as RAnswers;
  }, 240_000);

  afterAll(async () => {
    if (folder) rmSync(folder, { recursive: true, force: true });
    await portal?.close();
    if (largest.size > 0) console.info(`largest differences from R: ${[...largest].map(([k, v]) => `${k} ${v.toExponential(1)}`).join(", ")}`);
  });

  it("counts the funnel's steps, its drop-off and the median time between steps as R does", () => {
    expect(funnel.funnel.applications).toBe(r.funnel.applications);
    expect(funnel.funnel.steps.map((s) => s.reached)).toEqual(r.funnel.reached);
    for (const [i, s] of funnel.funnel.steps.entries()) agree(s.dropOff, r.funnel.dropOff[i], "funnel drop-off", s.step);
    expect(funnel.funnel.intervals.map((i) => i.applications)).toEqual(r.funnel.intervalCounts);
    for (const [i, interval] of funnel.funnel.intervals.entries())
      agree(interval.medianSeconds, r.funnel.medians[i], "median time", `${interval.from}→${interval.to}`);
    // Every step of the invented cohort has people, up to 採用.
    expect(funnel.funnel.steps.every((s) => s.reached > 0)).toBe(true);
  });

  it("times the assessment's parts and sums up the survey as R does", () => {
    expect(funnel.parts.map((p) => p.attempts)).toEqual(r.parts.counts);
    for (const [i, p] of funnel.parts.entries()) agree(p.medianSeconds, r.parts.medians[i], "part time", p.part);
    if (funnel.survey.status !== "shown") throw new Error("the survey should be shown");
    expect(funnel.survey.responses).toBe(r.survey.responses);
    for (const q of funnel.survey.questions) {
      const fromR = r.survey.questions[q.questionId];
      expect(q.answered, q.questionId).toBe(fromR?.answered);
      expect(q.counts, q.questionId).toEqual(fromR?.counts);
      agree(q.mean, fromR?.mean, "survey mean", q.questionId);
    }
  });

  it("finds the same item statistics, option shares and reliability as psych", () => {
    const { scale, items } = assessment.items;
    expect(scale.completeCandidates).toBe(r.items.completeCandidates);
    expect(scale.completeCandidates).toBeLessThan(scale.candidates);
    expect(scale.highScorers).toBe(r.items.highScorers);
    agree(scale.alpha, r.items.alpha, "alpha", "scale");
    agree(scale.totalMean, r.items.totalMean, "total mean and SD", "mean");
    agree(scale.totalSd, r.items.totalSd, "total mean and SD", "SD");
    agree(scale.standardErrorOfMeasurement, r.items.sem, "SEM", "scale");
    agree(scale.omegaTotal, r.items.omega, "omega (absolute)", "scale", FACTOR_MODEL, true);
    items.forEach((item, i) => {
      expect(item.answered, item.itemId).toBe(r.items.answered[i]);
      agree(item.mean, r.items.mean[i], "item mean and SD", `${item.itemId} mean`);
      agree(item.sd, r.items.sd[i], "item mean and SD", `${item.itemId} SD`);
      agree(item.itemRestCorrelation, r.items.itemRest[i], "item-rest r", item.itemId);
      agree(item.alphaIfDeleted, r.items.alphaIfDeleted[i], "alpha if deleted", item.itemId);
      for (const [pick, options] of [
        ["best", item.best],
        ["worst", item.worst],
      ] as const) {
        const fromR = r.items[pick][item.itemId];
        for (const o of options) {
          agree(o.share, fromR?.share[o.optionId] ?? 0, "option share", `${item.itemId} ${pick} ${o.optionId}`);
          expect(o.chosenByHighScorers, `${item.itemId} ${pick} ${o.optionId} high scorers`).toBe(fromR?.high[o.optionId] ?? 0);
        }
      }
    });
    // The invented weak situation is flagged, and R agrees its item-rest r is under .15.
    expect(items[9]?.flags).toContain("low-item-rest-correlation");
    expect(r.items.itemRest[9]).toBeLessThan(0.15);
  });

  it("finds the same Mantel–Haenszel DIF as mantelhaen.test, and the invented DIF items against women and in English", () => {
    for (const result of assessment.dif) {
      if (result.status !== "shown") throw new Error(`${result.comparison.id} should have enough people`);
      const fromR = r[`dif-${result.comparison.dimension}`];
      for (const { itemId, result: dif } of result.items) {
        const expected = fromR[`${result.comparison.id}/${itemId}`];
        if (dif.status !== "estimated" || !expected) throw new Error(`${result.comparison.id} ${itemId}: expected an estimate from both`);
        expect(dif.strataUsed, itemId).toBe(expected.strata);
        agree(dif.commonOddsRatio, expected.oddsRatio, "MH odds ratio", itemId);
        agree(dif.deltaDif, expected.delta, "MH D-DIF", itemId);
        agree(dif.deltaDifStandardError, expected.deltaSe, "SE(D)", itemId);
        agree(dif.chiSquare, expected.chiSquare, "MH chi-square", itemId);
        agree(dif.pValue, expected.p, "MH p", itemId);
        if (expected.pAboveOne > 1e-10) agree(dif.pAboveOne, expected.pAboveOne, "p of |D| > 1", itemId, 1e-6);
        expect(dif.etsClass, `${result.comparison.id} ${itemId}`).toBe(expected.etsClass);
      }
    }
    const gender = assessment.dif.find((d) => d.comparison.id === "gender-female");
    if (gender?.status !== "shown") throw new Error("gender DIF should be shown");
    const invented = gender.items[4]?.result;
    expect(invented?.status === "estimated" && invented.etsClass).toBe("C");
    expect(invented?.status === "estimated" && invented.favours).toBe("reference");
    const language = assessment.dif.find((d) => d.comparison.id === "language-en");
    if (language?.status !== "shown") throw new Error("language DIF should be shown");
    const inEnglish = language.items[14]?.result;
    expect(inEnglish?.status === "estimated" && inEnglish.etsClass).toBe("C");
    expect(inEnglish?.status === "estimated" && inEnglish.favours).toBe("reference");
  });

  it("finds the same adverse impact as fisher.test and the Z formula, and the invented impact on the oldest band", () => {
    for (const dimension of ["gender", "age"] as const) {
      const fromR = r[`impact-${dimension}`];
      for (const stage of assessment.impact[dimension]) {
        const rows = fromR[stage.stage.id] ?? [];
        const shown = stage.groups.flatMap((g) => (g.status === "not-enough-data" ? [] : [g]));
        expect(
          shown.map((g) => g.group),
          stage.stage.id,
        ).toEqual(rows.map((g) => g.group));
        for (const [i, group] of shown.entries()) {
          const expected = rows[i]!;
          agree(group.selectionRate, expected.rate, "selection rate", `${dimension} ${stage.stage.id} ${group.group}`);
          if (expected.reference === undefined) {
            expect(group.status).not.toBe("compared");
            continue;
          }
          expect(stage.referenceGroup).toBe(expected.reference);
          if (group.status !== "compared") throw new Error(`${group.group}: expected a comparison`);
          agree(group.impactRatio, expected.impactRatio ?? null, "impact ratio", group.group);
          agree(group.fisherExactP, expected.fisherP, "Fisher p", group.group);
          agree(group.impactRatioZ, expected.z ?? null, "Z", group.group);
          agree(group.impactRatioP, expected.zP ?? null, "Z p", group.group);
        }
      }
    }
    const screening = assessment.impact.age.find((s) => s.stage.id === "interview_scheduling");
    const oldest = screening?.groups.find((g) => g.group === "45-plus");
    expect(oldest?.status === "compared" && oldest.belowFourFifths).toBe(true);
  });
});

if (!referenceR.available) {
  const why = referenceR.reason;
  describe("the reports against R, on their own exports", () => {
    if (ci) {
      it("cannot run in CI without R", () => {
        throw new Error(`CI: ${why}, so the reports cannot be checked against R. Install it with: npm run setup:system`);
      });
    } else {
      it.skip(`skipped: ${why} (npm run setup:system installs R)`, () => undefined);
    }
  });
}
