import { and, eq, gte, inArray, lte, min, type SQL } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { applications } from "../applications/schema.ts";
import { assessmentAttempts } from "../assessment/schema.ts";
import { domainEvents } from "../events/schema.ts";
import { type ApplicationProgress, OFFICE_STEPS } from "./funnel-steps.ts";
import type { ReportScope } from "./report-scope.ts";

/** The applications of a report's cohort: the job's, started within the scope's dates. */
export function cohortOf(scope: ReportScope): SQL {
  const parts: SQL[] = [eq(applications.jobId, scope.jobId)];
  if (scope.from) parts.push(gte(applications.createdAt, scope.from));
  if (scope.to) parts.push(lte(applications.createdAt, scope.to));
  return and(...parts) as SQL;
}

/**
 * Every application of the cohort with the times it reached each milestone: its own timestamps, the start
 * of its assessment attempt, and the first time the office moved it into each stage (its domain events).
 * An application the office put in a stage without an event (imported, say) has the stage but no time.
 */
export async function readApplicationProgress(db: Db, scope: ReportScope): Promise<ApplicationProgress[]> {
  return readProgressOf(db, cohortOf(scope));
}

/** The progress of the applications a condition on `applications` picks: a cohort, or one candidate's. */
export async function readProgressOf(db: Db, which: SQL): Promise<ApplicationProgress[]> {
  const rows = await db
    .select({
      id: applications.id,
      state: applications.state,
      completedPages: applications.completedPages,
      createdAt: applications.createdAt,
      pledgedAt: applications.pledgedAt,
      assessmentDoneAt: applications.assessmentDoneAt,
      signedAt: applications.signedAt,
      submittedAt: applications.submittedAt,
      attemptStartedAt: min(assessmentAttempts.startedAt),
    })
    .from(applications)
    .leftJoin(assessmentAttempts, eq(assessmentAttempts.applicationId, applications.id))
    .where(which)
    .groupBy(applications.id);
  const moves = await db
    .select({ applicationId: domainEvents.recordId, stage: domainEvents.toState, at: min(domainEvents.occurredAt) })
    .from(domainEvents)
    .innerJoin(applications, eq(applications.id, domainEvents.recordId))
    .where(and(eq(domainEvents.recordKind, "application"), eq(domainEvents.name, "application.moved"), inArray(domainEvents.toState, [...OFFICE_STEPS]), which))
    .groupBy(domainEvents.recordId, domainEvents.toState);
  const entered = new Map<string, Map<string, Date>>();
  for (const m of moves) {
    if (!m.stage || !m.at) continue;
    const stages = entered.get(m.applicationId) ?? new Map<string, Date>();
    stages.set(m.stage, new Date(m.at));
    entered.set(m.applicationId, stages);
  }
  return rows.map((r) => {
    const stageTimes = entered.get(r.id) ?? new Map<string, Date>();
    const stages = new Set(stageTimes.keys());
    if ((OFFICE_STEPS as readonly string[]).includes(r.state)) stages.add(r.state);
    const times: ApplicationProgress["times"] = { started: r.createdAt };
    if (r.pledgedAt) times.pledged = r.pledgedAt;
    if (r.attemptStartedAt) times["assessment-started"] = new Date(r.attemptStartedAt);
    if (r.assessmentDoneAt) times["assessment-completed"] = r.assessmentDoneAt;
    if (r.signedAt) times.signed = r.signedAt;
    if (r.submittedAt) times.submitted = r.submittedAt;
    for (const stage of OFFICE_STEPS) {
      const at = stageTimes.get(stage);
      if (at) times[stage] = at;
    }
    return { applicationId: r.id, state: r.state, completedPages: r.completedPages, times, stages };
  });
}
