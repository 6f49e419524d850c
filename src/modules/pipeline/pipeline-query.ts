/**
 * What the office asks of a job's pipeline: which applications (the filter), in which order (the sort) and
 * from where (the keyset cursor). Plain data, so the list page, the next page and the CSV export ask alike.
 */
import { PIPELINE_ORDER } from "../applications/schema.ts";

/** The states of an application still in the candidate's wizard (応募途中). */
export const DRAFT_STATES = ["draft", "assessment_pending", "assessment_done", "signed"] as const;

/** What the stage filter can name: all of the pipeline, one stage, the drafts or the knock-outs. */
export const STAGE_FILTERS = ["all", ...PIPELINE_ORDER, "drafts", "screened_out"] as const;
export type StageFilter = (typeof STAGE_FILTERS)[number];

/** How far a draft has come: the seed's STEP 1–5, the assessment, STEP 6. */
export const DRAFT_STEPS = ["1", "2", "3", "4", "5", "assessment", "6"] as const;
export type DraftStep = (typeof DRAFT_STEPS)[number];

/** Bands of the assessment's 0–100 score (see assessment-summary.ts), and `none` for no score yet. */
export const SCORE_BANDS = ["high", "middle", "low", "none"] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

export type PipelineFilter = {
  stage: StageFilter;
  /** Only with stage `drafts`. */
  step?: DraftStep | undefined;
  band?: ScoreBand | undefined;
  /** Only applications whose assessment carries an integrity signal. */
  integrity?: boolean | undefined;
  /** Entered the pipeline (応募日; started, for drafts) on or after this instant… */
  from?: Date | undefined;
  /** …and before this one. */
  until?: Date | undefined;
  /** Only those who chose to send their documents by e-mail (documents_status = to_be_sent). */
  documentsMissing?: boolean | undefined;
  /** A name in any script, an application reference, or (for members who may see them) an e-mail address or phone number. */
  search?: string | undefined;
};

export const SORT_KEYS = ["date", "name", "stage"] as const;
export type PipelineSort = { by: (typeof SORT_KEYS)[number]; dir: "asc" | "desc" };

/** The default view: every application in the pipeline, newest first. */
export const DEFAULT_FILTER: PipelineFilter = { stage: "all" };
export const DEFAULT_SORT: PipelineSort = { by: "date", dir: "desc" };

/** Rows on one page of the console's list. */
export const PIPELINE_PAGE_SIZE = 50;
