/** The assessment's scoring: pure functions from an item bank and a candidate's answers to scores. */
export type { ItemAnswer, PairAnswer, RejectedAnswer, RejectionReason, SingleChoiceAnswer, SituationAnswer, SituationPicks } from "./item-answer.ts";
export {
  checkSituationPicks,
  encodeItemAnswer,
  encodeSituationPicks,
  isCompleteAnswer,
  isScored,
  PAIR_POINTS,
  parseSituationPicks,
  readAnswerForm,
  readItemAnswer,
  readStoredAnswer,
} from "./item-answer.ts";
export { type AssessmentScore, SCORING_VERSION, scoreAssessment } from "./score-assessment.ts";
export {
  bestPickScore,
  type CompetencyScore,
  type SituationItemScore,
  type SituationsScore,
  scoreSituationItem,
  scoreSituations,
  worstPickScore,
} from "./score-situations.ts";
export { scoreWorkStyle, type TraitScore, type WorkStyleScore } from "./score-work-style.ts";
export { computeCategoryProbabilities } from "./thurstonian/compute-category-probabilities.ts";
export { estimateTraitScores, type TraitEstimate } from "./thurstonian/estimate-trait-scores.ts";
export { mapCategoryToPoint } from "./thurstonian/map-category-to-point.ts";
export { mapPointToCategory, type PairCategory } from "./thurstonian/map-point-to-category.ts";
export { type PairModel, readThurstonianModel, type StatementParameters, type ThurstonianModel } from "./thurstonian/read-thurstonian-model.ts";
