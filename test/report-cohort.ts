import { randomUUID } from "node:crypto";
import { latestQuestionSet } from "../src/modules/applications/application-store.ts";
import { type ApplicationState, applicationAnswers, applications, type PersonalDetails, selfIdentifications } from "../src/modules/applications/schema.ts";
import type { ItemBank, SituationItem } from "../src/modules/assessment/bank/index.ts";
import { assessmentAnswers, assessmentAttempts, assessmentSurveys } from "../src/modules/assessment/schema.ts";
import { encodeSituationPicks } from "../src/modules/assessment/scoring/index.ts";
import { seededRandom } from "../src/modules/assessment/statistics/response-factory.ts";
import { domainEvents } from "../src/modules/events/schema.ts";
import { findJob } from "../src/modules/jobs/job-repo.ts";
import { currentJobVersion } from "../src/modules/jobs/job-versions.ts";
import { questionSetOfJob } from "../src/modules/jobs/schema.ts";
import type { Db } from "../src/platform/db/database.ts";

/** What the invented cohort should hold; every choice is drawn from `seed`, so the same options give the same data. */
export type CohortOptions = {
  jobId: string;
  bank: ItemBank;
  candidates: number;
  seed: number;
  /** When the first application starts; the rest follow over `days`. */
  start: Date;
  days?: number;
  /** A scored situation (by index in bank order) that is harder for women of the same ability: invented DIF. */
  difItem?: number;
  /** A scored situation whose answers do not depend on ability: an invented weak item. */
  weakItem?: number;
  /** How much less often people aged 45 and over pass screening, in logits: invented adverse impact. */
  olderScreeningPenalty?: number;
  /** Share of completed assessments followed by the optional survey. */
  surveyShare?: number;
  /** Share of candidates who take the assessment in English (the rest in Japanese). */
  englishShare?: number;
  /** Share of candidates who switch language once, part-way through the situations. */
  languageSwitchShare?: number;
  /** A scored situation (by index in bank order) that is harder in English for people of the same ability: invented DIF. */
  languageDifItem?: number;
};

const HOUR = 3600_000;
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Invents a job's cohort of applications, written straight to the tables as the portal would have left
 * them: candidates who drop out at every step, are screened out, take the assessment (answers with times,
 * partial and missing ones among them), sign, submit and are moved through the office's stages with the
 * events the pipeline writes, with a voluntary gender answer and a date of birth. Nothing is real. The
 * language each answer was given in comes from a stream of its own, so adding it changed nothing else.
 */
export async function seedReportCohort(db: Db, options: CohortOptions): Promise<{ applications: number; completedAttempts: number }> {
  const random = seededRandom(options.seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const chance = (p: number) => random() < p;
  const languageRandom = seededRandom(options.seed ^ 0x5bd1e995);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const job = await findJob(db, options.jobId);
  if (!job) throw new Error(`job ${options.jobId} is not seeded`);
  const set = await latestQuestionSet(db, questionSetOfJob(job));
  if (!set) throw new Error(`job ${options.jobId} has no question set`);
  const jobVersionId = await currentJobVersion(db, job, options.start);

  const presented = options.bank.items.filter((i) => i.status === "live" || i.status === "pilot");
  const situations = presented.filter((i): i is SituationItem => i.exercise === "situations");
  const scored = situations.filter((i) => i.status === "live" && i.scored);
  const pairs = presented.filter((i) => i.exercise === "workstyle");
  const difficulty = new Map(situations.map((i) => [i.id, -1.2 + random() * 1.6]));
  const surveyIds = options.bank.pages.survey.questions.map((q) => q.id);

  const apps: (typeof applications.$inferInsert)[] = [];
  const genders: (typeof selfIdentifications.$inferInsert)[] = [];
  const attempts: (typeof assessmentAttempts.$inferInsert)[] = [];
  const answers: (typeof assessmentAnswers.$inferInsert)[] = [];
  const surveys: (typeof assessmentSurveys.$inferInsert)[] = [];
  const events: (typeof domainEvents.$inferInsert)[] = [];
  const answerRows: (typeof applicationAnswers.$inferInsert)[] = [];

  for (let n = 0; n < options.candidates; n++) {
    const id = randomUUID();
    const createdAt = new Date(options.start.getTime() + random() * (options.days ?? 40) * 24 * HOUR);
    const ability = normal();
    const gender = chance(0.46) ? "female" : chance(0.88) ? "male" : "noAnswer";
    const age = 19 + Math.floor(random() * 44);
    const birthYear = createdAt.getUTCFullYear() - age - 1;
    const birthDate = `${birthYear}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
    const older = age >= 45;
    const row: typeof applications.$inferInsert = {
      id,
      reference: `RC${String(n).padStart(5, "0")}-${options.seed}`,
      candidateId: randomUUID(),
      jobId: options.jobId,
      questionSetId: set.id,
      jobVersionId,
      createdAt,
      updatedAt: createdAt,
      state: "draft",
      completedPages: [],
    };
    apps.push(row);
    let at = createdAt.getTime();
    const later = (minHours: number, spreadHours: number) => {
      at += (minHours + random() * spreadHours) * HOUR;
      return new Date(at);
    };
    const pages: string[] = [];
    const done = (page: string) => {
      pages.push(page);
      row.completedPages = [...pages];
    };
    const move = (to: ApplicationState, when: Date, from: ApplicationState) => {
      events.push({
        occurredAt: when,
        actorKind: "staff",
        actorId: null,
        recordKind: "application",
        recordId: id,
        name: "application.moved",
        fromState: from,
        toState: to,
        data: { jobId: options.jobId },
      });
      row.state = to;
      row.updatedAt = when;
    };

    if (!chance(0.95)) continue;
    done("documents");
    if (!chance(0.94)) continue;
    done("personal");
    row.personal = { birthDate } as PersonalDetails;
    if (chance(0.04)) {
      row.state = "screened_out";
      row.screenedOutQuestion = "age18";
      row.screenedOutAt = later(0, 0.2);
      continue;
    }
    if (!chance(0.95)) continue;
    done("eligibility");
    if (!chance(0.96)) continue;
    done("work-authorization");
    if (!chance(0.97)) continue;
    done("self-identification");
    genders.push({ applicationId: id, jobId: options.jobId, gender, recordedAt: new Date(at) });
    answerRows.push({ applicationId: id, questionKey: "age18", value: "yes", answeredAt: new Date(at) });
    if (!chance(0.96)) continue;
    done("pledge");
    row.pledgedAt = later(0.1, 2);
    row.state = "assessment_pending";
    if (!chance(0.97)) continue;

    const attemptId = randomUUID();
    const startedAt = later(0.05, 20);
    let language: "ja" | "en" = languageRandom() < (options.englishShare ?? 0.3) ? "en" : "ja";
    const switchAt = languageRandom() < (options.languageSwitchShare ?? 0.03) ? 1 + Math.floor(languageRandom() * (scored.length - 1)) : -1;
    const attempt: typeof assessmentAttempts.$inferInsert = {
      id: attemptId,
      candidateId: row.candidateId,
      applicationId: id,
      bankId: options.bank.bankId,
      bankVersion: options.bank.version,
      deviceHash: `device-${n}`,
      startedAt,
    };
    attempts.push(attempt);
    const finished = chance(0.92);
    const missing = chance(0.03) ? pick(scored).id : null;
    const partial = chance(0.03) ? pick(scored).id : null;
    let clock = startedAt.getTime();
    for (const item of situations) {
      const shownAt = new Date(clock);
      const ms = Math.round(12_000 + Math.exp(3.4 + 0.5 * normal()) * 1000);
      clock += ms + 2000;
      if (!finished && random() < 0.3) break;
      if (item.id === missing) {
        answers.push({ attemptId, itemId: item.id, itemVersion: item.version, answer: null, firstShownAt: shownAt, locale: language });
        continue;
      }
      const ranked = item.options.map((o) => o.id).sort((a, b) => (item.key.effectiveness[b] ?? 0) - (item.key.effectiveness[a] ?? 0));
      const keyedBest = ranked[0] as string;
      const keyedWorst = ranked[ranked.length - 1] as string;
      const index = scored.indexOf(item);
      if (switchAt >= 0 && index === switchAt) language = language === "ja" ? "en" : "ja";
      const abilityHere = index === options.weakItem ? normal() : ability;
      const shift = (index === options.difItem && gender === "female") || (index === options.languageDifItem && language === "en") ? -1.3 : 0;
      const best = random() < logistic(1.4 * (abilityHere - (difficulty.get(item.id) ?? 0)) + shift) ? keyedBest : pick(ranked.slice(1));
      let worst = random() < logistic(1.1 * (abilityHere - (difficulty.get(item.id) ?? 0) + 0.3)) ? keyedWorst : pick(ranked.slice(0, -1));
      if (worst === best) worst = ranked.find((o) => o !== best && o !== keyedBest) ?? keyedWorst;
      const answer = encodeSituationPicks({ best, worst: item.id === partial ? null : worst });
      answers.push({
        attemptId,
        itemId: item.id,
        itemVersion: item.version,
        answer,
        version: 1,
        firstShownAt: shownAt,
        answeredAt: new Date(clock),
        msToAnswer: ms,
        locale: language,
      });
    }
    if (!finished) continue;
    for (const item of pairs) {
      const ms = Math.round(3000 + Math.exp(1.8 + 0.5 * normal()) * 1000);
      answers.push({
        attemptId,
        itemId: item.id,
        itemVersion: item.version,
        answer: String(pick([-2, -1, 1, 2])),
        version: 1,
        firstShownAt: new Date(clock),
        answeredAt: new Date(clock + ms),
        msToAnswer: ms,
        locale: language,
      });
      clock += ms + 1000;
    }
    at = clock;
    attempt.state = "completed";
    attempt.completedAt = new Date(clock);
    attempt.validUntil = new Date(clock + 180 * 24 * HOUR);
    row.assessmentDoneAt = new Date(clock);
    row.state = "assessment_done";
    if (chance(options.surveyShare ?? 0.6)) {
      const opinion = random() < 0.5 ? 1 : 0;
      surveys.push({
        attemptId,
        bankId: options.bank.bankId,
        answers: Object.fromEntries(surveyIds.filter(() => chance(0.95)).map((q) => [q, Math.min(5, Math.max(1, 3 + opinion + Math.round(normal())))])),
        submittedAt: new Date(clock + 60_000),
      });
    }
    if (!chance(0.95)) continue;
    row.signedAt = later(0.05, 1);
    row.state = "signed";
    done("signature");
    done("final-questions");
    if (!chance(0.96)) continue;
    row.submittedAt = later(0.02, 0.5);
    row.state = "submitted";
    done("review");

    // The office's stages: screening on ability (and, when asked, less often for the oldest band), then on.
    if (chance(0.1)) continue;
    if (chance(0.05)) {
      move("rejected", later(24, 72), "submitted");
      continue;
    }
    move("screening", later(12, 48), "submitted");
    const screen = random();
    if (screen > 0.9) continue;
    if (screen > 0.85) {
      row.state = "withdrawn";
      continue;
    }
    if (!chance(logistic(0.9 * ability + 0.4 - (older ? (options.olderScreeningPenalty ?? 0) : 0)))) {
      move("rejected", later(24, 72), "screening");
      continue;
    }
    // Now and then the office skips a stage, as it may.
    const skipsScheduling = chance(0.08);
    if (!skipsScheduling) move("interview_scheduling", later(24, 72), "screening");
    if (chance(0.06)) continue;
    move("interviewed", later(48, 120), skipsScheduling ? "screening" : "interview_scheduling");
    if (!chance(logistic(0.6 * ability + 0.2))) {
      move("rejected", later(24, 48), "interviewed");
      continue;
    }
    move("offered", later(24, 72), "interviewed");
    if (chance(0.85)) move("hired", later(24, 120), "offered");
    else if (chance(0.5)) row.state = "withdrawn";
  }

  const insertAll = async <T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
  };
  await insertAll(apps, (b) => db.insert(applications).values(b));
  await insertAll(genders, (b) => db.insert(selfIdentifications).values(b));
  await insertAll(answerRows, (b) => db.insert(applicationAnswers).values(b));
  await insertAll(attempts, (b) => db.insert(assessmentAttempts).values(b));
  await insertAll(answers, (b) => db.insert(assessmentAnswers).values(b));
  await insertAll(surveys, (b) => db.insert(assessmentSurveys).values(b));
  await insertAll(events, (b) => db.insert(domainEvents).values(b));
  return { applications: apps.length, completedAttempts: attempts.filter((a) => a.state === "completed").length };
}
