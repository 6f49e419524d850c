import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { PageHeading } from "../../html/fields.tsx";
import { PUBLIC } from "../../route-access.ts";
import { Layout } from "../layout.tsx";
import { usePage } from "../page.ts";

function PrivacyPage() {
  const { t, orgName, helpEmail } = usePage();
  return (
    <Layout title={t("privacy.title")}>
      <PageHeading>{t("privacy.title")}</PageHeading>
      <p>{t("privacy.body1", { org: orgName })}</p>
      <p>{t("privacy.body2")}</p>
      <p>{t("privacy.body3")}</p>
      <p>{t("privacy.body4", { email: helpEmail })}</p>
    </Layout>
  );
}

/** 候補者プライバシー規約: the purpose of use, linked from every form that collects personal data. */
export async function privacyRoutes(app: FastifyInstance, _deps: AppDeps): Promise<void> {
  app.get("/privacy", PUBLIC, async (_req, reply) => reply.page(<PrivacyPage />));
}
