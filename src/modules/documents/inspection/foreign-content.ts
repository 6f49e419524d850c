import type { DocumentRefusal } from "./document-verdict.ts";

/** The refusals that can be decided from the first bytes alone, before any format is parsed. */
export type ForeignContent = Extract<DocumentRefusal, "executable" | "html" | "encrypted" | "legacy-office" | "unsupported-type">;

const EXECUTABLE_SIGNATURES: readonly (readonly number[])[] = [
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x4d, 0x5a], // "MZ": Windows PE and DOS executables
  [0xfe, 0xed, 0xfa, 0xce], // Mach-O 32-bit, big-endian
  [0xfe, 0xed, 0xfa, 0xcf], // Mach-O 64-bit, big-endian
  [0xce, 0xfa, 0xed, 0xfe], // Mach-O 32-bit, little-endian
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O 64-bit, little-endian
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal binary (and Java class files)
  [0xca, 0xfe, 0xba, 0xbf], // Mach-O universal binary, 64-bit
  [0x00, 0x61, 0x73, 0x6d], // WebAssembly
];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

// The tags the WHATWG MIME Sniffing Standard uses to call unknown bytes "text/html"; a browser that ignored our
// headers would render these, so they are refused as HTML rather than as an unknown type.
const HTML_OPENINGS = [
  "<!doctype html",
  "<html",
  "<head",
  "<script",
  "<iframe",
  "<h1",
  "<div",
  "<font",
  "<table",
  "<a",
  "<style",
  "<title",
  "<b",
  "<body",
  "<br",
  "<p",
  "<!--",
];

// Stream names in a compound file's directory, stored as UTF-16LE. Office wraps a password-protected DOCX/XLSX
// in a compound file holding "EncryptedPackage"; Word 97-2003 and Excel 97-2003 files hold these other streams.
const ENCRYPTED_PACKAGE_STREAM = utf16le("EncryptedPackage");
const LEGACY_OFFICE_STREAMS = ["WordDocument", "Workbook", "Book", "PowerPoint Document"].map(utf16le);

/**
 * Recognises content that is refused whatever its name: executables, shebang scripts, HTML, and
 * OLE compound files (encrypted OOXML or legacy .doc/.xls). Undefined when none of these match.
 */
export function recogniseForeignContent(bytes: Uint8Array): ForeignContent | undefined {
  if (EXECUTABLE_SIGNATURES.some((signature) => startsWith(bytes, signature))) return "executable";
  const afterBom = startsWith(bytes, UTF8_BOM) ? 3 : 0;
  if (bytes[afterBom] === 0x23 && bytes[afterBom + 1] === 0x21) return "executable"; // "#!"
  if (looksLikeHtml(bytes, afterBom)) return "html";
  if (startsWith(bytes, COMPOUND_FILE)) return recogniseCompoundFile(bytes);
  return undefined;
}

function recogniseCompoundFile(bytes: Uint8Array): ForeignContent {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.includes(ENCRYPTED_PACKAGE_STREAM)) return "encrypted";
  if (LEGACY_OFFICE_STREAMS.some((stream) => buffer.includes(stream))) return "legacy-office";
  // Installers (.msi), Outlook messages and other compound files are simply not documents we take.
  return "unsupported-type";
}

function looksLikeHtml(bytes: Uint8Array, start: number): boolean {
  let position = start;
  while (position < bytes.length && [0x09, 0x0a, 0x0c, 0x0d, 0x20].includes(bytes[position] as number)) position++;
  const head = new TextDecoder("latin1").decode(bytes.subarray(position, position + 16)).toLowerCase();
  return HTML_OPENINGS.some((opening) => {
    if (!head.startsWith(opening)) return false;
    // "<a" must be the tag <a>, not the start of "<abc": the standard wants a space or ">" next (we allow any whitespace).
    const next = head[opening.length];
    return next === ">" || (next !== undefined && /\s/.test(next));
  });
}

/** Whether `bytes` begin with the magic number `signature`. */
export function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

function utf16le(text: string): Buffer {
  return Buffer.from(text, "utf16le");
}
