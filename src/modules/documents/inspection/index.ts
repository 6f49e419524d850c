export {
  type AcceptedDocument,
  DOCUMENT_MEDIA_TYPES,
  DOCUMENT_REFUSALS,
  type DocumentKind,
  type DocumentRefusal,
  type DocumentVerdict,
  MAX_DOCUMENT_BYTES,
  type RefusedDocument,
} from "./document-verdict.ts";
export { inspectDocument } from "./inspect-document.ts";
export { MAX_PHOTO_PIXELS, MAX_PHOTO_SIDE } from "./inspect-photo.ts";
export { createInspectionPool, type InspectionPool, type InspectionPoolOptions } from "./inspection-pool.ts";
export {
  MAX_ARCHIVE_ENTRIES,
  MAX_ARCHIVE_UNPACKED_BYTES,
  MAX_ENTRY_COMPRESSION_RATIO,
  MAX_ENTRY_UNPACKED_BYTES,
} from "./office-archive.ts";
export {
  MAX_PDF_OBJECT_STREAM_BYTES,
  MAX_PDF_OBJECT_STREAMS,
  MAX_PDF_OBJECT_STREAMS_TOTAL_BYTES,
  MAX_PDF_STREAMS,
} from "./pdf-active-content.ts";
export { type DownloadName, safeDownloadName } from "./safe-download-name.ts";
