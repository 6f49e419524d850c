import type { FastifyInstance } from "fastify";
import { isRemindersOffToken, setApplicationReminders } from "../../../modules/applications/application-reminders.ts";
import { isUuid } from "../../../platform/db/uuid.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { CsrfField, PageHeading } from "../../html/fields.tsx";
import { PUBLIC } from "../../route-access.ts";
import { consentSourceOf } from "../consent-source.ts";
import { Layout } from "../layout.tsx";
import { usePage } from "../page.ts";

type Link = { c: string; t: string };

/** The candidate and token of a 「配信を停止する」 link, if the link is one we sent. */
function linkOf(source: unknown, secret: string): Link | null {
  const { c, t } = (source ?? {}) as { c?: unknown; t?: unknown };
  if (typeof c !== "string" || typeof t !== "string" || !isUuid(c) || t.length > 100) return null;
  return isRemindersOffToken(secret, c, t) ? { c, t } : null;
}

function RemindersOffPage({ link, done }: { link: Link | null; done: boolean }) {
  const { t } = usePage();
  return (
    <Layout title={t("reminders.off.title")}>
      <PageHeading>{t("reminders.off.title")}</PageHeading>
      {!link ? (
        <p>{t("reminders.off.invalid")}</p>
      ) : done ? (
        <div class="notice" role="status">
          {t("reminders.off.done")}
        </div>
      ) : (
        <>
          <p>{t("reminders.off.lead")}</p>
          <form method="post" action="/reminders/off" class="form">
            <CsrfField />
            <input type="hidden" name="c" value={link.c} />
            <input type="hidden" name="t" value={link.t} />
            <button type="submit" class="button button--primary">
              {t("reminders.off.submit")}
            </button>
          </form>
        </>
      )}
      <p>{t("reminders.off.account")}</p>
    </Layout>
  );
}

/**
 * 「配信を停止する」 from a reminder e-mail, without signing in: the link names the candidate with a token
 * only we can make. Opening it changes nothing; its button turns the reminders off.
 */
export async function reminderRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get("/reminders/off", PUBLIC, async (req, reply) => reply.page(<RemindersOffPage link={linkOf(req.query, deps.config.secret)} done={false} />));

  app.post("/reminders/off", PUBLIC, async (req, reply) => {
    const link = linkOf(req.body, deps.config.secret);
    if (!link) return reply.page(<RemindersOffPage link={null} done={false} />, 400);
    await setApplicationReminders(deps.db, { candidateId: link.c, enabled: false, source: consentSourceOf(req), now: deps.now() });
    return reply.page(<RemindersOffPage link={link} done />);
  });
}
