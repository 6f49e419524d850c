import { CsrfField, ErrorSummary, PageHeading, TextField } from "../../html/fields.tsx";
import { BackLink, PinInput } from "../account-fields.tsx";
import { Layout } from "../layout.tsx";
import type { MessageKey } from "../messages.ts";
import { type Form, usePage } from "../page.ts";
import { CodePage } from "../sign-in/views.tsx";

/** 「暗証番号をお忘れですか？」: the identifier step of a PIN reset. */
export function PinResetStartPage({ form }: { form: Form }) {
  const { t } = usePage();
  return (
    <Layout title={t("accounts.reset.title")}>
      <BackLink href="/login" />
      <ErrorSummary form={form} />
      <PageHeading>{t("accounts.reset.title")}</PageHeading>
      <p>{t("accounts.reset.lead")}</p>
      <form method="post" action="/pin-reset" novalidate class="form">
        <CsrfField />
        <TextField name="identifier" label={t("accounts.login.identifier")} form={form} autocomplete="username" maxLength={254} />
        <button type="submit" class="button button--primary">
          {t("accounts.reset.send")}
        </button>
      </form>
    </Layout>
  );
}

/** The code and new-PIN step of a PIN reset. */
export function PinResetCodePage({
  flowId,
  destination,
  form,
  notice,
  noticeVars,
}: {
  flowId: string;
  /** The identifier typed, masked; a mobile number stands for the e-mail address registered with it. */
  destination: { kind: "email" | "sms"; masked: string };
  form: Form;
  notice: MessageKey | null;
  noticeVars?: Record<string, string | number>;
}) {
  const { t } = usePage();
  const shown = destination.kind === "email" ? destination.masked : t("accounts.reset.emailOfPhone", { phone: destination.masked });
  return (
    <CodePage
      action={`/pin-reset/${flowId}`}
      sendAction={`/pin-reset/${flowId}/send`}
      destination={shown}
      channel="email"
      form={form}
      notice={notice}
      noticeVars={noticeVars}
      title={t("accounts.reset.codeTitle")}
      allowChannelSwitch={false}
      back="/pin-reset"
      submitLabel={t("accounts.reset.submit")}
      extraFields={
        <>
          <p>
            {destination.kind === "email" ? t("accounts.reset.codeLead", { destination: shown }) : t("accounts.reset.codeLeadPhone", { destination: shown })}
          </p>
          <PinInput name="pin" label={t("accounts.reset.newPin")} hint={t("accounts.pin.hint")} form={form} autocomplete="new-password" />
          <PinInput name="pinConfirm" label={t("accounts.reset.newPinConfirm")} form={form} autocomplete="new-password" />
        </>
      }
    />
  );
}
