/** The assessment item bank: its schema, loading and validation, transfer, and what a candidate may see. */
export { measureAudioDuration } from "./audio-duration.ts";
export { listMedia, MAX_DESIRABILITY_GAP } from "./check-item-bank-references.ts";
export { checkWorkStyleDesign, type WorkStyleDesign } from "./check-work-style-design.ts";
export { type BankProblem, describeBankProblems, ItemBankError } from "./item-bank-error.ts";
export type {
  AudioCheckPage,
  BankManifest,
  Item,
  ItemBank,
  ItemStatus,
  Locale,
  LocalizedText,
  Media,
  Page,
  PairItem,
  PairPoint,
  SituationItem,
  StatementKey,
  SurveyPage,
  WorkStyleModel,
} from "./item-bank-schema.ts";
export { ItemBankSchema } from "./item-bank-schema.ts";
export { audioSecondsOf, checkAudioFiles, type LoadItemBankOptions, loadItemBank } from "./load-item-bank.ts";
export { type AssessmentStep, assessmentSteps, isPresented, optionOrder, orderItems, orderItemsForAttempt } from "./order-items.ts";
export { type ItemBankValidation, parseItemBank, validateItemBank } from "./parse-item-bank.ts";
export {
  inLocale,
  type PublicItemView,
  type PublicItemViewOptions,
  type PublicPairView,
  type PublicSituationView,
  publicItemView,
} from "./public-item-view.ts";
export {
  type AssessmentTimeEstimate,
  estimateAssessmentTime,
  type MinimumAnswerTimeOptions,
  minimumAnswerMs,
  textLength,
  typicalItemSeconds,
} from "./reading-time.ts";
export { hashText, randomFor, shuffled, xorshift32 } from "./seeded-random.ts";
export { type ItemBankSummary, summarizeItemBank, type TraitBalance } from "./summarize-item-bank.ts";
export { exportItemBank, formatBankJson, type ImportItemBankOptions, importItemBank } from "./transfer-item-bank.ts";
