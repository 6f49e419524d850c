import { EXCEL_MAIN_CONTENT_TYPE, readContentTypes, WORD_MAIN_CONTENT_TYPE } from "./content-types.ts";
import type { DocumentRefusal } from "./document-verdict.ts";
import { inflateZipEntry } from "./inflate-zip-entry.ts";
import { looksLikeXml, scanOfficePart } from "./scan-office-part.ts";
import { readZipCentralDirectory, readZipEntry, type ZipEntry } from "./zip-central-directory.ts";

/** Most entries an accepted DOCX/XLSX may list; a real résumé has a few dozen. */
export const MAX_ARCHIVE_ENTRIES = 1000;
/** Most bytes all entries of an accepted DOCX/XLSX may declare, and may really produce, once unpacked (100 MiB). */
export const MAX_ARCHIVE_UNPACKED_BYTES = 100 * 1024 * 1024;
/** Most bytes one entry may really produce once unpacked (50 MiB): a photo of a page is a few megabytes. */
export const MAX_ENTRY_UNPACKED_BYTES = 50 * 1024 * 1024;
/**
 * Largest unpacked-to-packed ratio allowed for one entry. Apache POI's zip-bomb guard uses the same 1 %
 * (its MIN_INFLATE_RATIO), after the same 100 KiB of grace: tiny parts compress absurdly well and are harmless.
 */
export const MAX_ENTRY_COMPRESSION_RATIO = 100;
const RATIO_GRACE_BYTES = 100 * 1024;
// Real content-types parts are a few kilobytes; even one Override per allowed entry stays far below this.
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;

const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const CONTENT_TYPES_PART = "[content_types].xml";
const EMBEDDED_OBJECT_PART = /(?:^|\/)(?:embeddings\/[^/]*\.bin|activex\/[^/]*)$/;
// Apple iWork saves its documents as ZIPs holding these; the package may also have been zipped as a folder.
const IWORK_MARKER = /^(?:[^/]*\.(?:pages|numbers|key)\/)?(?:index\/document\.iwa|index\.xml(?:\.gz)?|index\.zip)$/;

/** The Office document an archive holds, or why it is refused. */
export type OfficeArchiveVerdict = { ok: true; kind: "docx" | "xlsx" } | { ok: false; reason: DocumentRefusal };

/**
 * Decides whether a ZIP is a plain DOCX or XLSX: from its central directory and `[Content_Types].xml`, then
 * by unpacking every entry under measured bounds. No entry name is ever used as a path.
 */
export async function inspectOfficeArchive(bytes: Uint8Array): Promise<OfficeArchiveVerdict> {
  const directory = readZipCentralDirectory(bytes, { maxEntries: MAX_ARCHIVE_ENTRIES });
  if (!directory.ok) {
    return refuse(directory.problem === "too-many-entries" ? "too-many-entries" : "corrupt-office");
  }
  const entries = directory.entries;
  if (declaresTooMuch(entries)) return refuse("archive-too-large");
  if (entries.some((entry) => entry.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION))) return refuse("encrypted");

  const names = entries.map((entry) => entry.name.replaceAll("\\", "/").toLowerCase());
  if (names.some((name) => name === "vbaproject.bin" || name.endsWith("/vbaproject.bin"))) {
    return refuse("macro-enabled");
  }
  // OLE objects are stored as .bin parts under embeddings/, ActiveX controls under activeX/; both run code.
  if (names.some((name) => EMBEDDED_OBJECT_PART.test(name))) return refuse("office-embedded-object");
  const isIWork = names.some((name) => IWORK_MARKER.test(name));

  const contentTypesEntries = entries.filter((_, index) => names[index] === CONTENT_TYPES_PART);
  const contentTypesEntry = contentTypesEntries[0];
  if (contentTypesEntry === undefined) return refuse(isIWork ? "pages-file" : "unsupported-type");
  // Two copies leave it to each reader which one counts; we will not guess along with them.
  if (contentTypesEntries.length > 1) return refuse("corrupt-office");

  const part = readZipEntry(bytes, contentTypesEntry, { maxOutputBytes: MAX_CONTENT_TYPES_BYTES });
  if (!part.ok) return refuse(part.problem === "too-large" ? "archive-too-large" : "corrupt-office");
  const contentTypes = readContentTypes(part.bytes);
  if (contentTypes === undefined) return refuse("corrupt-office");
  if (contentTypes.mentionsMacros) return refuse("macro-enabled");

  const mains = contentTypes.declarations.filter(
    (declaration) =>
      declaration.partName !== undefined && (declaration.contentType === WORD_MAIN_CONTENT_TYPE || declaration.contentType === EXCEL_MAIN_CONTENT_TYPE),
  );
  const main = mains[0];
  if (main === undefined) return refuse(isIWork ? "pages-file" : "unsupported-type");
  if (mains.length > 1) return refuse("corrupt-office");
  // The main part must really be there: a package that only names one cannot be opened.
  if (!partIsPresent(main.partName as string, names)) return refuse("corrupt-office");

  const content = await inspectEntries(bytes, entries);
  if (content !== undefined) return refuse(content);
  return { ok: true, kind: main.contentType === WORD_MAIN_CONTENT_TYPE ? "docx" : "xlsx" };
}

/**
 * Unpacks every entry, counting the bytes really produced against the per-entry, total and ratio bounds
 * (the declared sizes were only a first filter, and a header that lies about them is caught here), and
 * scans each XML part for what Office would fetch or run.
 */
async function inspectEntries(bytes: Uint8Array, entries: ZipEntry[]): Promise<DocumentRefusal | undefined> {
  let total = 0;
  let intact = true;
  for (const entry of entries) {
    const reading = await inflateZipEntry(bytes, entry, {
      maxOutputBytes: Math.min(MAX_ENTRY_UNPACKED_BYTES, MAX_ARCHIVE_UNPACKED_BYTES - total),
      maxRatio: MAX_ENTRY_COMPRESSION_RATIO,
      ratioGraceBytes: RATIO_GRACE_BYTES,
      keep: looksLikeXml,
    });
    if (!reading.ok) return reading.problem === "too-large" ? "archive-too-large" : "corrupt-office";
    total += reading.size;
    const finding = reading.content && scanOfficePart(reading.content);
    if (finding) return finding;
    // A size or CRC that differs from the headers means one of the archive's two indexes lies; the bounds are
    // still measured to the end first, so an archive too large to open is called that, whatever else is wrong.
    intact &&= reading.intact;
  }
  return intact ? undefined : "corrupt-office";
}

/** A cheap first filter on the declared sizes, before anything is unpacked; `inspectEntries` measures the truth. */
function declaresTooMuch(entries: ZipEntry[]): boolean {
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    if (total > MAX_ARCHIVE_UNPACKED_BYTES) return true;
    if (entry.uncompressedSize > RATIO_GRACE_BYTES && entry.uncompressedSize > entry.compressedSize * MAX_ENTRY_COMPRESSION_RATIO) {
      return true;
    }
  }
  return false;
}

/** OPC part names ("/word/document.xml") compare case-insensitively; writers differ on percent-encoding them in the ZIP. */
function partIsPresent(partName: string, names: string[]): boolean {
  const raw = partName.replace(/^\//, "").toLowerCase();
  if (names.includes(raw)) return true;
  try {
    return names.includes(decodeURIComponent(raw));
  } catch {
    return false;
  }
}

function refuse(reason: DocumentRefusal): OfficeArchiveVerdict {
  return { ok: false, reason };
}
