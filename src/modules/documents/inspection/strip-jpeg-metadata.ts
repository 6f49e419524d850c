import type { StrippedPhoto } from "./inspect-photo.ts";

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const ORIENTATION_TAG = 0x0112;
const ICC_PROFILE = "ICC_PROFILE\0";
const ADOBE = "Adobe";
const EXIF = "Exif\0\0";

/**
 * Copies a JPEG without its metadata, walking its segments from the start to the end-of-image marker:
 * APP1 (Exif, where cameras put the GPS position, and XMP), APP13 (IPTC), comments and every other
 * application segment are left out. Kept are the JFIF header (APP0), the colour profile (APP2 ICC_PROFILE),
 * Adobe's colour transform (APP14, needed to show CMYK scans right), and everything the picture is decoded
 * from. Bytes after the end-of-image marker (a second picture, an appended archive) are dropped. A photo
 * taken sideways keeps its Exif orientation in a new Exif segment holding that one value, so staff see
 * the page upright.
 */
export function stripJpegMetadata(bytes: Uint8Array): StrippedPhoto {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) return corrupt();
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let orientation: number | undefined;
  let frame: { width: number; height: number } | undefined;
  let sawScan = false;
  let position = 2;
  for (;;) {
    // Any number of 0xFF fill bytes may come before a marker.
    while (bytes[position] === 0xff && bytes[position + 1] === 0xff) position++;
    if (bytes[position] !== 0xff || position + 1 >= bytes.length) return corrupt();
    const marker = bytes[position + 1] as number;
    if (marker === EOI) {
      if (frame === undefined || !sawScan) return corrupt();
      kept.push(bytes.subarray(position, position + 2));
      break;
    }
    if (marker === SOI || marker === 0x00) return corrupt();
    // Restart markers and TEM stand alone, without a length.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      kept.push(bytes.subarray(position, position + 2));
      position += 2;
      continue;
    }
    const length = ((bytes[position + 2] ?? 0) << 8) | (bytes[position + 3] ?? 0);
    const end = position + 2 + length;
    if (length < 2 || end > bytes.length) return corrupt();
    const segment = bytes.subarray(position, end);
    const payload = bytes.subarray(position + 4, end);

    if (marker === APP1 && startsWithText(payload, EXIF)) orientation ??= readExifOrientation(payload.subarray(EXIF.length));
    if (isStartOfFrame(marker)) {
      if (payload.length < 5) return corrupt();
      frame = { height: ((payload[1] as number) << 8) | (payload[2] as number), width: ((payload[3] as number) << 8) | (payload[4] as number) };
    }
    if (keepsSegment(marker, payload)) kept.push(segment);
    position = end;

    if (marker === SOS) {
      if (frame === undefined) return corrupt();
      sawScan = true;
      const scanEnd = endOfEntropyCodedData(bytes, position);
      if (scanEnd === undefined) return corrupt();
      kept.push(bytes.subarray(position, scanEnd));
      position = scanEnd;
    }
  }
  if (frame === undefined || frame.width === 0 || frame.height === 0) return corrupt();
  if (orientation !== undefined && orientation >= 2 && orientation <= 8) {
    // After the JFIF header when there is one, which its specification wants first; otherwise right after SOI.
    const at = kept[1] !== undefined && kept[1][1] === APP0 ? 2 : 1;
    kept.splice(at, 0, orientationSegment(orientation));
  }
  return { ok: true, bytes: Buffer.concat(kept), ...frame };
}

function keepsSegment(marker: number, payload: Uint8Array): boolean {
  if (marker === APP0) return true;
  if (marker === APP2) return startsWithText(payload, ICC_PROFILE);
  if (marker === APP14) return startsWithText(payload, ADOBE);
  // Other application segments (APP1 Exif/XMP, APP13 IPTC, APP3–APP15) and comments (COM) carry no picture.
  if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) return false;
  return true;
}

// SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** The index of the marker ending a scan's entropy-coded data: 0xFF then anything but 0x00 (stuffing) or RSTn. */
function endOfEntropyCodedData(bytes: Uint8Array, start: number): number | undefined {
  for (let position = bytes.indexOf(0xff, start); position !== -1; position = bytes.indexOf(0xff, position + 1)) {
    const next = bytes[position + 1];
    if (next === undefined) return undefined;
    if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) continue;
    return position;
  }
  return undefined;
}

/** The Orientation value from IFD0 of an Exif TIFF structure, if it is there and readable. */
function readExifOrientation(tiff: Uint8Array): number | undefined {
  if (tiff.length < 8) return undefined;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return undefined;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return undefined;
  const count = view.getUint16(ifd, little);
  for (let index = 0; index < count; index++) {
    const entry = ifd + 2 + index * 12;
    if (entry + 12 > tiff.length) return undefined;
    // Orientation is a SHORT: its value sits in the first two bytes of the entry's value field.
    if (view.getUint16(entry, little) === ORIENTATION_TAG && view.getUint16(entry + 2, little) === 3) return view.getUint16(entry + 8, little);
  }
  return undefined;
}

/** An APP1 Exif segment whose IFD0 holds nothing but the Orientation tag. */
function orientationSegment(orientation: number): Uint8Array {
  const segment = new Uint8Array(2 + 2 + EXIF.length + 26);
  const view = new DataView(segment.buffer);
  view.setUint16(0, 0xff00 | APP1);
  view.setUint16(2, segment.length - 2);
  segment.set(Buffer.from(EXIF, "latin1"), 4);
  const tiff = 4 + EXIF.length;
  segment.set([0x4d, 0x4d, 0x00, 0x2a], tiff); // big-endian TIFF header
  view.setUint32(tiff + 4, 8); // IFD0 right after the header
  view.setUint16(tiff + 8, 1); // one entry
  view.setUint16(tiff + 10, ORIENTATION_TAG);
  view.setUint16(tiff + 12, 3); // SHORT
  view.setUint32(tiff + 14, 1); // one value
  view.setUint16(tiff + 18, orientation);
  view.setUint32(tiff + 22, 0); // no next IFD
  return segment;
}

function startsWithText(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let index = 0; index < text.length; index++) if (bytes[index] !== text.charCodeAt(index)) return false;
  return true;
}

function corrupt(): StrippedPhoto {
  return { ok: false, reason: "corrupt-image" };
}
