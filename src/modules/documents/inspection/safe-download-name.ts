import type { DocumentKind } from "./document-verdict.ts";

/** The names a stored document is downloaded under, and the header that carries them. */
export type DownloadName = {
  /** ASCII-only fallback for the `filename` parameter, e.g. `yamada-taro.pdf`, or `document.pdf`. */
  asciiFileName: string;
  /** The full name for the RFC 5987 `filename*` parameter, e.g. `履歴書_山田太郎.pdf`. */
  fileName: string;
  /** A complete `Content-Disposition` value; always `attachment`, so a browser never renders the file. */
  contentDisposition: string;
};

const FALLBACK_BASE = "document";
const MAX_NAME_CODE_POINTS = 80;
const MAX_ASCII_LENGTH = 60;

// Lone surrogates would make encodeURIComponent throw.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Control characters, and the invisible and bidirectional ones that can make "gpj.exe" display as "exe.jpg".
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to match them
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
// Path separators and the characters Windows refuses in file names.
const RESERVED = /[\\/:*?"<>|]/g;
// Names Windows treats as devices whatever extension follows.
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * Builds the attachment name for a stored document from our own label (such as "履歴書 山田太郎") and the kind
 * found by inspection; the name the candidate uploaded is never used, so no path or extension of theirs survives.
 */
export function safeDownloadName({ label, kind }: { label: string; kind: DocumentKind }): DownloadName {
  const cleaned = label.slice(0, 1000).replace(LONE_SURROGATE, "").normalize("NFKC").replace(INVISIBLE, "").replace(RESERVED, " ");

  const base = avoidDeviceName(truncate(cleaned.trim().replace(/\s+/g, "_"), MAX_NAME_CODE_POINTS).replace(/^[._-]+|[._\s-]+$/g, ""));
  const asciiBase = avoidDeviceName(
    cleaned
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .slice(0, MAX_ASCII_LENGTH)
      .replace(/^-+|-+$/g, ""),
  );

  const fileName = `${base}.${kind}`;
  const asciiFileName = `${asciiBase}.${kind}`;
  return {
    asciiFileName,
    fileName,
    contentDisposition: `attachment; filename="${asciiFileName}"; filename*=UTF-8''${encodeRfc5987(fileName)}`,
  };
}

function truncate(text: string, maxCodePoints: number): string {
  return Array.from(text).slice(0, maxCodePoints).join("");
}

function avoidDeviceName(base: string): string {
  if (base === "") return FALLBACK_BASE;
  return WINDOWS_DEVICE.test(base) ? `${FALLBACK_BASE}-${base}` : base;
}

/** RFC 5987 attr-char allows less than encodeURIComponent leaves alone: ' ( ) * must be escaped too. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
