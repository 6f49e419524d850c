/**
 * What a report covers: one job, and the applications started between two moments (either may be open).
 * Every figure of the funnel and the assessment reports is about this cohort.
 */
export type ReportScope = { jobId: string; from: Date | null; to: Date | null };
