/** The assessment's scoring: pure functions from an item bank and a candidate's answers to scores. */
export type { ItemAnswer, PairAnswer, RejectedAnswer, RejectionReason, SituationAnswer } from "./item-answer.ts";
export { isScored, PAIR_POINTS, readItemAnswer } from "./item-answer.ts";
export { type AssessmentScore, scoreAssessment } from "./score-assessment.ts";
export { type CompetencyScore, ratingToScore, type SituationsScore, scoreSituations } from "./score-situations.ts";
export { scoreWorkStyle, type TraitScore, type WorkStyleScore } from "./score-work-style.ts";
