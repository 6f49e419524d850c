import { defineMessages } from "../../platform/i18n/catalogue.ts";

/**
 * Names for the photo kinds, which the documents page shows for every stored document by its kind. They
 * live beside the kinds until the documents page's own catalogue takes them over with the page's other
 * photo texts (its accepted formats, its upload hint).
 */
export const photoKindMessages = defineMessages(
  {
    "documents.kind.jpeg": "写真（JPEG）",
    "documents.kind.png": "写真（PNG）",
    "documents.kind.heic": "写真（HEIC）",
    "documents.defaultLabel.jpeg": "書類（写真）",
    "documents.defaultLabel.png": "書類（写真）",
    "documents.defaultLabel.heic": "書類（写真）",
  },
  {
    "documents.kind.jpeg": "Photo (JPEG)",
    "documents.kind.png": "Photo (PNG)",
    "documents.kind.heic": "Photo (HEIC)",
    "documents.defaultLabel.jpeg": "Document (photo)",
    "documents.defaultLabel.png": "Document (photo)",
    "documents.defaultLabel.heic": "Document (photo)",
  },
);
