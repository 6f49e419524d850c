import type { ComponentChildren } from "preact";
import { hasPermission, type StaffPermission } from "../../modules/access/policy.ts";
import { AssetLinks } from "../html/fields.tsx";
import type { OfficeMessageKey } from "./messages.ts";
import { useOfficePage } from "./page.ts";

/** The console's sections, each shown only to those whose role opens it. */
const SECTIONS: { href: string; label: OfficeMessageKey; permission: StaffPermission }[] = [
  { href: "/office/pipeline", label: "office.nav.candidates", permission: "candidates.view" },
  { href: "/office/jobs", label: "office.nav.jobs", permission: "jobs.manage" },
  { href: "/office/reports", label: "office.nav.reports", permission: "reports.view" },
  { href: "/office/templates", label: "office.nav.templates", permission: "templates.manage" },
  { href: "/office/staff", label: "office.nav.staff", permission: "staff.manage" },
  { href: "/office/audit", label: "office.nav.audit", permission: "audit.view" },
  { href: "/office/retention", label: "office.nav.retention", permission: "privacy.manage" },
];

/** The frame of every console page: designed for a desktop screen, usable on a tablet, keyboard operable. */
export function OfficeLayout({ title, children }: { title: string; children: ComponentChildren }) {
  const { locale, t, orgName, csrfToken, currentUrl, staff, mailNotSent } = useOfficePage();
  const sections = staff ? SECTIONS.filter((s) => hasPermission(staff.principal, s.permission)) : [];
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} | ${t("office.title")} | ${orgName}`}</title>
        <AssetLinks sheets={["office.css"]} />
      </head>
      <body class="office">
        <a class="skip-link" href="#main">
          {t("office.skipToContent")}
        </a>
        {mailNotSent ? (
          <p class="mail-banner" role="note">
            {t("office.mailNotSent")}
          </p>
        ) : null}
        <header class="site-header">
          <div class="site-header__inner office__header">
            <a class="site-header__brand" href="/office">
              {orgName}
              <span class="site-header__sub">{t("office.title")}</span>
            </a>
            <div class="site-header__nav">
              <form method="post" action="/language" class="inline-form">
                <input type="hidden" name="back" value={currentUrl} />
                <button type="submit" name="locale" value={locale === "ja" ? "en" : "ja"} lang={locale === "ja" ? "en" : "ja"} class="office__link-button">
                  {locale === "ja" ? "English" : "日本語"}
                </button>
              </form>
              {staff ? (
                <>
                  <span class="office__who">{staff.name}</span>
                  <form method="post" action="/office/sign-out" class="inline-form">
                    <input type="hidden" name="_csrf" value={csrfToken} />
                    <button type="submit" class="office__link-button">
                      {t("office.signOut")}
                    </button>
                  </form>
                </>
              ) : null}
            </div>
          </div>
          {sections.length > 0 ? (
            <nav class="office__nav" aria-label={t("office.nav.label")}>
              <ul>
                {sections.map((s) => (
                  <li key={s.href}>
                    <a href={s.href} aria-current={currentUrl.startsWith(s.href) ? "page" : undefined}>
                      {t(s.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" tabIndex={-1} class="office__main">
          {children}
        </main>
      </body>
    </html>
  );
}
