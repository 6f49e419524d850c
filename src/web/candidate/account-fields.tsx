import type { ComponentChildren } from "preact";
import { PHONE_COUNTRIES } from "../../modules/candidates/contact-details.ts";
import { fieldId, TextField } from "../html/fields.tsx";
import type { MessageKey } from "./messages.ts";
import { type Form, usePage } from "./page.ts";

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

export function SeparateAccountNote() {
  const { t, orgName } = usePage();
  return <p class="callout">{t("accounts.separateAccount", { org: orgName })}</p>;
}

export function withReturn(path: string, returnTo: string | null): string {
  return returnTo ? `${path}?return_to=${encodeURIComponent(returnTo)}` : path;
}

export function PinInput({ name, label, hint, form, autocomplete }: { name: string; label: string; hint?: string; form: Form; autocomplete: string }) {
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

export function PhoneField({ name, countryName, label, form, hint }: { name: string; countryName: string; label: string; form: Form; hint?: string }) {
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
          // "tel-national" is no autocomplete token; the server reads national and international forms alike.
          autocomplete="tel"
          value={form.values[name] ?? ""}
          aria-describedby={describedBy}
          aria-invalid={errorField === name && error ? "true" : undefined}
          maxLength={30}
        />
      </div>
      {error ? (
        <p class="field__error" id={errorId}>
          {t(error.key, error.vars)}
        </p>
      ) : null}
    </fieldset>
  );
}

export function BackLink({ href }: { href: string }) {
  const { t } = usePage();
  return (
    <p>
      <a class="back-link" href={href}>
        ← {t("layout.back")}
      </a>
    </p>
  );
}

export function PageHeadingInline({ children }: { children: ComponentChildren }) {
  return (
    <h1 class="legend-heading" data-page-heading tabIndex={-1}>
      {children}
    </h1>
  );
}
