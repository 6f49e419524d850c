/** Statistics for the recruiting office's assessment reports: pure functions of plain arrays, checked against R. */
export { type AdverseImpact, type AdverseImpactOptions, adverseImpact, type GroupImpact, type GroupSelection } from "./adverse-impact.ts";
export {
  analyseItems,
  type ItemAnalysis,
  type ItemAnalysisInput,
  type ItemAnalysisRules,
  type ItemDefinition,
  type ItemFlag,
  type ItemStatistics,
  type OptionStatistics,
  type ScaleStatistics,
} from "./analyse-items.ts";
export { chiSquareOneDfP } from "./chi-square.ts";
export { covarianceMatrix } from "./covariance-matrix.ts";
export { cronbachAlpha } from "./cronbach-alpha.ts";
export { fisherExactTwoSidedP, type TwoByTwoTable } from "./fisher-exact-test.ts";
export { type ImpactRatioZ, impactRatioZTest, type SelectionCounts } from "./impact-ratio-z-test.ts";
export { logFactorial, logGamma } from "./log-gamma.ts";
export { type DifResponse, type EtsDifClass, type MantelHaenszelDif, type MantelHaenszelOptions, mantelHaenszelDif } from "./mantel-haenszel-dif.ts";
export { complementaryErrorFunction, normalCdf, normalTwoSidedP } from "./normal-distribution.ts";
export { fitOneFactor, type OneFactorFit, omegaTotal } from "./one-factor-model.ts";
