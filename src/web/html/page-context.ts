import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { AssetManifest } from "../../platform/http/client-assets.ts";
import type { FieldError } from "../../platform/http/form.ts";
import type { Locale, Translate } from "../../platform/i18n/catalogue.ts";
import type { HtmlMessageKey } from "./messages.ts";

/** What the page parts shared by every HTML surface (fields, error summary) may know about the request. */
export type SharedPage = {
  locale: Locale;
  t: Translate<HtmlMessageKey>;
  /** The message of a field's error, in the page's language. */
  explain: (error: FieldError<string>) => string;
  csrfToken: string;
  /** The content-hashed addresses of the style sheets, the script and the icon. */
  assets: AssetManifest;
};

export const SharedPageContext = createContext<SharedPage | null>(null);

/** Reads the shared page context inside a view. */
export function useSharedPage(): SharedPage {
  const value = useContext(SharedPageContext);
  if (!value) throw new Error("useSharedPage() outside a rendered page");
  return value;
}
