import { type NoticeBlock, privacyNotice } from "../../../modules/privacy/privacy-notice.ts";
import type { Locale } from "../../../platform/i18n/catalogue.ts";
import { PageHeading } from "../../html/fields.tsx";
import { Layout } from "../layout.tsx";
import { usePage } from "../page.ts";

/** A notice's version (an ISO date) as a date in the page's language. */
export function noticeDate(version: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${version}T00:00:00Z`));
}

function Blocks({ blocks }: { blocks: NoticeBlock[] }) {
  const { orgName, helpEmail } = usePage();
  const fill = (text: string) => text.replaceAll("{org}", orgName).replaceAll("{email}", helpEmail);
  return (
    <>
      {blocks.map((b, i) =>
        b.kind === "paragraph" ? (
          <p key={i}>{fill(b.text)}</p>
        ) : (
          <ul key={i}>
            {b.items.map((item) => (
              <li key={item}>{fill(item)}</li>
            ))}
          </ul>
        ),
      )}
    </>
  );
}

/** 候補者プライバシー規約: the version in force, its date, a table of contents and every section with its anchor. */
export function PrivacyNoticePage() {
  const { t, locale } = usePage();
  const notice = privacyNotice(locale);
  return (
    <Layout title={notice.title}>
      <PageHeading>{notice.title}</PageHeading>
      <p>{t("privacy.version", { date: noticeDate(notice.version, locale) })}</p>
      <Blocks blocks={notice.intro} />
      <nav aria-labelledby="privacy-contents">
        <h2 id="privacy-contents">{t("privacy.contents")}</h2>
        <ol>
          {notice.sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {notice.sections.map((s) => (
        <section key={s.id} aria-labelledby={s.id}>
          <h2 id={s.id}>{s.title}</h2>
          <Blocks blocks={s.blocks} />
        </section>
      ))}
    </Layout>
  );
}
