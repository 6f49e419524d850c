import type { ErrorKind } from "../../platform/http/errors.ts";
import { ERROR_TEXTS } from "../html/error-texts.ts";
import { PageHeading } from "../html/fields.tsx";
import { Layout } from "./layout.tsx";
import { usePage } from "./page.ts";

/** The candidate pages' error page, in the request's language; 5xx details never appear here. */
export function ErrorPage({ kind }: { kind: ErrorKind }) {
  const { t } = usePage();
  const { title, body } = ERROR_TEXTS[kind];
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
