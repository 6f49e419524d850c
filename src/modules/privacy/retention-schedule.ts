/**
 * How long personal data is kept, in one place (docs/privacy.md). Each period can be replaced through the
 * environment (RETENTION_*_DAYS); a candidate under an open legal hold is skipped by every rule.
 */
export type RetentionSchedule = {
  /**
   * A candidate never hired and with no application in progress is erased this long after their last
   * activity (their own, or a change to one of their applications): six months, in step with the 6-month
   * validity of assessment results.
   */
  inactiveCandidateDays: number;
  /** An application left in the wizard (下書き) and untouched this long is removed. */
  abandonedDraftDays: number;
  /** The candidate's sign-in history is kept this long. */
  signInRecordDays: number;
  /** A delivered message keeps its text this long (its recipient, subject and dates stay as the record of what was sent). */
  messageBodyDays: number;
};

export const RETENTION_SCHEDULE: RetentionSchedule = {
  inactiveCandidateDays: 183,
  abandonedDraftDays: 90,
  signInRecordDays: 30,
  messageBodyDays: 7,
};

/** The rules of the schedule, in the order a run applies them, as each run's report names them. */
export const RETENTION_RULES = ["inactiveCandidates", "abandonedDrafts", "signInRecords", "messageBodies"] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];

/** The schedule with the configured periods in place of the defaults. */
export function retentionScheduleOf(overrides: Partial<RetentionSchedule>): RetentionSchedule {
  return { ...RETENTION_SCHEDULE, ...overrides };
}
