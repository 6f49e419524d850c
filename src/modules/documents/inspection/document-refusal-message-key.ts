import type { DocumentRefusal } from "./document-verdict.ts";

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
  // The codes below share the key closest in meaning until the documents page has a text of their own.
  "office-external-link": "documents.refused.tooManyEntries",
  "office-embedded-object": "documents.refused.tooManyEntries",
  "office-dde": "documents.refused.macroEnabled",
  "pdf-active-content": "documents.refused.macroEnabled",
  "pdf-embedded-file": "documents.refused.tooManyEntries",
  "pdf-too-complex": "documents.refused.tooManyEntries",
  "corrupt-image": "documents.refused.unsupportedType",
  "image-too-large": "documents.refused.archiveTooLarge",
  // No text says "try again in a moment" yet; this one at least has the candidate send the file again.
  busy: "documents.refused.empty",
  "inspection-failed": "documents.refused.tooManyEntries",
} as const satisfies Record<DocumentRefusal, `documents.refused.${string}`>;

/** A message key for each refusal reason. */
export type DocumentRefusalMessageKey = (typeof MESSAGE_KEYS)[DocumentRefusal];

/** The message key that explains `reason` to the candidate, e.g. `documents.refused.pagesFile`. */
export function documentRefusalMessageKey(reason: DocumentRefusal): DocumentRefusalMessageKey {
  return MESSAGE_KEYS[reason];
}
