import type { DocumentRefusal } from "./document-verdict.ts";
import { startsWith } from "./foreign-content.ts";
import { stripHeicMetadata } from "./strip-heic-metadata.ts";
import { stripJpegMetadata } from "./strip-jpeg-metadata.ts";
import { PNG_SIGNATURE, stripPngMetadata } from "./strip-png-metadata.ts";

/** The photo formats a candidate may send a picture of a paper résumé in. */
export type PhotoKind = "jpeg" | "png" | "heic";

/** A photo copied without its metadata, with its size in pixels, or why it could not be. */
export type StrippedPhoto =
  | { ok: true; bytes: Uint8Array; width: number; height: number }
  | { ok: false; reason: Extract<DocumentRefusal, "corrupt-image" | "unsupported-type"> };

/** The photo's kind and the bytes to store, or why it is refused. */
export type PhotoVerdict = { ok: true; kind: PhotoKind; bytes: Uint8Array } | { ok: false; reason: DocumentRefusal };

/** Longest side a photo may have, in pixels; a 200-megapixel phone camera takes 16 320. */
export const MAX_PHOTO_SIDE = 20_000;
/** Most pixels a photo may have (250 million): more only makes the viewer on staff's computers run out of memory. */
export const MAX_PHOTO_PIXELS = 250_000_000;

const JPEG_MAGIC = [0xff, 0xd8, 0xff];

/** Which photo format the bytes are, by their first bytes; undefined for anything else. */
export function recognisePhoto(bytes: Uint8Array): PhotoKind | undefined {
  if (startsWith(bytes, JPEG_MAGIC)) return "jpeg";
  if (startsWith(bytes, PNG_SIGNATURE)) return "png";
  // Every ISO media file starts with the size of its `ftyp` box, then "ftyp"; the brands say whether it is HEIC.
  if (bytes[4] === 0x66 && bytes[5] === 0x74 && bytes[6] === 0x79 && bytes[7] === 0x70) return "heic";
  return undefined;
}

/**
 * Checks a photo's structure and returns a copy without its metadata (location, camera, dates, text), so
 * the position where a candidate took the picture is never stored; too many pixels are refused.
 */
export function inspectPhoto(bytes: Uint8Array, kind: PhotoKind): PhotoVerdict {
  const stripped = kind === "jpeg" ? stripJpegMetadata(bytes) : kind === "png" ? stripPngMetadata(bytes) : stripHeicMetadata(bytes);
  if (!stripped.ok) return stripped;
  const { width, height } = stripped;
  if (width > MAX_PHOTO_SIDE || height > MAX_PHOTO_SIDE || width * height > MAX_PHOTO_PIXELS) return { ok: false, reason: "image-too-large" };
  return { ok: true, kind, bytes: stripped.bytes };
}
