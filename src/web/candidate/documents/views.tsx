import {
  DOCUMENT_SAVE_REFUSALS,
  type DocumentSaveRefusal,
  type DocumentSummary,
  MAX_DOCUMENT_LABEL_LENGTH,
  MAX_DOCUMENT_NOTE_LENGTH,
  MAX_DOCUMENTS_PER_CANDIDATE,
} from "../../../modules/documents/document-store.ts";
import { DOCUMENT_MEDIA_TYPES } from "../../../modules/documents/inspection/index.ts";
import type { Locale } from "../../../platform/i18n/catalogue.ts";
import { CsrfField, fieldId, PageHeading } from "../../html/fields.tsx";
import { RenderedOnce } from "../../html/rendered-once.ts";
import { Layout } from "../layout.tsx";
import type { MessageKey } from "../messages.ts";
import { usePage } from "../page.ts";
import { PurposeNote } from "../privacy/purpose-note.tsx";
import { documentRefusalMessageKey } from "./refusal-message-key.ts";

/** What the documents section reports after a redirect: an upload or deletion done, or why an upload was refused. */
export type DocumentsStatus = { kind: "uploaded" } | { kind: "deleted" } | { kind: "refused"; reason: DocumentSaveRefusal } | null;

/**
 * Reads the status the upload and delete routes put in the redirect (`documents=uploaded|deleted`,
 * `documentError=<reason>`); anything else in the URL is ignored, so no text from a link reaches the page.
 */
export function documentStatusFromQuery(query: unknown): DocumentsStatus {
  const params = typeof query === "object" && query !== null ? (query as Record<string, unknown>) : {};
  const error = params.documentError;
  if (typeof error === "string" && (DOCUMENT_SAVE_REFUSALS as readonly string[]).includes(error)) {
    return { kind: "refused", reason: error as DocumentSaveRefusal };
  }
  if (params.documents === "uploaded") return { kind: "uploaded" };
  if (params.documents === "deleted") return { kind: "deleted" };
  return null;
}

/** The message that explains a refusal to the candidate. */
export function documentSaveRefusalMessageKey(reason: DocumentSaveRefusal): MessageKey {
  return reason === "too-many-documents" ? "documents.refused.tooManyDocuments" : documentRefusalMessageKey(reason);
}

/** The name a document is shown and downloaded under: the candidate's 書類名, or a name for its format. */
export function documentDisplayName(document: Pick<DocumentSummary, "label" | "kind">, t: (key: MessageKey) => string): string {
  return document.label || t(`documents.defaultLabel.${document.kind}`);
}

const ACCEPT = [".pdf", ".docx", ".xlsx", ".jpg", ".jpeg", ".png", ".heic", ...Object.values(DOCUMENT_MEDIA_TYPES)].join(",");

const LABEL_ID = fieldId("documentLabel");
const FILE_ID = fieldId("documentFile");
const NOTE_ID = fieldId("documentNote");

/**
 * The documents part of 「アカウント情報」 and of the application's STEP 1: the outcome of the last upload or
 * deletion, the upload form (the seed's 書類名 / ドキュメントを参照して添付する / 添付ファイルに関する追加情報 /
 * アクション) and the saved documents with download and delete. `back` is where the forms return to.
 */
export function DocumentsSection({ documents, back, status }: { documents: DocumentSummary[]; back: string; status: DocumentsStatus }) {
  const { t, locale } = usePage();
  const errorKey = status?.kind === "refused" ? documentSaveRefusalMessageKey(status.reason) : null;
  return (
    <section class="documents">
      {status?.kind === "uploaded" || status?.kind === "deleted" ? (
        <div class="notice" role="status">
          {t(status.kind === "uploaded" ? "documents.uploaded" : "documents.deleted")}
        </div>
      ) : null}
      {errorKey ? (
        <div class="error-summary" role="alert" aria-labelledby="documents-error-title" tabIndex={-1} autofocus data-error-summary>
          <h2 id="documents-error-title">{t("documents.error.title")}</h2>
          <ul>
            <li>
              <a href={`#${FILE_ID}`}>{t(errorKey)}</a>
            </li>
          </ul>
        </div>
      ) : null}
      <RenderedOnce name="documents-intro" per={[locale]}>
        {() => <DocumentsIntro />}
      </RenderedOnce>
      <form method="post" action="/documents" enctype="multipart/form-data" novalidate class="form">
        {/* The token comes first: the server reads it before it accepts any file bytes. */}
        <CsrfField />
        <input type="hidden" name="back" value={back} />
        <RenderedOnce name="document-upload-fields" per={[locale, errorKey ?? ""]}>
          {() => <UploadFields errorKey={errorKey} />}
        </RenderedOnce>
      </form>

      <SavedDocuments documents={documents} back={back} />
    </section>
  );
}

function DocumentsIntro() {
  const { t } = usePage();
  return (
    <>
      <p>{t("documents.intro")}</p>
      <PurposeNote text={t("privacy.purpose.documents")} section="documents" />
      <p class="callout">{t("documents.formats", { max: MAX_DOCUMENTS_PER_CANDIDATE })}</p>

      <h2 id="documents-upload-title">{t("documents.upload.title")}</h2>
    </>
  );
}

/** The upload form's fields and its button: the same for everyone, but for the refusal a file may carry. */
function UploadFields({ errorKey }: { errorKey: MessageKey | null }) {
  const { t } = usePage();
  const fileDescribedBy = [`${FILE_ID}-hint`, errorKey ? `${FILE_ID}-error` : null].filter(Boolean).join(" ");
  return (
    <>
      <div class="field">
        <label class="field__label" for={LABEL_ID}>
          {t("documents.upload.label")} <span class="mark">{t("layout.optional")}</span>
        </label>
        <p class="field__hint" id={`${LABEL_ID}-hint`}>
          {t("documents.upload.label.hint")}
        </p>
        <input
          class="input"
          id={LABEL_ID}
          name="label"
          type="text"
          maxLength={MAX_DOCUMENT_LABEL_LENGTH}
          autocomplete="off"
          aria-describedby={`${LABEL_ID}-hint`}
        />
      </div>
      <div class={errorKey ? "field field--error" : "field"}>
        {/* No ※必須 here: the upload itself is what the step asks for, and the step says how else to send the files. */}
        <label class="field__label" for={FILE_ID}>
          {t("documents.upload.file")}
        </label>
        <p class="field__hint" id={`${FILE_ID}-hint`}>
          {t("documents.upload.file.hint")}
        </p>
        <input
          class="input"
          id={FILE_ID}
          name="file"
          type="file"
          accept={ACCEPT}
          aria-describedby={fileDescribedBy}
          aria-invalid={errorKey ? "true" : undefined}
          required
        />
        {errorKey ? (
          <p class="field__error" id={`${FILE_ID}-error`}>
            {t(errorKey)}
          </p>
        ) : null}
      </div>
      <div class="field">
        <label class="field__label" for={NOTE_ID}>
          {t("documents.upload.note")} <span class="mark">{t("layout.optional")}</span>
        </label>
        <p class="field__hint" id={`${NOTE_ID}-hint`}>
          {t("documents.upload.note.hint")}
        </p>
        <input
          class="input"
          id={NOTE_ID}
          name="note"
          type="text"
          maxLength={MAX_DOCUMENT_NOTE_LENGTH}
          autocomplete="off"
          aria-describedby={`${NOTE_ID}-hint`}
        />
      </div>
      <button type="submit" class="button button--primary">
        {t("documents.upload.submit")}
      </button>
    </>
  );
}

function SavedDocuments({ documents, back }: { documents: DocumentSummary[]; back: string }) {
  const { t, locale } = usePage();
  return (
    <>
      <h2 id="documents-list-title">{t("documents.list.title")}</h2>
      <p>{t("documents.list.count", { count: documents.length, max: MAX_DOCUMENTS_PER_CANDIDATE })}</p>
      {documents.length === 0 ? (
        <p>{t("documents.list.empty")}</p>
      ) : (
        // Cards, not a table: a phone has no room for five columns, and a table breaks words such as 「PDF」.
        <ul class="document-list" aria-labelledby="documents-list-title">
          {documents.map((document) => {
            const name = documentDisplayName(document, t);
            return (
              <li key={document.id} class="card document-card">
                <h3 class="document-card__name">{name}</h3>
                {document.note ? <p class="card__meta">{document.note}</p> : null}
                <dl class="document-card__facts">
                  <div>
                    <dt>{t("documents.column.kind")}</dt>
                    <dd>{t(`documents.kind.${document.kind}`)}</dd>
                  </div>
                  <div>
                    <dt>{t("documents.column.size")}</dt>
                    <dd>{formatSize(document.sizeBytes, locale, t)}</dd>
                  </div>
                  <div>
                    <dt>{t("documents.column.date")}</dt>
                    <dd>{formatUploadedAt(document.createdAt, locale)}</dd>
                  </div>
                </dl>
                <div class="inline-actions">
                  <a class="button button--secondary" href={`/documents/${document.id}`}>
                    {t("documents.download")}
                    <span class="visually-hidden"> {name}</span>
                  </a>
                  <form method="post" action={`/documents/${document.id}/delete`}>
                    <CsrfField />
                    <input type="hidden" name="back" value={back} />
                    <button type="submit" class="button button--secondary">
                      {t("documents.delete")}
                      <span class="visually-hidden"> {name}</span>
                    </button>
                  </form>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** 「アカウント情報」 → 書類: the candidate's saved documents and the upload form. */
export function DocumentsPage({ documents, status }: { documents: DocumentSummary[]; status: DocumentsStatus }) {
  const { t } = usePage();
  return (
    <Layout title={`${t("documents.title")} - ${t("layout.account.profile")}`}>
      <p>
        <a class="back-link" href="/account">
          ← {t("layout.account.profile")}
        </a>
      </p>
      <PageHeading>{t("documents.title")}</PageHeading>
      <DocumentsSection documents={documents} back="/account/documents" status={status} />
    </Layout>
  );
}

function formatSize(bytes: number, locale: Locale, t: (key: MessageKey, vars: Record<string, string>) => string): string {
  const numbers = new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-GB", { maximumFractionDigits: 1 });
  if (bytes < 1024 * 1024) return t("documents.size.kb", { size: numbers.format(Math.max(1, Math.round(bytes / 1024))) });
  return t("documents.size.mb", { size: numbers.format(bytes / (1024 * 1024)) });
}

function formatUploadedAt(date: Date, locale: Locale): string {
  // The portal's candidates apply to jobs in Japan, so times read in Japan time like the job pages' dates.
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" }).format(date);
}
