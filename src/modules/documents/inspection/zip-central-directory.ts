import { inflateRawSync } from "node:zlib";

/** One file listed in a ZIP archive's central directory. */
export type ZipEntry = {
  /** The stored name, used only to recognise well-known parts; never turned into a path. */
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Length of the name in bytes, as stored (differs from `name.length` for non-ASCII names). */
  nameByteLength: number;
};

/** What reading a central directory can find wrong, in the archive's own terms. */
export type ZipProblem = "not-a-zip" | "malformed" | "too-many-entries";

/** The entries of an archive, or why they could not be listed. */
export type CentralDirectoryReading = { ok: true; entries: ZipEntry[] } | { ok: false; problem: ZipProblem };

/** What reading one entry's content can find wrong. */
export type ZipEntryProblem = "malformed" | "too-large" | "unsupported-method" | "checksum-mismatch";

/** The content of one entry, or why it could not be read. */
export type ZipEntryReading = { ok: true; bytes: Uint8Array } | { ok: false; problem: ZipEntryProblem };

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const ZIP64_EXTRA_FIELD = 0x0001;
const FLAG_UTF8_NAME = 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
// The end record is 22 bytes plus a comment of at most 65 535 bytes, so it can only sit in this tail.
const END_RECORD_SIZE = 22;
const MAX_COMMENT_SIZE = 0xffff;

const utf8 = new TextDecoder("utf-8");
// Names without the UTF-8 flag are CP437; we only ever compare them with ASCII part names, for which latin1 agrees.
const latin1 = new TextDecoder("latin1");

/**
 * Lists an archive's entries from its central directory, the index Office and every mainstream reader trust,
 * refusing before any parsing work when the declared entry count is above `maxEntries`.
 */
export function readZipCentralDirectory(bytes: Uint8Array, options: { maxEntries: number }): CentralDirectoryReading {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(view);
  if (end === undefined) return { ok: false, problem: "not-a-zip" };

  const diskNumber = view.getUint16(end + 4, true);
  const directoryDisk = view.getUint16(end + 6, true);
  let entryCount = view.getUint16(end + 10, true);
  let directorySize = view.getUint32(end + 12, true);
  let directoryOffset = view.getUint32(end + 16, true);
  // The central directory must end where the end record (or the ZIP64 records before it) begin.
  let directoryLimit = end;

  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const zip64 = readZip64EndRecord(view, end);
    if (zip64 === undefined) return { ok: false, problem: "malformed" };
    ({ entryCount, directorySize, directoryOffset } = zip64);
    directoryLimit = zip64.recordOffset;
  }

  if (diskNumber !== 0 || directoryDisk !== 0) return { ok: false, problem: "malformed" };
  if (entryCount > options.maxEntries) return { ok: false, problem: "too-many-entries" };
  if (directoryOffset + directorySize > directoryLimit) return { ok: false, problem: "malformed" };

  const entries: ZipEntry[] = [];
  const directoryEnd = directoryOffset + directorySize;
  let position = directoryOffset;
  for (let index = 0; index < entryCount; index++) {
    const entry = readCentralFileHeader(bytes, view, position, directoryEnd);
    if (entry === undefined) return { ok: false, problem: "malformed" };
    entries.push(entry.entry);
    position = entry.next;
  }
  // A count that understates the records lets one reader see files another does not.
  if (position + 4 <= directoryEnd && view.getUint32(position, true) === CENTRAL_FILE_HEADER) {
    return { ok: false, problem: "malformed" };
  }
  // A stored entry is its own content, so its two sizes can only differ when one of them lies.
  if (entries.some((entry) => entry.method === METHOD_STORED && entry.compressedSize !== entry.uncompressedSize)) {
    return { ok: false, problem: "malformed" };
  }
  if (!entriesAreDisjoint(entries, directoryOffset)) return { ok: false, problem: "malformed" };
  return { ok: true, entries };
}

/**
 * Reads one entry's content, inflating at most `maxOutputBytes` so a lying size cannot exhaust memory,
 * and checks its length and CRC against the central directory.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, options: { maxOutputBytes: number }): ZipEntryReading {
  if (entry.uncompressedSize > options.maxOutputBytes) return { ok: false, problem: "too-large" };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = entry.localHeaderOffset;
  if (header + 30 > bytes.length || view.getUint32(header, true) !== LOCAL_FILE_HEADER) {
    return { ok: false, problem: "malformed" };
  }
  // The local name and extra lengths may differ from the central ones; the data starts after the local ones.
  const dataStart = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > bytes.length) return { ok: false, problem: "malformed" };
  const compressed = bytes.subarray(dataStart, dataEnd);

  let content: Uint8Array;
  if (entry.method === METHOD_STORED) {
    content = compressed;
  } else if (entry.method === METHOD_DEFLATED) {
    try {
      // One byte over the cap is enough to tell "too large" apart from "exactly the cap".
      content = inflateRawSync(compressed, { maxOutputLength: options.maxOutputBytes + 1 });
    } catch (error) {
      if (error instanceof RangeError) return { ok: false, problem: "too-large" };
      return { ok: false, problem: "malformed" };
    }
  } else {
    return { ok: false, problem: "unsupported-method" };
  }
  if (content.length > options.maxOutputBytes) return { ok: false, problem: "too-large" };
  if (content.length !== entry.uncompressedSize || crc32(content) !== entry.crc32) {
    return { ok: false, problem: "checksum-mismatch" };
  }
  return { ok: true, bytes: content };
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC-32 ZIP stores for each entry; pass the previous value to continue over several chunks. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  let crc = ~previous >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    crc = (CRC_TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return ~crc >>> 0;
}

function findEndOfCentralDirectory(view: DataView): number | undefined {
  const lowest = Math.max(0, view.byteLength - END_RECORD_SIZE - MAX_COMMENT_SIZE);
  for (let offset = view.byteLength - END_RECORD_SIZE; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) !== END_OF_CENTRAL_DIRECTORY) continue;
    const commentLength = view.getUint16(offset + 20, true);
    if (offset + END_RECORD_SIZE + commentLength <= view.byteLength) return offset;
  }
  return undefined;
}

function readZip64EndRecord(
  view: DataView,
  end: number,
): { entryCount: number; directorySize: number; directoryOffset: number; recordOffset: number } | undefined {
  const locator = end - 20;
  if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) return undefined;
  const recordOffset = readUint64(view, locator + 8);
  if (recordOffset + 56 > locator || view.getUint32(recordOffset, true) !== ZIP64_END_OF_CENTRAL_DIRECTORY) {
    return undefined;
  }
  return {
    entryCount: readUint64(view, recordOffset + 32),
    directorySize: readUint64(view, recordOffset + 40),
    directoryOffset: readUint64(view, recordOffset + 48),
    recordOffset,
  };
}

function readCentralFileHeader(bytes: Uint8Array, view: DataView, position: number, directoryEnd: number): { entry: ZipEntry; next: number } | undefined {
  if (position + 46 > directoryEnd || view.getUint32(position, true) !== CENTRAL_FILE_HEADER) return undefined;
  const flags = view.getUint16(position + 8, true);
  const nameLength = view.getUint16(position + 28, true);
  const extraLength = view.getUint16(position + 30, true);
  const commentLength = view.getUint16(position + 32, true);
  const next = position + 46 + nameLength + extraLength + commentLength;
  if (next > directoryEnd) return undefined;

  const nameBytes = bytes.subarray(position + 46, position + 46 + nameLength);
  let compressedSize = view.getUint32(position + 20, true);
  let uncompressedSize = view.getUint32(position + 24, true);
  let localHeaderOffset = view.getUint32(position + 42, true);

  if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
    const extraStart = position + 46 + nameLength;
    const zip64 = findExtraField(view, extraStart, extraStart + extraLength, ZIP64_EXTRA_FIELD);
    if (zip64 === undefined) return undefined;
    // The ZIP64 field holds only the values whose 32-bit slot is saturated, always in this order.
    let cursor = zip64.start;
    const take = (): number | undefined => {
      if (cursor + 8 > zip64.end) return undefined;
      const value = readUint64(view, cursor);
      cursor += 8;
      return value;
    };
    if (uncompressedSize === 0xffffffff) uncompressedSize = take() ?? Number.NaN;
    if (compressedSize === 0xffffffff) compressedSize = take() ?? Number.NaN;
    if (localHeaderOffset === 0xffffffff) localHeaderOffset = take() ?? Number.NaN;
    if ([uncompressedSize, compressedSize, localHeaderOffset].some(Number.isNaN)) return undefined;
  }

  return {
    entry: {
      name: (flags & FLAG_UTF8_NAME ? utf8 : latin1).decode(nameBytes),
      flags,
      method: view.getUint16(position + 10, true),
      crc32: view.getUint32(position + 16, true),
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      nameByteLength: nameLength,
    },
    next,
  };
}

function findExtraField(view: DataView, start: number, end: number, id: number): { start: number; end: number } | undefined {
  let position = start;
  while (position + 4 <= end) {
    const fieldId = view.getUint16(position, true);
    const size = view.getUint16(position + 2, true);
    const fieldEnd = position + 4 + size;
    if (fieldEnd > end) return undefined;
    if (fieldId === id) return { start: position + 4, end: fieldEnd };
    position = fieldEnd;
  }
  return undefined;
}

/**
 * Each entry's local header and data must lie before the central directory and not overlap the next entry:
 * overlapping entries are how a few kilobytes are made to declare gigabytes many times over.
 */
function entriesAreDisjoint(entries: ZipEntry[], directoryOffset: number): boolean {
  const ordered = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let index = 0; index < ordered.length; index++) {
    const entry = ordered[index] as ZipEntry;
    // The local extra field and any data descriptor only push the true end further, so this is a lower bound.
    const smallestEnd = entry.localHeaderOffset + 30 + entry.nameByteLength + entry.compressedSize;
    const limit = ordered[index + 1]?.localHeaderOffset ?? directoryOffset;
    if (smallestEnd > limit) return false;
  }
  return true;
}

// Values above 2^53 lose precision but stay far above every limit they are compared with, which is all we need.
function readUint64(view: DataView, offset: number): number {
  return view.getUint32(offset, true) + view.getUint32(offset + 4, true) * 2 ** 32;
}
