import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Locale } from "../../platform/i18n/catalogue.ts";
import type { Translate } from "../../platform/i18n/messages.ts";

/** What every server-rendered view may know about the request it answers. */
export type PageContext = {
  locale: Locale;
  t: Translate;
  csrfToken: string;
  /** The path and query of this request, for the language switch to come back to. */
  currentUrl: string;
  signedIn: { displayName: string } | null;
  orgName: string;
  helpEmail: string;
  /** Shown only outside production: the local mailbox link. */
  showMailbox: boolean;
};

export const PageContextValue = createContext<PageContext | null>(null);

/** Reads the request's page context inside a view. */
export function usePage(): PageContext {
  const value = useContext(PageContextValue);
  if (!value) throw new Error("usePage() outside a rendered page");
  return value;
}
