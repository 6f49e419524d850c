import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { latestConsent, recordConsent } from "../../../modules/privacy/consents.ts";
import { currentNoticeVersion, privacyNotice } from "../../../modules/privacy/privacy-notice.ts";
import { safeReturnTo } from "../../../platform/http/browser-context.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { CsrfField, PageHeading } from "../../html/fields.tsx";
import { CANDIDATE } from "../../route-access.ts";
import { consentSourceOf } from "../consent-source.ts";
import { Layout } from "../layout.tsx";
import { usePage } from "../page.ts";
import { candidateOf } from "../signed-in.ts";
import { noticeDate } from "./notice-views.tsx";

const ACKNOWLEDGE = "/privacy/acknowledge";

/**
 * Candidate pages that never stop for a new notice: the assessment in progress (a timed task whose answers
 * are saved as JSON), a contact change waiting for its code, and downloads, which are not pages.
 */
const NEVER_STOPS = [/^\/applications\/:id\/assessment(\/|$)/, /^\/account\/contact\/:flow/, /^\/documents\/:id$/, /^\/account\/privacy\/data\.json$/];

/** Whether this request is a candidate page that should first ask for the new notice to be acknowledged. */
function mayStop(req: FastifyRequest): boolean {
  if (req.method !== "GET" || req.routeOptions.config.access?.kind !== "candidate") return false;
  const route = req.routeOptions.url ?? "";
  return route !== ACKNOWLEDGE && !NEVER_STOPS.some((pattern) => pattern.test(route));
}

/** Whether the candidate's latest agreement to the notice is to an older version than the one in force. */
async function owesAcknowledgement(deps: AppDeps, candidateId: string): Promise<boolean> {
  const latest = await latestConsent(deps.db, { candidateId, purpose: "privacy_notice" });
  return latest?.decision !== "given" || latest.textVersion !== currentNoticeVersion();
}

/**
 * A new version of the privacy notice stops a signed-in candidate once, at the next candidate page they open
 * (never a form being sent: those save first), and brings them back to that page after they acknowledge it.
 */
export function askForNewNotice(app: FastifyInstance): void {
  app.addHook("preHandler", async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.candidate || !mayStop(req)) return;
    if (req.acknowledgedNotice === currentNoticeVersion()) return;
    return reply.seeOther(`${ACKNOWLEDGE}?return_to=${encodeURIComponent(req.url)}`);
  });
}

function AcknowledgePage({ returnTo }: { returnTo: string | null }) {
  const { t, locale } = usePage();
  const notice = privacyNotice(locale);
  return (
    <Layout title={t("privacy.ack.title")}>
      <PageHeading>{t("privacy.ack.title")}</PageHeading>
      <p>{t("privacy.ack.lead", { date: noticeDate(notice.version, locale) })}</p>
      <h2>{t("privacy.ack.changes")}</h2>
      <p>{notice.changes}</p>
      <p>
        <a href="/privacy">{t("privacy.ack.read")}</a>
      </p>
      <form method="post" action={ACKNOWLEDGE} class="form">
        <CsrfField />
        {returnTo ? <input type="hidden" name="return_to" value={returnTo} /> : null}
        <button type="submit" class="button button--primary">
          {t("privacy.ack.submit")}
        </button>
      </form>
    </Layout>
  );
}

/** The acknowledgement page: what changed, the notice, one button; acknowledging records the consent to this version. */
export async function acknowledgementRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get(ACKNOWLEDGE, CANDIDATE, async (req, reply) => {
    const returnTo = safeReturnTo((req.query as { return_to?: unknown }).return_to);
    if (!(await owesAcknowledgement(deps, candidateOf(req).id))) return reply.seeOther(returnTo ?? "/account");
    return reply.page(<AcknowledgePage returnTo={returnTo} />);
  });

  app.post(ACKNOWLEDGE, CANDIDATE, async (req, reply) => {
    const candidateId = candidateOf(req).id;
    // A second click (or a second tab) finds the version already acknowledged and records nothing more.
    if (await owesAcknowledgement(deps, candidateId)) {
      await recordConsent(deps.db, { candidateId, purpose: "privacy_notice", decision: "given", source: consentSourceOf(req), now: deps.now() });
    }
    return reply.seeOther(safeReturnTo((req.body as { return_to?: unknown } | undefined)?.return_to) ?? "/account");
  });
}
