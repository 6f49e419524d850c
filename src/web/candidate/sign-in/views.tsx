import type { ComponentChildren } from "preact";
import { mailTexts } from "../../../modules/candidate-mail/messages.ts";
import { CsrfField, ErrorSummary, PageHeading, RadioField, TextField } from "../../html/fields.tsx";
import { BackLink, Notice, PageHeadingInline, PinInput, SeparateAccountNote, withReturn } from "../account-fields.tsx";
import { Layout } from "../layout.tsx";
import type { MessageKey } from "../messages.ts";
import { type Form, usePage } from "../page.ts";

/**
 * 「ログイン」: the identifier step, and beside it, with the same weight, the way in for someone new: most
 * people arrive here from 「応募する」 without an account, and the PIN step that follows would only fail them.
 */
export function LoginPage({ form, returnTo, notice }: { form: Form; returnTo: string | null; notice: MessageKey | null }) {
  const { t } = usePage();
  return (
    <Layout title={t("accounts.login.title")}>
      <Notice message={notice} />
      <ErrorSummary form={form} />
      <PageHeading>{t("accounts.login.title")}</PageHeading>
      <SeparateAccountNote />
      <div class="choice-cards">
        <section class="choice-card" aria-labelledby="login-existing">
          <h2 id="login-existing">{t("accounts.login.haveAccount")}</h2>
          <form method="post" action={withReturn("/login", returnTo)} novalidate class="form">
            <CsrfField />
            <TextField name="identifier" label={t("accounts.login.identifier")} form={form} autocomplete="username" maxLength={254} />
            <button type="submit" class="button button--primary">
              {t("accounts.next")}
            </button>
          </form>
        </section>
        <section class="choice-card" aria-labelledby="login-newcomer">
          <h2 id="login-newcomer">{t("accounts.login.newcomer")}</h2>
          <p>{t("accounts.login.newcomer.lead")}</p>
          <p>
            <a class="button button--primary" href={withReturn("/register", returnTo)}>
              {t("accounts.login.register")}
            </a>
          </p>
        </section>
      </div>
      <p>
        <a href="/login/help">{t("accounts.login.support")}</a>
      </p>
    </Layout>
  );
}

/** 「アカウントをお持ちでない場合 登録する」, for the steps after the identifier. */
export function RegisterInstead({ href }: { href: string }) {
  const { t } = usePage();
  return (
    <p class="register-instead">
      {t("accounts.pinStep.noAccount")} <a href={href}>{t("accounts.login.newcomer")}</a>
    </p>
  );
}

/** 「暗証番号を入力します」 with the show-PIN toggle (a checkbox the script wires up). */
export function PinPage({
  flowId,
  identifier,
  form,
  notice,
  lockedMinutes,
  registerHref,
}: {
  flowId: string;
  identifier: string;
  form: Form;
  notice: MessageKey | null;
  lockedMinutes: number | null;
  /** Where someone without an account registers; absent right after registering. */
  registerHref: string | null;
}) {
  const { t } = usePage();
  // While locked, the lock message above says it all; the field shows no error of its own.
  const shown: Form = lockedMinutes ? { ...form, errors: {} } : form;
  return (
    <Layout title={t("accounts.pinStep.title")}>
      <BackLink href="/login" />
      <Notice message={notice} />
      {lockedMinutes ? (
        <div class="error-summary" role="alert" tabIndex={-1} autofocus data-error-summary>
          <p>{t("accounts.pinStep.locked", { minutes: lockedMinutes })}</p>
        </div>
      ) : (
        <ErrorSummary form={form} />
      )}
      {/* The same words whether or not the account exists: a wrong PIN and a new visitor both see the way to register. */}
      {form.errors.pin && registerHref ? <RegisterInstead href={registerHref} /> : null}
      <PageHeading>{t("accounts.pinStep.title")}</PageHeading>
      <p>{t("accounts.pinStep.for", { identifier })}</p>
      <form method="post" action={`/login/${flowId}/pin`} novalidate class="form">
        <CsrfField />
        <input type="text" name="username" value={identifier} autocomplete="username" hidden readOnly />
        <PinInput name="pin" label={t("accounts.pinStep.pin")} form={shown} autocomplete="current-password" />
        <div class="checkbox" data-show-pin-toggle hidden>
          <input type="checkbox" id="show-pin" data-show-pin="f-pin" />
          <label for="show-pin">{t("accounts.pinStep.show")}</label>
        </div>
        <p>
          <a href="/pin-reset">{t("accounts.pinStep.forgot")}</a>
        </p>
        <p>
          <a href="/login/help">{t("accounts.pinStep.help")}</a>
        </p>
        <button type="submit" class="button button--primary">
          {t("accounts.next")}
        </button>
      </form>
      {registerHref && !form.errors.pin ? <RegisterInstead href={registerHref} /> : null}
    </Layout>
  );
}

/** 「確認コードはどこに送ればよいですか？」 */
export function ChannelPage({ flowId, email, phone, form }: { flowId: string; email: string; phone: string; form: Form }) {
  const { t } = usePage();
  const values = { channel: "email", ...form.values };
  return (
    <Layout title={t("accounts.channel.title")}>
      <BackLink href={`/login/${flowId}/pin`} />
      <ErrorSummary form={form} />
      <form method="post" action={`/login/${flowId}/send`} novalidate class="form">
        <CsrfField />
        <RadioField
          name="channel"
          label={<PageHeadingInline>{t("accounts.channel.title")}</PageHeadingInline>}
          form={{ ...form, values }}
          options={[
            { value: "email", label: t("accounts.channel.email", { destination: email }) },
            { value: "sms", label: t("accounts.channel.sms", { destination: phone }) },
          ]}
        />
        <p>
          <a href="/login/help">{t("accounts.pinStep.help")}</a>
        </p>
        <button type="submit" class="button button--primary">
          {t("accounts.channel.send")}
        </button>
      </form>
    </Layout>
  );
}

/** The code step, with resend and 「電話番号でログインします」 (or back to e-mail). */
export function CodePage(props: {
  action: string;
  sendAction: string;
  destination: string;
  channel: "email" | "sms";
  form: Form;
  notice: MessageKey | null;
  noticeVars?: Record<string, string | number>;
  title?: string;
  allowChannelSwitch: boolean;
  extraFields?: ComponentChildren;
  submitLabel?: string;
  back: string;
}) {
  const { t, orgName, locale, mailDomain } = usePage();
  const subject = mailTexts(locale)("mail.code.subject", { org: orgName });
  return (
    <Layout title={props.title ?? t("accounts.code.title", { destination: props.destination })}>
      <BackLink href={props.back} />
      {props.notice ? (
        <div class="notice" role="status">
          {t(props.notice, props.noticeVars)}
        </div>
      ) : null}
      <ErrorSummary form={props.form} />
      <PageHeading>{props.title ?? t("accounts.code.title", { destination: props.destination })}</PageHeading>
      <p>
        {props.channel === "email"
          ? t("accounts.code.instructions", { destination: props.destination, subject })
          : t("accounts.code.instructionsSms", { destination: props.destination })}
      </p>
      {props.channel === "email" ? <p class="field__hint">{t("accounts.code.filter", { domain: mailDomain })}</p> : null}
      <form method="post" action={props.action} novalidate class="form">
        <CsrfField />
        <TextField
          name="code"
          label={t("accounts.code.label")}
          form={props.form}
          inputMode="numeric"
          autocomplete="one-time-code"
          maxLength={12}
          class="input--pin"
          secret
        />
        {props.extraFields}
        <button type="submit" class="button button--primary">
          {props.submitLabel ?? t("accounts.next")}
        </button>
      </form>
      <form method="post" action={props.sendAction} class="inline-actions">
        <CsrfField />
        <button type="submit" name="channel" value={props.channel} class="button button--secondary">
          {t("accounts.code.resend")}
        </button>
        {props.allowChannelSwitch ? (
          <button type="submit" name="channel" value={props.channel === "email" ? "sms" : "email"} class="button button--link">
            {props.channel === "email" ? t("accounts.code.viaPhone") : t("accounts.code.viaEmail")}
          </button>
        ) : null}
      </form>
    </Layout>
  );
}

/** 「ログインでヘルプが必要ですか？」 */
export function LoginHelpPage({ mailFrom }: { mailFrom: string }) {
  const { t, orgName, helpEmail, locale, mailDomain } = usePage();
  const subject = mailTexts(locale)("mail.code.subject", { org: orgName });
  const items: [MessageKey, string][] = [
    ["accounts.help.identifier.q", t("accounts.help.identifier.a")],
    ["accounts.help.pin.q", t("accounts.help.pin.a")],
    ["accounts.help.code.q", t("accounts.help.code.a", { subject, from: mailFrom, domain: mailDomain })],
    ["accounts.help.locked.q", t("accounts.help.locked.a")],
  ];
  return (
    <Layout title={t("accounts.help.title")}>
      <BackLink href="/login" />
      <PageHeading>{t("accounts.help.title")}</PageHeading>
      {items.map(([q, a]) => (
        <section key={q}>
          <h2>{t(q)}</h2>
          <p>{a}</p>
        </section>
      ))}
      <p>{t("accounts.help.contact", { email: helpEmail })}</p>
    </Layout>
  );
}
