import type { DocumentRefusal } from "../../../modules/documents/inspection/index.ts";
import type { MessageKey } from "../messages.ts";

/** Message ids are stable: catalogues in every language and any saved error reference them. */
const MESSAGE_KEYS = {
  empty: "documents.refused.empty",
  "too-large": "documents.refused.tooLarge",
  "unsupported-type": "documents.refused.unsupportedType",
  "pages-file": "documents.refused.pagesFile",
  "macro-enabled": "documents.refused.macroEnabled",
  "legacy-office": "documents.refused.legacyOffice",
  encrypted: "documents.refused.encrypted",
  "corrupt-pdf": "documents.refused.corruptPdf",
  "corrupt-office": "documents.refused.corruptOffice",
  "archive-too-large": "documents.refused.archiveTooLarge",
  "too-many-entries": "documents.refused.tooManyEntries",
  html: "documents.refused.html",
  executable: "documents.refused.executable",
  "office-external-link": "documents.refused.officeExternalLink",
  "office-embedded-object": "documents.refused.officeEmbeddedObject",
  "office-dde": "documents.refused.officeDde",
  "pdf-active-content": "documents.refused.pdfActiveContent",
  "pdf-embedded-file": "documents.refused.pdfEmbeddedFile",
  "pdf-too-complex": "documents.refused.pdfTooComplex",
  "corrupt-image": "documents.refused.corruptImage",
  "image-too-large": "documents.refused.imageTooLarge",
  busy: "documents.refused.busy",
  "inspection-failed": "documents.refused.inspectionFailed",
} as const satisfies Record<DocumentRefusal, MessageKey>;

/** The message that explains `reason` to the candidate, e.g. `documents.refused.pagesFile`. */
export function documentRefusalMessageKey(reason: DocumentRefusal): MessageKey {
  return MESSAGE_KEYS[reason];
}
