import type { ComponentChildren, Context, JSX } from "preact";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import type { AssetManifest } from "../../platform/http/client-assets.ts";
import type { FieldError } from "../../platform/http/form.ts";
import { type Catalogue, interpolate, type Locale, type Translate } from "../../platform/i18n/catalogue.ts";
import type { HtmlMessageKey } from "./messages.ts";
import { type SharedPage, SharedPageContext } from "./page-context.ts";

/** What every surface's page context holds at least: a surface's translator covers the shared keys too. */
type SurfacePage = { locale: Locale; t: Translate<HtmlMessageKey>; csrfToken: string };

/**
 * A whole HTML document for a view: the surface's own page context and the shared one, both from the same
 * catalogue, so shared parts and surface views speak the same language.
 */
export function renderDocument<P extends SurfacePage>(
  surface: Context<P | null>,
  page: P,
  catalogue: Catalogue<string>,
  view: JSX.Element,
  assets: AssetManifest,
): string {
  const texts = catalogue[page.locale];
  const shared: SharedPage = {
    locale: page.locale,
    t: page.t,
    // Read through, not copied: a page with no form never asks for the token (nor makes the browser a key).
    get csrfToken() {
      return page.csrfToken;
    },
    assets,
    // Field errors are made from the surface's own keys (FormState<K>); an unknown one still never shows raw.
    explain: (error: FieldError<string>) => {
      const text = texts[error.key];
      return text === undefined ? page.t("error.badRequest.title") : interpolate(text, error.vars);
    },
  };
  const tree: ComponentChildren = h(SharedPageContext.Provider, { value: shared }, h(surface.Provider, { value: page }, view));
  return `<!doctype html>${renderToString(tree as JSX.Element)}`;
}
