import type { ComponentChildren } from "preact";
import { AssetLinks } from "../html/fields.tsx";
import { useOfficePage } from "./page.ts";

/** The frame of every console page: designed for a desktop screen, usable on a tablet. */
export function OfficeLayout({ title, children }: { title: string; children: ComponentChildren }) {
  const { locale, t, orgName, csrfToken, currentUrl } = useOfficePage();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} | ${t("office.title")} | ${orgName}`}</title>
        <AssetLinks />
      </head>
      <body class="office">
        <a class="skip-link" href="#main">
          {t("office.skipToContent")}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="site-header__brand" href="/office">
              {orgName}
              <span class="site-header__sub">{t("office.title")}</span>
            </a>
            <nav class="site-header__nav" aria-label={t("office.language")}>
              <form method="post" action="/language" class="inline-form">
                <input type="hidden" name="_csrf" value={csrfToken} />
                <input type="hidden" name="back" value={currentUrl} />
                <button type="submit" name="locale" value={locale === "ja" ? "en" : "ja"} lang={locale === "ja" ? "en" : "ja"} class="button button--link">
                  {locale === "ja" ? "English" : "日本語"}
                </button>
              </form>
            </nav>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
