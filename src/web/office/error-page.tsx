import type { ErrorKind } from "../../platform/http/errors.ts";
import { ERROR_TEXTS } from "../html/error-texts.ts";
import { PageHeading } from "../html/fields.tsx";
import { OfficeLayout } from "./layout.tsx";
import { useOfficePage } from "./page.ts";

/** The console's error page, in the request's language; 5xx details never appear here. */
export function OfficeErrorPage({ kind }: { kind: ErrorKind }) {
  const { t } = useOfficePage();
  const { title, body } = ERROR_TEXTS[kind];
  return (
    <OfficeLayout title={t(title)}>
      <PageHeading>{t(title)}</PageHeading>
      <p>{t(body)}</p>
      <p>
        <a href="/office">{t("office.backHome")}</a>
      </p>
    </OfficeLayout>
  );
}
