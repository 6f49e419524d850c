// Builds the uploads the inspection tests feed in, so no binary fixture is kept in the repository.
import * as zlib from "node:zlib";
import { crc32 } from "./zip-central-directory.ts";

/** One file to put in a test archive; the declared fields can be set to lie about the content. */
export type ZipFixtureEntry = {
  name: string;
  content?: Uint8Array | string;
  method?: "store" | "deflate";
  /** Already deflated data, written as is with method 8 (for streams too large to build from content). */
  deflated?: Uint8Array;
  crc32?: number;
  uncompressedSize?: number;
  compressedSize?: number;
  flags?: number;
  /** Where the central directory says the local header is, instead of where it was written. */
  localHeaderOffset?: number;
};

const encoder = new TextEncoder();
const SATURATED = 0xffffffff;

/** A ZIP archive with correct CRCs, stored or deflated entries, and ZIP64 extra fields for huge declared sizes. */
export function buildZip(entries: ZipFixtureEntry[], options: { declaredEntryCount?: number } = {}): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const content = typeof entry.content === "string" ? encoder.encode(entry.content) : (entry.content ?? new Uint8Array());
    const method = entry.deflated !== undefined || entry.method === "deflate" ? 8 : 0;
    const data = entry.deflated ?? (method === 8 ? zlib.deflateRawSync(content) : content);
    const name = encoder.encode(entry.name);
    const nameIsAscii = name.every((byte) => byte < 0x80);
    const flags = (entry.flags ?? 0) | (nameIsAscii ? 0 : 0x0800);
    const uncompressedSize = entry.uncompressedSize ?? content.length;
    const compressedSize = entry.compressedSize ?? data.length;
    const checksum = entry.crc32 ?? crc32(content);

    const zip64Values = [uncompressedSize, compressedSize].filter((value) => value >= SATURATED);
    const extra = new Uint8Array(zip64Values.length > 0 ? 4 + 8 * zip64Values.length : 0);
    if (zip64Values.length > 0) {
      const view = new DataView(extra.buffer);
      view.setUint16(0, 0x0001, true);
      view.setUint16(2, 8 * zip64Values.length, true);
      zip64Values.forEach((value, index) => {
        view.setBigUint64(4 + 8 * index, BigInt(value), true);
      });
    }
    const size32 = (value: number) => Math.min(value, SATURATED);

    const local = new Uint8Array(30 + name.length + extra.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, zip64Values.length > 0 ? 45 : 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, checksum, true);
    lv.setUint32(18, size32(compressedSize), true);
    lv.setUint32(22, size32(uncompressedSize), true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, extra.length, true);
    local.set(name, 30);
    local.set(extra, 30 + name.length);

    const central = new Uint8Array(46 + name.length + extra.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 0x0314, true); // made by Unix, spec 2.0
    cv.setUint16(6, zip64Values.length > 0 ? 45 : 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, checksum, true);
    cv.setUint32(20, size32(compressedSize), true);
    cv.setUint32(24, size32(uncompressedSize), true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, extra.length, true);
    cv.setUint32(42, entry.localHeaderOffset ?? offset, true);
    central.set(name, 46);
    central.set(extra, 46 + name.length);

    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const directorySize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, options.declaredEntryCount ?? entries.length, true);
  ev.setUint16(10, options.declaredEntryCount ?? entries.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  return concat([...locals, ...centrals, end]);
}

/** A raw deflate stream of `size` zero bytes (a multiple of 1 MiB), built in milliseconds from one compressed MiB. */
export function deflatedZeros(size: number): { deflated: Uint8Array; crc32: number; uncompressedSize: number } {
  const chunk = new Uint8Array(1024 * 1024);
  const chunks = size / chunk.length;
  // A full flush ends the block on a byte boundary and forgets the history, so copies of it can simply be repeated.
  const block = zlib.deflateRawSync(chunk, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const finalEmptyBlock = Uint8Array.of(0x03, 0x00);
  const deflated = new Uint8Array(block.length * chunks + finalEmptyBlock.length);
  // Node's native CRC (20.15 and later) is far quicker over hundreds of megabytes than ours in JavaScript.
  const continueCrc = typeof zlib.crc32 === "function" ? zlib.crc32 : crc32;
  let checksum = 0;
  for (let index = 0; index < chunks; index++) {
    deflated.set(block, index * block.length);
    checksum = continueCrc(chunk, checksum);
  }
  deflated.set(finalEmptyBlock, block.length * chunks);
  return { deflated, crc32: checksum, uncompressedSize: size };
}

/**
 * A raw deflate stream of `size` zero bytes (a multiple of 1 MiB) followed by random stored bytes, just enough
 * of them to keep the whole under `ratio`:1, so no ratio bound can refuse it and only a size bound can.
 */
export function deflatedZerosWithinRatio(size: number, ratio = 99): { deflated: Uint8Array; crc32: number; uncompressedSize: number } {
  const zeros = deflatedZeros(size);
  // Drop the final empty block: the stored blocks below end the stream instead.
  const body = zeros.deflated.subarray(0, zeros.deflated.length - 2);
  const tailLength = Math.ceil((size - ratio * body.length) / (ratio - 1)) + 1024;
  const tail = randomFill(new Uint8Array(tailLength));
  const blocks: Uint8Array[] = [body];
  for (let offset = 0; offset < tail.length; offset += 0xffff) {
    const data = tail.subarray(offset, offset + 0xffff);
    const header = new Uint8Array(5);
    header[0] = offset + 0xffff >= tail.length ? 0x01 : 0x00; // BFINAL on the last, BTYPE 00 (stored)
    new DataView(header.buffer).setUint16(1, data.length, true);
    new DataView(header.buffer).setUint16(3, ~data.length & 0xffff, true);
    blocks.push(header, data);
  }
  const continueCrc = typeof zlib.crc32 === "function" ? zlib.crc32 : crc32;
  return { deflated: concat(blocks), crc32: continueCrc(tail, zeros.crc32), uncompressedSize: size + tail.length };
}

function randomFill(bytes: Uint8Array): Uint8Array {
  for (let offset = 0; offset < bytes.length; offset += 65_536) crypto.getRandomValues(bytes.subarray(offset, offset + 65_536));
  return bytes;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const RELATIONSHIPS_TYPE = "application/vnd.openxmlformats-package.relationships+xml";

/** `[Content_Types].xml` with the usual defaults plus the given part overrides. */
export function contentTypesXml(overrides: Record<string, string>, defaults: Record<string, string> = {}): string {
  const allDefaults = { rels: RELATIONSHIPS_TYPE, xml: "application/xml", ...defaults };
  return `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${Object.entries(allDefaults)
    .map(([extension, type]) => `<Default Extension="${extension}" ContentType="${type}"/>`)
    .join("")}${Object.entries(overrides)
    .map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`)
    .join("")}</Types>`;
}

function packageRelationships(target: string): string {
  return `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;
}

/** The entries of a minimal Word document; `mainType` lets a test swap in a macro-enabled type. */
export function docxEntries(mainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"): ZipFixtureEntry[] {
  return [
    { name: "[Content_Types].xml", content: contentTypesXml({ "/word/document.xml": mainType }), method: "deflate" },
    { name: "_rels/.rels", content: packageRelationships("word/document.xml"), method: "deflate" },
    {
      name: "word/document.xml",
      content: `${XML_DECLARATION}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>職務経歴書</w:t></w:r></w:p></w:body></w:document>`,
      method: "deflate",
    },
  ];
}

/** The entries of a minimal Excel workbook with one sheet. */
export function xlsxEntries(mainType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"): ZipFixtureEntry[] {
  return [
    {
      name: "[Content_Types].xml",
      content: contentTypesXml({
        "/xl/workbook.xml": mainType,
        "/xl/worksheets/sheet1.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
      }),
    },
    { name: "_rels/.rels", content: packageRelationships("xl/workbook.xml") },
    {
      name: "xl/workbook.xml",
      content: `${XML_DECLARATION}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="職歴" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      method: "deflate",
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      content: `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    {
      name: "xl/worksheets/sheet1.xml",
      content: `${XML_DECLARATION}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>2020年 入社</t></is></c></row></sheetData></worksheet>`,
      method: "deflate",
    },
  ];
}

/** The relationship namespace Office writes, to which a relationship type's last segment is appended. */
export const RELATIONSHIP_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A `.rels` part; each `type` is the last segment of the relationship type ("hyperlink", "attachedTemplate"). */
export function relationshipsXml(relationships: { type: string; target: string; external?: boolean }[]): string {
  return `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships
    .map(
      (relationship, index) =>
        `<Relationship Id="rId${index + 1}" Type="${RELATIONSHIP_TYPES}/${relationship.type}" Target="${relationship.target}"${relationship.external ? ' TargetMode="External"' : ""}/>`,
    )
    .join("")}</Relationships>`;
}

/** The entries of `base` with `extra` added, an extra entry replacing a base entry of the same name. */
export function withEntries(base: ZipFixtureEntry[], extra: ZipFixtureEntry[]): ZipFixtureEntry[] {
  const replaced = new Set(extra.map((entry) => entry.name));
  return [...base.filter((entry) => !replaced.has(entry.name)), ...extra];
}

/** A Word body paragraph list wrapped into a whole `word/document.xml`. */
export function wordDocumentXml(body: string): string {
  return `${XML_DECLARATION}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="${RELATIONSHIP_TYPES}"><w:body>${body}</w:body></w:document>`;
}

/** A minimal one-page PDF with a correct cross-reference table; `padding` bytes of comment make it bigger. */
export function minimalPdf(padding = 0): Uint8Array {
  const header = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
  const filler = padding > 0 ? `%${"x".repeat(Math.max(0, padding - 2))}\n` : "";
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"];
  let body = header + filler;
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefOffset = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** How `pdfWith` packs objects into an object stream. */
export type PackedObjects = {
  objects: string[];
  /** "flate" by default; "ascii-hex" puts ASCIIHexDecode in front, "predictor" claims a PNG predictor. */
  encoding?: "flate" | "none" | "ascii-hex" | "predictor";
  /** The stream dictionary's entries other than /N, /First, /Length and /Filter; `/Type /ObjStm` by default. */
  dictionary?: string;
};

/**
 * A one-page PDF whose catalog gets `catalog` added, followed by the `objects` given (numbered from 4) and,
 * with `packed`, an object stream holding more (numbered after them). Readers find packed objects through
 * a cross-reference stream, which this leaves out: the inspection reads object streams by their content.
 */
export function pdfWith(options: { catalog?: string; page?: string; objects?: string[]; packed?: PackedObjects; trailer?: string }): Uint8Array {
  const plain = [
    `<< /Type /Catalog /Pages 2 0 R ${options.catalog ?? ""}>>`,
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ${options.page ?? ""}>>`,
    ...(options.objects ?? []),
  ];
  const chunks: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let length = chunks[0]?.length ?? 0;
  const offsets: number[] = [];
  const push = (chunk: Buffer) => {
    chunks.push(chunk);
    length += chunk.length;
  };
  plain.forEach((object, index) => {
    offsets.push(length);
    push(Buffer.from(`${index + 1} 0 obj\n${object}\nendobj\n`, "latin1"));
  });
  if (options.packed !== undefined) {
    offsets.push(length);
    push(objectStream(plain.length + 1, options.packed));
  }
  const xrefOffset = length;
  let tail = `xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) tail += `${String(offset).padStart(10, "0")} 00000 n \n`;
  tail += `trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R ${options.trailer ?? ""}>>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  push(Buffer.from(tail, "latin1"));
  return Buffer.concat(chunks);
}

function objectStream(streamNumber: number, packed: PackedObjects): Buffer {
  let header = "";
  let body = "";
  packed.objects.forEach((object, index) => {
    header += `${streamNumber + 1 + index} ${body.length} `;
    body += `${object}\n`;
  });
  const content = Buffer.from(`${header}\n${body}`, "latin1");
  const first = header.length + 1;
  const encoding = packed.encoding ?? "flate";
  const data =
    encoding === "none"
      ? content
      : encoding === "ascii-hex"
        ? Buffer.from(`${zlib.deflateSync(content).toString("hex")}>`, "latin1")
        : zlib.deflateSync(encoding === "predictor" ? pngUpRows(content, 8) : content);
  const filter = {
    none: "",
    flate: "/Filter /FlateDecode",
    "ascii-hex": "/Filter [/ASCIIHexDecode /FlateDecode]",
    predictor: "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 8 >>",
  }[encoding];
  const dictionary = `<< ${packed.dictionary ?? "/Type /ObjStm"} /N ${packed.objects.length} /First ${first} /Length ${data.length} ${filter} >>`;
  return Buffer.concat([Buffer.from(`${streamNumber} 0 obj\n${dictionary}\nstream\n`, "latin1"), data, Buffer.from("\nendstream\nendobj\n", "latin1")]);
}

/** Rows of `columns` bytes, each after a PNG "Up" filter byte, as a /Predictor 12 stream holds them. */
function pngUpRows(content: Uint8Array, columns: number): Buffer {
  const rows: number[] = [];
  for (let offset = 0; offset < content.length; offset += columns) {
    rows.push(2);
    for (let column = 0; column < columns; column++) {
      const byte = content[offset + column] ?? 0;
      const above = offset >= columns ? (content[offset - columns + column] ?? 0) : 0;
      rows.push((byte - above) & 0xff);
    }
  }
  return Buffer.from(rows);
}

/** A valid PDF of exactly `size` bytes, padded with a comment. */
export function pdfOfSize(size: number): Uint8Array {
  let padding = size - minimalPdf().length;
  let pdf = minimalPdf(padding);
  // Padding moves the cross-reference offsets, which can add digits; another round or two settles it.
  while (pdf.length !== size) {
    padding -= pdf.length - size;
    pdf = minimalPdf(padding);
  }
  return pdf;
}

/** Made-up GPS values the photo fixtures carry, written as TIFF rationals, so tests can look for their bytes. */
export const FIXTURE_GPS = { latitude: [35, 1, 39, 1, 3141, 100], longitude: [139, 1, 44, 1, 2718, 100] } as const;

/**
 * A big-endian Exif TIFF structure whose IFD0 holds a camera make, an Orientation and a pointer to a GPS IFD
 * with latitude and longitude, as a phone writes them.
 */
export function exifWithGps(options: { orientation?: number } = {}): Uint8Array {
  const tiff = new Uint8Array(8 + 2 + 3 * 12 + 4 + 2 + 4 * 12 + 4 + 48 + 8);
  const view = new DataView(tiff.buffer);
  tiff.set([0x4d, 0x4d, 0x00, 0x2a]);
  view.setUint32(4, 8);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    view.setUint16(at, tag);
    view.setUint16(at + 2, type);
    view.setUint32(at + 4, count);
    if (type === 3) view.setUint16(at + 8, value);
    else if (type === 2 && count <= 4) tiff[at + 8] = value;
    else view.setUint32(at + 8, value);
  };
  const gpsIfd = 8 + 2 + 3 * 12 + 4;
  const rationals = gpsIfd + 2 + 4 * 12 + 4;
  const make = rationals + 48;
  view.setUint16(8, 3);
  entry(10, 0x010f, 2, 8, make); // Make
  entry(22, 0x0112, 3, 1, options.orientation ?? 1); // Orientation
  entry(34, 0x8825, 4, 1, gpsIfd); // GPSInfo
  view.setUint16(gpsIfd, 4);
  entry(gpsIfd + 2, 0x0001, 2, 2, 0x4e); // GPSLatitudeRef "N"
  entry(gpsIfd + 14, 0x0002, 5, 3, rationals); // GPSLatitude
  entry(gpsIfd + 26, 0x0003, 2, 2, 0x45); // GPSLongitudeRef "E"
  entry(gpsIfd + 38, 0x0004, 5, 3, rationals + 24); // GPSLongitude
  [...FIXTURE_GPS.latitude, ...FIXTURE_GPS.longitude].forEach((value, index) => {
    view.setUint32(rationals + index * 4, value);
  });
  tiff.set(Buffer.from("Example\0", "latin1"), make);
  return tiff;
}

const XMP_WITH_LOCATION =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="35,39.5235N" exif:GPSLongitude="139,44.4530E"/></rdf:RDF></x:xmpmeta>';

function jpegSegment(marker: number, payload: Uint8Array | string): Uint8Array {
  const body = typeof payload === "string" ? Buffer.from(payload, "latin1") : payload;
  const segment = new Uint8Array(4 + body.length);
  new DataView(segment.buffer).setUint16(0, 0xff00 | marker);
  new DataView(segment.buffer).setUint16(2, body.length + 2);
  segment.set(body, 4);
  return segment;
}

/**
 * A baseline JPEG's segments around a short scan (with byte stuffing and a restart marker), carrying Exif
 * with GPS, XMP, IPTC and a comment, and with bytes after its end: every marker and length is right.
 */
export function jpegPhoto(options: { orientation?: number; width?: number; height?: number; trailing?: Uint8Array } = {}): Uint8Array {
  const quantisation = new Uint8Array(65).fill(1);
  quantisation[0] = 0;
  const frame = Uint8Array.of(8, 0, 0, 0, 0, 1, 1, 0x11, 0);
  new DataView(frame.buffer).setUint16(1, options.height ?? 2);
  new DataView(frame.buffer).setUint16(3, options.width ?? 3);
  const huffman = new Uint8Array(1 + 16 + 1);
  huffman[1] = 1; // one code of length 1, for symbol 0
  return concat([
    Uint8Array.of(0xff, 0xd8),
    jpegSegment(0xe0, "JFIF\0\x01\x01\0\0\x01\0\x01\0\0"),
    jpegSegment(0xe1, concat([Buffer.from("Exif\0\0", "latin1"), exifWithGps({ orientation: options.orientation ?? 6 })])),
    jpegSegment(0xe1, `http://ns.adobe.com/xap/1.0/\0${XMP_WITH_LOCATION}`),
    jpegSegment(0xed, "Photoshop 3.0\x008BIM\x04\x04\0\0\0\0\0\x10\x1c\x02\x5a\0\x06Tokyo!"),
    jpegSegment(0xfe, "taken at the station"),
    jpegSegment(0xe2, "ICC_PROFILE\0\x01\x01profile-bytes"),
    jpegSegment(0xdb, quantisation),
    jpegSegment(0xc0, frame),
    jpegSegment(0xc4, huffman),
    jpegSegment(0xdd, Uint8Array.of(0, 1)),
    jpegSegment(0xda, Uint8Array.of(1, 1, 0x00, 0, 63, 0)),
    Uint8Array.of(0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0x78),
    Uint8Array.of(0xff, 0xd9),
    options.trailing ?? new Uint8Array(),
  ]);
}

function pngChunk(type: string, data: Uint8Array | string): Uint8Array {
  const body = typeof data === "string" ? Buffer.from(data, "latin1") : data;
  const chunk = new Uint8Array(12 + body.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, body.length);
  chunk.set(Buffer.from(type, "latin1"), 4);
  chunk.set(body, 8);
  view.setUint32(8 + body.length, crc32(chunk.subarray(4, 8 + body.length)));
  return chunk;
}

/** A real 2×1 RGB PNG carrying text, XMP, Exif with GPS and a time chunk, with bytes after IEND. */
export function pngPhoto(options: { width?: number; height?: number; trailing?: Uint8Array } = {}): Uint8Array {
  const header = new Uint8Array(13);
  new DataView(header.buffer).setUint32(0, options.width ?? 2);
  new DataView(header.buffer).setUint32(4, options.height ?? 1);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, adaptive filtering, not interlaced
  const pixels = zlib.deflateSync(Uint8Array.of(0, 0xff, 0xff, 0xff, 0x10, 0x20, 0x30));
  return concat([
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    pngChunk("IHDR", header),
    pngChunk("tEXt", "Comment\0taken at the station"),
    pngChunk("iTXt", `XML:com.adobe.xmp\0\0\0\0\0${XMP_WITH_LOCATION}`),
    pngChunk("zTXt", concat([Buffer.from("Location\0\0", "latin1"), zlib.deflateSync(Buffer.from("35.6592,139.7408"))])),
    pngChunk("eXIf", exifWithGps()),
    pngChunk("tIME", Uint8Array.of(0x07, 0xe8, 4, 1, 9, 30, 0)),
    pngChunk("pHYs", Uint8Array.of(0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1)),
    pngChunk("IDAT", pixels),
    pngChunk("IEND", new Uint8Array()),
    options.trailing ?? new Uint8Array(),
  ]);
}

function isoBox(type: string, ...parts: Uint8Array[]): Uint8Array {
  const body = concat(parts);
  const box = new Uint8Array(8 + body.length);
  new DataView(box.buffer).setUint32(0, box.length);
  box.set(Buffer.from(type, "latin1"), 4);
  box.set(body, 8);
  return box;
}

function fullBox(type: string, version: number, ...parts: Uint8Array[]): Uint8Array {
  return isoBox(type, Uint8Array.of(version, 0, 0, 0), ...parts);
}

function uint(bits: 8 | 16 | 32, value: number): Uint8Array {
  const bytes = new Uint8Array(bits / 8);
  const view = new DataView(bytes.buffer);
  if (bits === 8) view.setUint8(0, value);
  else if (bits === 16) view.setUint16(0, value);
  else view.setUint32(0, value);
  return bytes;
}

/** The HEIF Exif item payload: the offset to the TIFF header, then "Exif\0\0" and the TIFF structure. */
export function heicExifPayload(): Uint8Array {
  return concat([uint(32, 6), Buffer.from("Exif\0\0", "latin1"), exifWithGps()]);
}

/**
 * A HEIC still image's box structure: `ftyp`, a `meta` naming an image item, an Exif item with GPS and an
 * XMP item, and `mdat` (or `idat`, with `inIdat`) holding their bytes where `iloc` says. The image item's
 * bytes stand in for HEVC data: the inspection never decodes them.
 */
export function heicPhoto(
  options: { inIdat?: boolean; ilocVersion?: 0 | 1 | 2; brands?: string[]; width?: number; extraTopBoxes?: Uint8Array[] } = {},
): Uint8Array {
  const image = Buffer.from("hevc-coded picture bytes stand here", "latin1");
  const exif = heicExifPayload();
  const xmp = Buffer.from(XMP_WITH_LOCATION, "latin1");
  const version = options.ilocVersion ?? (options.inIdat ? 1 : 0);
  const method = options.inIdat ? 1 : 0;
  const ftyp = isoBox("ftyp", ...(options.brands ?? ["heic", "\0\0\0\0", "mif1", "heic"]).map((brand) => Buffer.from(brand, "latin1")));
  const infe = (id: number, type: string, contentType?: string) =>
    fullBox(
      "infe",
      2,
      uint(16, id),
      uint(16, 0),
      Buffer.from(type, "latin1"),
      Buffer.from("\0", "latin1"),
      Buffer.from(contentType ? `${contentType}\0` : "", "latin1"),
    );
  const itemData = [image, exif, xmp];
  const iloc = (dataStart: number) => {
    // In mdat the three follow one another; with inIdat the image stays in mdat and the other two fill idat.
    const offsets = options.inIdat ? [dataStart, 0, exif.length] : [dataStart, dataStart + image.length, dataStart + image.length + exif.length];
    const items = itemData.map((data, index) =>
      concat([
        uint(version < 2 ? 16 : 32, index + 1),
        version >= 1 ? uint(16, index === 0 ? 0 : method) : new Uint8Array(),
        uint(16, 0),
        uint(16, 1),
        uint(32, offsets[index] as number),
        uint(32, data.length),
      ]),
    );
    // 4-byte offsets and lengths, no base offset, no extent index.
    return fullBox("iloc", version, Uint8Array.of(0x44, 0x00), uint(version < 2 ? 16 : 32, items.length), ...items);
  };
  const properties = isoBox(
    "iprp",
    isoBox("ipco", isoBox("hvcC", new Uint8Array(23)), fullBox("ispe", 0, uint(32, options.width ?? 4032), uint(32, 3024)), isoBox("irot", Uint8Array.of(1))),
    fullBox("ipma", 0, uint(32, 1), uint(16, 1), uint(8, 3), Uint8Array.of(0x81, 0x82, 0x03)),
  );
  const meta = (dataStart: number) =>
    fullBox(
      "meta",
      0,
      fullBox("hdlr", 0, uint(32, 0), Buffer.from("pict", "latin1"), new Uint8Array(12), Uint8Array.of(0)),
      fullBox("pitm", 0, uint(16, 1)),
      fullBox("iinf", 0, uint(16, 3), infe(1, "hvc1"), infe(2, "Exif"), infe(3, "mime", "application/rdf+xml")),
      iloc(dataStart),
      properties,
      ...(options.inIdat ? [isoBox("idat", exif, xmp)] : []),
    );
  const extra = concat(options.extraTopBoxes ?? []);
  // The offsets in iloc are fixed-size, so the meta box's length does not depend on them.
  const dataStart = ftyp.length + meta(0).length + extra.length + 8;
  const mdat = isoBox("mdat", ...(options.inIdat ? [image] : itemData));
  return concat([ftyp, meta(dataStart), extra, mdat]);
}

/** The first bytes of a 64-bit Linux ELF executable. */
export function elfExecutable(): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]);
  new DataView(bytes.buffer).setUint16(16, 2, true); // ET_EXEC
  new DataView(bytes.buffer).setUint16(18, 0x3e, true); // x86-64
  return bytes;
}

/** A DOS stub pointing at a PE header, the shape of every Windows .exe and .dll. */
export function windowsExecutable(): Uint8Array {
  const bytes = new Uint8Array(256);
  bytes.set([0x4d, 0x5a]);
  new DataView(bytes.buffer).setUint32(0x3c, 0x80, true);
  bytes.set([0x50, 0x45, 0x00, 0x00, 0x64, 0x86], 0x80); // "PE\0\0", x86-64
  return bytes;
}

/** An OLE compound file whose directory sector names the given streams. */
export function compoundFile(streamNames: string[]): Uint8Array {
  const sectorSize = 512;
  const directory = new Uint8Array(sectorSize * Math.max(1, Math.ceil((streamNames.length + 1) / 4)));
  ["Root Entry", ...streamNames].forEach((name, index) => {
    const entry = directory.subarray(index * 128, index * 128 + 128);
    const encoded = Buffer.from(`${name}\0`, "utf16le");
    entry.set(encoded);
    new DataView(entry.buffer, entry.byteOffset).setUint16(64, encoded.length, true);
    entry[66] = index === 0 ? 5 : 2; // root storage, then streams
  });
  const header = new Uint8Array(sectorSize);
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const view = new DataView(header.buffer);
  view.setUint16(0x18, 0x003e, true); // minor version
  view.setUint16(0x1a, 0x0003, true); // major version 3
  view.setUint16(0x1c, 0xfffe, true); // little-endian
  view.setUint16(0x1e, 9, true); // 512-byte sectors
  view.setUint32(0x30, 0, true); // directory starts at sector 0
  return concat([header, directory]);
}

/** Joins byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
