/** Applicant norms: raw measures with their SEs, norms per bank version, T-scores, result bands and strengths. */
export { type AssessmentResult, applyNorm, bandOf, HIGH_BAND_FROM_T, type ResultBand, type ScaleResult, TYPICAL_BAND_FROM_T } from "./apply-norm.ts";
export { computeNorm, NORM_FINAL_ATTEMPTS, NORM_MINIMUM_ATTEMPTS, type Norm, type NormFigures, type NormScale } from "./compute-norm.ts";
export {
  type AttemptMeasures,
  competencyScale,
  type Measure,
  measureAttempt,
  readScaleKey,
  SITUATIONS_SCALE,
  traitScale,
} from "./measure-attempt.ts";
export { latestNorm, NORMS_JOB, NORMS_WINDOW_MS, type NormKey, queueNormRecompute, readNormKey, recomputeNorms } from "./norm-store.ts";
export { relativeStrengths, type Strength } from "./relative-strengths.ts";
