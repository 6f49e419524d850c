import type { ConsentRecord, ConsentStanding } from "../../../modules/privacy/consents.ts";
import { isOptionalPurpose } from "../../../modules/privacy/consents.ts";
import type { ConsentPurpose } from "../../../modules/privacy/schema.ts";
import type { Locale } from "../../../platform/i18n/catalogue.ts";
import { CsrfField, PageHeading } from "../../html/fields.tsx";
import { Layout } from "../layout.tsx";
import { isMessageKey, type MessageKey } from "../messages.ts";
import { usePage } from "../page.ts";

/** A moment in Japan time, in the page's language, as the other candidate pages show times. */
export function privacyTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" }).format(date);
}

const STATE_KEYS = { given: "privacy.state.given", withdrawn: "privacy.state.withdrawn" } as const satisfies Record<string, MessageKey>;

function purposeLabel(purpose: ConsentPurpose): MessageKey {
  return `privacy.purpose.${purpose}`;
}

/** Why a consent that stands cannot be withdrawn here, or the button that withdraws it. */
function ConsentAction({ standing, storedSensitive }: { standing: ConsentStanding; storedSensitive: number }) {
  const { t } = usePage();
  const { purpose } = standing;
  if (purpose === "fairness_pledge") return standing.decision === "given" ? <dd>{t("privacy.requiredPledge")}</dd> : null;
  if (!isOptionalPurpose(purpose)) return standing.decision === "given" ? <dd>{t("privacy.required")}</dd> : null;
  const withdrawable = standing.decision === "given" || (purpose === "sensitive_answers" && storedSensitive > 0);
  if (!withdrawable) return null;
  if (purpose === "sensitive_answers") {
    return (
      <dd>
        <a class="button button--secondary" href="/account/privacy/withdraw-sensitive">
          {t("privacy.withdraw")}
        </a>
      </dd>
    );
  }
  return (
    <dd>
      <form method="post" action="/account/privacy/withdraw" class="form">
        <CsrfField />
        <input type="hidden" name="purpose" value={purpose} />
        <button type="submit" class="button button--secondary">
          {t("privacy.withdraw")}
        </button>
      </form>
    </dd>
  );
}

export type PrivacyAccountView = {
  standings: ConsentStanding[];
  history: ConsentRecord[];
  references: Map<string, string>;
  storedSensitive: number;
  contactStoppedAt: Date | null;
  notice: { key: MessageKey; vars?: Record<string, string | number> } | null;
};

/** アカウント情報 → プライバシー: consents and their history, withdrawals, stopping all contact, and the candidate's data. */
export function PrivacyAccountPage(props: PrivacyAccountView) {
  const { t, locale, orgName } = usePage();
  return (
    <Layout title={t("privacy.account.title")}>
      {props.notice ? (
        <div class="notice" role="status">
          {t(props.notice.key, props.notice.vars)}
        </div>
      ) : null}
      <PageHeading>{t("privacy.account.title")}</PageHeading>
      <p>{t("privacy.account.lead", { org: orgName })}</p>
      <p>
        <a href="/privacy">{t("privacy.account.noticeLink")}</a>
      </p>

      <h2>{t("privacy.consents.title")}</h2>
      <dl class="summary-list" data-consents>
        {props.standings.map((s) => (
          <div key={s.purpose} data-purpose={s.purpose}>
            <dt>{t(purposeLabel(s.purpose))}</dt>
            <dd>
              {t(s.decision ? STATE_KEYS[s.decision] : "privacy.state.none")}
              {s.since ? ` (${t("privacy.state.since", { date: privacyTime(s.since, locale) })})` : null}
            </dd>
            <ConsentAction standing={s} storedSensitive={props.storedSensitive} />
          </div>
        ))}
      </dl>

      <h2 id="contact">{t("privacy.contact.title")}</h2>
      {props.contactStoppedAt ? (
        <>
          <p>{t("privacy.contact.stopped", { date: privacyTime(props.contactStoppedAt, locale) })}</p>
          <form method="post" action="/account/privacy/contact" class="form">
            <CsrfField />
            <input type="hidden" name="contact" value="resume" />
            <button type="submit" class="button button--secondary">
              {t("privacy.contact.resume")}
            </button>
          </form>
        </>
      ) : (
        <>
          <p>{t("privacy.contact.lead")}</p>
          <form method="post" action="/account/privacy/contact" class="form">
            <CsrfField />
            <input type="hidden" name="contact" value="stop" />
            <button type="submit" class="button button--secondary">
              {t("privacy.contact.stop")}
            </button>
          </form>
        </>
      )}

      <h2>{t("privacy.data.title")}</h2>
      <p>{t("privacy.data.lead", { org: orgName })}</p>
      <ul>
        <li>
          <a href="/account/privacy/data">{t("privacy.data.view")}</a>
        </li>
        <li>
          <a href="/account/privacy/data.json" download>
            {t("privacy.data.download")}
          </a>
        </li>
      </ul>

      <h2>{t("privacy.history.title")}</h2>
      <ConsentHistoryList history={props.history} references={props.references} />
    </Layout>
  );
}

/** The page a consent was recorded on, by its title where the portal has one, else its address as recorded. */
function usePageName(): (route: string) => string {
  const { t } = usePage();
  const titled = (key: string, route: string) => (isMessageKey(key) ? t(key) : route);
  return (route) => {
    const step = route.match(/^\/applications\/:id\/([a-z-]+)$/)?.[1];
    if (step) return titled(`applications.page.${step}`, route);
    if (route === "/register") return t("accounts.register.title");
    if (route.startsWith("/account/privacy")) return t("privacy.account.title");
    if (route.startsWith("/privacy/acknowledge")) return t("privacy.ack.title");
    if (route.startsWith("/reminders/off")) return t("reminders.off.title");
    if (route.startsWith("/account")) return t("accounts.profile.title");
    return route;
  };
}

/** Every consent record, newest first: when, what (and for which application), given or withdrawn, the notice version, the page. */
export function ConsentHistoryList({ history, references }: { history: ConsentRecord[]; references: Map<string, string> }) {
  const { t, locale } = usePage();
  const pageName = usePageName();
  return (
    <ol data-consent-history>
      {[...history].reverse().map((r) => (
        <li key={r.id}>
          <strong>{privacyTime(r.recordedAt, locale)}</strong>{" "}
          {`${t(purposeLabel(r.purpose))}：${t(r.decision === "given" ? "privacy.decision.given" : "privacy.decision.withdrawn")}`}
          {r.applicationId && references.has(r.applicationId)
            ? ` (${t("privacy.history.application", { reference: references.get(r.applicationId)! })})`
            : null}
          <br />
          {t("privacy.history.where", { version: r.textVersion, page: pageName(r.page) })}
        </li>
      ))}
    </ol>
  );
}

/** Before withdrawing consent for sensitive answers: which stored answers it deletes, and the two choices. */
export function WithdrawSensitivePage({ answers }: { answers: { reference: string }[] }) {
  const { t } = usePage();
  const references = [...new Set(answers.map((a) => a.reference))];
  return (
    <Layout title={t("privacy.withdraw.sensitive.title")}>
      <PageHeading>{t("privacy.withdraw.sensitive.title")}</PageHeading>
      {references.length > 0 ? (
        <div class="callout callout--warning">
          <p>{t("privacy.withdraw.sensitive.lead")}</p>
          <ul>
            {references.map((r) => (
              <li key={r}>{t("privacy.history.application", { reference: r })}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p>{t("privacy.withdraw.sensitive.none")}</p>
      )}
      <p>{t("privacy.withdraw.sensitive.decided")}</p>
      <form method="post" action="/account/privacy/withdraw" class="form">
        <CsrfField />
        <input type="hidden" name="purpose" value="sensitive_answers" />
        <div class="wizard-actions">
          <button type="submit" class="button button--primary">
            {t("privacy.withdraw.sensitive.confirm")}
          </button>
          <a class="button button--secondary" href="/account/privacy">
            {t("privacy.withdraw.sensitive.cancel")}
          </a>
        </div>
      </form>
    </Layout>
  );
}
