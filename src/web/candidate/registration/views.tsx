import { TIME_ZONES } from "../../../modules/candidates/time-zones.ts";
import { CsrfField, ErrorSummary, PageHeading, RadioField, SelectField, TextField } from "../../html/fields.tsx";
import { PhoneField, PinInput, SeparateAccountNote, withReturn } from "../account-fields.tsx";
import { Layout } from "../layout.tsx";
import { type Form, usePage } from "../page.ts";
import { PurposeNote } from "../privacy/purpose-note.tsx";

const REGISTRATION_ORDER = [
  "familyName",
  "givenName",
  "familyNameLatin",
  "givenNameLatin",
  "email",
  "emailConfirm",
  "phone",
  "phoneConfirm",
  "timeZone",
  "pin",
  "pinConfirm",
  "contactConsent",
];

/** The seed's 「アカウントの作成」 form. */
export function RegisterPage({ form, returnTo }: { form: Form; returnTo: string | null }) {
  const { t, locale, orgName, mailDomain } = usePage();
  const values = { timeZone: "Asia/Tokyo", ...form.values };
  const f = { ...form, values };
  // PINs are never written back into a page; after a rejected submit the candidate is told to type them again.
  const retype = Object.keys(form.errors).length > 0;
  return (
    <Layout title={t("accounts.register.title")}>
      <ErrorSummary form={form} order={REGISTRATION_ORDER} />
      <PageHeading>{t("accounts.register.title")}</PageHeading>
      <p class="lead">{t("accounts.register.lead")}</p>
      <SeparateAccountNote />
      <p>{t("accounts.register.allRequired")}</p>
      <form method="post" action={withReturn("/register", returnTo)} novalidate class="form">
        <CsrfField />
        <PurposeNote text={t("accounts.purpose")} section="account" />
        <div class="field-row">
          <TextField name="familyName" label={t("accounts.familyName")} form={f} autocomplete="family-name" maxLength={40} />
          <TextField name="givenName" label={t("accounts.givenName")} form={f} autocomplete="given-name" maxLength={40} />
        </div>
        <div class="field-row">
          <TextField
            name="familyNameLatin"
            label={t("accounts.familyNameLatin")}
            hint={t("accounts.nameLatin.hint")}
            form={f}
            autocomplete="family-name"
            maxLength={40}
          />
          <TextField name="givenNameLatin" label={t("accounts.givenNameLatin")} form={f} autocomplete="given-name" maxLength={40} />
        </div>
        <TextField
          name="email"
          label={t("accounts.email")}
          hint={t("accounts.email.hint", { domain: mailDomain })}
          form={f}
          type="email"
          autocomplete="email"
          inputMode="email"
          maxLength={254}
        />
        <TextField name="emailConfirm" label={t("accounts.emailConfirm")} form={f} type="email" autocomplete="off" inputMode="email" maxLength={254} />
        <PhoneField name="phone" countryName="phoneCountry" label={t("accounts.phone")} hint={t("accounts.phone.hint")} form={f} />
        <PhoneField name="phoneConfirm" countryName="phoneConfirmCountry" label={t("accounts.phoneConfirm")} form={f} />
        <SelectField name="timeZone" label={t("accounts.timeZone")} form={f} options={TIME_ZONES.map((z) => ({ value: z.id, label: z[locale] }))} />
        {retype ? (
          <p class="callout" id="pin-retype">
            {t("accounts.pin.retype")}
          </p>
        ) : null}
        <PinInput name="pin" label={t("accounts.pin")} hint={t("accounts.pin.hint")} form={f} autocomplete="new-password" />
        <PinInput name="pinConfirm" label={t("accounts.pinConfirm")} form={f} autocomplete="new-password" />
        <RadioField
          name="contactConsent"
          label={t("accounts.contactConsent")}
          hint={
            <>
              {t("accounts.contactConsent.hint", { org: orgName })} <a href="/privacy">{t("layout.footer.privacy")}</a>
            </>
          }
          form={f}
          options={[
            { value: "yes", label: t("accounts.yes") },
            { value: "no", label: t("accounts.no") },
          ]}
        />
        <button type="submit" class="button button--primary">
          {t("accounts.next")}
        </button>
      </form>
      <p>
        {t("accounts.register.haveAccount")} <a href={withReturn("/login", returnTo)}>{t("accounts.register.signIn")}</a>
      </p>
    </Layout>
  );
}
