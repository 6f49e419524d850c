import type { FastifyInstance } from "fastify";
import { listOwnApplications } from "../../../modules/applications/application-store.ts";
import { consentHistory, consentStandings, isOptionalPurpose } from "../../../modules/privacy/consents.ts";
import { exportCandidateData } from "../../../modules/privacy/export-candidate-data.ts";
import { CONSENT_PURPOSES } from "../../../modules/privacy/schema.ts";
import { setContactStopped, undecidedSensitiveAnswers, withdrawConsent } from "../../../modules/privacy/withdraw-consent.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { CANDIDATE, PUBLIC } from "../../route-access.ts";
import { assessmentReportsFor } from "../assessment/report.tsx";
import { consentSourceOf } from "../consent-source.ts";
import type { MessageKey } from "../messages.ts";
import { candidateOf } from "../signed-in.ts";
import { PrivacyAccountPage, type PrivacyAccountView, WithdrawSensitivePage } from "./account-views.tsx";
import { CandidateDataPage } from "./data-views.tsx";
import { PrivacyNoticePage } from "./notice-views.tsx";

const NOTICES = {
  withdrawn: "privacy.withdrawn",
  contactStopped: "privacy.contact.stoppedNotice",
  contactResumed: "privacy.contact.resumedNotice",
} as const satisfies Record<string, MessageKey>;

/** The notice a redirect asked for, by its short name; the count of deleted answers only as a small number. */
function noticeOf(query: unknown): PrivacyAccountView["notice"] {
  const { notice, n } = (query ?? {}) as { notice?: unknown; n?: unknown };
  if (notice === "sensitiveWithdrawn" && typeof n === "string" && /^\d{1,3}$/.test(n))
    return { key: "privacy.withdraw.sensitive.done", vars: { count: Number(n) } };
  return typeof notice === "string" && notice in NOTICES ? { key: NOTICES[notice as keyof typeof NOTICES] } : null;
}

/** 候補者プライバシー規約, and アカウント情報 → プライバシー: consents, withdrawals, stopping all contact, and the candidate's data. */
export async function privacyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get("/privacy", PUBLIC, async (_req, reply) => reply.page(<PrivacyNoticePage />));

  app.get("/account/privacy", CANDIDATE, async (req, reply) => {
    const candidate = candidateOf(req);
    const history = await consentHistory(deps.db, candidate.id);
    // Reminders are on from registration until switched off: the account's setting is what stands.
    const standings = consentStandings(history, CONSENT_PURPOSES).map((s) =>
      s.purpose === "reminder_emails" ? { ...s, decision: candidate.applicationReminders ? ("given" as const) : ("withdrawn" as const) } : s,
    );
    const references = new Map((await listOwnApplications(deps.db, candidate.id)).map((a) => [a.id, a.reference]));
    return reply.page(
      <PrivacyAccountPage
        standings={standings}
        history={history}
        references={references}
        storedSensitive={(await undecidedSensitiveAnswers(deps.db, candidate.id)).length}
        contactStoppedAt={candidate.contactStoppedAt}
        notice={noticeOf(req.query)}
      />,
    );
  });

  app.get("/account/privacy/data", CANDIDATE, async (req, reply) => {
    const data = await exportCandidateData(deps.db, candidateOf(req).id, deps.now());
    if (!data) throw new AppError("notFound", "the signed-in account has gone");
    const reports = await assessmentReportsFor(deps.db, { candidateId: data.profile.id, applications: await listOwnApplications(deps.db, data.profile.id) });
    return reply.page(<CandidateDataPage data={data} reports={reports} />);
  });

  app.get("/account/privacy/data.json", CANDIDATE, async (req, reply) => {
    const data = await exportCandidateData(deps.db, candidateOf(req).id, deps.now());
    if (!data) throw new AppError("notFound", "the signed-in account has gone");
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(data.exportedAt);
    return reply
      .header("cache-control", "no-store")
      .header("content-disposition", `attachment; filename="my-data-${day}.json"`)
      .type("application/json; charset=utf-8")
      .send(JSON.stringify(data, null, 2));
  });

  app.get("/account/privacy/withdraw-sensitive", CANDIDATE, async (req, reply) =>
    reply.page(<WithdrawSensitivePage answers={await undecidedSensitiveAnswers(deps.db, candidateOf(req).id)} />),
  );

  app.post("/account/privacy/withdraw", CANDIDATE, async (req, reply) => {
    const purpose = (req.body as { purpose?: unknown } | undefined)?.purpose;
    if (!isOptionalPurpose(purpose)) return reply.seeOther("/account/privacy");
    const { removedAnswers } = await withdrawConsent(deps.db, { candidateId: candidateOf(req).id, purpose, source: consentSourceOf(req), now: deps.now() });
    return reply.seeOther(
      purpose === "sensitive_answers" ? `/account/privacy?notice=sensitiveWithdrawn&n=${removedAnswers}` : "/account/privacy?notice=withdrawn",
    );
  });

  app.post("/account/privacy/contact", CANDIDATE, async (req, reply) => {
    const stopped = (req.body as { contact?: unknown } | undefined)?.contact === "stop";
    await setContactStopped(deps.db, { candidateId: candidateOf(req).id, stopped, now: deps.now() });
    return reply.seeOther(`/account/privacy?notice=${stopped ? "contactStopped" : "contactResumed"}#contact`);
  });
}
