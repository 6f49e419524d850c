import { PageHeading } from "../../html/fields.tsx";
import { Layout } from "../layout.tsx";
import { usePage } from "../page.ts";

/** ヘルプ: the seed's six questions, answered for this system. */
export function HelpPage() {
  const { t, helpEmail } = usePage();
  const qs = [1, 2, 3, 4, 5, 6] as const;
  return (
    <Layout title={t("help.title")}>
      <PageHeading>{t("help.title")}</PageHeading>
      <p>{t("help.lead")}</p>
      {qs.map((n) => (
        <section key={n} id={`faq-${n}`}>
          <h2>{`${"①②③④⑤⑥"[n - 1]} ${t(`help.q${n}`)}`}</h2>
          <p>{t(`help.a${n}`, { email: helpEmail })}</p>
        </section>
      ))}
      <section id="auto-advance">
        <h2>{t("help.autoAdvance")}</h2>
        <p>{t("help.autoAdvance.body")}</p>
      </section>
      <p>
        <a href="/login/help">{t("help.signIn")}</a>
      </p>
    </Layout>
  );
}
