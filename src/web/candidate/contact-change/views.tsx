import { PHONE_COUNTRIES } from "../../../modules/candidates/contact-details.ts";
import { CsrfField, ErrorSummary, PageHeading, SelectField, TextField } from "../../html/fields.tsx";
import { PinInput } from "../account-fields.tsx";
import { Layout } from "../layout.tsx";
import { type Form, usePage } from "../page.ts";

/** The first step of changing e-mail or phone: the new value and the current PIN. */
export function ContactChangePage({ kind, form }: { kind: "email" | "phone"; form: Form }) {
  const { t, locale } = usePage();
  const title = t(kind === "email" ? "accounts.contactChange.emailTitle" : "accounts.contactChange.phoneTitle");
  return (
    <Layout title={title}>
      <ErrorSummary form={form} order={["email", "phoneCountry", "phone", "pin"]} />
      <PageHeading>{title}</PageHeading>
      <p>{t("accounts.contactChange.lead")}</p>
      <form method="post" action={`/account/contact?kind=${kind}`} novalidate class="form">
        <CsrfField />
        {kind === "email" ? (
          <TextField
            name="email"
            label={t("accounts.contactChange.newEmail")}
            form={form}
            type="email"
            autocomplete="email"
            inputMode="email"
            maxLength={254}
          />
        ) : (
          <>
            <SelectField
              name="phoneCountry"
              label={t("accounts.phoneCountry")}
              form={{ ...form, values: { phoneCountry: "JP", ...form.values } }}
              options={PHONE_COUNTRIES.map((c) => ({ value: c.country, label: `${c.dial} ${c[locale]}` }))}
              autocomplete="tel-country-code"
            />
            <TextField name="phone" label={t("accounts.contactChange.newPhone")} form={form} type="tel" inputMode="tel" autocomplete="tel" maxLength={30} />
          </>
        )}
        <PinInput name="pin" label={t("accounts.contactChange.currentPin")} form={form} autocomplete="current-password" />
        <button type="submit" class="button button--primary">
          {t("accounts.next")}
        </button>
        <a class="button button--link" href="/account">
          {t("accounts.cancel")}
        </a>
      </form>
    </Layout>
  );
}
