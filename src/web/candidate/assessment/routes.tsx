import { readFile } from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AFTER_ASSESSMENT } from "../../../modules/applications/application-state.ts";
import { findApplicationFor, recordAssessmentDone } from "../../../modules/applications/application-store.ts";
import type { ApplicationState } from "../../../modules/applications/schema.ts";
import {
  type AnswerSave,
  answerOf,
  answersOfAttempt,
  attemptSeed,
  completeAttempt,
  findAttemptEntry,
  findAttemptOfApplication,
  INTEGRITY_EVENT_KINDS,
  openAttempt,
  passPage,
  recordAnswer,
  recordAnswerInSession,
  recordEvent,
  resumeStep,
  saveSettings,
  saveSurvey,
  stepsOf,
} from "../../../modules/assessment/attempts.ts";
import type { AssessmentStep, Item, ItemBank, SituationItem } from "../../../modules/assessment/bank/index.ts";
import { recordPlay, recordTranscriptUse } from "../../../modules/assessment/media-use.ts";
import type { AssessmentAttempt } from "../../../modules/assessment/schema.ts";
import { encodeItemAnswer, isCompleteAnswer, readAnswerForm, readStoredAnswer, type SituationPicks } from "../../../modules/assessment/scoring/index.ts";
import { readShownToken, shownToken } from "../../../modules/assessment/shown-token.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { sessionCookieName } from "../../../platform/http/surface-session.ts";
import { keyedHash } from "../../../platform/security/secrets.ts";
import { CANDIDATE_SESSIONS, hashSessionId } from "../../../platform/security/sessions.ts";
import { CANDIDATE, PUBLIC } from "../../route-access.ts";
import { candidateActor } from "../apply/own-application.ts";
import type { MessageKey } from "../messages.ts";
import { candidateOf } from "../signed-in.ts";
import { CANDIDATE_BANK_DIR, loadCandidateBank } from "./candidate-bank.ts";
import { type ItemError, type ItemState, ReusePage, StartPage, StepPage } from "./player-views.tsx";

/** An answer as an item page's form gives it. */
type ReadAnswer = NonNullable<ReturnType<typeof readAnswerForm>>;

/** An attempt step's context: the application it belongs to, the attempt, and the step URLs' base. */
type Ctx = { application: { id: string; state: ApplicationState }; attempt: AssessmentAttempt; base: string };

function wantsJson(req: FastifyRequest): boolean {
  return String(req.headers.accept ?? "").includes("application/json");
}

/** Why a situation's submitted picks are not a whole answer, by what is missing. */
function situationProblem(body: Record<string, unknown>): ItemError {
  const given = (name: string) => typeof body[name] === "string" && body[name] !== "";
  if (given("best") && given("worst") && body.best === body.worst) return { key: "assessment.answer.same", groups: ["worst"] };
  if (given("best") && !given("worst")) return { key: "assessment.answer.worstRequired", groups: ["worst"] };
  if (given("worst") && !given("best")) return { key: "assessment.answer.bestRequired", groups: ["best"] };
  return { key: "assessment.answer.bothRequired", groups: ["best", "worst"] };
}

/** The online assessment: one page per step with its own URL, every answer saved as it is given. */
export async function assessmentRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const bank: ItemBank = await loadCandidateBank();
  // Where each kind of page sits never depends on the attempt's seed: only the items within blocks move.
  const bankSteps = stepsOf(bank);
  const total = bankSteps.length;
  const completionIndex = total - 2;
  const surveyIndex = total - 1;
  const autoAdvanceIndex = bankSteps.findIndex((s) => s.kind === "page" && s.page.id === bank.pages.autoAdvance.id);
  const mediaBase = `/assessment-media/${bank.bankId}`;
  const sessionCookie = sessionCookieName(deps.config, "candidate");
  const situations = new Map(bank.items.flatMap((i): [string, SituationItem][] => (i.exercise === "situations" ? [[i.id, i]] : [])));

  /** The attempt's own steps: items and options in the order of its seed. */
  const stepsOfAttempt = (attempt: Pick<AssessmentAttempt, "id">): AssessmentStep[] => stepsOf(bank, attemptSeed(attempt));

  /**
   * The attempt behind a step URL, found through the access policy in one query: in progress while the
   * application waits for it, or just completed (survey). Null means "not usable now": go to `away`.
   */
  async function load(req: FastifyRequest): Promise<{ ctx: Ctx } | { away: string }> {
    const owned = await findAttemptOfApplication(deps.db, {
      principal: { kind: "candidate", id: candidateOf(req).id },
      applicationId: (req.params as { id: string }).id,
      bankId: bank.bankId,
    });
    if (!owned) throw new AppError("notFound", "no such application for this candidate");
    const { application, attempt } = owned;
    const base = `/applications/${application.id}/assessment`;
    const usable = attempt && (application.state === "assessment_pending" || (attempt.state === "completed" && application.state === "assessment_done"));
    if (!attempt || !usable) return { away: application.state === "assessment_pending" ? base : `/applications/${application.id}/resume` };
    return { ctx: { application, attempt, base } };
  }

  function stepIndex(req: FastifyRequest): number {
    const n = Number((req.params as { n: string }).n);
    return Number.isInteger(n) && n >= 1 && n <= total ? n - 1 : -1;
  }

  /** Where this attempt may be now: completed attempts only see the survey; others any step reached so far. */
  function allowed(ctx: Ctx, i: number): boolean {
    if (ctx.attempt.state === "completed") return i === surveyIndex;
    return i >= 0 && i <= ctx.attempt.furthestStep && i < surveyIndex;
  }

  /** The furthest step reached, or a step before it whose answer is not whole (a situation with one pick). */
  async function resumeUrl(ctx: Ctx): Promise<string> {
    if (ctx.attempt.state === "completed") return `${ctx.base}/${surveyIndex + 1}`;
    const answers = await answersOfAttempt(deps.db, ctx.attempt.id);
    return `${ctx.base}/${resumeStep(stepsOfAttempt(ctx.attempt), ctx.attempt, answers) + 1}`;
  }

  async function render(
    reply: FastifyReply,
    ctx: Ctx,
    i: number,
    extra: { notice?: MessageKey | null; error?: ItemError | null; status?: number; autoAdvanceChoice?: boolean | null } = {},
  ) {
    const steps = stepsOfAttempt(ctx.attempt);
    const step = steps[i]!;
    let item: ItemState | null = null;
    if (step.kind === "item") {
      // Reading only: the time of showing travels in the page (shown-token.ts) and is stored by the first save.
      const row = await answerOf(deps.db, { attemptId: ctx.attempt.id, itemId: step.item.id });
      const stored = readStoredAnswer(step.item, row?.answer);
      item = {
        picks: stored && "best" in stored ? { best: stored.best, worst: stored.worst } : null,
        point: stored && "point" in stored ? String(stored.point) : null,
        version: row?.version ?? 0,
        plays: row?.plays ?? 0,
        shown: shownToken(deps.config.secret, { attemptId: ctx.attempt.id, itemId: step.item.id, at: deps.now() }),
        attempt: ctx.attempt.id,
      };
    }
    // The auto-advance page asks for an explicit choice: nothing is preselected until the candidate has made it.
    const chosen = ctx.attempt.furthestStep > autoAdvanceIndex ? ctx.attempt.autoAdvance : null;
    return reply.page(
      <StepPage
        frame={{
          base: ctx.base,
          step: i,
          total,
          autoAdvance: ctx.attempt.autoAdvance,
          showTranscripts: ctx.attempt.showTranscripts,
          notice: extra.notice ?? null,
          error: extra.error ?? null,
        }}
        bank={bank}
        step={step}
        seed={attemptSeed(ctx.attempt)}
        mediaBase={mediaBase}
        pagesAfter={AFTER_ASSESSMENT.length}
        item={item}
        autoAdvanceChoice={extra.autoAdvanceChoice === undefined ? chosen : extra.autoAdvanceChoice}
      />,
      extra.status ?? 200,
    );
  }

  /** A save of `item`'s answer at step `i` as the request sent it. */
  function answerSave(req: FastifyRequest, item: Item, i: number, answer: ReadAnswer, shownAt: Date | null): AnswerSave {
    const body = (req.body ?? {}) as Record<string, unknown>;
    return {
      item,
      step: i,
      // Stored as the bank spells it ("best=a;worst=c", "1" not "+1"), so the page shows it chosen again.
      answer: encodeItemAnswer(answer),
      complete: isCompleteAnswer(answer),
      seenVersion: typeof body.v === "string" && /^\d{1,6}$/.test(body.v) ? Number(body.v) : -1,
      locale: req.locale,
      shownAt,
      hasTranscript: item.exercise === "situations" && item.media !== undefined,
      now: deps.now(),
    };
  }

  /**
   * An item page's save in one statement, before the candidate's session is resumed (the surface runs it,
   * see `signedInStatement`): the form names its attempt, and the signed time of showing proves that the
   * item at this step of that attempt is the one the page showed. Whatever is unusual (no session, another
   * candidate's attempt, a stale version, a form without its attempt, one pick of two from a form that
   * must show the page again) answers false, and the request takes the usual path, which answers it.
   */
  async function saveInOneStatement(req: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const sessionId = req.cookies[sessionCookie];
    const attemptId = body.attempt;
    const i = stepIndex(req);
    if (!sessionId || sessionId.length > 100 || typeof attemptId !== "string" || i < 0) return false;
    const step = stepsOfAttempt({ id: attemptId })[i];
    if (step?.kind !== "item") return false;
    const shownAt = readShownToken(deps.config.secret, { attemptId, itemId: step.item.id, token: body.shown, now: deps.now() });
    const answer = readAnswerForm(step.item, body);
    if (!shownAt || !answer || (!isCompleteAnswer(answer) && !wantsJson(req))) return false;
    const save = answerSave(req, step.item, i, answer, shownAt);
    const applicationId = (req.params as { id: string }).id;
    const version = await recordAnswerInSession(deps.db, {
      ...save,
      session: { idHash: hashSessionId(sessionId), idleMs: CANDIDATE_SESSIONS.idleMs },
      applicationId,
      attemptId,
      bankId: bank.bankId,
    });
    if (version === null) return false;
    const next = `/applications/${applicationId}/assessment/${i + 2}`;
    if (!wantsJson(req)) reply.seeOther(next);
    else reply.send(save.complete ? { ok: true, version, next } : { ok: true, version });
    return true;
  }

  // The assessment's first page. It only reads: starting (or reusing a result) is the POST below.
  app.get<{ Params: { id: string } }>("/applications/:id/assessment", CANDIDATE, async (req, reply) => {
    const candidate = candidateOf(req);
    const found = await findApplicationFor(deps.db, { principal: { kind: "candidate", id: candidate.id }, applicationId: req.params.id });
    if (!found) throw new AppError("notFound", "no such application for this candidate");
    if (found.state !== "assessment_pending") return reply.seeOther(`/applications/${found.id}/resume`);
    const entry = await findAttemptEntry(deps.db, { candidateId: found.candidateId, applicationId: found.id, bank, now: deps.now() });
    const base = `/applications/${found.id}/assessment`;
    if (entry.kind === "resume") return reply.seeOther(await resumeUrl({ application: found, attempt: entry.attempt, base }));
    if (entry.kind === "reuse") {
      return reply.page(<ReusePage action={base} takenAt={entry.attempt.completedAt ?? entry.attempt.startedAt} validUntil={entry.attempt.validUntil!} />);
    }
    return reply.page(
      <StartPage
        action={base}
        minutes={bank.estimatedMinutes}
        continuing={entry.continuing !== null}
        olderVersionTakenAt={entry.olderVersion ? (entry.olderVersion.completedAt ?? entry.olderVersion.startedAt) : null}
      />,
    );
  });

  // 「ここから始める」 (or 次へ past a reused result).
  app.post<{ Params: { id: string } }>("/applications/:id/assessment", CANDIDATE, async (req, reply) => {
    const candidate = candidateOf(req);
    const found = await findApplicationFor(deps.db, { principal: { kind: "candidate", id: candidate.id }, applicationId: req.params.id });
    if (!found) throw new AppError("notFound", "no such application for this candidate");
    if (found.state !== "assessment_pending") return reply.seeOther(`/applications/${found.id}/resume`);
    const opened = await openAttempt(deps.db, {
      candidateId: found.candidateId,
      applicationId: found.id,
      bank,
      deviceHash: keyedHash(deps.config.secret, "device", req.browserKey),
      now: deps.now(),
    });
    if (opened.kind === "reused") {
      await recordAssessmentDone(deps.db, { applicationId: found.id, now: deps.now(), actor: candidateActor(req), reused: true });
      return reply.seeOther(`/applications/${found.id}/signature?notice=assessmentReused`);
    }
    return reply.seeOther(await resumeUrl({ application: found, attempt: opened.attempt, base: `/applications/${found.id}/assessment` }));
  });

  app.get<{ Params: { id: string; n: string } }>("/applications/:id/assessment/:n", CANDIDATE, async (req, reply) => {
    const loaded = await load(req);
    if ("away" in loaded) return reply.seeOther(loaded.away);
    const i = stepIndex(req);
    if (!allowed(loaded.ctx, i)) return reply.seeOther(await resumeUrl(loaded.ctx));
    return render(reply, loaded.ctx, i);
  });

  app.post<{ Params: { id: string; n: string } }>(
    "/applications/:id/assessment/:n",
    { config: { ...CANDIDATE.config, signedInStatement: saveInOneStatement } },
    async (req, reply) => {
      const loaded = await load(req);
      if ("away" in loaded) return reply.seeOther(loaded.away);
      const { ctx } = loaded;
      const i = stepIndex(req);
      if (!allowed(ctx, i)) return reply.seeOther(await resumeUrl(ctx));
      const step = stepsOfAttempt(ctx.attempt)[i]!;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const next = `${ctx.base}/${i + 2}`;
      if (step.kind === "survey") {
        const answers: Record<string, number> = {};
        for (const q of step.page.questions) {
          const v = body[q.id];
          if (typeof v === "string" && /^[1-5]$/.test(v)) answers[q.id] = Number(v);
        }
        if (Object.keys(answers).length > 0) await saveSurvey(deps.db, { attempt: ctx.attempt, answers, now: deps.now() });
        return reply.seeOther(`/applications/${ctx.application.id}/signature`);
      }
      if (step.kind !== "item") {
        if (i === completionIndex) {
          await completeAttempt(deps.db, { attempt: ctx.attempt, bank, now: deps.now(), actor: candidateActor(req) });
          return reply.seeOther(`${ctx.base}/${surveyIndex + 1}`);
        }
        if (i === autoAdvanceIndex) {
          if (body.autoAdvance !== "on" && body.autoAdvance !== "off") {
            return render(reply, ctx, i, {
              error: { key: "assessment.autoAdvance.required", groups: ["autoAdvance"] },
              status: 400,
              autoAdvanceChoice: null,
            });
          }
          await saveSettings(deps.db, { attemptId: ctx.attempt.id, autoAdvance: body.autoAdvance === "on" });
        }
        await passPage(deps.db, { attemptId: ctx.attempt.id, step: i });
        return reply.seeOther(next);
      }
      const answer = readAnswerForm(step.item, body);
      if (!answer) {
        if (wantsJson(req)) return reply.code(400).send({ ok: false });
        const error: ItemError = step.item.exercise === "situations" ? situationProblem(body) : { key: "assessment.answer.required", groups: ["answer"] };
        return render(reply, ctx, i, { error, status: 400 });
      }
      const complete = isCompleteAnswer(answer);
      const saved = await recordAnswer(deps.db, {
        attemptId: ctx.attempt.id,
        ...answerSave(
          req,
          step.item,
          i,
          answer,
          readShownToken(deps.config.secret, { attemptId: ctx.attempt.id, itemId: step.item.id, token: body.shown, now: deps.now() }),
        ),
      });
      if (!saved.ok) {
        if (saved.reason === "closed") return reply.seeOther(await resumeUrl(ctx));
        if (wantsJson(req)) return reply.code(409).send({ ok: false, stale: true });
        return render(reply, ctx, i, { notice: "assessment.answer.stale", status: 409 });
      }
      // A script's save names the next page only when the answer is whole: one pick of two stays on the page.
      if (wantsJson(req)) return reply.send(complete ? { ok: true, version: saved.version, next } : { ok: true, version: saved.version });
      if (complete) return reply.seeOther(next);
      // One pick without the other, from a form: it is saved; the page asks for the other.
      const picks = answer as SituationPicks;
      return render(reply, ctx, i, { error: situationProblem({ best: picks.best ?? "", worst: picks.worst ?? "" }), status: 400 });
    },
  );

  app.post<{ Params: { id: string } }>("/applications/:id/assessment/settings", CANDIDATE, async (req, reply) => {
    const loaded = await load(req);
    if ("away" in loaded) return reply.seeOther(loaded.away);
    const body = (req.body ?? {}) as Record<string, unknown>;
    await saveSettings(deps.db, { attemptId: loaded.ctx.attempt.id, autoAdvance: body.autoAdvance === "on", showTranscripts: body.transcripts === "on" });
    const n = typeof body.step === "string" && /^\d{1,3}$/.test(body.step) ? Number(body.step) : 0;
    return reply.seeOther(n >= 1 && n <= total ? `${loaded.ctx.base}/${n}` : await resumeUrl(loaded.ctx));
  });

  app.post<{ Params: { id: string } }>("/applications/:id/assessment/events", CANDIDATE, async (req, reply) => {
    const loaded = await load(req);
    if ("away" in loaded) return reply.seeOther(loaded.away);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const kind = INTEGRITY_EVENT_KINDS.find((k) => k === body.kind);
    if (!kind || loaded.ctx.attempt.state !== "in_progress") return reply.code(400).send({ ok: false });
    const itemId = typeof body.item === "string" && bank.items.some((it) => it.id === body.item) ? body.item : null;
    await recordEvent(deps.db, { attemptId: loaded.ctx.attempt.id, kind, itemId, now: deps.now() });
    return reply.send({ ok: true });
  });

  /** The situation with audio a media request names, and when its page was shown. */
  function mediaRequest(req: FastifyRequest, ctx: Ctx): { item: SituationItem; shownAt: Date } | null {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const item = typeof body.item === "string" ? situations.get(body.item) : undefined;
    if (!item?.media) return null;
    const shownAt = readShownToken(deps.config.secret, { attemptId: ctx.attempt.id, itemId: item.id, token: body.shown, now: deps.now() }) ?? deps.now();
    return { item, shownAt };
  }

  // Asked by the player before each play from the beginning: beyond the item's maxPlays, refused (409).
  app.post<{ Params: { id: string } }>("/applications/:id/assessment/plays", CANDIDATE, async (req, reply) => {
    const loaded = await load(req);
    if ("away" in loaded) return reply.code(409).send({ ok: false });
    const media = mediaRequest(req, loaded.ctx);
    if (!media) return reply.code(400).send({ ok: false });
    const counted = await recordPlay(deps.db, { attemptId: loaded.ctx.attempt.id, ...media });
    return reply.code(counted.ok ? 200 : 409).send({ ok: counted.ok });
  });

  // The candidate opened a transcript: an accommodation, recorded on the answer row and nowhere else.
  app.post<{ Params: { id: string } }>("/applications/:id/assessment/transcript", CANDIDATE, async (req, reply) => {
    const loaded = await load(req);
    if ("away" in loaded) return reply.code(409).send({ ok: false });
    const media = mediaRequest(req, loaded.ctx);
    if (!media) return reply.code(400).send({ ok: false });
    return reply.send({ ok: await recordTranscriptUse(deps.db, { attemptId: loaded.ctx.attempt.id, ...media }) });
  });

  app.get<{ Params: { bank: string; file: string } }>("/assessment-media/:bank/audio/:file", PUBLIC, async (req, reply) => {
    if (req.params.bank !== bank.bankId || !/^[a-z0-9-]{1,60}\.mp3$/.test(req.params.file)) throw new AppError("notFound", "no such media");
    const bytes = await readFile(path.join(CANDIDATE_BANK_DIR, "audio", req.params.file)).catch(() => null);
    if (!bytes) throw new AppError("notFound", "no such media");
    return reply.header("cache-control", "public, max-age=86400").type("audio/mpeg").send(bytes);
  });
}
