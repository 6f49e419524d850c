export {
  type DocumentRefusalMessageKey,
  documentRefusalMessageKey,
} from "./document-refusal-message-key.ts";
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
export {
  MAX_ARCHIVE_ENTRIES,
  MAX_ARCHIVE_UNPACKED_BYTES,
  MAX_ENTRY_COMPRESSION_RATIO,
} from "./office-archive.ts";
export { type DownloadName, safeDownloadName } from "./safe-download-name.ts";
