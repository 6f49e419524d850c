/** Largest upload accepted for a résumé or CV, in bytes (10 MiB). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The document formats staff can open without extra software, and photos of a paper résumé. */
export type DocumentKind = "pdf" | "docx" | "xlsx" | "jpeg" | "png" | "heic";

/** Media type served for each accepted kind. */
export const DOCUMENT_MEDIA_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  jpeg: "image/jpeg",
  png: "image/png",
  heic: "image/heic",
} as const satisfies Record<DocumentKind, string>;

/** Every reason an upload can be refused; the list is closed so each one has a message. */
export const DOCUMENT_REFUSALS = [
  "empty",
  "too-large",
  "unsupported-type",
  "pages-file",
  "macro-enabled",
  "legacy-office",
  "encrypted",
  "corrupt-pdf",
  "corrupt-office",
  "archive-too-large",
  "too-many-entries",
  "html",
  "executable",
  "office-external-link",
  "office-embedded-object",
  "office-dde",
  "pdf-active-content",
  "pdf-embedded-file",
  "pdf-too-complex",
  "corrupt-image",
  "image-too-large",
  "busy",
  "inspection-failed",
] as const;

/** Why an upload was refused. */
export type DocumentRefusal = (typeof DOCUMENT_REFUSALS)[number];

/** An upload whose content is a PDF, DOCX, XLSX or photo we are willing to store. */
export type AcceptedDocument = {
  ok: true;
  kind: DocumentKind;
  mediaType: (typeof DOCUMENT_MEDIA_TYPES)[DocumentKind];
  /** Extension without the dot, chosen from the content, never from the uploaded name. */
  extension: DocumentKind;
  /** Length of `bytes`. */
  size: number;
  /** What to store: the upload as inspected, or a cleaned copy of it where the inspection removed something. */
  bytes: Uint8Array;
};

/** An upload we will not store, with the reason the candidate is shown. */
export type RefusedDocument = { ok: false; reason: DocumentRefusal };

/** The outcome of inspecting one upload. */
export type DocumentVerdict = AcceptedDocument | RefusedDocument;

/** Builds the verdict for an accepted document of `kind`, to be stored as `bytes`. */
export function acceptDocument(kind: DocumentKind, bytes: Uint8Array): AcceptedDocument {
  return { ok: true, kind, mediaType: DOCUMENT_MEDIA_TYPES[kind], extension: kind, size: bytes.length, bytes };
}

/** Builds the verdict for a refused document. */
export function refuseDocument(reason: DocumentRefusal): RefusedDocument {
  return { ok: false, reason };
}
