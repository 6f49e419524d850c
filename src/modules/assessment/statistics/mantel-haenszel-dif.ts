/**
 * Differential item functioning of one dichotomous item by the Mantel–Haenszel procedure (Holland &
 * Thayer 1988), with the ETS A/B/C classes (Dorans & Holland 1993; Zwick 2012). Formulas in README.md.
 *
 * Strata: one stratum per distinct matching score ("thin" matching). The caller chooses the matching
 * score; the usual one is the total test score including the studied item (Holland & Thayer 1988).
 * A stratum that lacks either group carries no information about the groups' difference (all its terms
 * are zero), so it is left out; R's mantelhaen.test must be given the same strata.
 *
 * Candidates without a group or without a result on the item are left out before anything is counted.
 */
import { chiSquareOneDfP } from "./chi-square.ts";
import { normalCdf } from "./normal-distribution.ts";

export interface DifResponse {
  /** 1 when the candidate answered the item correctly (or scored at or above the item's threshold), 0 otherwise, null when missing. */
  correct: 0 | 1 | null;
  /** The score candidates are matched on, usually the test total. */
  matchingScore: number;
  group: "reference" | "focal" | null;
}

export interface MantelHaenszelOptions {
  /** Fewest candidates with a result in each group (default 100). */
  minimumPerGroup?: number;
  /** Significance level of both ETS tests (default .05). */
  significanceLevel?: number;
}

/** ETS classes: A negligible, B slight to moderate, C moderate to large DIF. */
export type EtsDifClass = "A" | "B" | "C";

export type MantelHaenszelDif =
  | {
      status: "not-enough-data";
      reason: "too-few-candidates" | "no-informative-strata";
      referenceCount: number;
      focalCount: number;
    }
  | {
      status: "estimated";
      referenceCount: number;
      focalCount: number;
      /** Strata (matching-score values) holding both groups, and the candidates in them. */
      strataUsed: number;
      candidatesUsed: number;
      /** α_MH: the common odds of success, reference over focal. Above 1 favours the reference group. */
      commonOddsRatio: number;
      /** MH D-DIF = −2.35·ln α_MH on the ETS delta scale; negative when the item is harder for the focal group. */
      deltaDif: number;
      /** 2.35 · √Var(ln α_MH), with the Robins–Breslow–Greenland variance. */
      deltaDifStandardError: number;
      /** MH chi-square with continuity correction, 1 df, and its p-value. */
      chiSquare: number;
      pValue: number;
      /** p-value of the test that |D| exceeds 1 (needed for class C). */
      pAboveOne: number;
      etsClass: EtsDifClass;
      /** The group the item favours, null for class A. */
      favours: "reference" | "focal" | null;
    };

interface Stratum {
  referenceCorrect: number;
  referenceWrong: number;
  focalCorrect: number;
  focalWrong: number;
}

/** Mantel–Haenszel DIF statistics and the ETS class of one dichotomous item. */
export function mantelHaenszelDif(responses: readonly DifResponse[], options: MantelHaenszelOptions = {}): MantelHaenszelDif {
  const minimum = options.minimumPerGroup ?? 100;
  const level = options.significanceLevel ?? 0.05;

  const strata = new Map<number, Stratum>();
  let referenceCount = 0;
  let focalCount = 0;
  for (const r of responses) {
    if (r.correct === null || r.group === null) continue;
    if (r.correct !== 0 && r.correct !== 1) throw new RangeError(`an item result must be 0, 1 or null, got ${r.correct}`);
    if (!Number.isFinite(r.matchingScore)) throw new RangeError(`matching score must be a finite number, got ${r.matchingScore}`);
    let stratum = strata.get(r.matchingScore);
    if (!stratum) {
      stratum = { referenceCorrect: 0, referenceWrong: 0, focalCorrect: 0, focalWrong: 0 };
      strata.set(r.matchingScore, stratum);
    }
    if (r.group === "reference") {
      referenceCount += 1;
      if (r.correct === 1) stratum.referenceCorrect += 1;
      else stratum.referenceWrong += 1;
    } else {
      focalCount += 1;
      if (r.correct === 1) stratum.focalCorrect += 1;
      else stratum.focalWrong += 1;
    }
  }
  if (referenceCount < minimum || focalCount < minimum) return { status: "not-enough-data", reason: "too-few-candidates", referenceCount, focalCount };

  // Per stratum k with A = reference correct, B = reference wrong, C = focal correct, D = focal wrong, N = total:
  //   R_k = A·D/N, S_k = B·C/N, P_k = (A + D)/N, Q_k = (B + C)/N          (odds ratio and its variance)
  //   E(A) = n_ref·m_correct/N, Var(A) = n_ref·n_focal·m_correct·m_wrong / (N²(N − 1))   (chi-square)
  let sumR = 0;
  let sumS = 0;
  let sumPR = 0;
  let sumPSQR = 0;
  let sumQS = 0;
  let observedMinusExpected = 0;
  let varianceA = 0;
  let strataUsed = 0;
  let candidatesUsed = 0;
  for (const { referenceCorrect: a, referenceWrong: b, focalCorrect: c, focalWrong: d } of strata.values()) {
    const nReference = a + b;
    const nFocal = c + d;
    if (nReference === 0 || nFocal === 0) continue;
    const n = nReference + nFocal;
    strataUsed += 1;
    candidatesUsed += n;
    const r = (a * d) / n;
    const s = (b * c) / n;
    const p = (a + d) / n;
    const q = (b + c) / n;
    sumR += r;
    sumS += s;
    sumPR += p * r;
    sumPSQR += p * s + q * r;
    sumQS += q * s;
    const correct = a + c;
    observedMinusExpected += a - (nReference * correct) / n;
    varianceA += (nReference * nFocal * correct * (n - correct)) / (n * n * (n - 1));
  }
  // Without a discordant pair on both sides the odds ratio is 0 or infinite; without variance there is no test.
  if (sumR === 0 || sumS === 0 || varianceA === 0) return { status: "not-enough-data", reason: "no-informative-strata", referenceCount, focalCount };

  const commonOddsRatio = sumR / sumS;
  const deltaDif = -2.35 * Math.log(commonOddsRatio);
  // Robins, Breslow & Greenland (1986) variance of ln α_MH, as Phillips & Holland (1987) derived for DIF.
  const varianceLogOdds = sumPR / (2 * sumR * sumR) + sumPSQR / (2 * sumR * sumS) + sumQS / (2 * sumS * sumS);
  const deltaDifStandardError = 2.35 * Math.sqrt(varianceLogOdds);
  // The continuity correction as R applies it: only when |ΣA − ΣE(A)| ≥ ½, so the statistic never grows from it.
  const correction = Math.abs(observedMinusExpected) >= 0.5 ? 0.5 : 0;
  const chiSquare = (Math.abs(observedMinusExpected) - correction) ** 2 / varianceA;
  const pValue = chiSquareOneDfP(chiSquare);
  const pAboveOne = deltaAboveOneP(deltaDif, deltaDifStandardError);

  const size = Math.abs(deltaDif);
  let etsClass: EtsDifClass;
  if (size < 1 || pValue >= level) etsClass = "A";
  else if (size >= 1.5 && pAboveOne < level) etsClass = "C";
  else etsClass = "B";
  const favours = etsClass === "A" ? null : deltaDif < 0 ? "reference" : "focal";

  return {
    status: "estimated",
    referenceCount,
    focalCount,
    strataUsed,
    candidatesUsed,
    commonOddsRatio,
    deltaDif,
    deltaDifStandardError,
    chiSquare,
    pValue,
    pAboveOne,
    etsClass,
    favours,
  };
}

/**
 * p-value of H₀: |Δ| ≤ 1 against H₁: |Δ| > 1 for an estimate D ~ N(Δ, SE²), at the least favourable
 * null value |Δ| = 1 (Paek & Holland 2015): P(|D̂| ≥ |D|) = 1 − Φ((|D| − 1)/SE) + Φ((−|D| − 1)/SE).
 * In practice this is the one-sided test |D| − 1 > 1.645·SE at the .05 level.
 */
function deltaAboveOneP(delta: number, standardError: number): number {
  const size = Math.abs(delta);
  return normalCdf(-(size - 1) / standardError) + normalCdf((-size - 1) / standardError);
}
