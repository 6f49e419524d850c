import type { SignedInCandidate } from "../../../modules/candidates/candidate-session.ts";
import { nationalPhone } from "../../../modules/candidates/contact-details.ts";
import { TIME_ZONES } from "../../../modules/candidates/time-zones.ts";
import { CsrfField, ErrorSummary, PageHeading, SelectField, TextField } from "../../html/fields.tsx";
import { Notice } from "../account-fields.tsx";
import { Layout } from "../layout.tsx";
import type { MessageKey } from "../messages.ts";
import { type Form, usePage } from "../page.ts";

/** The fields in the order the page shows them: 姓 before 名, as Japanese names are written. */
const PROFILE_ORDER = ["familyName", "givenName", "familyNameLatin", "givenNameLatin", "timeZone"];

/** 「アカウント情報」: names and time zone edited here; e-mail and phone changed through a verified flow. */
export function ProfilePage({ candidate, form, notice }: { candidate: SignedInCandidate; form: Form; notice: MessageKey | null }) {
  const { t, locale } = usePage();
  const values = {
    givenName: candidate.givenName,
    familyName: candidate.familyName,
    givenNameLatin: candidate.givenNameLatin,
    familyNameLatin: candidate.familyNameLatin,
    timeZone: candidate.timeZone,
    ...form.values,
  };
  const f = { ...form, values };
  return (
    <Layout title={t("accounts.profile.title")}>
      <Notice message={notice} />
      <ErrorSummary form={form} order={PROFILE_ORDER} />
      <PageHeading>{t("accounts.profile.title")}</PageHeading>
      <form method="post" action="/account" novalidate class="form">
        <CsrfField />
        <div class="field-row">
          <TextField name="familyName" label={t("accounts.familyName")} form={f} autocomplete="family-name" maxLength={40} />
          <TextField name="givenName" label={t("accounts.givenName")} form={f} autocomplete="given-name" maxLength={40} />
        </div>
        <div class="field-row">
          <TextField name="familyNameLatin" label={t("accounts.familyNameLatin")} form={f} autocomplete="family-name" maxLength={40} />
          <TextField name="givenNameLatin" label={t("accounts.givenNameLatin")} form={f} autocomplete="given-name" maxLength={40} />
        </div>
        <SelectField name="timeZone" label={t("accounts.timeZone")} form={f} options={TIME_ZONES.map((z) => ({ value: z.id, label: z[locale] }))} />
        <button type="submit" class="button button--primary">
          {t("accounts.profile.save")}
        </button>
      </form>
      <h2>{t("accounts.profile.contact")}</h2>
      <dl class="summary-list">
        <div>
          <dt>{t("accounts.email")}</dt>
          <dd>{candidate.email}</dd>
          <dd>
            <a href="/account/contact?kind=email">{t("accounts.profile.changeEmail")}</a>
          </dd>
        </div>
        <div>
          <dt>{t("accounts.phone")}</dt>
          <dd>{nationalPhone(candidate.phone)}</dd>
          <dd>
            <a href="/account/contact?kind=phone">{t("accounts.profile.changePhone")}</a>
          </dd>
        </div>
      </dl>
      <h2 id="reminders">{t("accounts.profile.reminders")}</h2>
      <form method="post" action="/account/reminders" class="form">
        <CsrfField />
        <div class="checkbox">
          <input type="checkbox" id="f-reminders" name="reminders" value="yes" checked={candidate.applicationReminders} />
          <label for="f-reminders">{t("accounts.profile.reminders.label")}</label>
        </div>
        <button type="submit" class="button button--secondary">
          {t("accounts.profile.save")}
        </button>
      </form>
      <h2>{t("privacy.account.title")}</h2>
      <p>
        <a href="/account/privacy">{t("privacy.account.link")}</a>
      </p>
      <h2>{t("accounts.profile.documents")}</h2>
      <p>
        <a href="/account/documents">{t("accounts.profile.documentsLink")}</a>
      </p>
      <h2>{t("accountDeletion.title")}</h2>
      <p>
        <a href="/account/delete">{t("accountDeletion.link")}</a>
      </p>
    </Layout>
  );
}
