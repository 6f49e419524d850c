import { CsrfField, ErrorSummary, PageHeading, TextField } from "../../html/fields.tsx";
import { OfficeLayout } from "../layout.tsx";
import type { OfficeMessageKey } from "../messages.ts";
import { type OfficeForm, useOfficePage } from "../page.ts";

function Notice({ message }: { message: OfficeMessageKey | null }) {
  const { t } = useOfficePage();
  return message ? (
    <div class="notice" role="status">
      {t(message)}
    </div>
  ) : null;
}

function withReturn(path: string, returnTo: string | null): string {
  return returnTo ? `${path}?return_to=${encodeURIComponent(returnTo)}` : path;
}

/** E-mail address and password. */
export function StaffSignInPage({ form, notice, returnTo }: { form: OfficeForm; notice: OfficeMessageKey | null; returnTo: string | null }) {
  const { t } = useOfficePage();
  return (
    <OfficeLayout title={t("office.signIn.title")}>
      <Notice message={notice} />
      <ErrorSummary form={form} />
      <PageHeading>{t("office.signIn.title")}</PageHeading>
      <p>{t("office.signIn.lead")}</p>
      <form method="post" action={withReturn("/office/sign-in", returnTo)} novalidate class="form">
        <CsrfField />
        <TextField name="email" label={t("office.signIn.email")} form={form} type="email" autocomplete="username" maxLength={254} />
        <TextField name="password" label={t("office.signIn.password")} form={form} type="password" autocomplete="current-password" maxLength={200} secret />
        <button type="submit" class="button button--primary">
          {t("office.signIn.submit")}
        </button>
      </form>
    </OfficeLayout>
  );
}

/** The second factor: an authenticator code or a recovery code. */
export function StaffCodePage({ signInId, form, returnTo }: { signInId: string; form: OfficeForm; returnTo: string | null }) {
  const { t } = useOfficePage();
  return (
    <OfficeLayout title={t("office.code.title")}>
      <ErrorSummary form={form} />
      <PageHeading>{t("office.code.title")}</PageHeading>
      <p>{t("office.code.lead")}</p>
      <form method="post" action={withReturn(`/office/sign-in/${signInId}`, returnTo)} novalidate class="form">
        <CsrfField />
        <TextField name="code" label={t("office.code.label")} form={form} autocomplete="one-time-code" inputMode="text" maxLength={40} secret />
        <button type="submit" class="button button--primary">
          {t("office.code.submit")}
        </button>
      </form>
    </OfficeLayout>
  );
}
