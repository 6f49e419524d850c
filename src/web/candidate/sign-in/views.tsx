import type { ComponentChildren } from "preact";
import { PHONE_COUNTRIES } from "../../../modules/candidates/contact-details.ts";
import { TIME_ZONES } from "../../../modules/candidates/time-zones.ts";
import type { FormState } from "../../../platform/http/form.ts";
import type { MessageKey } from "../../../platform/i18n/messages.ts";
import { CsrfField, ErrorSummary, fieldId, PageHeading, RadioField, SelectField, TextField } from "../../html/fields.tsx";
import { usePage } from "../../html/page-context.ts";
import { Layout } from "../layout.tsx";

/** A status line after a redirect ("saved", "signed out"); announced politely to screen readers. */
export function Notice({ message }: { message: MessageKey | null }) {
  const { t } = usePage();
  if (!message) return null;
  return (
    <div class="notice" role="status">
      {t(message)}
    </div>
  );
}

function SeparateAccountNote() {
  const { t, orgName } = usePage();
  return <p class="callout">{t("accounts.separateAccount", { org: orgName })}</p>;
}

function withReturn(path: string, returnTo: string | null): string {
  return returnTo ? `${path}?return_to=${encodeURIComponent(returnTo)}` : path;
}

function PinInput({ name, label, hint, form, autocomplete }: { name: string; label: string; hint?: string; form: FormState; autocomplete: string }) {
  return (
    <TextField
      name={name}
      label={label}
      hint={hint}
      form={form}
      type="password"
      inputMode="numeric"
      autocomplete={autocomplete}
      maxLength={12}
      secret
      class="input--pin"
    />
  );
}

function PhoneField({ name, countryName, label, form, hint }: { name: string; countryName: string; label: string; form: FormState; hint?: string }) {
  const { t, locale } = usePage();
  const errorField = form.errors[name] ? name : countryName;
  const error = form.errors[errorField];
  const hintId = hint ? `${fieldId(name)}-hint` : undefined;
  const errorId = error ? `${fieldId(errorField)}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset class={error ? "field field--error" : "field"}>
      <legend class="field__label">
        {label} <span class="mark mark--required">{t("layout.required")}</span>
      </legend>
      {hint ? (
        <p class="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <div class="phone">
        <label class="visually-hidden" for={fieldId(countryName)}>
          {t("accounts.phoneCountry")}
        </label>
        <select
          class="select phone__country"
          id={fieldId(countryName)}
          name={countryName}
          autocomplete="tel-country-code"
          aria-describedby={errorField === countryName ? describedBy : hintId}
          aria-invalid={errorField === countryName && error ? "true" : undefined}
        >
          {PHONE_COUNTRIES.map((c) => (
            <option key={c.country} value={c.country} selected={(form.values[countryName] ?? "JP") === c.country}>
              {`${c.dial} ${c[locale]}`}
            </option>
          ))}
        </select>
        <label class="visually-hidden" for={fieldId(name)}>
          {label}
        </label>
        <input
          class="input phone__number"
          id={fieldId(name)}
          name={name}
          type="tel"
          inputMode="tel"
          autocomplete="tel-national"
          value={form.values[name] ?? ""}
          aria-describedby={describedBy}
          aria-invalid={errorField === name && error ? "true" : undefined}
          maxLength={30}
        />
      </div>
      {error ? (
        <p class="field__error" id={errorId}>
          {t(error as MessageKey)}
        </p>
      ) : null}
    </fieldset>
  );
}

const REGISTRATION_ORDER = [
  "givenName",
  "familyName",
  "givenNameLatin",
  "familyNameLatin",
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
export function RegisterPage({ form, returnTo }: { form: FormState; returnTo: string | null }) {
  const { t, locale, orgName } = usePage();
  const values = { timeZone: "Asia/Tokyo", ...form.values };
  const f = { ...form, values };
  return (
    <Layout title={t("accounts.register.title")}>
      <ErrorSummary form={form} order={REGISTRATION_ORDER} />
      <PageHeading>{t("accounts.register.title")}</PageHeading>
      <p class="lead">{t("accounts.register.lead")}</p>
      <SeparateAccountNote />
      <p>{t("accounts.register.allRequired")}</p>
      <form method="post" action={withReturn("/register", returnTo)} novalidate class="form">
        <CsrfField />
        <p class="field__hint">{t("accounts.purpose")}</p>
        <div class="field-row">
          <TextField name="givenName" label={t("accounts.givenName")} form={f} autocomplete="given-name" maxLength={40} />
          <TextField name="familyName" label={t("accounts.familyName")} form={f} autocomplete="family-name" maxLength={40} />
        </div>
        <div class="field-row">
          <TextField
            name="givenNameLatin"
            label={t("accounts.givenNameLatin")}
            hint={t("accounts.nameLatin.hint")}
            form={f}
            autocomplete="given-name"
            maxLength={40}
          />
          <TextField name="familyNameLatin" label={t("accounts.familyNameLatin")} form={f} autocomplete="family-name" maxLength={40} />
        </div>
        <TextField
          name="email"
          label={t("accounts.email")}
          hint={t("accounts.email.hint")}
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
          inline
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

/** 「ログイン」: the identifier step. */
export function LoginPage({ form, returnTo, notice }: { form: FormState; returnTo: string | null; notice: MessageKey | null }) {
  const { t } = usePage();
  return (
    <Layout title={t("accounts.login.title")}>
      <Notice message={notice} />
      <ErrorSummary form={form} />
      <PageHeading>{t("accounts.login.title")}</PageHeading>
      <SeparateAccountNote />
      <form method="post" action={withReturn("/login", returnTo)} novalidate class="form">
        <CsrfField />
        <TextField name="identifier" label={t("accounts.login.identifier")} form={form} autocomplete="username" maxLength={254} />
        <button type="submit" class="button button--primary">
          {t("accounts.next")}
        </button>
      </form>
      <p>
        {t("accounts.login.noAccount")} <a href={withReturn("/register", returnTo)}>{t("accounts.login.register")}</a>
      </p>
      <p>
        <a href="/login/help">{t("accounts.login.support")}</a>
      </p>
    </Layout>
  );
}

function BackLink({ href }: { href: string }) {
  const { t } = usePage();
  return (
    <p>
      <a class="back-link" href={href}>
        ← {t("layout.back")}
      </a>
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
}: {
  flowId: string;
  identifier: string;
  form: FormState;
  notice: MessageKey | null;
  lockedMinutes: number | null;
}) {
  const { t } = usePage();
  const shown = lockedMinutes ? { ...form, errors: { ...form.errors, pin: "accounts.pinStep.locked" } } : form;
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
      <PageHeading>{t("accounts.pinStep.title")}</PageHeading>
      <p>{t("accounts.pinStep.for", { identifier })}</p>
      <form method="post" action={`/login/${flowId}/pin`} novalidate class="form">
        <CsrfField />
        <input type="text" name="username" value={identifier} autocomplete="username" hidden readOnly />
        <PinInput name="pin" label={t("accounts.pinStep.pin")} form={lockedMinutes ? { ...shown, errors: {} } : shown} autocomplete="current-password" />
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
    </Layout>
  );
}

/** 「確認コードはどこに送ればよいですか？」 */
export function ChannelPage({ flowId, email, phone, form }: { flowId: string; email: string; phone: string; form: FormState }) {
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

function PageHeadingInline({ children }: { children: ComponentChildren }) {
  return (
    <h1 class="legend-heading" data-page-heading tabIndex={-1}>
      {children}
    </h1>
  );
}

/** The code step, with resend and 「電話番号でログインします」 (or back to e-mail). */
export function CodePage(props: {
  action: string;
  sendAction: string;
  destination: string;
  channel: "email" | "sms";
  form: FormState;
  notice: MessageKey | null;
  noticeVars?: Record<string, string | number>;
  title?: string;
  allowChannelSwitch: boolean;
  extraFields?: ComponentChildren;
  submitLabel?: string;
  back: string;
}) {
  const { t, orgName } = usePage();
  const subject = t("mail.code.subject", { org: orgName });
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

/** 「暗証番号をお忘れですか？」: the identifier step of a PIN reset. */
export function PinResetStartPage({ form }: { form: FormState }) {
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
  destination: string;
  form: FormState;
  notice: MessageKey | null;
  noticeVars?: Record<string, string | number>;
}) {
  const { t } = usePage();
  return (
    <CodePage
      action={`/pin-reset/${flowId}`}
      sendAction={`/pin-reset/${flowId}/send`}
      destination={destination}
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
          <p>{t("accounts.reset.codeLead", { destination })}</p>
          <PinInput name="pin" label={t("accounts.reset.newPin")} hint={t("accounts.pin.hint")} form={form} autocomplete="new-password" />
          <PinInput name="pinConfirm" label={t("accounts.reset.newPinConfirm")} form={form} autocomplete="new-password" />
        </>
      }
    />
  );
}

/** 「ログインでヘルプが必要ですか？」 */
export function LoginHelpPage({ mailFrom }: { mailFrom: string }) {
  const { t, orgName, helpEmail } = usePage();
  const subject = t("mail.code.subject", { org: orgName });
  const items: [MessageKey, string][] = [
    ["accounts.help.identifier.q", t("accounts.help.identifier.a")],
    ["accounts.help.pin.q", t("accounts.help.pin.a")],
    ["accounts.help.code.q", t("accounts.help.code.a", { subject, from: mailFrom })],
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
