import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Locale, Translate } from "../../platform/i18n/catalogue.ts";
import type { OfficeMessageKey } from "./messages.ts";

/** What every console page may know about the request it answers. */
export type OfficePage = {
  locale: Locale;
  t: Translate<OfficeMessageKey>;
  csrfToken: string;
  currentUrl: string;
  orgName: string;
};

export const OfficePageContext = createContext<OfficePage | null>(null);

/** Reads the request's page context inside a console view. */
export function useOfficePage(): OfficePage {
  const value = useContext(OfficePageContext);
  if (!value) throw new Error("useOfficePage() outside a rendered console page");
  return value;
}
