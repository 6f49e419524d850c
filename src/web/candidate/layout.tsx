import type { ComponentChildren } from "preact";
import { AssetLinks } from "../html/fields.tsx";
import { RenderedOnce } from "../html/rendered-once.ts";
import { usePage } from "./page.ts";

type LayoutProps = {
  title: string;
  children: ComponentChildren;
  /** Extra elements for <head>, such as JSON-LD. */
  head?: ComponentChildren;
};

/** The frame of every page: header with the organisation, language globe, help and account menu. */
export function Layout({ title, children, head }: LayoutProps) {
  const { locale, t, orgName } = usePage();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${orgName}`}</title>
        <AssetLinks />
        {head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("layout.skipToContent")}
        </a>
        <MailNotSentBanner />
        <Header />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <Footer />
      </body>
    </html>
  );
}

/**
 * The header is the same for every page in one language but for where the language switch comes back to, the
 * signed-in candidate's name and the sign-out form's token: those are filled into markup rendered once.
 */
function Header() {
  const page = usePage();
  const { orgName, signedIn, currentUrl, locale } = page;
  // The token is read only for the sign-out form: a page without a form makes no browser key.
  const holes = { back: currentUrl, who: signedIn?.displayName ?? "", csrf: signedIn ? page.csrfToken : "" };
  return (
    <RenderedOnce name="header" per={[locale, orgName, signedIn !== null]} holes={holes}>
      {(h) => <HeaderMarkup back={h.back} who={signedIn ? h.who : null} csrf={h.csrf} />}
    </RenderedOnce>
  );
}

function HeaderMarkup({ back, who, csrf }: { back: string; who: string | null; csrf: string }) {
  const { t, orgName, locale } = usePage();
  return (
    <header class="site-header">
      <div class="site-header__inner">
        <a class="site-header__brand" href="/jobs">
          {orgName}
          <span class="site-header__sub">{t("layout.jobs")}</span>
        </a>
        <nav class="site-header__nav" aria-label={t("layout.account")}>
          <details class="menu">
            <summary>
              <GlobeIcon />
              <span class="visually-hidden">{t("layout.language")}: </span>
              {t("layout.language.current")}
            </summary>
            <form method="post" action="/language" class="menu__panel">
              <input type="hidden" name="back" value={back} />
              <button type="submit" name="locale" value="ja" lang="ja" aria-current={locale === "ja" ? "true" : undefined}>
                日本語
              </button>
              <button type="submit" name="locale" value="en" lang="en" aria-current={locale === "en" ? "true" : undefined}>
                English
              </button>
            </form>
          </details>
          <a href="/help">{t("layout.help")}</a>
          {who !== null ? (
            <details class="menu">
              <summary>{t("layout.account")}</summary>
              <div class="menu__panel">
                <p class="menu__who">{who}</p>
                <a href="/account">{t("layout.account.profile")}</a>
                <a href="/account/applications">{t("layout.account.applications")}</a>
                <form method="post" action="/logout">
                  <input type="hidden" name="_csrf" value={csrf} />
                  <button type="submit">{t("layout.signOut")}</button>
                </form>
              </div>
            </details>
          ) : (
            <a href="/login">{t("layout.signIn")}</a>
          )}
        </nav>
      </div>
    </header>
  );
}

/** Says on every page that mail is not being sent, while the local mailbox stands in for SMTP. */
function MailNotSentBanner() {
  const { t, showMailbox } = usePage();
  if (!showMailbox) return null;
  return (
    <p class="mail-banner" role="note">
      {t("mailbox.banner")} <a href="/dev/mailbox">{t("mailbox.title")}</a>
    </p>
  );
}

function Footer() {
  const { locale, helpEmail, showMailbox } = usePage();
  return (
    <RenderedOnce name="footer" per={[locale, helpEmail, showMailbox]}>
      {() => <FooterLinks />}
    </RenderedOnce>
  );
}

function FooterLinks() {
  const { t, helpEmail, showMailbox } = usePage();
  return (
    <footer class="site-footer">
      <ul>
        <li>
          <a href="/privacy">{t("layout.footer.privacy")}</a>
        </li>
        <li>
          <a href="/help">{t("layout.footer.help")}</a>
        </li>
        <li>{t("layout.footer.contact", { email: helpEmail })}</li>
        {showMailbox ? (
          <li>
            <a href="/dev/mailbox">{t("mailbox.title")}</a>
          </li>
        ) : null}
      </ul>
    </footer>
  );
}

/** The seed's globe, drawn as SVG so it needs no emoji font. */
function GlobeIcon() {
  return (
    <svg class="icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="1.8">
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z" />
    </svg>
  );
}
