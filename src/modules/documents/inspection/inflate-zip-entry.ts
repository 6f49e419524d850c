import * as zlib from "node:zlib";
import { crc32, type ZipEntry } from "./zip-central-directory.ts";

/** The limits one entry is inflated under; every one is checked against the bytes actually produced. */
export type InflationLimits = {
  /** Most bytes the entry may produce. */
  maxOutputBytes: number;
  /** Most bytes produced per byte of compressed data, once past `ratioGraceBytes`. */
  maxRatio: number;
  ratioGraceBytes: number;
  /** Decides from the first bytes produced whether to hand the whole content back. */
  keep: (head: Uint8Array) => boolean;
};

/** Why inflating one entry stopped. */
export type InflationProblem = "too-large" | "malformed" | "unsupported-method";

/**
 * The true size of an entry and its content when kept, or why inflating it stopped. `intact` says whether the
 * size and CRC match the central directory; the caller decides when that matters, so bounds are applied first.
 */
export type EntryInflation = { ok: true; size: number; intact: boolean; content: Uint8Array | undefined } | { ok: false; problem: InflationProblem };

const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const LOCAL_FILE_HEADER = 0x04034b50;
const CHUNK_BYTES = 64 * 1024;
// Node's native CRC (20.15 and later) is far quicker than ours in JavaScript over a large entry.
const continueCrc: (bytes: Uint8Array, previous: number) => number = typeof zlib.crc32 === "function" ? zlib.crc32 : crc32;

/**
 * Inflates one entry chunk by chunk, counting what comes out: it stops as soon as the running size passes
 * `maxOutputBytes` or the ratio bound, so the sizes a header declares never decide how much work is done.
 */
export async function inflateZipEntry(bytes: Uint8Array, entry: ZipEntry, limits: InflationLimits): Promise<EntryInflation> {
  const compressed = entryData(bytes, entry);
  if (compressed === undefined) return { ok: false, problem: "malformed" };
  // The compressed length is the span really read, so "output over ratio × input" is one more output bound.
  const outputLimit = Math.min(limits.maxOutputBytes, Math.max(limits.ratioGraceBytes, compressed.length * limits.maxRatio));

  let size = 0;
  let checksum = 0;
  let kept: Uint8Array[] | undefined;
  const take = (chunk: Uint8Array): boolean => {
    if (size === 0) kept = limits.keep(chunk) ? [] : undefined;
    size += chunk.length;
    if (size > outputLimit) return false;
    checksum = continueCrc(chunk, checksum);
    kept?.push(chunk);
    return true;
  };

  if (entry.method === METHOD_STORED) {
    if (!take(compressed)) return { ok: false, problem: "too-large" };
  } else if (entry.method === METHOD_DEFLATED) {
    const inflater = zlib.createInflateRaw({ chunkSize: CHUNK_BYTES });
    inflater.end(compressed);
    try {
      // Leaving the loop early destroys the stream, so nothing more is inflated than was counted.
      for await (const chunk of inflater) {
        if (!take(chunk as Buffer)) return { ok: false, problem: "too-large" };
      }
    } catch {
      return { ok: false, problem: "malformed" };
    }
  } else {
    return { ok: false, problem: "unsupported-method" };
  }
  const intact = size === entry.uncompressedSize && checksum === entry.crc32;
  return { ok: true, size, intact, content: kept && Buffer.concat(kept) };
}

/** The entry's compressed bytes, located through its local header, or undefined when they are not all there. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = entry.localHeaderOffset;
  if (header + 30 > bytes.length || view.getUint32(header, true) !== LOCAL_FILE_HEADER) return undefined;
  // The local name and extra lengths may differ from the central ones; the data starts after the local ones.
  const dataStart = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  const dataEnd = dataStart + entry.compressedSize;
  return dataEnd > bytes.length ? undefined : bytes.subarray(dataStart, dataEnd);
}
