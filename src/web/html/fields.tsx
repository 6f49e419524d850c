import type { ComponentChildren, JSX } from "preact";
import type { FormState } from "../../platform/http/form.ts";
import { useSharedPage } from "./page-context.ts";

/** Any surface's form: the shared fields only show its errors, translated by the surface's catalogue. */
type AnyForm = FormState<string>;

/**
 * The <head> links every HTML page shares: the style sheets, the icon and the progressive-enhancement
 * script, and after them a surface's own style sheets.
 */
export function AssetLinks({ sheets = [] }: { sheets?: "office.css"[] }) {
  const { assets } = useSharedPage();
  return (
    <>
      <link rel="stylesheet" href={assets["tokens.css"]} />
      <link rel="stylesheet" href={assets["site.css"]} />
      {sheets.map((sheet) => (
        <link key={sheet} rel="stylesheet" href={assets[sheet]} />
      ))}
      <link rel="icon" href={assets["favicon.svg"]} type="image/svg+xml" />
      <script type="module" src={assets["enhance.js"]} />
    </>
  );
}

/** A hidden CSRF field; every state-changing form carries one. */
export function CsrfField() {
  const { csrfToken } = useSharedPage();
  return <input type="hidden" name="_csrf" value={csrfToken} />;
}

/** The GOV.UK-style summary at the top of a form with errors; it takes focus when the page loads. */
export function ErrorSummary({ form, order }: { form: AnyForm; order?: string[] }) {
  const { t, explain } = useSharedPage();
  const names = order ? order.filter((n) => form.errors[n]) : Object.keys(form.errors);
  const extra = Object.keys(form.errors).filter((n) => !names.includes(n));
  const all = [...names, ...extra];
  if (all.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autofocus data-error-summary>
      <h2 id="error-summary-title">{t("layout.errorSummary.title")}</h2>
      <ul>
        {all.map((name) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`}>{explain(form.errors[name]!)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The id of a field's input, used by labels and by the error summary's links. */
export function fieldId(name: string): string {
  return `f-${name}`;
}

type FieldFrameProps = {
  name: string;
  label: ComponentChildren;
  hint?: ComponentChildren | undefined;
  required: boolean;
  form: AnyForm;
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
  /** Use a fieldset with a legend (radio groups, date parts). */
  group?: boolean;
};

/** Label above, hint between label and field, error below; ※必須 / ※任意 marks. */
function FieldFrame({ name, label, hint, required, form, children, group }: FieldFrameProps) {
  const { t, explain } = useSharedPage();
  const id = fieldId(name);
  const error = form.errors[name];
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const mark = <span class={required ? "mark mark--required" : "mark"}>{t(required ? "layout.required" : "layout.optional")}</span>;
  const hintEl = hint ? (
    <p class="field__hint" id={hintId}>
      {hint}
    </p>
  ) : null;
  const errorEl = error ? (
    <p class="field__error" id={errorId}>
      {explain(error)}
    </p>
  ) : null;
  if (group) {
    return (
      <fieldset class={error ? "field field--error" : "field"} aria-describedby={describedBy}>
        <legend class="field__label">
          {label} {mark}
        </legend>
        {hintEl}
        {children(describedBy, Boolean(error))}
        {errorEl}
      </fieldset>
    );
  }
  return (
    <div class={error ? "field field--error" : "field"}>
      <label class="field__label" for={id}>
        {label} {mark}
      </label>
      {hintEl}
      {children(describedBy, Boolean(error))}
      {errorEl}
    </div>
  );
}

type TextFieldProps = {
  name: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  required?: boolean;
  form: AnyForm;
  type?: "text" | "email" | "tel" | "password" | "date";
  autocomplete?: string;
  inputMode?: JSX.HTMLAttributes["inputMode"];
  maxLength?: number;
  /** Never echo secrets back into the page. */
  secret?: boolean;
  class?: string;
  pattern?: string;
};

/** One text input with its label, hint and error. */
export function TextField(props: TextFieldProps) {
  const { name, form, required = true } = props;
  return (
    <FieldFrame name={name} label={props.label} hint={props.hint} required={required} form={form}>
      {(describedBy, invalid) => (
        <input
          class={props.class ? `input ${props.class}` : "input"}
          id={fieldId(name)}
          name={name}
          type={props.type ?? "text"}
          value={props.secret ? "" : (form.values[name] ?? "")}
          autocomplete={props.autocomplete}
          inputMode={props.inputMode}
          maxLength={props.maxLength}
          pattern={props.pattern}
          aria-describedby={describedBy}
          aria-invalid={invalid ? "true" : undefined}
          aria-required={required ? "true" : undefined}
          spellcheck={false}
        />
      )}
    </FieldFrame>
  );
}

type Option = { value: string; label: string };

/** A multi-line text with its label, hint and error. */
export function TextAreaField(props: {
  name: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  required?: boolean;
  form: AnyForm;
  rows?: number;
  maxLength?: number;
}) {
  const { name, form, required = true } = props;
  return (
    <FieldFrame name={name} label={props.label} hint={props.hint} required={required} form={form}>
      {(describedBy, invalid) => (
        <textarea
          class="textarea"
          id={fieldId(name)}
          name={name}
          rows={props.rows ?? 5}
          maxLength={props.maxLength}
          aria-describedby={describedBy}
          aria-invalid={invalid ? "true" : undefined}
          aria-required={required ? "true" : undefined}
        >
          {form.values[name] ?? ""}
        </textarea>
      )}
    </FieldFrame>
  );
}

/** A select with its label, hint and error. */
export function SelectField(props: {
  name: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  required?: boolean;
  form: AnyForm;
  options: Option[];
  autocomplete?: string;
}) {
  const { name, form, required = true } = props;
  return (
    <FieldFrame name={name} label={props.label} hint={props.hint} required={required} form={form}>
      {(describedBy, invalid) => (
        <select
          class="select"
          id={fieldId(name)}
          name={name}
          autocomplete={props.autocomplete}
          aria-describedby={describedBy}
          aria-invalid={invalid ? "true" : undefined}
        >
          {props.options.map((o) => (
            <option key={o.value} value={o.value} selected={form.values[name] === o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** A radio group in a fieldset, answers stacked; the first radio carries the id the error summary links to. */
export function RadioField(props: { name: string; label: ComponentChildren; hint?: ComponentChildren; required?: boolean; form: AnyForm; options: Option[] }) {
  const { name, form, required = true } = props;
  return (
    <FieldFrame name={name} label={props.label} hint={props.hint} required={required} form={form} group>
      {(_describedBy, invalid) => (
        <div class="radios">
          {props.options.map((o, i) => {
            const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${o.value}`;
            return (
              <div class="radio" key={o.value}>
                <input type="radio" id={id} name={name} value={o.value} checked={form.values[name] === o.value} aria-invalid={invalid ? "true" : undefined} />
                <label for={id}>{o.label}</label>
              </div>
            );
          })}
        </div>
      )}
    </FieldFrame>
  );
}

/** A heading that receives focus after navigation (the client script focuses it). */
export function PageHeading({ children }: { children: ComponentChildren }) {
  return (
    <h1 tabIndex={-1} data-page-heading>
      {children}
    </h1>
  );
}
