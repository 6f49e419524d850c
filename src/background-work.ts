import type { Config } from "./config.ts";
import { APPLICATION_REMINDER_JOB, sendApplicationReminder } from "./modules/applications/application-reminders.ts";
import { checkIdenticalPatterns, IDENTICAL_PATTERNS_JOB } from "./modules/assessment/attempts.ts";
import { NORMS_JOB, readNormKey, recomputeNorms } from "./modules/assessment/norms/index.ts";
import { purgeExpiredFlows, purgeIdleThrottles } from "./modules/candidates/auth-flows.ts";
import { foldStageCounts } from "./modules/pipeline/fold-stage-counts.ts";
import { applyRetention, RETENTION_JOB, requestDailyRetention } from "./modules/privacy/apply-retention.ts";
import { retentionScheduleOf } from "./modules/privacy/retention-schedule.ts";
import { purgeExpiredSetupLinks } from "./modules/staff/setup-link.ts";
import { purgeExpiredStaffSignIns } from "./modules/staff/staff-sign-in.ts";
import type { Db } from "./platform/db/database.ts";
import { purgeExpiredPendingForms } from "./platform/http/pending-forms.ts";
import { purgeRateWindows } from "./platform/http/rate-window.ts";
import { eraseSpentCodeTexts } from "./platform/mail/outbox.ts";
import { purgeExpiredSessions } from "./platform/security/sessions.ts";
import { purgeFinishedJobs } from "./platform/worker/background-jobs.ts";
import type { HousekeepingTask, JobHandler } from "./platform/worker/job-runner.ts";

/** What the queued jobs need from the running portal. */
export type JobContext = { db: Db; config: Pick<Config, "secret" | "orgName" | "publicBaseUrl" | "retention">; now: () => Date; nudgeOutbox: () => void };

/** Every kind of queued job and what runs it. */
export function jobHandlers({ db, config, now, nudgeOutbox }: JobContext): Record<string, JobHandler> {
  return {
    [IDENTICAL_PATTERNS_JOB]: async (payload) => checkIdenticalPatterns(db, String(payload.attemptId ?? "")),
    [NORMS_JOB]: async (payload) => {
      const key = readNormKey(payload);
      if (key) await recomputeNorms(db, { ...key, now: now() });
    },
    [RETENTION_JOB]: async () => {
      await applyRetention(
        { db, now, secret: config.secret, orgName: config.orgName },
        { schedule: retentionScheduleOf(config.retention), clock: now(), dryRun: false, trigger: "schedule" },
      );
      nudgeOutbox();
    },
    [APPLICATION_REMINDER_JOB]: async (payload) => {
      await sendApplicationReminder({ db, now, secret: config.secret, orgName: config.orgName, baseUrl: config.publicBaseUrl, nudgeOutbox }, payload);
    },
  };
}

/** What housekeeping removes on its schedule: only records whose time is over. */
export function housekeepingTasks(db: Db): HousekeepingTask[] {
  return [
    { name: "sessions", run: (now) => purgeExpiredSessions(db, now) },
    { name: "signInFlows", run: (now) => purgeExpiredFlows(db, now) },
    { name: "pinThrottles", run: (now) => purgeIdleThrottles(db, now) },
    { name: "staffSignIns", run: (now) => purgeExpiredStaffSignIns(db, now) },
    { name: "staffSetupLinks", run: (now) => purgeExpiredSetupLinks(db, now) },
    { name: "finishedJobs", run: (now) => purgeFinishedJobs(db, now) },
    { name: "spentCodeTexts", run: (now) => eraseSpentCodeTexts(db, now) },
    { name: "dailyRetention", run: (now) => requestDailyRetention(db, now) },
    { name: "rateWindows", run: (now) => purgeRateWindows(db, now) },
    { name: "pendingForms", run: (now) => purgeExpiredPendingForms(db, now) },
    { name: "stageCounts", run: () => foldStageCounts(db) },
  ];
}
