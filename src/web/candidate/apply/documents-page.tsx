import type { Application } from "../../../modules/applications/schema.ts";
import type { DocumentSummary } from "../../../modules/documents/document-store.ts";
import type { Job } from "../../../modules/jobs/schema.ts";
import { DocumentsSection, type DocumentsStatus } from "../documents/views.tsx";
import type { MessageKey } from "../messages.ts";
import { type Form, usePage } from "../page.ts";
import { WizardForm, WizardFrame } from "./wizard-views.tsx";

/** STEP 1 documents: the profile's documents with upload, then go on with them or without any. */
export function DocumentsStepPage(props: {
  app: Application;
  job: Job;
  version: number;
  documents: DocumentSummary[];
  status: DocumentsStatus;
  error: MessageKey | null;
  stale?: boolean;
}) {
  const { t, helpEmail } = usePage();
  const back = `/applications/${props.app.id}/documents`;
  const form: Form = { values: {}, errors: props.error ? { documents: { key: props.error } } : {} };
  return (
    <WizardFrame app={props.app} job={props.job} page="documents" title={t("applications.page.documents")} form={form} stale={props.stale}>
      {/* One rule: the documents are required, and e-mail is the way when uploading does not work. */}
      <p class="callout callout--warning">{t("applications.documents.rule", { email: helpEmail })}</p>
      <DocumentsSection documents={props.documents} back={back} status={props.status} />
      <div id="f-documents" tabIndex={-1} />
      <WizardForm action={back} version={props.version} back={null} saveButton={false} continueLabel={t("applications.documents.useThese")}>
        <button type="submit" name="intent" value="skip" class="button button--secondary">
          {t("applications.documents.skip")}
        </button>
      </WizardForm>
    </WizardFrame>
  );
}
