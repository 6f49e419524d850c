import { readFile } from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { findApplicationFor, recordAssessmentDone } from "../../../modules/applications/application-store.ts";
import type { ApplicationState } from "../../../modules/applications/schema.ts";
import {
  completeAttempt,
  findAttemptOfApplication,
  markShown,
  openAttempt,
  passPage,
  recordAnswer,
  recordEvent,
  saveSurvey,
  setAutoAdvance,
  stepsOf,
} from "../../../modules/assessment/attempts.ts";
import { type ItemBank, loadItemBank } from "../../../modules/assessment/bank/index.ts";
import type { AssessmentAttempt } from "../../../modules/assessment/schema.ts";
import { readItemAnswer } from "../../../modules/assessment/scoring/index.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { PROJECT_ROOT } from "../../../platform/project-root.ts";
import { keyedHash } from "../../../platform/security/secrets.ts";
import { CANDIDATE, PUBLIC } from "../../route-access.ts";
import { candidateActor } from "../apply/own-application.ts";
import type { MessageKey } from "../messages.ts";
import { candidateOf } from "../signed-in.ts";
import { StepPage } from "./player-views.tsx";

const BANK_DIR = path.join(PROJECT_ROOT, "content/assessments/csa-ja");
const EVENT_KINDS = ["focus-lost", "hidden", "paste", "play", "transcript"] as const;

/** An attempt step's context: the application it belongs to, the attempt, and the step URLs' base. */
type Ctx = { application: { id: string; state: ApplicationState }; attempt: AssessmentAttempt; base: string };

function wantsJson(req: FastifyRequest): boolean {
  return String(req.headers.accept ?? "").includes("application/json");
}

/** The online assessment: one page per step with its own URL, every answer saved as it is given. */
export async function assessmentRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const bank: ItemBank = await loadItemBank(BANK_DIR);
  const steps = stepsOf(bank);
  const completionIndex = steps.length - 2;
  const surveyIndex = steps.length - 1;
  const mediaBase = `/assessment-media/${bank.bankId}`;

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
    return Number.isInteger(n) && n >= 1 && n <= steps.length ? n - 1 : -1;
  }

  /** Where this attempt may be now: completed attempts only see the survey; others any step reached so far. */
  function allowed(ctx: Ctx, i: number): boolean {
    if (ctx.attempt.state === "completed") return i === surveyIndex;
    return i >= 0 && i <= ctx.attempt.furthestStep && i < surveyIndex;
  }

  function resumeUrl(ctx: Ctx): string {
    const i = ctx.attempt.state === "completed" ? surveyIndex : Math.min(ctx.attempt.furthestStep, completionIndex);
    return `${ctx.base}/${i + 1}`;
  }

  async function render(reply: FastifyReply, ctx: Ctx, i: number, extra: { notice?: MessageKey | null; error?: MessageKey | null; status?: number } = {}) {
    const step = steps[i]!;
    let answer: string | null = null;
    let version = 0;
    if (step.kind === "item") {
      const row = await markShown(deps.db, { attemptId: ctx.attempt.id, item: step.item, now: deps.now() });
      answer = row.answer;
      version = row.version;
    }
    return reply.page(
      <StepPage
        frame={{ base: ctx.base, step: i, total: steps.length, autoAdvance: ctx.attempt.autoAdvance, notice: extra.notice ?? null, error: extra.error ?? null }}
        bank={bank}
        step={step}
        mediaBase={mediaBase}
        answer={answer}
        version={version}
      />,
      extra.status ?? 200,
    );
  }

  app.get<{ Params: { id: string } }>("/applications/:id/assessment", CANDIDATE, async (req, reply) => {
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
    return reply.seeOther(resumeUrl({ application: found, attempt: opened.attempt, base: `/applications/${found.id}/assessment` }));
  });

  app.get<{ Params: { id: string; n: string } }>("/applications/:id/assessment/:n", CANDIDATE, async (req, reply) => {
    const loaded = await load(req);
    if ("away" in loaded) return reply.seeOther(loaded.away);
    const i = stepIndex(req);
    if (!allowed(loaded.ctx, i)) return reply.seeOther(resumeUrl(loaded.ctx));
    return render(reply, loaded.ctx, i);
  });

  app.post<{ Params: { id: string; n: string } }>("/applications/:id/assessment/:n", CANDIDATE, async (req, reply) => {
    const loaded = await load(req);
    if ("away" in loaded) return reply.seeOther(loaded.away);
    const { ctx } = loaded;
    const i = stepIndex(req);
    if (!allowed(ctx, i)) return reply.seeOther(resumeUrl(ctx));
    const step = steps[i]!;
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
      await passPage(deps.db, { attemptId: ctx.attempt.id, step: i });
      return reply.seeOther(next);
    }
    const answer = readItemAnswer(step.item, body.answer);
    if (!answer) {
      if (wantsJson(req)) return reply.code(400).send({ ok: false });
      return render(reply, ctx, i, { error: "assessment.answer.required", status: 400 });
    }
    const seen = typeof body.v === "string" && /^\d{1,6}$/.test(body.v) ? Number(body.v) : -1;
    const saved = await recordAnswer(deps.db, {
      attemptId: ctx.attempt.id,
      item: step.item,
      step: i,
      // Stored as the bank spells it ("1", not "+1" or " 1"), so the page shows it chosen again.
      answer: "optionId" in answer ? answer.optionId : String(answer.point),
      seenVersion: seen,
      now: deps.now(),
    });
    if (!saved.ok) {
      if (saved.reason === "closed") return reply.seeOther(resumeUrl(ctx));
      if (wantsJson(req)) return reply.code(409).send({ ok: false, stale: true });
      return render(reply, ctx, i, { notice: "assessment.answer.stale", status: 409 });
    }
    if (wantsJson(req)) return reply.send({ ok: true, version: saved.version, next });
    return reply.seeOther(next);
  });

  app.post<{ Params: { id: string } }>("/applications/:id/assessment/settings", CANDIDATE, async (req, reply) => {
    const loaded = await load(req);
    if ("away" in loaded) return reply.seeOther(loaded.away);
    const body = (req.body ?? {}) as Record<string, unknown>;
    await setAutoAdvance(deps.db, { attemptId: loaded.ctx.attempt.id, on: body.autoAdvance === "on" });
    const n = typeof body.step === "string" && /^\d{1,3}$/.test(body.step) ? Number(body.step) : 0;
    return reply.seeOther(n >= 1 && n <= steps.length ? `${loaded.ctx.base}/${n}` : resumeUrl(loaded.ctx));
  });

  app.post<{ Params: { id: string } }>("/applications/:id/assessment/events", CANDIDATE, async (req, reply) => {
    const loaded = await load(req);
    if ("away" in loaded) return reply.seeOther(loaded.away);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const kind = EVENT_KINDS.find((k) => k === body.kind);
    if (!kind || loaded.ctx.attempt.state !== "in_progress") return reply.code(400).send({ ok: false });
    const itemId = typeof body.item === "string" && bank.items.some((it) => it.id === body.item) ? body.item : null;
    await recordEvent(deps.db, { attemptId: loaded.ctx.attempt.id, kind, itemId, now: deps.now() });
    return reply.send({ ok: true });
  });

  app.get<{ Params: { bank: string; file: string } }>("/assessment-media/:bank/audio/:file", PUBLIC, async (req, reply) => {
    if (req.params.bank !== bank.bankId || !/^[a-z0-9-]{1,60}\.mp3$/.test(req.params.file)) throw new AppError("notFound", "no such media");
    const bytes = await readFile(path.join(BANK_DIR, "audio", req.params.file)).catch(() => null);
    if (!bytes) throw new AppError("notFound", "no such media");
    return reply.header("cache-control", "public, max-age=86400").type("audio/mpeg").send(bytes);
  });
}
