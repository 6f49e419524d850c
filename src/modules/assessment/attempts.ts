import { createHash, randomUUID } from "node:crypto";
import { and, desc, eq, gt, lte, ne, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import { preparedStatement } from "../../platform/db/prepared.ts";
import { isUuid } from "../../platform/db/uuid.ts";
import { SESSION_TOUCH_AFTER_MS } from "../../platform/security/sessions.ts";
import { enqueueJob } from "../../platform/worker/background-jobs.ts";
import { may, type Principal } from "../access/policy.ts";
import { recordAssessmentDone } from "../applications/application-store.ts";
import { type ApplicationState, applications } from "../applications/schema.ts";
import type { Actor } from "../events/append-event.ts";
import { changeAttemptState } from "./attempt-state.ts";
import { type AssessmentStep, assessmentSteps, audioSecondsOf, hashText, type Item, type ItemBank, type Locale, minimumAnswerMs } from "./bank/index.ts";
import { applyNorm, latestNorm, measureAttempt, queueNormRecompute } from "./norms/index.ts";
import { type AssessmentAnswer, type AssessmentAttempt, assessmentAnswers, assessmentAttempts, assessmentEvents, assessmentSurveys } from "./schema.ts";
import { isCompleteAnswer, readStoredAnswer, SCORING_VERSION, scoreAssessment } from "./scoring/index.ts";

/** A run of this many identical work-style answers in a row is flagged. */
export const LONG_RUN = 8;

const stepCache = new WeakMap<ItemBank, AssessmentStep[]>();

/** How many attempts' orders are kept: every save and page of an attempt needs its order, and drawing it is not free. */
const RECENT_ORDERS = 2048;
const recentOrders = new WeakMap<ItemBank, Map<number, AssessmentStep[]>>();

/** An attempt's steps, drawn again only when the attempt has not been seen lately (least recently used go first). */
function recentStepsOf(bank: ItemBank, seed: number): AssessmentStep[] {
  let orders = recentOrders.get(bank);
  if (!orders) {
    orders = new Map();
    recentOrders.set(bank, orders);
  }
  const known = orders.get(seed);
  if (known) {
    orders.delete(seed);
    orders.set(seed, known);
    return known;
  }
  const steps = assessmentSteps(bank, seed);
  orders.set(seed, steps);
  if (orders.size > RECENT_ORDERS) orders.delete(orders.keys().next().value as number);
  return steps;
}

/**
 * The seed of an attempt's item and option order. It is derived from the attempt's id, a random UUID
 * stored with the attempt, so every attempt has its own order, a resumed attempt (on any device) gets
 * the same one, and a reviewer can rebuild it, with nothing extra to store.
 */
export function attemptSeed(attempt: { id: string }): number {
  return hashText(attempt.id);
}

/**
 * The bank's steps. With an attempt's seed (`attemptSeed`), the items come in that attempt's order;
 * without one, in bank order, computed once per loaded bank.
 */
export function stepsOf(bank: ItemBank, seed?: number): AssessmentStep[] {
  if (seed !== undefined) return recentStepsOf(bank, seed);
  let steps = stepCache.get(bank);
  if (!steps) {
    steps = assessmentSteps(bank);
    stepCache.set(bank, steps);
  }
  return steps;
}

/** Adds whole calendar months, as "valid for 6 months" means to a person. */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * What the assessment's first page finds for a candidate, without changing anything (it is read on GET):
 * - `resume`: their attempt for this application, in progress;
 * - `reuse`: a completed result of this bank version still valid, so nothing to take again;
 * - `start`: nothing yet. `continuing` is an attempt in progress from an earlier application of theirs
 *   (starting carries it on), `olderVersion` a result still valid but for another version of the bank,
 *   which cannot stand for this one: the page says why the candidate takes it again.
 */
export type AttemptEntry =
  | { kind: "resume"; attempt: AssessmentAttempt }
  | { kind: "reuse"; attempt: AssessmentAttempt }
  | { kind: "start"; continuing: AssessmentAttempt | null; olderVersion: AssessmentAttempt | null };

/** The candidate's attempts at this bank, newest first. */
async function attemptsAtBank(db: Db, input: { candidateId: string; bankId: string }): Promise<AssessmentAttempt[]> {
  return db
    .select()
    .from(assessmentAttempts)
    .where(and(eq(assessmentAttempts.candidateId, input.candidateId), eq(assessmentAttempts.bankId, input.bankId)))
    .orderBy(desc(assessmentAttempts.startedAt));
}

function stillValid(attempt: AssessmentAttempt, now: Date): boolean {
  return attempt.state === "completed" && attempt.validUntil !== null && attempt.validUntil.getTime() > now.getTime();
}

/** Where a candidate stands with this bank for this application; reads only (see `AttemptEntry`). */
export async function findAttemptEntry(db: Db, input: { candidateId: string; applicationId: string; bank: ItemBank; now: Date }): Promise<AttemptEntry> {
  const rows = await attemptsAtBank(db, { candidateId: input.candidateId, bankId: input.bank.bankId });
  const valid = rows.find((a) => stillValid(a, input.now) && a.bankVersion === input.bank.version);
  if (valid) return { kind: "reuse", attempt: valid };
  const open = rows.find((a) => a.state === "in_progress" && a.bankVersion === input.bank.version);
  if (open && open.applicationId === input.applicationId) return { kind: "resume", attempt: open };
  const olderVersion = rows.find((a) => stillValid(a, input.now) && a.bankVersion !== input.bank.version) ?? null;
  return { kind: "start", continuing: open ?? null, olderVersion };
}

export type OpenOutcome = { kind: "attempt"; attempt: AssessmentAttempt } | { kind: "reused"; attempt: AssessmentAttempt };

/**
 * Starts (or carries on) the candidate's attempt at this bank, on their say-so (「ここから始める」): a
 * completed result of this bank version still valid is reused; an attempt in progress of this version is
 * resumed (from any device, and from an earlier application of theirs); otherwise a new attempt begins. A
 * result of another bank version is never reused: its answers were given to other items.
 */
export async function openAttempt(
  db: Db,
  input: { candidateId: string; applicationId: string; bank: ItemBank; deviceHash: string; now: Date },
): Promise<OpenOutcome> {
  const entry = await findAttemptEntry(db, input);
  if (entry.kind === "reuse") return { kind: "reused", attempt: entry.attempt };
  if (entry.kind === "resume") return { kind: "attempt", attempt: entry.attempt };
  if (entry.continuing) {
    // An attempt started from an earlier application of the same candidate continues under this one.
    const [moved] = await db
      .update(assessmentAttempts)
      .set({ applicationId: input.applicationId })
      .where(eq(assessmentAttempts.id, entry.continuing.id))
      .returning();
    return { kind: "attempt", attempt: moved! };
  }
  const [created] = await db
    .insert(assessmentAttempts)
    .values({
      id: randomUUID(),
      candidateId: input.candidateId,
      applicationId: input.applicationId,
      bankId: input.bank.bankId,
      bankVersion: input.bank.version,
      deviceHash: input.deviceHash,
      startedAt: input.now,
    })
    .returning();
  return { kind: "attempt", attempt: created! };
}

/**
 * The step a candidate resumes at: the first item up to the furthest step reached whose answer is not
 * whole (a situation with one pick only), else the furthest step, never past the completion page.
 */
export function resumeStep(
  steps: readonly AssessmentStep[],
  attempt: Pick<AssessmentAttempt, "furthestStep">,
  answers: ReadonlyMap<string, { answer: string | null }>,
): number {
  const limit = Math.min(attempt.furthestStep, steps.length - 2);
  for (let i = 0; i < limit; i++) {
    const step = steps[i];
    if (step?.kind !== "item") continue;
    if (!isCompleteAnswer(readStoredAnswer(step.item, answers.get(step.item.id)?.answer))) return i;
  }
  return limit;
}

/**
 * The application (its id and state, if the access policy lets the principal reach it) and its attempt at
 * this bank, in one query: every answer goes through here, so it stays one round trip.
 */
export async function findAttemptOfApplication(
  db: Db,
  input: { principal: Principal; applicationId: string; bankId: string },
): Promise<{ application: { id: string; state: ApplicationState; candidateId: string }; attempt: AssessmentAttempt | null } | null> {
  if (!isUuid(input.applicationId)) return null;
  const [row] = await db
    .select({ id: applications.id, state: applications.state, candidateId: applications.candidateId, attempt: assessmentAttempts })
    .from(applications)
    .leftJoin(assessmentAttempts, and(eq(assessmentAttempts.applicationId, applications.id), eq(assessmentAttempts.bankId, input.bankId)))
    .where(eq(applications.id, input.applicationId))
    .limit(1);
  if (!row || !may(input.principal, "change", { kind: "assessment-attempt", candidateId: row.candidateId })) return null;
  return { application: { id: row.id, state: row.state, candidateId: row.candidateId }, attempt: row.attempt };
}

/** The answers of an attempt by item id. */
export async function answersOfAttempt(db: Db, attemptId: string): Promise<Map<string, AssessmentAnswer>> {
  const rows = await db.select().from(assessmentAnswers).where(eq(assessmentAnswers.attemptId, attemptId));
  return new Map(rows.map((r) => [r.itemId, r]));
}

/** The row of one item of an attempt, if the candidate has acted on it (answered, played, read its transcript). */
export async function answerOf(db: Db, input: { attemptId: string; itemId: string }): Promise<AssessmentAnswer | null> {
  const [row] = await db
    .select()
    .from(assessmentAnswers)
    .where(and(eq(assessmentAnswers.attemptId, input.attemptId), eq(assessmentAnswers.itemId, input.itemId)));
  return row ?? null;
}

export type AnswerOutcome = { ok: true; version: number } | { ok: false; reason: "stale"; current: AssessmentAnswer | null } | { ok: false; reason: "closed" };

/** One save of an item's answer, as the page sent it. */
export type AnswerSave = {
  item: Item;
  step: number;
  answer: string;
  complete: boolean;
  seenVersion: number;
  locale: Locale;
  shownAt: Date | null;
  /** The item is a situation with audio, whose transcript is shown when the attempt keeps transcripts open. */
  hasTranscript: boolean;
  now: Date;
};

/** A save's values as its statements place them. */
function answerWriteValues(input: AnswerSave) {
  return {
    itemId: input.item.id,
    itemVersion: input.item.version,
    answer: input.answer,
    complete: input.complete,
    seenVersion: input.seenVersion,
    locale: input.locale,
    hasTranscript: input.hasTranscript,
    now: input.now.toISOString(),
    shown: (input.shownAt ?? input.now).toISOString(),
    timed: input.shownAt !== null,
    step: input.step,
    nextStep: input.step + 1,
  };
}
type AnswerWriteValues = ReturnType<typeof answerWriteValues>;

/**
 * The write of a save, after a CTE `attempt` that yields the attempt (id, show_transcripts) when it may be
 * saved to, locked: the answer under its version guard, and the attempt moved past the step when the
 * answer is whole and it was not past it already (a changed answer writes no attempt row). Ends with the CTEs `saved` (the new version) and `moved`.
 */
function answerWrite(v: AnswerWriteValues): SQL {
  return sql`
    saved AS (
      INSERT INTO assessment_answers AS a
        (attempt_id, item_id, item_version, answer, version, first_shown_at, answered_at, ms_to_answer, changes, locale, transcript_used)
      SELECT id, ${v.itemId}, ${v.itemVersion}, ${v.answer}, 1, ${v.shown}::timestamptz,
        CASE WHEN ${v.complete}::boolean THEN ${v.now}::timestamptz END,
        CASE WHEN ${v.complete}::boolean AND ${v.timed}::boolean
          THEN GREATEST(0, (EXTRACT(EPOCH FROM (${v.now}::timestamptz - ${v.shown}::timestamptz)) * 1000)::int) END,
        0, ${v.locale}, attempt.show_transcripts AND ${v.hasTranscript}::boolean
      FROM attempt
      WHERE ${v.seenVersion}::int = 0
        OR EXISTS (SELECT 1 FROM assessment_answers WHERE attempt_id = attempt.id AND item_id = ${v.itemId})
      ON CONFLICT (attempt_id, item_id) DO UPDATE SET
        answer = EXCLUDED.answer,
        item_version = EXCLUDED.item_version,
        version = a.version + 1,
        answered_at = COALESCE(a.answered_at, EXCLUDED.answered_at),
        ms_to_answer = CASE WHEN a.answered_at IS NULL AND EXCLUDED.answered_at IS NOT NULL
          THEN GREATEST(0, (EXTRACT(EPOCH FROM (EXCLUDED.answered_at - a.first_shown_at)) * 1000)::int)
          ELSE a.ms_to_answer END,
        changes = a.changes + CASE WHEN a.answered_at IS NOT NULL AND a.answer IS DISTINCT FROM EXCLUDED.answer THEN 1 ELSE 0 END,
        locale = EXCLUDED.locale,
        transcript_used = a.transcript_used OR EXCLUDED.transcript_used
      WHERE a.version = ${v.seenVersion}
      RETURNING a.version
    ),
    moved AS (
      UPDATE assessment_attempts SET furthest_step = ${v.nextStep}
      WHERE id IN (SELECT id FROM attempt) AND furthest_step < ${v.nextStep} AND ${v.complete}::boolean AND EXISTS (SELECT 1 FROM saved)
      RETURNING id
    )`;
}

const recordAnswerStatement = preparedStatement<AnswerWriteValues & { attemptId: string }, { version: number | null; open: number }>(
  "record_answer",
  (v) => sql`
    WITH attempt AS (
      SELECT id, show_transcripts FROM assessment_attempts WHERE id = ${v.attemptId} AND state = 'in_progress' FOR UPDATE
    ),
    ${answerWrite(v)}
    SELECT (SELECT version FROM saved) AS version, (SELECT count(*) FROM attempt)::int AS open`,
);

/**
 * Saves an answer, whole or partial (one pick of a situation), and moves the attempt past its step when
 * it is whole, in one statement: one round trip, atomic, the attempt row locked for its duration. The
 * version guard means an older tab cannot silently overwrite a newer answer: its save matches no row and
 * it is told what happened. An item not yet answered is at version 0 (the page says so), so a first save
 * naming any other version is stale too.
 *
 * The row keeps when the item was first shown (`shownAt`, from the page; unknown for a hand-made request,
 * when the save's own time stands in and no answer time is measured), when the answer was first whole and
 * how long that took, how often a whole answer was changed, the interface language of the latest save, and
 * whether the transcript was shown (the item has one and the candidate keeps transcripts open).
 */
export async function recordAnswer(db: Db, input: AnswerSave & { attemptId: string }): Promise<AnswerOutcome> {
  const [row] = await recordAnswerStatement(db, { ...answerWriteValues(input), attemptId: input.attemptId });
  if (row && row.version !== null) return { ok: true, version: Number(row.version) };
  if (!row || Number(row.open) === 0) return { ok: false, reason: "closed" };
  const current = await answerOf(db, { attemptId: input.attemptId, itemId: input.item.id });
  return { ok: false, reason: "stale", current: current ?? null };
}

type SaveInSessionValues = AnswerWriteValues & {
  sessionIdHash: string;
  idleExpiresAt: string;
  touchedBefore: string;
  applicationId: string;
  attemptId: string;
  bankId: string;
};

const recordAnswerInSessionStatement = preparedStatement<SaveInSessionValues, { version: number | null }>(
  "record_answer_in_session",
  (v) => sql`
    WITH session AS (
      SELECT principal_id, last_seen_at FROM sessions
      WHERE id_hash = ${v.sessionIdHash} AND principal_kind = 'candidate'
        AND idle_expires_at > ${v.now}::timestamptz AND absolute_expires_at > ${v.now}::timestamptz
    ),
    touched AS (
      UPDATE sessions SET last_seen_at = ${v.now}::timestamptz, idle_expires_at = ${v.idleExpiresAt}::timestamptz
      WHERE id_hash = ${v.sessionIdHash}
        AND EXISTS (SELECT 1 FROM session WHERE last_seen_at < ${v.touchedBefore}::timestamptz)
      RETURNING 1
    ),
    attempt AS (
      SELECT t.id, t.show_transcripts FROM assessment_attempts t
      JOIN applications p ON p.id = t.application_id
      WHERE t.id = ${v.attemptId} AND t.application_id = ${v.applicationId} AND t.bank_id = ${v.bankId}
        AND t.state = 'in_progress' AND t.furthest_step >= ${v.step}
        AND p.state = 'assessment_pending' AND p.candidate_id = (SELECT principal_id FROM session)
      FOR UPDATE OF t
    ),
    ${answerWrite(v)}
    SELECT (SELECT version FROM saved) AS version`,
);

/**
 * The save of an item page as one statement that is also its own access check: the candidate's session
 * (live, by the hash of its id; its idle time extended as resuming it would), the attempt (this bank's, in
 * progress, of this application, which is the session's candidate's and waits for its assessment, with the
 * step reached) and the version guard, then the write. Saved, it answers the new version; anything else
 * (no session, someone else's attempt, a stale version, a closed attempt) answers null, and the caller
 * takes the usual path, which finds out which it was and answers accordingly.
 */
export async function recordAnswerInSession(
  db: Db,
  input: AnswerSave & { session: { idHash: string; idleMs: number }; applicationId: string; attemptId: string; bankId: string },
): Promise<number | null> {
  if (!isUuid(input.applicationId) || !isUuid(input.attemptId)) return null;
  const at = input.now.getTime();
  const [row] = await recordAnswerInSessionStatement(db, {
    ...answerWriteValues(input),
    sessionIdHash: input.session.idHash,
    idleExpiresAt: new Date(at + input.session.idleMs).toISOString(),
    touchedBefore: new Date(at - SESSION_TOUCH_AFTER_MS).toISOString(),
    applicationId: input.applicationId,
    attemptId: input.attemptId,
    bankId: input.bankId,
  });
  return row && row.version !== null ? Number(row.version) : null;
}

/** Moves past a page of text (intro, instructions). */
export async function passPage(db: Db, input: { attemptId: string; step: number }): Promise<void> {
  await db
    .update(assessmentAttempts)
    .set({ furthestStep: sql`GREATEST(${assessmentAttempts.furthestStep}, ${input.step + 1})` })
    .where(and(eq(assessmentAttempts.id, input.attemptId), eq(assessmentAttempts.state, "in_progress")));
}

/** The player's settings for this attempt (the auto-advance page and ヘルプ): auto-advance, and transcripts kept open. */
export async function saveSettings(db: Db, input: { attemptId: string; autoAdvance: boolean; showTranscripts?: boolean }): Promise<void> {
  await db
    .update(assessmentAttempts)
    .set({ autoAdvance: input.autoAdvance, ...(input.showTranscripts === undefined ? {} : { showTranscripts: input.showTranscripts }) })
    .where(eq(assessmentAttempts.id, input.attemptId));
}

export const INTEGRITY_EVENT_KINDS = ["focus-lost", "hidden", "paste"] as const;
export type IntegrityEventKind = (typeof INTEGRITY_EVENT_KINDS)[number];

/** Records an integrity event reported by the page (focus or visibility lost, paste). */
export async function recordEvent(db: Db, input: { attemptId: string; kind: IntegrityEventKind; itemId: string | null; now: Date }): Promise<void> {
  await db.insert(assessmentEvents).values({ attemptId: input.attemptId, kind: input.kind, itemId: input.itemId, at: input.now });
}

/**
 * The integrity signals of an attempt, for reviewers: information, never a verdict. Accommodations
 * (transcripts, the settings chosen in ヘルプ) are not among them.
 */
export async function integritySignals(db: Db, input: { attempt: AssessmentAttempt; bank: ItemBank }): Promise<Record<string, unknown>> {
  const events = await db
    .select({ kind: assessmentEvents.kind, n: sql<number>`count(*)::int` })
    .from(assessmentEvents)
    .where(eq(assessmentEvents.attemptId, input.attempt.id))
    .groupBy(assessmentEvents.kind);
  const count = (k: string) => events.find((e) => e.kind === k)?.n ?? 0;
  const answers = await answersOfAttempt(db, input.attempt.id);
  const fastAnswers = tooFastItemIds(input.bank, [...answers.values()]);
  const steps = stepsOf(input.bank, attemptSeed(input.attempt));
  const pairs = steps.flatMap((s) => (s.kind === "item" && s.item.exercise === "workstyle" ? [answers.get(s.item.id)?.answer ?? null] : []));
  let longestRun = 0;
  let run = 0;
  pairs.forEach((a, i) => {
    run = a !== null && a === pairs[i - 1] ? run + 1 : 1;
    longestRun = Math.max(longestRun, a === null ? 0 : run);
  });
  const sameDevice = await db
    .selectDistinct({ candidateId: assessmentAttempts.candidateId })
    .from(assessmentAttempts)
    .where(and(eq(assessmentAttempts.deviceHash, input.attempt.deviceHash), ne(assessmentAttempts.candidateId, input.attempt.candidateId)));
  return {
    focusLosses: count("focus-lost") + count("hidden"),
    pastes: count("paste"),
    fastAnswers,
    longestIdenticalRun: longestRun,
    longRun: longestRun >= LONG_RUN,
    accountsSharingDevice: sameDevice.length,
  };
}

/**
 * The items answered faster than their plausible minimum time (see reading-time.ts): text at a skimming
 * pace in the language the answer was given in, plus the audio, or the transcript when the candidate read
 * it instead. An answer stored without its language is held to the faster of the two, which errs towards
 * not flagging.
 */
export function tooFastItemIds(
  bank: ItemBank,
  answers: readonly (Pick<AssessmentAnswer, "itemId" | "msToAnswer" | "transcriptUsed"> & { locale?: Locale | null })[],
): string[] {
  const items = new Map(bank.items.map((i) => [i.id, i]));
  const clips = audioSecondsOf(bank);
  return answers
    .filter((a) => {
      const item = items.get(a.itemId);
      if (!item || a.msToAnswer === null) return false;
      const audioSeconds = item.exercise === "situations" && item.media ? clips.get(item.media.src) : undefined;
      return a.msToAnswer < minimumAnswerMs(item, { audioSeconds, transcriptUsed: a.transcriptUsed, ...(a.locale ? { locale: a.locale } : {}) });
    })
    .map((a) => a.itemId);
}

/** A fingerprint of an attempt's answers in item order: equal fingerprints mean identical answer patterns. */
export function answersFingerprint(answers: Iterable<Pick<AssessmentAnswer, "itemId" | "answer">>): string {
  const pattern = [...answers]
    .sort((a, b) => a.itemId.localeCompare(b.itemId))
    .map((a) => `${a.itemId}=${a.answer}`)
    .join("&");
  return createHash("sha256").update(pattern).digest("hex");
}

export const IDENTICAL_PATTERNS_JOB = "assessment.identical-patterns";

/**
 * Counts the other candidates whose completed attempt at the same bank has exactly this attempt's answers,
 * by the stored fingerprint (one indexed lookup, whatever the number of attempts), and stores the count with
 * the attempt's integrity signals. Run by the worker after completion, off the request path.
 */
export async function checkIdenticalPatterns(db: Db, attemptId: string): Promise<void> {
  if (!isUuid(attemptId)) return;
  await db.execute(sql`
    UPDATE assessment_attempts AS a
    SET integrity = COALESCE(a.integrity, '{}'::jsonb) || jsonb_build_object('identicalAnswerPatternWith', (
      SELECT count(DISTINCT o.candidate_id)::int FROM assessment_attempts o
      WHERE o.bank_id = a.bank_id AND o.answers_hash = a.answers_hash AND o.candidate_id <> a.candidate_id AND o.state = 'completed'))
    WHERE a.id = ${attemptId} AND a.answers_hash IS NOT NULL`);
}

/**
 * Completes an attempt: scores it on the server with the bank version it used, measures it, norms it on
 * the bank version's current norm (or on none yet), stores the integrity signals, keeps the result valid
 * for the bank's validity period, and moves the application on, in one transaction. The identical-pattern
 * check and the norm's recomputation are queued for the worker.
 */
export async function completeAttempt(db: Db, input: { attempt: AssessmentAttempt; bank: ItemBank; now: Date; actor: Actor }): Promise<void> {
  if (input.attempt.state === "completed") return;
  const answers = await answersOfAttempt(db, input.attempt.id);
  const items = input.bank.items;
  const given = [...answers.values()].flatMap((a) => {
    const item = items.find((i) => i.id === a.itemId);
    const read = item ? readStoredAnswer(item, a.answer) : null;
    return read ? [read] : [];
  });
  const score = scoreAssessment(input.bank, given);
  const measures = measureAttempt(input.bank, given);
  const key = { bankId: input.bank.bankId, bankVersion: input.bank.version, scoringVersion: SCORING_VERSION };
  const norm = await latestNorm(db, key);
  const integrity = await integritySignals(db, input);
  await db.transaction(async (tx) => {
    const [attempt] = await tx.select().from(assessmentAttempts).where(eq(assessmentAttempts.id, input.attempt.id)).for("update");
    if (!attempt) return;
    const completed = await changeAttemptState(tx, {
      attempt,
      event: "complete",
      actor: input.actor,
      now: input.now,
      patch: {
        completedAt: input.now,
        validUntil: addMonths(input.now, input.bank.resultValidityMonths),
        score: score as unknown as Record<string, unknown>,
        scoringVersion: SCORING_VERSION,
        measures,
        result: applyNorm(measures, norm, key),
        normVersion: norm?.version ?? null,
        integrity,
        answersHash: answersFingerprint(answers.values()),
      },
      data: { scoringVersion: SCORING_VERSION, normVersion: norm?.version ?? null },
    });
    if (!completed) return;
    await enqueueJob(tx, {
      kind: IDENTICAL_PATTERNS_JOB,
      payload: { attemptId: attempt.id },
      dedupeKey: `${IDENTICAL_PATTERNS_JOB}:${attempt.id}`,
      runAt: input.now,
    });
    await queueNormRecompute(tx, { ...key, now: input.now });
    await recordAssessmentDone(tx, { applicationId: attempt.applicationId, now: input.now, actor: input.actor, reused: false });
  });
}

/** Saves the optional survey (any subset of answers, 1–5), once. */
export async function saveSurvey(db: Db, input: { attempt: AssessmentAttempt; answers: Record<string, number>; now: Date }): Promise<void> {
  await db
    .insert(assessmentSurveys)
    .values({ attemptId: input.attempt.id, bankId: input.attempt.bankId, answers: input.answers, submittedAt: input.now })
    .onConflictDoNothing();
}

/** A completed result of this bank version still valid, if the candidate has one. */
export async function validResult(db: Db, input: { candidateId: string; bankId: string; bankVersion: number; now: Date }): Promise<AssessmentAttempt | null> {
  const [row] = await db
    .select()
    .from(assessmentAttempts)
    .where(
      and(
        eq(assessmentAttempts.candidateId, input.candidateId),
        eq(assessmentAttempts.bankId, input.bankId),
        eq(assessmentAttempts.bankVersion, input.bankVersion),
        eq(assessmentAttempts.state, "completed"),
        gt(assessmentAttempts.validUntil, input.now),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * The completed attempt behind each application that has passed the assessment: its own, or the earlier
 * result it reused, which is the newest attempt completed by the time the application's assessment was done.
 */
export async function attemptsBehindApplications(
  db: Db,
  input: { candidateId: string; bankId: string; applications: readonly { id: string; assessmentDoneAt: Date | null }[] },
): Promise<Map<string, AssessmentAttempt>> {
  const behind = new Map<string, AssessmentAttempt>();
  const done = input.applications.filter((a) => a.assessmentDoneAt !== null);
  if (done.length === 0) return behind;
  const latestDone = new Date(Math.max(...done.map((a) => a.assessmentDoneAt!.getTime())));
  const attempts = await db
    .select()
    .from(assessmentAttempts)
    .where(
      and(
        eq(assessmentAttempts.candidateId, input.candidateId),
        eq(assessmentAttempts.bankId, input.bankId),
        eq(assessmentAttempts.state, "completed"),
        lte(assessmentAttempts.completedAt, latestDone),
      ),
    )
    .orderBy(desc(assessmentAttempts.completedAt));
  for (const application of done) {
    const attempt = attempts.find((a) => a.completedAt!.getTime() <= application.assessmentDoneAt!.getTime());
    if (attempt) behind.set(application.id, attempt);
  }
  return behind;
}
