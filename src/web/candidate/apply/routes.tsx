import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { lookupPostalCode } from "../../../modules/addresses/index.ts";
import { AFTER_ASSESSMENT, BEFORE_ASSESSMENT, canOpen, isClosed, resumePoint, type WizardPage } from "../../../modules/applications/application-state.ts";
import {
  answersOf,
  findOwnApplication,
  givePledge,
  listOwnApplications,
  questionSetOf,
  type SaveOutcome,
  saveAnswers,
  saveDocumentsChoice,
  savePersonalDetails,
  selfIdentificationOf,
  signApplication,
  startApplication,
  submitApplication,
  withdrawApplication,
} from "../../../modules/applications/application-store.ts";
import { ageOn, personalDetailsFormValues, personalDetailsSchema } from "../../../modules/applications/personal-details.ts";
import { findKnockout, readQuestionPage } from "../../../modules/applications/question-answers.ts";
import { type QuestionPageId, questionPage } from "../../../modules/applications/question-set.ts";
import type { Application } from "../../../modules/applications/schema.ts";
import { findCandidateById } from "../../../modules/candidates/candidate-repo.ts";
import type { Candidate } from "../../../modules/candidates/schema.ts";
import { listDocuments } from "../../../modules/documents/document-store.ts";
import { findJob, isAcceptingApplications } from "../../../modules/jobs/job-repo.ts";
import type { Job } from "../../../modules/jobs/schema.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { emptyForm, type FormState, parseForm, withError } from "../../../platform/http/form.ts";
import { noticeFromQuery } from "../../../platform/http/notices.ts";
import type { Locale } from "../../../platform/i18n/catalogue.ts";
import type { MessageKey } from "../../../platform/i18n/messages.ts";
import { normaliseText, optionalTextField } from "../../../platform/text/japanese-input.ts";
import { documentStatusFromQuery } from "../documents/views.tsx";
import { HelpPage, JobSnapshotPage, MyApplicationsPage, WITHDRAWAL_REASONS, WithdrawConfirmPage, WithdrawPage } from "../my-applications/views.tsx";
import { DocumentsStepPage } from "./documents-page.tsx";
import { CompletePage, OverviewPage, PersonalPage, PledgePage, QuestionPage, ReviewPage, ScreenedOutPage, SignaturePage } from "./page-views.tsx";

type Ctx = { candidate: Candidate; app: Application; job: Job };

const QUESTION_PAGES = ["eligibility", "work-authorization", "self-identification", "final-questions"] as const satisfies readonly QuestionPageId[];

/** The job as the application saw it: the snapshot taken when it started. */
export function snapshotJob(app: Application): Job {
  const s = app.jobSnapshot as unknown as Job & { datePosted: string; validThrough: string };
  return { ...s, datePosted: new Date(s.datePosted), validThrough: new Date(s.validThrough), createdAt: app.createdAt, updatedAt: app.createdAt };
}

/** Today in Japan, as YYYY-MM-DD: ages and start dates are Japanese calendar days. */
export function japanToday(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Does the typed signature name the candidate's legal name (alphabet or kanji, either order, any spacing or width)? */
export function signatureMatches(typed: string, app: Application): boolean {
  const p = app.personal;
  if (!p) return false;
  const squash = (s: string) =>
    normaliseText(s)
      .toLowerCase()
      .replace(/[\s・.,'-]/g, "");
  const t = squash(typed);
  if (!t) return false;
  const latin = [p.givenNameLatin, p.middleNameLatin ?? "", p.familyNameLatin];
  const candidates = [
    latin.join(""),
    [p.familyNameLatin, p.givenNameLatin, p.middleNameLatin ?? ""].join(""),
    p.givenNameLatin + p.familyNameLatin,
    p.familyNameLatin + p.givenNameLatin,
  ];
  if (p.familyNameKanji && p.givenNameKanji) candidates.push(p.familyNameKanji + p.givenNameKanji, p.givenNameKanji + p.familyNameKanji);
  candidates.push(p.familyNameKana + p.givenNameKana);
  return candidates.map(squash).includes(t);
}

function versionOf(body: unknown): number {
  const raw = (body as Record<string, unknown> | undefined)?.version;
  const n = typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : -1;
  return n;
}

function intentOf(body: unknown): "save" | "continue" | "lookup" | "skip" {
  const raw = (body as Record<string, unknown> | undefined)?.intent;
  return raw === "save" || raw === "lookup" || raw === "skip" ? raw : "continue";
}

const NOTICES = {
  saved: "applications.saved",
  withdrawn: "applications.withdraw.done",
  closed: "applications.closed",
  assessmentReused: "assessment.reused",
} as const satisfies Record<string, MessageKey>;

function noticeFrom(query: unknown): MessageKey | null {
  return noticeFromQuery(query, NOTICES);
}

/** The six-step application, e-signature, final questions, 応募した求人 and withdrawal. */
export async function applicationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  async function signedInCandidate(req: FastifyRequest, reply: FastifyReply): Promise<Candidate | null> {
    const candidate = req.candidate ? await findCandidateById(deps.db, req.candidate.id) : null;
    if (!candidate) reply.seeOther(`/login?return_to=${encodeURIComponent(req.url)}`);
    return candidate;
  }

  /** Access check first: the candidate's own application or a 404, then where this page may be opened. */
  async function load(req: FastifyRequest, reply: FastifyReply, page: WizardPage | null): Promise<Ctx | null> {
    const candidate = await signedInCandidate(req, reply);
    if (!candidate) return null;
    const application = await findOwnApplication(deps.db, { applicationId: (req.params as { id: string }).id, candidateId: candidate.id });
    if (!application) throw new AppError("notFound", "no such application for this candidate");
    if (page && !canOpen(application, page)) {
      reply.seeOther(placeOf(application));
      return null;
    }
    return { candidate, app: application, job: snapshotJob(application) };
  }

  function placeOf(a: Application): string {
    const point = resumePoint(a);
    if (point === "closed") return a.state === "screened_out" ? `/applications/${a.id}/screened-out` : "/account/applications?notice=closed";
    return `/applications/${a.id}/${point}`;
  }

  function afterSave(reply: FastifyReply, outcome: SaveOutcome, ctx: Ctx, page: WizardPage, intent: string, next: () => string): FastifyReply | null {
    if (!outcome.ok) {
      if (outcome.reason === "closed") return reply.seeOther(placeOf(ctx.app));
      return null;
    }
    if (outcome.application.state === "screened_out") return reply.seeOther(`/applications/${ctx.app.id}/screened-out`);
    return reply.seeOther(intent === "save" ? `/applications/${ctx.app.id}/${page}?notice=saved` : next());
  }

  // ---- Start and resume -----------------------------------------------------------------------
  app.get<{ Params: { id: string } }>("/jobs/:id/apply", async (req, reply) => {
    const job = await findJob(deps.db, req.params.id);
    if (!job) throw new AppError("notFound", `no job ${req.params.id}`);
    if (!isAcceptingApplications(job, deps.now())) return reply.seeOther(`/jobs/${job.id}`);
    const candidate = await signedInCandidate(req, reply);
    if (!candidate) return reply;
    const started = await startApplication(deps.db, { candidateId: candidate.id, job, now: deps.now() });
    if (!started.ok) {
      if (started.application) return reply.seeOther(placeOf(started.application));
      throw new AppError("notFound", "job has no question set");
    }
    return reply.seeOther(placeOf(started.application));
  });

  app.get<{ Params: { id: string } }>("/applications/:id/resume", async (req, reply) => {
    const ctx = await load(req, reply, null);
    if (!ctx) return reply;
    return reply.seeOther(placeOf(ctx.app));
  });

  app.get<{ Params: { id: string } }>("/applications/:id", async (req, reply) => {
    const ctx = await load(req, reply, null);
    if (!ctx) return reply;
    const links: Record<string, boolean> = { resume: !isClosed(ctx.app.state) };
    for (const p of [...BEFORE_ASSESSMENT, ...AFTER_ASSESSMENT]) links[p] = canOpen(ctx.app, p);
    links.assessment = ctx.app.state === "assessment_pending";
    return reply.page(<OverviewPage app={ctx.app} job={ctx.job} links={links} />);
  });

  // ---- STEP 1: documents ------------------------------------------------------------------------
  async function renderDocuments(req: FastifyRequest, reply: FastifyReply, ctx: Ctx, error: MessageKey | null, stale = false, status = 200) {
    const documents = await listDocuments(deps.db, ctx.candidate.id);
    return reply.page(
      <DocumentsStepPage
        app={ctx.app}
        job={ctx.job}
        version={ctx.app.pageVersions.documents ?? 0}
        documents={documents}
        status={documentStatusFromQuery(req.query)}
        error={error}
        stale={stale}
      />,
      status,
    );
  }

  app.get<{ Params: { id: string } }>("/applications/:id/documents", async (req, reply) => {
    const ctx = await load(req, reply, "documents");
    if (!ctx) return reply;
    return renderDocuments(req, reply, ctx, null);
  });

  app.post<{ Params: { id: string } }>("/applications/:id/documents", async (req, reply) => {
    const ctx = await load(req, reply, "documents");
    if (!ctx) return reply;
    const intent = intentOf(req.body);
    const documents = intent === "skip" ? [] : await listDocuments(deps.db, ctx.candidate.id);
    if (intent !== "skip" && documents.length === 0) return renderDocuments(req, reply, ctx, "applications.documents.none", false, 400);
    const outcome = await saveDocumentsChoice(deps.db, {
      applicationId: ctx.app.id,
      seenVersion: versionOf(req.body),
      now: deps.now(),
      documentIds: documents.map((d) => d.id),
    });
    return (
      afterSave(reply, outcome, ctx, "documents", "continue", () => `/applications/${ctx.app.id}/personal`) ??
      renderDocuments(
        req,
        reply,
        { ...ctx, app: (await findOwnApplication(deps.db, { applicationId: ctx.app.id, candidateId: ctx.candidate.id }))! },
        null,
        true,
        409,
      )
    );
  });

  // ---- STEP 1: personal details -----------------------------------------------------------------
  function personalDefaults(ctx: Ctx): Record<string, string> {
    if (ctx.app.personal) return personalDetailsFormValues(ctx.app.personal);
    const c = ctx.candidate;
    return {
      familyNameLatin: c.familyNameLatin,
      givenNameLatin: c.givenNameLatin,
      familyNameKanji: c.familyName,
      givenNameKanji: c.givenName,
      email: c.email,
      phone: c.phone.startsWith("+81") ? `0${c.phone.slice(3)}` : c.phone,
      phoneType: "mobile",
      country: "JP",
    };
  }

  app.get<{ Params: { id: string } }>("/applications/:id/personal", async (req, reply) => {
    const ctx = await load(req, reply, "personal");
    if (!ctx) return reply;
    return reply.page(
      <PersonalPage
        app={ctx.app}
        job={ctx.job}
        version={ctx.app.pageVersions.personal ?? 0}
        form={{ values: personalDefaults(ctx), errors: {} }}
        notice={noticeFrom(req.query)}
      />,
    );
  });

  app.post<{ Params: { id: string } }>("/applications/:id/personal", async (req, reply) => {
    const ctx = await load(req, reply, "personal");
    if (!ctx) return reply;
    // 書類をアップロードせず先へ進む belongs to the documents page; anywhere else it means go on.
    const asked = intentOf(req.body);
    const intent = asked === "skip" ? "continue" : asked;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const version = versionOf(body);
    const values = Object.fromEntries(
      Object.entries(body)
        .filter(([k, v]) => typeof v === "string" && k !== "_csrf")
        .map(([k, v]) => [k, String(v).slice(0, 300)]),
    );
    if (intent === "lookup") {
      const [found] = await lookupPostalCode(String(body.postalCode ?? ""));
      const form: FormState = found
        ? { values: { ...values, postalCode: found.postalCode, prefecture: found.prefecture, city: found.city + found.town }, errors: {} }
        : { values, errors: { postalCode: "applications.personal.lookup.notFound" } };
      return reply.page(
        <PersonalPage app={ctx.app} job={ctx.job} version={version} form={form} notice={found ? "applications.personal.lookup.found" : null} />,
        found ? 200 : 400,
      );
    }
    const parsed = parseForm(personalDetailsSchema(japanToday(deps.now())), body);
    if (!parsed.ok) return reply.page(<PersonalPage app={ctx.app} job={ctx.job} version={version} form={{ ...parsed.form, values }} />, 400);
    const outcome = await savePersonalDetails(deps.db, {
      applicationId: ctx.app.id,
      seenVersion: version,
      now: deps.now(),
      personal: parsed.data,
      complete: intent === "continue",
    });
    const done = afterSave(reply, outcome, ctx, "personal", intent, () => `/applications/${ctx.app.id}/eligibility`);
    if (done) return done;
    const fresh = (await findOwnApplication(deps.db, { applicationId: ctx.app.id, candidateId: ctx.candidate.id }))!;
    return reply.page(
      <PersonalPage
        app={fresh}
        job={ctx.job}
        version={fresh.pageVersions.personal ?? 0}
        form={{ values: personalDefaults({ ...ctx, app: fresh }), errors: {} }}
        stale
      />,
      409,
    );
  });

  // ---- Question pages: STEP 2, 3, 4 and the final questions ----------------------------------------
  const previous: Record<(typeof QUESTION_PAGES)[number], string | null> = {
    eligibility: "personal",
    "work-authorization": "eligibility",
    "self-identification": "work-authorization",
    "final-questions": null,
  };
  const following: Record<(typeof QUESTION_PAGES)[number], string> = {
    eligibility: "work-authorization",
    "work-authorization": "self-identification",
    "self-identification": "pledge",
    "final-questions": "review",
  };

  for (const pageId of QUESTION_PAGES) {
    async function stored(ctx: Ctx) {
      const answers = await answersOf(deps.db, ctx.app.id);
      if (pageId === "self-identification") {
        const gender = await selfIdentificationOf(deps.db, ctx.app.id);
        if (gender) answers.gender = gender;
      }
      return answers;
    }

    async function render(
      reply: FastifyReply,
      ctx: Ctx,
      view: {
        answers: Record<string, string | string[]>;
        consents: Record<string, boolean>;
        errors: Record<string, string>;
        notice?: MessageKey | null;
        stale?: boolean;
        version?: number;
      },
      status = 200,
    ) {
      const set = await questionSetOf(deps.db, ctx.app);
      const page = questionPage(set, pageId);
      const note = pageId === "eligibility" ? "applications.eligibility.note" : pageId === "self-identification" ? "applications.selfId.note" : undefined;
      const back = previous[pageId] ? `/applications/${ctx.app.id}/${previous[pageId]}` : null;
      return reply.page(
        <QuestionPage
          app={ctx.app}
          job={ctx.job}
          version={view.version ?? ctx.app.pageVersions[pageId] ?? 0}
          wizardPage={pageId}
          page={page}
          answers={view.answers}
          consents={view.consents}
          errors={view.errors}
          back={back}
          notice={view.notice ?? null}
          stale={view.stale ?? false}
          {...(note ? { note: note as MessageKey } : {})}
        />,
        status,
      );
    }

    app.get<{ Params: { id: string } }>(`/applications/:id/${pageId}`, async (req, reply) => {
      const ctx = await load(req, reply, pageId);
      if (!ctx) return reply;
      const answers = await stored(ctx);
      const set = await questionSetOf(deps.db, ctx.app);
      const consents = Object.fromEntries(
        questionPage(set, pageId)
          .questions.filter((q) => q.sensitivity === "sensitive" && answers[q.key] !== undefined)
          .map((q) => [q.key, true]),
      );
      return render(reply, ctx, { answers, consents, errors: {}, notice: noticeFrom(req.query) });
    });

    app.post<{ Params: { id: string } }>(`/applications/:id/${pageId}`, async (req, reply) => {
      const ctx = await load(req, reply, pageId);
      if (!ctx) return reply;
      const intent = intentOf(req.body);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const set = await questionSetOf(deps.db, ctx.app);
      const page = questionPage(set, pageId);
      const read = readQuestionPage(page, body, req.locale as Locale, intent === "save" ? "save" : "continue");
      if (intent !== "save" && pageId === "eligibility" && read.answers.age18 && ctx.app.personal?.birthDate) {
        const adult = ageOn(ctx.app.personal.birthDate, japanToday(deps.now())) >= 18;
        if ((read.answers.age18 === "yes") !== adult) read.errors.age18 = "applications.age.mismatch";
      }
      if (Object.keys(read.errors).length > 0) return render(reply, ctx, { ...read, version: versionOf(body) }, 400);
      const knockout = intent === "save" ? null : findKnockout(page, read.answers);
      const outcome = await saveAnswers(deps.db, {
        applicationId: ctx.app.id,
        page: pageId,
        seenVersion: versionOf(body),
        now: deps.now(),
        questions: page.questions,
        answers: read.answers,
        consents: read.consents,
        complete: intent !== "save",
        knockout: knockout ? { question: knockout.question.key, answer: knockout.answer } : null,
      });
      const returnToReview = (req.query as { return?: unknown }).return === "review" || body.return === "review";
      const done = afterSave(
        reply,
        outcome,
        ctx,
        pageId,
        intent,
        () => `/applications/${ctx.app.id}/${returnToReview && pageId === "final-questions" ? "review" : following[pageId]}`,
      );
      if (done) return done;
      const fresh = (await findOwnApplication(deps.db, { applicationId: ctx.app.id, candidateId: ctx.candidate.id }))!;
      return render(reply, { ...ctx, app: fresh }, { answers: await stored({ ...ctx, app: fresh }), consents: {}, errors: {}, stale: true }, 409);
    });
  }

  // ---- STEP 5: pledge ------------------------------------------------------------------------------
  app.get<{ Params: { id: string } }>("/applications/:id/pledge", async (req, reply) => {
    const ctx = await load(req, reply, "pledge");
    if (!ctx) return reply;
    return reply.page(<PledgePage app={ctx.app} job={ctx.job} version={ctx.app.pageVersions.pledge ?? 0} form={emptyForm} />);
  });

  app.post<{ Params: { id: string } }>("/applications/:id/pledge", async (req, reply) => {
    const ctx = await load(req, reply, "pledge");
    if (!ctx) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.consent !== "yes") {
      return reply.page(
        <PledgePage app={ctx.app} job={ctx.job} version={versionOf(body)} form={withError(emptyForm, "consent", "applications.pledge.consent.required")} />,
        400,
      );
    }
    const outcome = await givePledge(deps.db, { applicationId: ctx.app.id, seenVersion: versionOf(body), now: deps.now() });
    return (
      afterSave(reply, outcome, ctx, "pledge", "continue", () => `/applications/${ctx.app.id}/assessment`) ??
      reply.seeOther(`/applications/${ctx.app.id}/pledge`)
    );
  });

  // ---- STEP 6: e-signature, final questions, review, submit --------------------------------------------
  function signatureExample(a: Application): string {
    return a.personal ? `${a.personal.givenNameLatin} ${a.personal.familyNameLatin}` : "Hanako Yamada";
  }

  app.get<{ Params: { id: string } }>("/applications/:id/signature", async (req, reply) => {
    const ctx = await load(req, reply, "signature");
    if (!ctx) return reply;
    return reply.page(
      <SignaturePage
        app={ctx.app}
        job={ctx.job}
        version={ctx.app.pageVersions.signature ?? 0}
        form={{ values: { signature: ctx.app.signedName ?? "" }, errors: {} }}
        example={signatureExample(ctx.app)}
        notice={noticeFrom(req.query)}
      />,
    );
  });

  const ZSignatureSchema = z.object({
    signature: optionalTextField("applications.signature.required").pipe(
      z.string({ error: "applications.signature.required" }).max(100, "applications.answer.tooLong"),
    ),
  });

  app.post<{ Params: { id: string } }>("/applications/:id/signature", async (req, reply) => {
    const ctx = await load(req, reply, "signature");
    if (!ctx) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(ZSignatureSchema, body);
    const version = versionOf(body);
    const example = signatureExample(ctx.app);
    if (!parsed.ok) return reply.page(<SignaturePage app={ctx.app} job={ctx.job} version={version} form={parsed.form} example={example} />, 400);
    if (!signatureMatches(parsed.data.signature, ctx.app)) {
      return reply.page(
        <SignaturePage
          app={ctx.app}
          job={ctx.job}
          version={version}
          form={withError({ values: { signature: parsed.data.signature }, errors: {} }, "signature", "applications.signature.mismatch")}
          example={example}
        />,
        400,
      );
    }
    const outcome = await signApplication(deps.db, {
      applicationId: ctx.app.id,
      seenVersion: version,
      now: deps.now(),
      name: parsed.data.signature,
      statement: req.t("applications.signature.statement"),
      ip: req.ip,
      userAgent: String(req.headers["user-agent"] ?? ""),
    });
    const toReview = (req.query as { return?: unknown }).return === "review" && ctx.app.completedPages.includes("final-questions");
    return (
      afterSave(reply, outcome, ctx, "signature", "continue", () => `/applications/${ctx.app.id}/${toReview ? "review" : "final-questions"}`) ??
      reply.seeOther(`/applications/${ctx.app.id}/signature`)
    );
  });

  app.get<{ Params: { id: string } }>("/applications/:id/review", async (req, reply) => {
    const ctx = await load(req, reply, "review");
    if (!ctx) return reply;
    const set = await questionSetOf(deps.db, ctx.app);
    return reply.page(
      <ReviewPage app={ctx.app} job={ctx.job} version={0} set={set} answers={await answersOf(deps.db, ctx.app.id)} notice={noticeFrom(req.query)} />,
    );
  });

  app.post<{ Params: { id: string } }>("/applications/:id/submit", async (req, reply) => {
    const candidate = await signedInCandidate(req, reply);
    if (!candidate) return reply;
    const own = await findOwnApplication(deps.db, { applicationId: req.params.id, candidateId: candidate.id });
    if (!own) throw new AppError("notFound", "no such application for this candidate");
    const outcome = await submitApplication(deps.db, {
      applicationId: own.id,
      now: deps.now(),
      recipient: candidate.email,
      locale: req.locale,
      orgName: deps.config.orgName,
      helpEmail: deps.config.helpEmail,
      baseUrl: deps.config.publicBaseUrl,
    });
    if (!outcome.ok) return reply.seeOther(placeOf(own));
    if (outcome.firstTime) deps.nudgeOutbox();
    return reply.seeOther(`/applications/${own.id}/complete`);
  });

  app.get<{ Params: { id: string } }>("/applications/:id/complete", async (req, reply) => {
    const ctx = await load(req, reply, null);
    if (!ctx) return reply;
    if (ctx.app.state !== "submitted") return reply.seeOther(placeOf(ctx.app));
    return reply.page(<CompletePage app={ctx.app} job={ctx.job} />);
  });

  app.get<{ Params: { id: string } }>("/applications/:id/screened-out", async (req, reply) => {
    const ctx = await load(req, reply, null);
    if (!ctx) return reply;
    if (ctx.app.state !== "screened_out") return reply.seeOther(placeOf(ctx.app));
    const set = await questionSetOf(deps.db, ctx.app);
    const question = set.pages.flatMap((p) => p.questions).find((q) => q.key === ctx.app.screenedOutQuestion);
    return reply.page(<ScreenedOutPage job={ctx.job} reason={question?.knockout?.reason[req.locale] ?? ""} />);
  });

  // ---- 応募した求人 and withdrawal -------------------------------------------------------------------
  app.get("/account/applications", async (req, reply) => {
    const candidate = await signedInCandidate(req, reply);
    if (!candidate) return reply;
    const rows = await listOwnApplications(deps.db, candidate.id);
    const items = rows.map((a) => ({ app: a, title: snapshotJob(a).title[req.locale] }));
    return reply.page(<MyApplicationsPage items={items} notice={noticeFrom(req.query)} />);
  });

  app.get<{ Params: { id: string } }>("/account/applications/:id/job", async (req, reply) => {
    const ctx = await load(req, reply, null);
    if (!ctx) return reply;
    return reply.page(<JobSnapshotPage job={ctx.job} />);
  });

  const ZWithdrawSchema = z.object({
    reason: z.enum(WITHDRAWAL_REASONS, { error: "applications.withdraw.reason.required" }),
    note: optionalTextField("form.invalid").pipe(z.string().max(500, "applications.answer.tooLong").optional()),
  });

  async function withdrawable(req: FastifyRequest, reply: FastifyReply): Promise<Ctx | null> {
    const ctx = await load(req, reply, null);
    if (!ctx) return null;
    if (ctx.app.state === "withdrawn" || ctx.app.state === "screened_out") {
      reply.seeOther("/account/applications?notice=closed");
      return null;
    }
    return ctx;
  }

  app.get<{ Params: { id: string } }>("/applications/:id/withdraw", async (req, reply) => {
    const ctx = await withdrawable(req, reply);
    if (!ctx) return reply;
    return reply.page(<WithdrawPage app={ctx.app} job={ctx.job} form={emptyForm} />);
  });

  app.post<{ Params: { id: string } }>("/applications/:id/withdraw", async (req, reply) => {
    const ctx = await withdrawable(req, reply);
    if (!ctx) return reply;
    const parsed = parseForm(ZWithdrawSchema, req.body);
    if (!parsed.ok) return reply.page(<WithdrawPage app={ctx.app} job={ctx.job} form={parsed.form} />, 400);
    return reply.page(<WithdrawConfirmPage app={ctx.app} job={ctx.job} reason={parsed.data.reason} note={parsed.data.note ?? ""} />);
  });

  app.post<{ Params: { id: string } }>("/applications/:id/withdraw/confirm", async (req, reply) => {
    const ctx = await withdrawable(req, reply);
    if (!ctx) return reply;
    const parsed = parseForm(ZWithdrawSchema, req.body);
    if (!parsed.ok) return reply.page(<WithdrawPage app={ctx.app} job={ctx.job} form={parsed.form} />, 400);
    const outcome = await withdrawApplication(deps.db, {
      applicationId: ctx.app.id,
      now: deps.now(),
      reason: parsed.data.reason,
      note: parsed.data.note,
      recipient: ctx.candidate.email,
      locale: req.locale,
      orgName: deps.config.orgName,
    });
    if (outcome.ok) deps.nudgeOutbox();
    return reply.seeOther(`/account/applications?notice=${outcome.ok ? "withdrawn" : "closed"}`);
  });

  app.get("/help", async (_req, reply) => reply.page(<HelpPage />));
}
