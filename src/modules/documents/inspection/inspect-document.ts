import { fileTypeFromBuffer } from "file-type";
import { acceptDocument, type DocumentRefusal, type DocumentVerdict, MAX_DOCUMENT_BYTES, refuseDocument } from "./document-verdict.ts";
import { recogniseForeignContent, startsWith } from "./foreign-content.ts";
import { inspectPhoto, type PhotoKind, type PhotoVerdict, recognisePhoto } from "./inspect-photo.ts";
import { inspectOfficeArchive, type OfficeArchiveVerdict } from "./office-archive.ts";
import { findPdfActiveContent } from "./pdf-active-content.ts";
import { hasPdfStructure } from "./pdf-structure.ts";

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4", a ZIP's first local file header

// file-type's names for programs and program packages.
const EXECUTABLE_TYPES = new Set(["exe", "elf", "macho", "class", "wasm", "lnk", "apk", "jar", "crx", "xpi", "deb", "rpm"]);
const MACRO_ENABLED_TYPES = new Set(["docm", "dotm", "xlsm", "xltm", "pptm", "potm", "ppsm"]);
const IWORK_EXTENSION = /\.(?:pages|numbers|key)$/i;

/**
 * Decides from its content alone whether an upload is a PDF, DOCX, XLSX or photo we will store, and hands
 * back the bytes to store (a photo's without its metadata). `fileName` never makes a file acceptable; it
 * only sharpens the reason given for refusing one.
 */
export async function inspectDocument(input: { bytes: Uint8Array; fileName: string }): Promise<DocumentVerdict> {
  const { bytes } = input;
  if (bytes.length === 0) return refuseDocument("empty");
  if (bytes.length > MAX_DOCUMENT_BYTES) return refuseDocument("too-large");

  const foreign = recogniseForeignContent(bytes);
  if (foreign !== undefined) return refuseDocument(foreign);

  // A second, independent opinion: it may only make the verdict stricter, never accept what our checks refuse.
  const detected = await detectFileType(bytes);
  if (detected !== undefined && EXECUTABLE_TYPES.has(detected)) return refuseDocument("executable");
  if (detected !== undefined && MACRO_ENABLED_TYPES.has(detected)) return refuseDocument("macro-enabled");

  if (startsWith(bytes, PDF_MAGIC)) {
    if (!hasPdfStructure(bytes)) return refuseDocument("corrupt-pdf");
    const active = await findPdfActiveContentSafely(bytes);
    return active === undefined ? acceptDocument("pdf", bytes) : refuseDocument(active);
  }
  if (startsWith(bytes, ZIP_MAGIC)) {
    const archive = await inspectOfficeSafely(bytes);
    if (!archive.ok) return refuseDocument(sharpenRefusal(archive.reason, input.fileName));
    // file-type reads local headers front to back, we read the central directory; disagreeing means the two
    // indexes of the ZIP describe different files, a known way to smuggle content past one reader.
    if ((detected === "docx" || detected === "xlsx") && detected !== archive.kind) {
      return refuseDocument("corrupt-office");
    }
    return acceptDocument(archive.kind, bytes);
  }
  const photo = recognisePhoto(bytes);
  if (photo !== undefined) {
    const verdict = inspectPhotoSafely(bytes, photo);
    return verdict.ok ? acceptDocument(verdict.kind, verdict.bytes) : refuseDocument(verdict.reason);
  }
  return refuseDocument(sharpenRefusal("unsupported-type", input.fileName));
}

function inspectPhotoSafely(bytes: Uint8Array, kind: PhotoKind): PhotoVerdict {
  try {
    return inspectPhoto(bytes, kind);
  } catch {
    // Every read is bounds-checked; as for archives, hostile bytes must end in a refusal, not a server error.
    return { ok: false, reason: "corrupt-image" };
  }
}

async function detectFileType(bytes: Uint8Array): Promise<string | undefined> {
  try {
    return (await fileTypeFromBuffer(bytes))?.ext;
  } catch {
    // A crafted file can make the detector throw; our own checks below still decide.
    return undefined;
  }
}

async function findPdfActiveContentSafely(bytes: Uint8Array): Promise<DocumentRefusal | undefined> {
  try {
    return await findPdfActiveContent(bytes);
  } catch {
    // As for archives: hostile bytes must end in a refusal, never in a server error.
    return "corrupt-pdf";
  }
}

async function inspectOfficeSafely(bytes: Uint8Array): Promise<OfficeArchiveVerdict> {
  try {
    return await inspectOfficeArchive(bytes);
  } catch {
    // Every read is bounds-checked; this is the last line so hostile bytes can never become a server error.
    return { ok: false, reason: "corrupt-office" };
  }
}

/** A Pages, Numbers or Keynote file gets the message telling the candidate how to export it. */
function sharpenRefusal(reason: DocumentRefusal, fileName: string): DocumentRefusal {
  return reason === "unsupported-type" && IWORK_EXTENSION.test(fileName.trim()) ? "pages-file" : reason;
}
