import type { StrippedPhoto } from "./inspect-photo.ts";

/** Brands of a HEIC still image (HEVC-coded HEIF), in the `ftyp` box's major or compatible brands. */
const HEIC_BRANDS = new Set(["heic", "heix", "heim", "heis"]);
const XMP_CONTENT_TYPE = "application/rdf+xml";
// An Exif item holds a 4-byte offset to its TIFF header, then the TIFF structure. Ours: offset 0, a big-endian
// header, and an IFD0 with no entries and no next IFD, so readers find valid Exif with nothing in it.
const EMPTY_EXIF = Uint8Array.of(0, 0, 0, 0, 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0);
// An XMP packet with nothing in it; the spaces after it are still well-formed XML.
const EMPTY_XMP = Buffer.from('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>', "latin1");

type Box = { type: string; payloadStart: number; end: number };
type Extent = { offset: number; length: number };
type ItemLocation = { method: number; dataReference: number; baseOffset: number; extents: Extent[] };

/**
 * Copies a HEIC photo with its metadata items neutralised. The `meta` box's `iinf` names the items: Exif
 * (where phones put the GPS position) and XMP (`mime` items of type application/rdf+xml); `iloc` says
 * where their bytes are, in the file or in `idat`. Those bytes are overwritten in place with an empty but
 * valid Exif structure or XMP packet, so every box keeps its size and offsets stay right; `free`
 * and `skip` boxes are zeroed too. Orientation is not lost: HEIF keeps it in the `irot` and `imir`
 * properties, which stay. Image sequences (a `moov` box) are not taken.
 */
export function stripHeicMetadata(bytes: Uint8Array): StrippedPhoto {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const top = readBoxes(view, 0, bytes.length);
  if (top === undefined || top[0]?.type !== "ftyp") return corrupt();
  if (!hasHeicBrand(view, top[0])) return { ok: false, reason: "unsupported-type" };
  if (top.some((box) => box.type === "moov")) return { ok: false, reason: "unsupported-type" };
  const metas = top.filter((box) => box.type === "meta");
  if (metas.length !== 1) return corrupt();
  const meta = metas[0] as Box;
  const children = readBoxes(view, meta.payloadStart + 4, meta.end);
  if (children === undefined) return corrupt();
  const child = (type: string) => children.find((box) => box.type === type);

  const handler = child("hdlr");
  if (handler === undefined || fourCc(view, handler.payloadStart + 8) !== "pict") return corrupt();
  const iinf = child("iinf");
  const iloc = child("iloc");
  const iprp = child("iprp");
  if (iinf === undefined || iloc === undefined || iprp === undefined) return corrupt();
  const metadataItems = readMetadataItemIds(view, iinf);
  const locations = readItemLocations(view, iloc);
  const size = readLargestImageSize(view, iprp);
  if (metadataItems === undefined || locations === undefined || size === undefined) return corrupt();
  const idat = child("idat");

  const cleaned = Buffer.from(bytes);
  for (const [id, kind] of metadataItems) {
    const location = locations.get(id);
    if (location === undefined) continue;
    const ranges = absoluteRanges(location, idat, bytes.length);
    if (ranges === undefined) return corrupt();
    if (kind === "exif") overwrite(cleaned, ranges, EMPTY_EXIF, 0x00);
    else overwrite(cleaned, ranges, EMPTY_XMP, 0x20);
  }
  for (const box of top) if (box.type === "free" || box.type === "skip") cleaned.fill(0, box.payloadStart, box.end);
  return { ok: true, bytes: cleaned, ...size };
}

/** The boxes that exactly fill `from`..`to`, or undefined when their sizes do not add up. */
function readBoxes(view: DataView, from: number, to: number): Box[] | undefined {
  const boxes: Box[] = [];
  let position = from;
  while (position < to) {
    if (position + 8 > to) return undefined;
    let size = view.getUint32(position);
    let header = 8;
    if (size === 1) {
      if (position + 16 > to) return undefined;
      size = view.getUint32(position + 8) * 2 ** 32 + view.getUint32(position + 12);
      header = 16;
    } else if (size === 0) {
      size = to - position;
    }
    const type = fourCc(view, position + 4);
    if (type === "uuid") header += 16;
    if (size < header || position + size > to) return undefined;
    boxes.push({ type, payloadStart: position + header, end: position + size });
    position += size;
  }
  return boxes;
}

function hasHeicBrand(view: DataView, ftyp: Box): boolean {
  if (ftyp.end - ftyp.payloadStart < 8) return false;
  const brands = [fourCc(view, ftyp.payloadStart)];
  for (let position = ftyp.payloadStart + 8; position + 4 <= ftyp.end; position += 4) brands.push(fourCc(view, position));
  return brands.some((brand) => HEIC_BRANDS.has(brand));
}

/** The ids of the Exif and XMP items listed in `iinf`, with which of the two each is. */
function readMetadataItemIds(view: DataView, iinf: Box): Map<number, "exif" | "xmp"> | undefined {
  const version = view.getUint8(iinf.payloadStart);
  const entries = readBoxes(view, iinf.payloadStart + 4 + (version === 0 ? 2 : 4), iinf.end);
  if (entries === undefined) return undefined;
  const items = new Map<number, "exif" | "xmp">();
  for (const entry of entries) {
    if (entry.type !== "infe" || entry.end - entry.payloadStart < 8) continue;
    const infeVersion = view.getUint8(entry.payloadStart);
    let position = entry.payloadStart + 4;
    let id: number;
    let itemType = "";
    if (infeVersion >= 2) {
      const idSize = infeVersion === 2 ? 2 : 4;
      if (position + idSize + 2 + 4 > entry.end) return undefined;
      id = idSize === 2 ? view.getUint16(position) : view.getUint32(position);
      position += idSize + 2;
      itemType = fourCc(view, position);
      position += 4;
    } else {
      id = view.getUint16(position);
      position += 4;
    }
    const name = readCString(view, position, entry.end);
    const contentType = infeVersion < 2 || itemType === "mime" ? readCString(view, name.next, entry.end).text : "";
    if (itemType === "Exif") items.set(id, "exif");
    else if (contentType.trim().toLowerCase().startsWith(XMP_CONTENT_TYPE)) items.set(id, "xmp");
  }
  return items;
}

/** Where each item's bytes are, from `iloc` (versions 0 to 2). */
function readItemLocations(view: DataView, iloc: Box): Map<number, ItemLocation> | undefined {
  const version = view.getUint8(iloc.payloadStart);
  if (version > 2) return undefined;
  let position = iloc.payloadStart + 4;
  const end = iloc.end;
  const read = (size: number): number | undefined => {
    if (position + size > end) return undefined;
    const value =
      size === 0
        ? 0
        : size === 2
          ? view.getUint16(position)
          : size === 4
            ? view.getUint32(position)
            : size === 8
              ? view.getUint32(position) * 2 ** 32 + view.getUint32(position + 4)
              : Number.NaN;
    position += size;
    return Number.isNaN(value) ? undefined : value;
  };
  const sizes = read(2);
  if (sizes === undefined) return undefined;
  const offsetSize = (sizes >> 12) & 0xf;
  const lengthSize = (sizes >> 8) & 0xf;
  const baseOffsetSize = (sizes >> 4) & 0xf;
  const indexSize = version >= 1 ? sizes & 0xf : 0;
  const itemCount = read(version < 2 ? 2 : 4);
  if (itemCount === undefined) return undefined;
  const locations = new Map<number, ItemLocation>();
  for (let item = 0; item < itemCount; item++) {
    const id = read(version < 2 ? 2 : 4);
    const method = version >= 1 ? read(2) : 0;
    const dataReference = read(2);
    const baseOffset = read(baseOffsetSize);
    const extentCount = read(2);
    if (id === undefined || method === undefined || dataReference === undefined || baseOffset === undefined || extentCount === undefined) return undefined;
    const extents: Extent[] = [];
    for (let extent = 0; extent < extentCount; extent++) {
      if (read(indexSize) === undefined) return undefined;
      const offset = read(offsetSize);
      const length = read(lengthSize);
      if (offset === undefined || length === undefined) return undefined;
      extents.push({ offset, length });
    }
    locations.set(id, { method: method & 0xf, dataReference, baseOffset, extents });
  }
  return locations;
}

/** The largest width and height among the `ispe` properties (a grid's full size, not a tile's). */
function readLargestImageSize(view: DataView, iprp: Box): { width: number; height: number } | undefined {
  const properties = readBoxes(view, iprp.payloadStart, iprp.end)?.find((box) => box.type === "ipco");
  if (properties === undefined) return undefined;
  const spatialExtents = readBoxes(view, properties.payloadStart, properties.end)?.filter((box) => box.type === "ispe" && box.end - box.payloadStart >= 12);
  if (spatialExtents === undefined || spatialExtents.length === 0) return undefined;
  let width = 0;
  let height = 0;
  for (const box of spatialExtents) {
    width = Math.max(width, view.getUint32(box.payloadStart + 4));
    height = Math.max(height, view.getUint32(box.payloadStart + 8));
  }
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/**
 * The file ranges an item occupies: construction method 0 points into the file, 1 into `idat`. Method 2
 * (bytes borrowed from other items) and data in another file cannot be overwritten here, so they refuse.
 */
function absoluteRanges(location: ItemLocation, idat: Box | undefined, fileLength: number): Extent[] | undefined {
  if (location.dataReference !== 0) return undefined;
  const [start, end] = location.method === 0 ? [0, fileLength] : location.method === 1 && idat !== undefined ? [idat.payloadStart, idat.end] : [-1, -1];
  if (start < 0) return undefined;
  const ranges: Extent[] = [];
  for (const extent of location.extents) {
    const offset = start + location.baseOffset + extent.offset;
    // A zero length means "to the end", which for metadata is not a shape we can trust to stop anywhere sensible.
    if (extent.length === 0 || offset + extent.length > end) return undefined;
    ranges.push({ offset, length: extent.length });
  }
  return ranges;
}

/** Writes `prefix` across the ranges as if they were one run of bytes, `fill` after it (or only `fill` if it does not fit). */
function overwrite(target: Uint8Array, ranges: Extent[], prefix: Uint8Array, fill: number): void {
  const total = ranges.reduce((sum, range) => sum + range.length, 0);
  const replacement = new Uint8Array(total).fill(fill);
  if (prefix.length <= total) replacement.set(prefix);
  let written = 0;
  for (const range of ranges) {
    target.set(replacement.subarray(written, written + range.length), range.offset);
    written += range.length;
  }
}

function readCString(view: DataView, from: number, to: number): { text: string; next: number } {
  let position = from;
  while (position < to && view.getUint8(position) !== 0) position++;
  const text = Buffer.from(view.buffer, view.byteOffset + from, position - from).toString("latin1");
  return { text, next: Math.min(position + 1, to) };
}

function fourCc(view: DataView, position: number): string {
  if (position + 4 > view.byteLength) return "";
  return String.fromCharCode(view.getUint8(position), view.getUint8(position + 1), view.getUint8(position + 2), view.getUint8(position + 3));
}

function corrupt(): StrippedPhoto {
  return { ok: false, reason: "corrupt-image" };
}
