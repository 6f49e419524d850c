import type { ComponentProps } from "preact";
import { CsrfField, ErrorSummary, PageHeading } from "../../html/fields.tsx";
import { PinInput } from "../account-fields.tsx";
import { Layout } from "../layout.tsx";
import { type Form, usePage } from "../page.ts";
import { CodePage } from "../sign-in/views.tsx";

/** What deleting the account does, plainly, then the PIN that starts it. */
export function AccountDeletionPage({ email, form, held }: { email: string; form: Form; held: boolean }) {
  const { t, helpEmail } = usePage();
  return (
    <Layout title={t("accountDeletion.title")}>
      <ErrorSummary form={form} />
      <PageHeading>{t("accountDeletion.title")}</PageHeading>
      {held ? (
        <div class="notice" role="status">
          {t("accountDeletion.held", { email: helpEmail })}
        </div>
      ) : null}
      <p>{t("accountDeletion.lead")}</p>
      <h2>{t("accountDeletion.removedHeading")}</h2>
      <ul>
        <li>{t("accountDeletion.removed1")}</li>
        <li>{t("accountDeletion.removed2")}</li>
        <li>{t("accountDeletion.removed3")}</li>
        <li>{t("accountDeletion.removed4")}</li>
      </ul>
      <p>{t("accountDeletion.withdrawn")}</p>
      <h2>{t("accountDeletion.keptHeading")}</h2>
      <ul>
        <li>{t("accountDeletion.kept1")}</li>
        <li>{t("accountDeletion.kept2")}</li>
        <li>{t("accountDeletion.kept3")}</li>
      </ul>
      {held ? (
        <p>
          <a href="/account">{t("accountDeletion.back")}</a>
        </p>
      ) : (
        <DeletionForm email={email} form={form} />
      )}
    </Layout>
  );
}

/** The PIN that starts the deletion, for an account that may be deleted. */
function DeletionForm({ email, form }: { email: string; form: Form }) {
  const { t } = usePage();
  return (
    <>
      <p>{t("accountDeletion.mail", { email })}</p>
      <form method="post" action="/account/delete" novalidate class="form">
        <CsrfField />
        <PinInput name="pin" label={t("accountDeletion.pin")} hint={t("accountDeletion.pinHint")} form={form} autocomplete="current-password" />
        <button type="submit" class="button button--primary">
          {t("accountDeletion.next")}
        </button>
        <a class="button button--link" href="/account">
          {t("accounts.cancel")}
        </a>
      </form>
    </>
  );
}

/** After the erasure: the session is gone, so this page is public and names no one. */
export function AccountDeletedPage() {
  const { t } = usePage();
  return (
    <Layout title={t("accountDeletion.doneTitle")}>
      <PageHeading>{t("accountDeletion.doneTitle")}</PageHeading>
      <p>{t("accountDeletion.done")}</p>
      <p>{t("accountDeletion.again")}</p>
      <p>
        <a href="/jobs">{t("accountDeletion.jobs")}</a>
      </p>
    </Layout>
  );
}

/** The code step of the deletion: the sign-in's code page, titled and labelled for what it does. */
export function DeletionCodePage(props: Omit<ComponentProps<typeof CodePage>, "title" | "submitLabel">) {
  const { t } = usePage();
  return <CodePage {...props} title={t("accountDeletion.codeTitle")} submitLabel={t("accountDeletion.confirm")} />;
}
