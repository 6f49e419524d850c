import { ERROR_KINDS, type ErrorKind } from "../../platform/http/errors.ts";
import { Layout } from "../candidate/layout.tsx";
import { PageHeading } from "./fields.tsx";
import { usePage } from "./page-context.ts";

/** The one HTML error page, in the request's language; 5xx details never appear here. */
export function ErrorPage({ kind }: { kind: ErrorKind }) {
  const { t } = usePage();
  const { title, body } = ERROR_KINDS[kind];
  return (
    <Layout title={t(title)}>
      <PageHeading>{t(title)}</PageHeading>
      <p>{t(body)}</p>
      <p>
        <a href="/jobs">{t("error.backHome")}</a>
      </p>
    </Layout>
  );
}
