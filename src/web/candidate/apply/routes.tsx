import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { lookupPostalCode } from "../../../modules/addresses/index.ts";
import {
  AFTER_ASSESSMENT,
  BEFORE_ASSESSMENT,
  canOpen,
  isClosed,
  isPipelineStage,
  pageAfter,
  pageBefore,
  resumePoint,
  type WizardPage,
} from "../../../modules/applications/application-state.ts";
import {
  answersOf,
  findApplicationFor,
  givePledge,
  openApplication,
  questionSetOf,
  type SaveOutcome,
  saveAnswers,
  saveDocumentsChoice,
  savePersonalDetails,
  savePersonalDraft,
  selfIdentificationOf,
  signApplication,
  startApplication,
  submitApplication,
} from "../../../modules/applications/application-store.ts";
import { signatureMatches } from "../../../modules/applications/e-signature.ts";
import { japanToday } from "../../../modules/applications/japan-today.ts";
import { snapshotJob } from "../../../modules/applications/job-snapshot.ts";
import {
  ageOn,
  formatPostalCode,
  personalDetailsFormValues,
  personalDetailsSchema,
  readPersonalDraft,
} from "../../../modules/applications/personal-details.ts";
import { type AnswerProblem, type AnswerValue, answerLabel, findKnockout, readQuestionPage } from "../../../modules/applications/question-answers.ts";
import { type QuestionPageId, questionPage, type TQuestion, type TQuestionPage } from "../../../modules/applications/question-set.ts";
import type { Application, ApplicationWithJob } from "../../../modules/applications/schema.ts";
import { nationalPhone } from "../../../modules/candidates/contact-details.ts";
import { type DocumentSummary, listDocuments } from "../../../modules/documents/document-store.ts";
import { watchJobChanges } from "../../../modules/jobs/job-changes.ts";
import { cachedJobReader, findJob, isAcceptingApplications } from "../../../modules/jobs/job-repo.ts";
import { isPublished } from "../../../modules/jobs/job-state.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { withError } from "../../../platform/http/form.ts";
import { noticeFromQuery } from "../../../platform/http/notices.ts";
import type { Locale } from "../../../platform/i18n/catalogue.ts";
import { optionalTextField } from "../../../platform/text/japanese-input.ts";
import { CANDIDATE, PUBLIC } from "../../route-access.ts";
import { assessmentReportsFor } from "../assessment/report.tsx";
import { consentSourceOf } from "../consent-source.ts";
import { documentStatusFromQuery } from "../documents/views.tsx";
import { keptFormFor } from "../kept-form.ts";
import { LISTS_DOCUMENTS, listedDocuments } from "../listed-with-session.ts";
import { candidateTexts, isMessageKey, type MessageKey } from "../messages.ts";
import { blankForm, type Form, parseForm } from "../page.ts";
import { candidateOf } from "../signed-in.ts";
import { BeforeApplyPage } from "./before-apply-page.tsx";
import { DocumentsStepPage } from "./documents-page.tsx";
import { applicationOf, candidateActor, loadOwnApplication } from "./own-application.ts";
import {
  CompletePage,
  KnockoutConfirmPage,
  OverviewPage,
  PersonalPage,
  PledgePage,
  QuestionPage,
  ReviewPage,
  ScreenedOutPage,
  SignaturePage,
} from "./page-views.tsx";

const QUESTION_PAGES = ["eligibility", "work-authorization", "self-identification", "final-questions"] as const satisfies readonly QuestionPageId[];

const NOTICES = {
  saved: "applications.saved",
  assessmentReused: "assessment.reused",
} as const satisfies Record<string, MessageKey>;

/** A note shown above some question pages. */
const PAGE_NOTES: Partial<Record<(typeof QUESTION_PAGES)[number], MessageKey>> = {
  eligibility: "applications.eligibility.note",
  "self-identification": "applications.selfId.note",
};

/** A form body's text values (each cut to a sane length), to show again. */
function textValues(body: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>)
      .filter(([k, v]) => typeof v === "string" && k !== "_csrf")
      .map(([k, v]) => [k, String(v).slice(0, 300)]),
  );
}

/** A schema's message as a catalogue key; anything else reads as the generic 「入力内容が正しくありません」. */
function messageKeyOr(message: string): MessageKey {
  return isMessageKey(message) ? message : "form.invalid";
}

function versionOf(body: unknown): number {
  const raw = (body as Record<string, unknown> | undefined)?.version;
  return typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : -1;
}

function intentOf(body: unknown): "save" | "continue" | "lookup" | "skip" | "confirmKnockout" {
  const raw = (body as Record<string, unknown> | undefined)?.intent;
  return raw === "save" || raw === "lookup" || raw === "skip" || raw === "confirmKnockout" ? raw : "continue";
}

/** Stored answers as the page's form would send them (a sensitive answer was stored only with its consent). */
function formOfAnswers(page: TQuestionPage, answers: Record<string, AnswerValue>): Record<string, unknown> {
  const body: Record<string, unknown> = { ...answers };
  for (const q of page.questions) if (q.sensitivity === "sensitive" && answers[q.key] !== undefined) body[`${q.key}Consent`] = "yes";
  return body;
}

/** Where a candidate resuming this application belongs now. */
function placeOf(a: Application): string {
  const point = resumePoint(a);
  if (point === "closed") return a.state === "screened_out" ? `/applications/${a.id}/screened-out` : "/account/applications?notice=closed";
  return `/applications/${a.id}/${point}`;
}

/** The page to open instead of this one, when the application cannot show it now (URL tampering, a finished step). */
function elsewhere(a: Application, page: WizardPage): string | null {
  return canOpen(a, page) ? null : placeOf(a);
}

/** The form field's error for a problem with one answer, in the question's own words where it has them. */
function answerError(problem: AnswerProblem, question: TQuestion | undefined, locale: Locale): Form["errors"][string] {
  if (problem === "mustBe") return { key: "applications.answer.mustBe", vars: { message: question?.mustBeMessage?.[locale] ?? "" } };
  if (problem === "clarify") return { key: "applications.answer.clarify", vars: { message: question?.clarify?.message[locale] ?? "" } };
  return { key: `applications.answer.${problem}` };
}

/** The six-step application: start, resume, every page of STEP 1–6, 応募する and the completion page. */
export async function applyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // 応募する on a job page: 「応募に進む前に」, which opens nothing (a GET never changes state).
  app.get<{ Params: { id: string } }>("/jobs/:id/apply", PUBLIC, async (req, reply) => {
    const job = await findJob(deps.db, req.params.id);
    if (!job || !isPublished(job)) throw new AppError("notFound", `no job ${req.params.id}`);
    if (!isAcceptingApplications(job, deps.now())) return reply.seeOther(`/jobs/${job.id}`);
    const existing = req.candidate ? await openApplication(deps.db, req.candidate.id, job.id) : null;
    return reply.page(<BeforeApplyPage job={job} existing={existing} />);
  });

  // Its 「次へ」: opens (or returns to) the application; a session that ran out comes back to the page above.
  app.post<{ Params: { id: string } }>("/jobs/:id/apply", CANDIDATE, async (req, reply) => {
    const job = await findJob(deps.db, req.params.id);
    if (!job || !isPublished(job)) throw new AppError("notFound", `no job ${req.params.id}`);
    if (!isAcceptingApplications(job, deps.now())) return reply.seeOther(`/jobs/${job.id}`);
    const started = await startApplication(deps.db, { candidateId: candidateOf(req).id, job, now: deps.now() });
    if (!started.ok && !started.application) throw new AppError("notFound", "job has no question set");
    return reply.seeOther(placeOf(started.application!));
  });

  await app.register(async (wizard) => {
    loadOwnApplication(wizard);
    refuseClosedJobs(wizard, deps);
    wizardRoutes(wizard, deps);
  });
}

/** Pages that only show where an application stands, and so stay open when its job has closed. */
const STANDING_PAGES = new Set(["/applications/:id", "/applications/:id/complete", "/applications/:id/screened-out"]);

/**
 * A job that is closed (or past its closing date, or no longer published) takes no new applications: an
 * application not yet submitted cannot be taken further, whatever URL is opened or posted. The candidate is
 * sent to the job page, which says the job has closed. Submitted applications are the office's and unaffected.
 */
function refuseClosedJobs(app: FastifyInstance, deps: AppDeps): void {
  // Read through the short job cache every wizard page shares; a change the office makes drops it at once.
  const jobs = cachedJobReader(deps.db, () => deps.now().getTime());
  const stopWatching = watchJobChanges((jobId) => jobs.forget(jobId));
  app.addHook("onClose", async () => stopWatching());
  app.addHook("preHandler", async (req, reply) => {
    const a = req.application;
    if (!a || STANDING_PAGES.has(req.routeOptions.url ?? "") || isClosed(a.state)) return;
    const job = await jobs.read(a.jobId);
    if (job && isAcceptingApplications(job, deps.now())) return;
    return reply.seeOther(job && isPublished(job) ? `/jobs/${a.jobId}` : "/account/applications");
  });
}

function wizardRoutes(app: FastifyInstance, deps: AppDeps): void {
  /** After a save: on to the next page, back to this one (保存する), or to where a closed application belongs. */
  function afterSave(reply: FastifyReply, outcome: SaveOutcome, a: Application, page: WizardPage, intent: string, next: string): FastifyReply | null {
    if (!outcome.ok) return outcome.reason === "closed" ? reply.seeOther(placeOf(a)) : null;
    if (outcome.application.state === "screened_out") return reply.seeOther(`/applications/${a.id}/screened-out`);
    return reply.seeOther(intent === "save" ? `/applications/${a.id}/${page}?notice=saved` : next);
  }

  /** The application as it is now, after another tab saved first. */
  async function fresh(req: FastifyRequest, a: ApplicationWithJob): Promise<ApplicationWithJob> {
    const found = await findApplicationFor(deps.db, { principal: { kind: "candidate", id: candidateOf(req).id }, applicationId: a.id });
    if (!found) throw new AppError("notFound", "the application disappeared");
    return found;
  }

  const pageUrl = (a: Application, page: WizardPage | "assessment") => `/applications/${a.id}/${page}`;

  // ---- Resume and overview ---------------------------------------------------------------------
  app.get<{ Params: { id: string } }>("/applications/:id/resume", CANDIDATE, async (req, reply) => reply.seeOther(placeOf(applicationOf(req))));

  app.get<{ Params: { id: string } }>("/applications/:id", CANDIDATE, async (req, reply) => {
    const a = applicationOf(req);
    const links: Record<string, boolean> = { resume: !isClosed(a.state) };
    for (const p of [...BEFORE_ASSESSMENT, ...AFTER_ASSESSMENT]) links[p] = canOpen(a, p);
    links.assessment = a.state === "assessment_pending";
    return reply.page(<OverviewPage app={a} job={snapshotJob(a)} links={links} />);
  });

  // ---- STEP 1: documents ------------------------------------------------------------------------
  function renderDocuments(
    req: FastifyRequest,
    reply: FastifyReply,
    a: ApplicationWithJob,
    view: { documents: DocumentSummary[]; error: MessageKey | null; stale: boolean },
    status = 200,
  ) {
    const { documents } = view;
    return reply.page(
      <DocumentsStepPage
        app={a}
        job={snapshotJob(a)}
        version={a.pageVersions.documents ?? 0}
        documents={documents}
        status={documentStatusFromQuery(req.query)}
        error={view.error}
        stale={view.stale}
      />,
      status,
    );
  }

  app.get<{ Params: { id: string } }>("/applications/:id/documents", LISTS_DOCUMENTS, async (req, reply) => {
    const a = applicationOf(req);
    const away = elsewhere(a, "documents");
    if (away) return reply.seeOther(away);
    return renderDocuments(req, reply, a, { documents: listedDocuments(req), error: null, stale: false });
  });

  app.post<{ Params: { id: string } }>("/applications/:id/documents", CANDIDATE, async (req, reply) => {
    const a = applicationOf(req);
    const away = elsewhere(a, "documents");
    if (away) return reply.seeOther(away);
    const intent = intentOf(req.body);
    const documents = intent === "skip" ? [] : await listDocuments(deps.db, a.candidateId);
    if (intent !== "skip" && documents.length === 0)
      return renderDocuments(req, reply, a, { documents, error: "applications.documents.none", stale: false }, 400);
    const outcome = await saveDocumentsChoice(deps.db, {
      applicationId: a.id,
      seenVersion: versionOf(req.body),
      now: deps.now(),
      actor: candidateActor(req),
      documentIds: documents.map((d) => d.id),
    });
    return (
      afterSave(reply, outcome, a, "documents", "continue", pageUrl(a, "personal")) ??
      renderDocuments(req, reply, await fresh(req, a), { documents: await listDocuments(deps.db, a.candidateId), error: null, stale: true }, 409)
    );
  });

  // ---- STEP 1: personal details -----------------------------------------------------------------
  /** What the personal-details page shows: the draft 保存する kept over the stored details, or the account's details. */
  function personalDefaults(req: FastifyRequest, a: Application): Record<string, string> {
    const c = candidateOf(req);
    const start = a.personal
      ? personalDetailsFormValues(a.personal)
      : {
          familyNameLatin: c.familyNameLatin,
          givenNameLatin: c.givenNameLatin,
          familyNameKanji: c.familyName,
          givenNameKanji: c.givenName,
          email: c.email,
          phone: nationalPhone(c.phone),
          phoneType: "mobile",
          country: "JP",
        };
    return { ...start, ...(a.personalDraft ?? {}) };
  }

  app.get<{ Params: { id: string } }>("/applications/:id/personal", CANDIDATE, async (req, reply) => {
    const a = applicationOf(req);
    const away = elsewhere(a, "personal");
    if (away) return reply.seeOther(away);
    const kept = await keptFormFor(req, deps);
    return reply.page(
      <PersonalPage
        app={a}
        job={snapshotJob(a)}
        version={a.pageVersions.personal ?? 0}
        form={{ values: kept ? { ...personalDefaults(req, a), ...textValues(kept) } : personalDefaults(req, a), errors: {} }}
        notice={kept ? "applications.kept" : noticeFromQuery(req.query, NOTICES)}
      />,
    );
  });

  app.post<{ Params: { id: string } }>("/applications/:id/personal", CANDIDATE, async (req, reply) => {
    const a = applicationOf(req);
    const away = elsewhere(a, "personal");
    if (away) return reply.seeOther(away);
    const job = snapshotJob(a);
    // 書類をアップロードせず先へ進む belongs to the documents page; anywhere else it means go on.
    const asked = intentOf(req.body);
    const intent = asked === "skip" || asked === "confirmKnockout" ? "continue" : asked;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const version = versionOf(body);
    const values = textValues(body);
    const today = japanToday(deps.now());
    if (intent === "lookup") {
      const [found] = await lookupPostalCode(String(body.postalCode ?? ""));
      // 市区町村 takes the city (千代田区) and 住所1 the town (千代田), unless the candidate already typed one.
      const filled = found
        ? {
            ...values,
            postalCode: formatPostalCode(found.postalCode),
            prefecture: found.prefecture,
            city: found.city,
            address1: values.address1?.trim() ? values.address1 : found.town,
          }
        : values;
      const form: Form = found ? { values: filled, errors: {} } : withError({ values, errors: {} }, "postalCode", "applications.personal.lookup.notFound");
      return reply.page(
        <PersonalPage app={a} job={job} version={version} form={form} notice={found ? "applications.personal.lookup.found" : null} />,
        found ? 200 : 400,
      );
    }
    if (intent === "save") {
      // 保存する keeps every valid field now, whatever else is missing or wrong; only 保存して続行する needs all.
      const draft = readPersonalDraft(body, today);
      const outcome = await savePersonalDraft(deps.db, {
        applicationId: a.id,
        seenVersion: version,
        now: deps.now(),
        actor: candidateActor(req),
        values: draft.values,
      });
      if (outcome.ok && draft.errors.length > 0) {
        let form: Form = { values, errors: {} };
        for (const issue of draft.errors) if (!form.errors[issue.path]) form = withError(form, issue.path, messageKeyOr(issue.message));
        const saved = outcome.application;
        return reply.page(
          <PersonalPage app={saved} job={job} version={saved.pageVersions.personal ?? 0} form={form} notice="applications.personal.savedSome" />,
          400,
        );
      }
      const done = afterSave(reply, outcome, a, "personal", "save", pageUrl(a, "personal"));
      if (done) return done;
    } else {
      const { schema, crossChecks } = personalDetailsSchema(today);
      const parsed = parseForm(schema, body, crossChecks);
      if (!parsed.ok) return reply.page(<PersonalPage app={a} job={job} version={version} form={{ ...parsed.form, values }} />, 400);
      const outcome = await savePersonalDetails(deps.db, {
        applicationId: a.id,
        seenVersion: version,
        now: deps.now(),
        actor: candidateActor(req),
        source: consentSourceOf(req),
        personal: parsed.data,
        complete: true,
      });
      const done = afterSave(reply, outcome, a, "personal", "continue", pageUrl(a, pageAfter("personal")));
      if (done) return done;
    }
    const now = await fresh(req, a);
    return reply.page(
      <PersonalPage app={now} job={job} version={now.pageVersions.personal ?? 0} form={{ values: personalDefaults(req, now), errors: {} }} stale />,
      409,
    );
  });

  // ---- Question pages: STEP 2, 3, 4 and the final questions ----------------------------------------
  for (const pageId of QUESTION_PAGES) {
    async function stored(a: Application) {
      const answers = await answersOf(deps.db, a.id);
      if (pageId === "self-identification") {
        const gender = await selfIdentificationOf(deps.db, a.id);
        if (gender) answers.gender = gender;
      }
      return answers;
    }

    async function render(
      req: FastifyRequest,
      reply: FastifyReply,
      a: ApplicationWithJob,
      page: TQuestionPage,
      view: {
        answers: Record<string, string | string[]>;
        consents: Record<string, boolean>;
        errors: Form["errors"];
        stale?: boolean;
        version?: number;
        notice?: MessageKey;
      },
      status = 200,
    ) {
      const before = pageBefore(pageId);
      const note = PAGE_NOTES[pageId];
      return reply.page(
        <QuestionPage
          app={a}
          job={snapshotJob(a)}
          version={view.version ?? a.pageVersions[pageId] ?? 0}
          wizardPage={pageId}
          page={page}
          answers={view.answers}
          consents={view.consents}
          errors={view.errors}
          back={before ? pageUrl(a, before) : null}
          notice={view.notice ?? (status === 200 ? noticeFromQuery(req.query, NOTICES) : null)}
          stale={view.stale ?? false}
          {...(note ? { note } : {})}
        />,
        status,
      );
    }

    app.get<{ Params: { id: string } }>(`/applications/:id/${pageId}`, CANDIDATE, async (req, reply) => {
      const a = applicationOf(req);
      const away = elsewhere(a, pageId);
      if (away) return reply.seeOther(away);
      const answers = await stored(a);
      const page = questionPage(await questionSetOf(deps.db, a), pageId);
      const kept = await keptFormFor(req, deps);
      if (kept) {
        // Typed before the session ran out: shown again, not yet saved.
        const read = readQuestionPage(page, kept, "save");
        const consents = Object.fromEntries(page.questions.filter((q) => kept[`${q.key}Consent`] === "yes").map((q) => [q.key, true]));
        return render(req, reply, a, page, { answers: { ...answers, ...read.typed }, consents, errors: {}, notice: "applications.kept" });
      }
      const consents = Object.fromEntries(
        page.questions.filter((q) => q.sensitivity === "sensitive" && answers[q.key] !== undefined).map((q) => [q.key, true]),
      );
      return render(req, reply, a, page, { answers, consents, errors: {} });
    });

    // What a knock-out answer means, before it takes effect: 回答を変更する or この回答で確定する.
    app.get<{ Params: { id: string } }>(`/applications/:id/${pageId}/confirm-answer`, CANDIDATE, async (req, reply) => {
      const a = applicationOf(req);
      const away = elsewhere(a, pageId);
      if (away) return reply.seeOther(away);
      const page = questionPage(await questionSetOf(deps.db, a), pageId);
      const knockout = findKnockout(page, await stored(a));
      if (!knockout) return reply.seeOther(pageUrl(a, pageId));
      const yesNo = { yes: candidateTexts[req.locale]("accounts.yes"), no: candidateTexts[req.locale]("accounts.no") };
      return reply.page(
        <KnockoutConfirmPage
          app={a}
          job={snapshotJob(a)}
          version={a.pageVersions[pageId] ?? 0}
          wizardPage={pageId}
          question={knockout.question.label[req.locale]}
          questionKey={knockout.question.key}
          answer={answerLabel(knockout.question, knockout.answer, req.locale, yesNo)}
          reason={knockout.question.knockout?.reason[req.locale] ?? ""}
        />,
      );
    });

    app.post<{ Params: { id: string } }>(`/applications/:id/${pageId}`, CANDIDATE, async (req, reply) => {
      const a = applicationOf(req);
      const away = elsewhere(a, pageId);
      if (away) return reply.seeOther(away);
      const intent = intentOf(req.body);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const page = questionPage(await questionSetOf(deps.db, a), pageId);
      if (intent === "confirmKnockout") {
        // 「この回答で確定する」: the answers are the stored ones the confirmation page showed, never the form's.
        const confirmed = readQuestionPage(page, formOfAnswers(page, await stored(a)), "continue");
        const knockout = Object.keys(confirmed.problems).length === 0 ? findKnockout(page, confirmed.answers) : null;
        if (!knockout) return reply.seeOther(pageUrl(a, pageId));
        const outcome = await saveAnswers(deps.db, {
          applicationId: a.id,
          page: pageId,
          seenVersion: versionOf(body),
          now: deps.now(),
          actor: candidateActor(req),
          questions: page.questions,
          answers: confirmed.answers,
          consents: confirmed.consents,
          complete: true,
          knockout: { question: knockout.question.key, answer: knockout.answer },
          source: consentSourceOf(req),
        });
        return afterSave(reply, outcome, a, pageId, "continue", pageUrl(a, pageId)) ?? reply.seeOther(`${pageUrl(a, pageId)}/confirm-answer`);
      }
      const read = readQuestionPage(page, body, intent === "save" ? "save" : "continue");
      const errors: Form["errors"] = {};
      for (const [field, problem] of Object.entries(read.problems)) {
        const question = page.questions.find((q) => q.key === field);
        errors[field] = answerError(problem, question, req.locale);
      }
      if (intent !== "save" && pageId === "eligibility" && read.answers.age18 && a.personal?.birthDate) {
        const adult = ageOn(a.personal.birthDate, japanToday(deps.now())) >= 18;
        if ((read.answers.age18 === "yes") !== adult) errors.age18 = { key: "applications.age.mismatch" };
      }
      if (Object.keys(errors).length > 0) {
        const consents = { ...read.consents, ...Object.fromEntries(page.questions.filter((q) => body[`${q.key}Consent`] === "yes").map((q) => [q.key, true])) };
        return render(req, reply, a, page, { answers: read.typed, consents, errors, version: versionOf(body) }, 400);
      }
      // A knock-out answer ends nothing yet: it is saved like 保存する, and a page says what it means and asks.
      const knockout = intent === "save" ? null : findKnockout(page, read.answers);
      if (knockout) {
        const held = await saveAnswers(deps.db, {
          applicationId: a.id,
          page: pageId,
          seenVersion: versionOf(body),
          now: deps.now(),
          actor: candidateActor(req),
          questions: page.questions,
          answers: read.answers,
          consents: read.consents,
          complete: false,
          knockout: null,
          source: consentSourceOf(req),
        });
        const away = afterSave(reply, held, a, pageId, "continue", `${pageUrl(a, pageId)}/confirm-answer`);
        if (away) return away;
        const now = await fresh(req, a);
        return render(req, reply, now, page, { answers: await stored(now), consents: {}, errors: {}, stale: true }, 409);
      }
      const outcome = await saveAnswers(deps.db, {
        applicationId: a.id,
        page: pageId,
        seenVersion: versionOf(body),
        now: deps.now(),
        actor: candidateActor(req),
        questions: page.questions,
        answers: read.answers,
        consents: read.consents,
        complete: intent !== "save",
        knockout: null,
        source: consentSourceOf(req),
      });
      const returnToReview = (req.query as { return?: unknown }).return === "review" || body.return === "review";
      const next = returnToReview && pageId === "final-questions" ? "review" : pageAfter(pageId);
      const done = afterSave(reply, outcome, a, pageId, intent, pageUrl(a, next));
      if (done) return done;
      const now = await fresh(req, a);
      return render(req, reply, now, page, { answers: await stored(now), consents: {}, errors: {}, stale: true }, 409);
    });
  }

  // ---- STEP 5: pledge ------------------------------------------------------------------------------
  app.get<{ Params: { id: string } }>("/applications/:id/pledge", CANDIDATE, async (req, reply) => {
    const a = applicationOf(req);
    const away = elsewhere(a, "pledge");
    if (away) return reply.seeOther(away);
    return reply.page(<PledgePage app={a} job={snapshotJob(a)} version={a.pageVersions.pledge ?? 0} form={blankForm} />);
  });

  app.post<{ Params: { id: string } }>("/applications/:id/pledge", CANDIDATE, async (req, reply) => {
    const a = applicationOf(req);
    const away = elsewhere(a, "pledge");
    if (away) return reply.seeOther(away);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.consent !== "yes") {
      const form = withError(blankForm, "consent", "applications.pledge.consent.required");
      return reply.page(<PledgePage app={a} job={snapshotJob(a)} version={versionOf(body)} form={form} />, 400);
    }
    const outcome = await givePledge(deps.db, {
      applicationId: a.id,
      seenVersion: versionOf(body),
      now: deps.now(),
      actor: candidateActor(req),
      source: consentSourceOf(req),
    });
    return afterSave(reply, outcome, a, "pledge", "continue", pageUrl(a, pageAfter("pledge"))) ?? reply.seeOther(pageUrl(a, "pledge"));
  });

  // ---- STEP 6: e-signature, review, submit -----------------------------------------------------------
  function signatureExample(a: Application): string {
    return a.personal ? `${a.personal.givenNameLatin} ${a.personal.familyNameLatin}` : "Hanako Yamada";
  }

  app.get<{ Params: { id: string } }>("/applications/:id/signature", CANDIDATE, async (req, reply) => {
    const a = applicationOf(req);
    const away = elsewhere(a, "signature");
    if (away) return reply.seeOther(away);
    const kept = await keptFormFor(req, deps);
    const typed = typeof kept?.signature === "string" ? kept.signature : null;
    return reply.page(
      <SignaturePage
        app={a}
        job={snapshotJob(a)}
        version={a.pageVersions.signature ?? 0}
        form={{ values: { signature: typed ?? a.signedName ?? "" }, errors: {} }}
        example={signatureExample(a)}
        notice={typed !== null ? "applications.kept" : noticeFromQuery(req.query, NOTICES)}
      />,
    );
  });

  const ZSignatureSchema = z.object({
    signature: optionalTextField("applications.signature.required").pipe(
      z.string({ error: "applications.signature.required" }).max(100, "applications.answer.tooLong"),
    ),
  });

  app.post<{ Params: { id: string } }>("/applications/:id/signature", CANDIDATE, async (req, reply) => {
    const a = applicationOf(req);
    const away = elsewhere(a, "signature");
    if (away) return reply.seeOther(away);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(ZSignatureSchema, body);
    const version = versionOf(body);
    const job = snapshotJob(a);
    if (!parsed.ok) return reply.page(<SignaturePage app={a} job={job} version={version} form={parsed.form} example={signatureExample(a)} />, 400);
    if (!signatureMatches(parsed.data.signature, a)) {
      const form = withError({ values: { signature: parsed.data.signature }, errors: {} }, "signature", "applications.signature.mismatch");
      return reply.page(<SignaturePage app={a} job={job} version={version} form={form} example={signatureExample(a)} />, 400);
    }
    const outcome = await signApplication(deps.db, {
      applicationId: a.id,
      seenVersion: version,
      now: deps.now(),
      actor: candidateActor(req),
      name: parsed.data.signature,
      statement: candidateTexts[req.locale]("applications.signature.statement"),
      ip: req.ip,
      userAgent: String(req.headers["user-agent"] ?? ""),
    });
    const toReview = (req.query as { return?: unknown }).return === "review" && a.completedPages.includes("final-questions");
    return (
      afterSave(reply, outcome, a, "signature", "continue", pageUrl(a, toReview ? "review" : pageAfter("signature"))) ?? reply.seeOther(pageUrl(a, "signature"))
    );
  });

  app.get<{ Params: { id: string } }>("/applications/:id/review", CANDIDATE, async (req, reply) => {
    const a = applicationOf(req);
    const away = elsewhere(a, "review");
    if (away) return reply.seeOther(away);
    const set = await questionSetOf(deps.db, a);
    return reply.page(
      <ReviewPage app={a} job={snapshotJob(a)} version={0} set={set} answers={await answersOf(deps.db, a.id)} notice={noticeFromQuery(req.query, NOTICES)} />,
    );
  });

  app.post<{ Params: { id: string } }>("/applications/:id/submit", CANDIDATE, async (req, reply) => {
    const a = applicationOf(req);
    const outcome = await submitApplication(deps.db, {
      applicationId: a.id,
      now: deps.now(),
      actor: candidateActor(req),
      recipient: candidateOf(req).email,
      locale: req.locale,
      orgName: deps.config.orgName,
      helpEmail: deps.config.helpEmail,
      baseUrl: deps.config.publicBaseUrl,
    });
    if (!outcome.ok) return reply.seeOther(placeOf(a));
    if (outcome.firstTime) deps.nudgeOutbox();
    return reply.seeOther(`/applications/${a.id}/complete`);
  });

  app.get<{ Params: { id: string } }>("/applications/:id/complete", CANDIDATE, async (req, reply) => {
    const a = applicationOf(req);
    if (!isPipelineStage(a.state)) return reply.seeOther(placeOf(a));
    const reports = await assessmentReportsFor(deps.db, { candidateId: a.candidateId, applications: [a] });
    return reply.page(<CompletePage app={a} job={snapshotJob(a)} report={reports.get(a.id) ?? null} />);
  });

  app.get<{ Params: { id: string } }>("/applications/:id/screened-out", CANDIDATE, async (req, reply) => {
    const a = applicationOf(req);
    if (a.state !== "screened_out") return reply.seeOther(placeOf(a));
    const set = await questionSetOf(deps.db, a);
    const question = set.pages.flatMap((p) => p.questions).find((q) => q.key === a.screenedOutQuestion);
    return reply.page(<ScreenedOutPage job={snapshotJob(a)} reason={question?.knockout?.reason[req.locale] ?? ""} />);
  });
}
