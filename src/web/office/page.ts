import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { StaffPrincipal } from "../../modules/access/policy.ts";
import { emptyForm, type FormState, formParser } from "../../platform/http/form.ts";
import type { Locale, Translate } from "../../platform/i18n/catalogue.ts";
import { isOfficeMessageKey, type OfficeMessageKey } from "./messages.ts";

/** What every console page may know about the request it answers. */
export type OfficePage = {
  locale: Locale;
  t: Translate<OfficeMessageKey>;
  csrfToken: string;
  currentUrl: string;
  orgName: string;
  /** The signed-in member of staff, for the header and for showing only what their role allows. */
  staff: { name: string; principal: StaffPrincipal } | null;
  /** No SMTP server: mail only reaches the local mailbox, and every page says so. */
  mailNotSent: boolean;
};

export const OfficePageContext = createContext<OfficePage | null>(null);

/** Reads the request's page context inside a console view. */
export function useOfficePage(): OfficePage {
  const value = useContext(OfficePageContext);
  if (!value) throw new Error("useOfficePage() outside a rendered console page");
  return value;
}

/** A console form's values and its errors, by the console catalogue's keys. */
export type OfficeForm = FormState<OfficeMessageKey>;

/** A console form with nothing typed and nothing wrong. */
export const blankOfficeForm: OfficeForm = emptyForm;

/** Parses a console form; a schema message that is not a console key shows as the generic "invalid" text. */
export const parseOfficeForm = formParser(isOfficeMessageKey, "office.form.invalid");
