import * as zlib from "node:zlib";
import type { StrippedPhoto } from "./inspect-photo.ts";
import { crc32 } from "./zip-central-directory.ts";

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

// Chunks that draw or colour the picture (including APNG's frames); every other ancillary chunk is left out:
// tEXt, zTXt and iTXt (text and XMP), eXIf (Exif, with any GPS position), tIME, and private ones.
const KEPT_CHUNKS = new Set([
  "IHDR",
  "PLTE",
  "IDAT",
  "IEND",
  "tRNS",
  "cHRM",
  "gAMA",
  "iCCP",
  "sBIT",
  "sRGB",
  "cICP",
  "mDCV",
  "cLLI",
  "bKGD",
  "hIST",
  "pHYs",
  "sPLT",
  "acTL",
  "fcTL",
  "fdAT",
]);
const continueCrc: (bytes: Uint8Array, previous: number) => number = typeof zlib.crc32 === "function" ? zlib.crc32 : crc32;

/**
 * Copies a PNG without its metadata chunks. Each chunk is checked (length within the file, CRC right) and
 * copied whole, so the chunks kept keep their CRCs; a critical chunk we do not know is refused, because no
 * viewer could draw the picture; bytes after IEND are dropped.
 */
export function stripPngMetadata(bytes: Uint8Array): StrippedPhoto {
  if (!PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return corrupt();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let size: { width: number; height: number } | undefined;
  let sawData = false;
  let position = 8;
  for (;;) {
    if (position + 12 > bytes.length) return corrupt();
    const length = view.getUint32(position);
    const end = position + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) return corrupt();
    const type = Buffer.from(bytes.buffer, bytes.byteOffset + position + 4, 4).toString("latin1");
    if (!/^[A-Za-z]{4}$/.test(type)) return corrupt();
    if (continueCrc(bytes.subarray(position + 4, position + 8 + length), 0) !== view.getUint32(position + 8 + length)) return corrupt();

    if (size === undefined) {
      if (type !== "IHDR" || length !== 13) return corrupt();
      size = { width: view.getUint32(position + 8), height: view.getUint32(position + 12) };
    }
    if (type === "IDAT") sawData = true;
    const critical = type.charCodeAt(0) < 0x61;
    if (KEPT_CHUNKS.has(type)) kept.push(bytes.subarray(position, end));
    else if (critical) return corrupt();
    position = end;
    if (type === "IEND") break;
  }
  if (size === undefined || !sawData || size.width === 0 || size.height === 0) return corrupt();
  return { ok: true, bytes: Buffer.concat(kept), ...size };
}

function corrupt(): StrippedPhoto {
  return { ok: false, reason: "corrupt-image" };
}
