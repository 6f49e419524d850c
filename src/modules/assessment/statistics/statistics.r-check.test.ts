/**
 * The statistics against R (reference.R, psych and stats) on invented data. In CI a missing R fails this
 * file; elsewhere it is skipped, and `npm test` names the skip and the command that installs R.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeReferenceR } from "../../../../test/reference-r.ts";
import { adverseImpact, type GroupSelection } from "./adverse-impact.ts";
import { analyseItems } from "./analyse-items.ts";
import { type DifResponse, mantelHaenszelDif } from "./mantel-haenszel-dif.ts";
import { type InventedTest, inventTest, seededRandom } from "./response-factory.ts";

const ci = process.env.CI === "true" || process.env.CI === "1";
const referenceR = probeReferenceR();

// Closed-form figures must agree to 1e-6 relative; ω and the loadings come from two different optimisers.
const CLOSED_FORM = 1e-6;
const FACTOR_MODEL = 1e-4;

function expectClose(actual: number | null | undefined, expected: number | null, what: string, tolerance = CLOSED_FORM): void {
  if (expected === null) {
    expect(actual ?? null, what).toBeNull();
    return;
  }
  expect(actual, what).toBeTypeOf("number");
  const difference = Math.abs((actual as number) - expected);
  expect(difference, `${what}: ${actual} against R's ${expected}`).toBeLessThanOrEqual(tolerance * Math.abs(expected) + 1e-12);
}

function expectNear(actual: number | null | undefined, expected: number | null, what: string, tolerance: number): void {
  expect(actual, what).toBeTypeOf("number");
  expect(Math.abs((actual as number) - (expected as number)), `${what}: ${actual} against R's ${expected}`).toBeLessThanOrEqual(tolerance);
}

// --- invented data -----------------------------------------------------------------------------------

const itemCases: Record<string, InventedTest> = {
  small: inventTest({ seed: 11, candidates: 150, items: 8, missingShare: 0.04, weakItems: [7] }),
  rated: inventTest({ seed: 12, candidates: 400, items: 10, kind: "rated", missingShare: 0.02, weakItems: [3] }),
  medium: inventTest({
    seed: 13,
    candidates: 600,
    items: 12,
    missingShare: 0.03,
    weakItems: [2, 9],
    difItem: 5,
    difSize: 1.2,
    focalShare: 0.4,
    rareDistractorItems: [0],
  }),
  large: inventTest({ seed: 14, candidates: 2000, items: 20, missingShare: 0.01, difItem: 10, difSize: 1, focalShare: 0.3 }),
};

interface DifCase {
  test: InventedTest;
  matching: number[];
  groups: ("reference" | "focal" | null)[];
}

/** Matching on the total of the items answered; every 50th candidate has no recorded group. */
function difCase(test: InventedTest): DifCase {
  return {
    test,
    matching: test.scores.map((row) => row.reduce<number>((sum, s) => sum + (s ?? 0), 0)),
    groups: test.groups.map((g, c) => (c % 50 === 49 ? null : g)),
  };
}

const difCases: Record<string, DifCase> = {
  medium: difCase(itemCases.medium as InventedTest),
  large: difCase(itemCases.large as InventedTest),
  "few-focal": difCase(inventTest({ seed: 15, candidates: 300, items: 6, focalShare: 0.2 })),
};

function inventSelections(seed: number): GroupSelection[] {
  const random = seededRandom(seed);
  const groups = ["group-a", "group-b", "group-c", "group-d", "not-disclosed"].slice(0, 3 + Math.floor(random() * 3));
  return groups.map((group) => {
    const considered = 10 + Math.floor(random() ** 2 * 3000);
    return { group, considered, selected: Math.floor(considered * random() * 0.6) };
  });
}

const impactCases: Record<string, GroupSelection[]> = {
  "stage-fixed": [
    { group: "women", selected: 12, considered: 40 },
    { group: "men", selected: 48, considered: 80 },
    { group: "not-disclosed", selected: 9, considered: 10 },
    { group: "other", selected: 3, considered: 12 },
  ],
  "stage-large": [
    { group: "group-a", selected: 4200, considered: 20000 },
    { group: "group-b", selected: 3000, considered: 18000 },
    { group: "group-c", selected: 0, considered: 45 },
    { group: "group-d", selected: 45, considered: 50 },
  ],
  ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`stage-${i + 1}`, inventSelections(100 + i)])),
};

// --- the exchange with R ------------------------------------------------------------------------------

const cell = (value: number | string | null) => (value === null ? "NA" : String(value));

function writeCases(folder: string): void {
  for (const [name, test] of Object.entries(itemCases)) {
    const lines = [test.items.map((i) => i.id).join(","), ...test.scores.map((row) => row.map(cell).join(","))];
    writeFileSync(path.join(folder, `${name}.items.csv`), `${lines.join("\n")}\n`);
  }
  for (const [name, { test, matching, groups }] of Object.entries(difCases)) {
    const header = ["matching", "group", ...test.items.map((i) => i.id)].join(",");
    const rows = test.scores.map((row, c) => [matching[c] as number, groups[c] ?? null, ...row].map(cell).join(","));
    writeFileSync(path.join(folder, `${name}.dif.csv`), `${[header, ...rows].join("\n")}\n`);
  }
  for (const [name, selections] of Object.entries(impactCases)) {
    const rows = selections.map((s) => `${s.group},${s.selected},${s.considered}`);
    writeFileSync(path.join(folder, `${name}.impact.csv`), `${["group,selected,considered", ...rows].join("\n")}\n`);
  }
}

interface RItems {
  completeCandidates: number;
  mean: number[];
  sd: number[];
  alpha: number;
  itemRest: number[];
  alphaIfDeleted: number[];
  loadings: number[];
  omega: number;
  totalSd: number;
  sem: number;
}
interface RDif {
  referenceCount: number;
  focalCount: number;
  strata: number;
  candidates: number;
  oddsRatio: number;
  delta: number;
  deltaSe: number;
  chiSquare: number;
  p: number;
  pAboveOne: number;
  etsClass: "A" | "B" | "C";
}
interface RImpact {
  group: string;
  rate: number | null;
  reference?: string;
  impactRatio?: number | null;
  fisherP?: number;
  z?: number | null;
  zP?: number | null;
}
type RAnswers = Record<string, { items?: RItems; dif?: Record<string, RDif>; impact?: RImpact[] }>;

function difResponses({ test, matching, groups }: DifCase, item: number): DifResponse[] {
  return test.scores.map((row, c) => ({ correct: row[item] as 0 | 1 | null, matchingScore: matching[c] as number, group: groups[c] ?? null }));
}

// --- the comparison -----------------------------------------------------------------------------------

describe.runIf(referenceR.available)("assessment statistics against R", () => {
  let folder = "";
  let r: RAnswers = {};

  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), "statistics-r-"));
    writeCases(folder);
    const run = spawnSync("Rscript", ["--vanilla", path.join(import.meta.dirname, "reference.R"), folder], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`reference.R failed:\n${run.stderr}`);
    r = JSON.parse(run.stdout) as RAnswers;
  });
  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it.each(Object.keys(itemCases))("item analysis agrees with psych on %s", (name) => {
    const test = itemCases[name] as InventedTest;
    const expected = r[name]?.items as RItems;
    const { scale, items } = analyseItems({ items: test.items, scores: test.scores, choices: test.choices });
    expect(scale.completeCandidates).toBe(expected.completeCandidates);
    expect(scale.completeCandidates).toBeLessThan(scale.candidates);
    items.forEach((item, i) => {
      expectClose(item.mean, expected.mean[i] as number, `${item.itemId} mean`);
      expectClose(item.sd, expected.sd[i] as number, `${item.itemId} SD`);
      expectClose(item.itemRestCorrelation, expected.itemRest[i] as number, `${item.itemId} item-rest r`);
      expectClose(item.alphaIfDeleted, expected.alphaIfDeleted[i] as number, `${item.itemId} alpha if deleted`);
    });
    expectClose(scale.alpha, expected.alpha, "alpha");
    expectClose(scale.totalSd, expected.totalSd, "total SD");
    expectClose(scale.standardErrorOfMeasurement, expected.sem, "SEM");
    expect(scale.heywoodCase).toBe(false);
    expectNear(scale.omegaTotal, expected.omega, "omega total", FACTOR_MODEL);
    // Single loadings sit on flatter ground than their sum, so they get 1e-3.
    for (const [i, l] of (scale.loadings as number[]).entries()) expectNear(l, expected.loadings[i] as number, `loading ${i + 1}`, 10 * FACTOR_MODEL);
  });

  it("flags the invented weak items, and R's item-rest r agrees they are weak", () => {
    for (const [name, weak] of [
      ["small", [7]],
      ["rated", [3]],
      ["medium", [2, 9]],
    ] as const) {
      const test = itemCases[name] as InventedTest;
      const { items } = analyseItems({ items: test.items, scores: test.scores, choices: test.choices });
      const flagged = items.flatMap((item, i) => (item.flags.includes("low-item-rest-correlation") ? [i] : []));
      expect(flagged, name).toEqual(weak);
      for (const i of weak) expect(r[name]?.items?.itemRest[i], `${name} item ${i + 1} in R`).toBeLessThan(0.15);
    }
    const medium = itemCases.medium as InventedTest;
    const { items } = analyseItems({ items: medium.items, scores: medium.scores, choices: medium.choices });
    expect(items[0]?.flags).toContain("rarely-chosen-option");
  });

  it.each(Object.keys(difCases))("Mantel–Haenszel DIF agrees with mantelhaen.test on %s", (name) => {
    const data = difCases[name] as DifCase;
    const expected = r[name]?.dif as Record<string, RDif>;
    data.test.items.forEach((item, i) => {
      const fromR = expected[item.id] as RDif;
      const result = mantelHaenszelDif(difResponses(data, i));
      expect({ reference: result.referenceCount, focal: result.focalCount }, item.id).toEqual({ reference: fromR.referenceCount, focal: fromR.focalCount });
      if (fromR.referenceCount < 100 || fromR.focalCount < 100) {
        expect(result.status, item.id).toBe("not-enough-data");
        return;
      }
      if (result.status !== "estimated") throw new Error(`${item.id}: expected an estimate`);
      expect(result.strataUsed, item.id).toBe(fromR.strata);
      expect(result.candidatesUsed, item.id).toBe(fromR.candidates);
      expectClose(result.commonOddsRatio, fromR.oddsRatio, `${item.id} odds ratio`);
      expectClose(result.deltaDif, fromR.delta, `${item.id} D-DIF`);
      expectClose(result.deltaDifStandardError, fromR.deltaSe, `${item.id} SE(D)`);
      expectClose(result.chiSquare, fromR.chiSquare, `${item.id} chi-square`);
      expectClose(result.pValue, fromR.p, `${item.id} p`);
      // R's noncentral chi-square loses relative accuracy in the far tail; there only absolute agreement is asked.
      if (fromR.pAboveOne > 1e-10) expectClose(result.pAboveOne, fromR.pAboveOne, `${item.id} p(|D| > 1)`);
      else expect(result.pAboveOne).toBeLessThan(1e-9);
      expect(result.etsClass, item.id).toBe(fromR.etsClass);
    });
  });

  it("finds the invented DIF item, in the direction it was invented", () => {
    for (const [name, difItem] of [
      ["medium", 5],
      ["large", 10],
    ] as const) {
      const data = difCases[name] as DifCase;
      const classes = data.test.items.map((_, i) => {
        const result = mantelHaenszelDif(difResponses(data, i));
        return result.status === "estimated" ? { etsClass: result.etsClass, favours: result.favours } : null;
      });
      expect(classes[difItem], name).toEqual({ etsClass: "C", favours: "reference" });
      expect(
        classes.filter((c) => c?.etsClass === "C"),
        name,
      ).toHaveLength(1);
    }
  });

  it.each(Object.keys(impactCases))("adverse impact agrees with fisher.test and the Z formula on %s", (name) => {
    const selections = impactCases[name] as GroupSelection[];
    const expected = r[name]?.impact as RImpact[];
    const result = adverseImpact(selections);
    expect(result.groups.map((g) => g.group)).toEqual(expected.map((g) => g.group));
    result.groups.forEach((group, i) => {
      const fromR = expected[i] as RImpact;
      expectClose(group.selectionRate, fromR.rate, `${group.group} rate`);
      if (fromR.reference === undefined) {
        expect(group.status, group.group).not.toBe("compared");
        return;
      }
      expect(result.referenceGroup).toBe(fromR.reference);
      if (group.status !== "compared") throw new Error(`${group.group}: expected a comparison`);
      expectClose(group.impactRatio, fromR.impactRatio ?? null, `${group.group} impact ratio`);
      expectClose(group.fisherExactP, fromR.fisherP as number, `${group.group} Fisher p`);
      expectClose(group.impactRatioZ, fromR.z ?? null, `${group.group} Z`);
      expectClose(group.impactRatioP, fromR.zP ?? null, `${group.group} Z p`);
    });
  });
});

if (!referenceR.available) {
  const why = referenceR.reason;
  describe("assessment statistics against R", () => {
    if (ci) {
      it("cannot run in CI without R", () => {
        throw new Error(`CI: ${why}, so the statistics cannot be checked against R. Install it with: npm run setup:system`);
      });
    } else {
      it.skip(`skipped: ${why} (npm run setup:system installs R)`, () => undefined);
    }
  });
}
