import { CsrfField, ErrorSummary, PageHeading, TextField } from "../../html/fields.tsx";
import { OfficeLayout } from "../layout.tsx";
import { type OfficeForm, useOfficePage } from "../page.ts";

type Who = { name: string; email: string };

function Intro({ who }: { who: Who }) {
  const { t } = useOfficePage();
  return (
    <>
      <p>{t("office.setup.for", who)}</p>
      <p class="muted">{t("office.setup.steps")}</p>
    </>
  );
}

/** The link is spent, expired or unknown. */
export function SetupInvalidPage() {
  const { t } = useOfficePage();
  return (
    <OfficeLayout title={t("office.setup.invalid.title")}>
      <PageHeading>{t("office.setup.invalid.title")}</PageHeading>
      <p>{t("office.setup.invalid.body")}</p>
    </OfficeLayout>
  );
}

/** Step 1: the password. */
export function SetupPasswordPage({ token, who, form }: { token: string; who: Who; form: OfficeForm }) {
  const { t } = useOfficePage();
  return (
    <OfficeLayout title={t("office.setup.password.title")}>
      <ErrorSummary form={form} />
      <PageHeading>{t("office.setup.password.title")}</PageHeading>
      <Intro who={who} />
      <form method="post" action={`/office/setup/${token}/password`} novalidate class="form">
        <CsrfField />
        <input type="text" name="username" value={who.email} autocomplete="username" hidden readOnly />
        <TextField
          name="password"
          label={t("office.setup.password")}
          hint={t("office.setup.password.rules")}
          form={form}
          type="password"
          autocomplete="new-password"
          maxLength={200}
          secret
        />
        <TextField
          name="passwordConfirm"
          label={t("office.setup.passwordConfirm")}
          form={form}
          type="password"
          autocomplete="new-password"
          maxLength={200}
          secret
        />
        <button type="submit" class="button button--primary">
          {t("office.setup.password.submit")}
        </button>
      </form>
    </OfficeLayout>
  );
}

/** Step 2: the authenticator, from a QR code drawn as SVG, with the otpauth:// text beside it. */
export function SetupAuthenticatorPage({ token, who, qrSvg, uri, form }: { token: string; who: Who; qrSvg: string; uri: string; form: OfficeForm }) {
  const { t } = useOfficePage();
  return (
    <OfficeLayout title={t("office.setup.authenticator.title")}>
      <ErrorSummary form={form} />
      <PageHeading>{t("office.setup.authenticator.title")}</PageHeading>
      <Intro who={who} />
      <p>{t("office.setup.authenticator.lead")}</p>
      {/* The SVG is drawn by the qrcode package from our own otpauth:// text: paths only, its label escaped. */}
      <div dangerouslySetInnerHTML={{ __html: qrSvg }} />
      <details>
        <summary>{t("office.setup.authenticator.text")}</summary>
        <p class="otpauth" data-otpauth>
          {uri}
        </p>
      </details>
      <form method="post" action={`/office/setup/${token}/authenticator`} novalidate class="form">
        <CsrfField />
        <TextField
          name="code"
          label={t("office.setup.authenticator.code")}
          form={form}
          autocomplete="one-time-code"
          inputMode="numeric"
          maxLength={12}
          secret
        />
        <button type="submit" class="button button--primary">
          {t("office.setup.authenticator.submit")}
        </button>
      </form>
    </OfficeLayout>
  );
}

/** Step 3: the recovery codes, shown until the member says they have kept them. */
export function SetupRecoveryPage({ token, who, codes }: { token: string; who: Who; codes: string[] }) {
  const { t } = useOfficePage();
  return (
    <OfficeLayout title={t("office.setup.recovery.title")}>
      <PageHeading>{t("office.setup.recovery.title")}</PageHeading>
      <Intro who={who} />
      <p>{t("office.setup.recovery.lead")}</p>
      <ul class="recovery-codes" data-recovery-codes>
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <form method="post" action={`/office/setup/${token}/recovery`} class="form">
        <CsrfField />
        <button type="submit" class="button button--primary">
          {t("office.setup.recovery.submit")}
        </button>
      </form>
    </OfficeLayout>
  );
}
