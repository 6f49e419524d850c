import * as zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { concat, FIXTURE_GPS, heicExifPayload, heicPhoto, jpegPhoto, pngPhoto } from "./document-fixtures.ts";
import { inspectPhoto, recognisePhoto } from "./inspect-photo.ts";
import { stripHeicMetadata } from "./strip-heic-metadata.ts";
import { stripJpegMetadata } from "./strip-jpeg-metadata.ts";
import { stripPngMetadata } from "./strip-png-metadata.ts";
import { crc32 } from "./zip-central-directory.ts";

/** The big-endian bytes of the fixture's GPS rationals: found anywhere, the position survived. */
const gpsBytes = (() => {
  const bytes = new Uint8Array(48);
  [...FIXTURE_GPS.latitude, ...FIXTURE_GPS.longitude].forEach((value, index) => {
    new DataView(bytes.buffer).setUint32(index * 4, value);
  });
  return Buffer.from(bytes);
})();
const carriesLocation = (bytes: Uint8Array) => {
  const buffer = Buffer.from(bytes);
  return buffer.includes(gpsBytes) || buffer.includes("GPSLatitude") || buffer.includes("35.6592");
};

function strip<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected a stripped photo, got ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/** The markers of a JPEG, walked the way a decoder does; throws on any length that does not add up. */
function jpegMarkers(bytes: Uint8Array): string[] {
  const markers = ["D8"];
  let position = 2;
  for (;;) {
    if (bytes[position] !== 0xff) throw new Error(`no marker at ${position}`);
    const marker = bytes[position + 1] as number;
    markers.push(marker.toString(16).toUpperCase());
    if (marker === 0xd9) {
      if (position + 2 !== bytes.length) throw new Error("bytes after EOI");
      return markers;
    }
    if (marker >= 0xd0 && marker <= 0xd7) {
      position += 2;
      continue;
    }
    position += 2 + (((bytes[position + 2] as number) << 8) | (bytes[position + 3] as number));
    if (marker === 0xda) {
      while (
        !(bytes[position] === 0xff && bytes[position + 1] !== 0x00 && !((bytes[position + 1] as number) >= 0xd0 && (bytes[position + 1] as number) <= 0xd7))
      )
        position++;
    }
  }
}

/** The chunk types of a PNG, each checked against its CRC. */
function pngChunks(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const types: string[] = [];
  for (let position = 8; position < bytes.length; ) {
    const length = view.getUint32(position);
    const type = Buffer.from(bytes.subarray(position + 4, position + 8)).toString("latin1");
    expect(crc32(bytes.subarray(position + 4, position + 8 + length)), type).toBe(view.getUint32(position + 8 + length));
    types.push(type);
    position += 12 + length;
  }
  return types;
}

/** The top-level boxes of an ISO media file, checked to fill it exactly. */
function isoBoxes(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const types: string[] = [];
  let position = 0;
  while (position < bytes.length) {
    types.push(Buffer.from(bytes.subarray(position + 4, position + 8)).toString("latin1"));
    position += view.getUint32(position);
  }
  expect(position).toBe(bytes.length);
  return types;
}

describe("recognisePhoto", () => {
  it("tells JPEG, PNG and HEIC by their first bytes", () => {
    expect(recognisePhoto(jpegPhoto())).toBe("jpeg");
    expect(recognisePhoto(pngPhoto())).toBe("png");
    expect(recognisePhoto(heicPhoto())).toBe("heic");
    expect(recognisePhoto(Buffer.from("%PDF-1.7"))).toBeUndefined();
  });
});

describe("stripJpegMetadata", () => {
  it("drops Exif with its GPS position, XMP, IPTC, comments and trailing bytes, and keeps the picture", () => {
    const photo = jpegPhoto({ trailing: Buffer.from("PK\x03\x04 an appended archive") });
    expect(carriesLocation(photo)).toBe(true);
    const stripped = strip(stripJpegMetadata(photo));
    expect(carriesLocation(stripped.bytes)).toBe(false);
    expect(Buffer.from(stripped.bytes).includes("Photoshop")).toBe(false);
    expect(Buffer.from(stripped.bytes).includes("station")).toBe(false);
    // SOI, JFIF, the new orientation-only Exif, ICC profile, DQT, SOF0, DHT, DRI, SOS (its restart markers inside), EOI.
    expect(jpegMarkers(stripped.bytes)).toEqual(["D8", "E0", "E1", "E2", "DB", "C0", "C4", "DD", "DA", "D9"]);
    expect({ width: stripped.width, height: stripped.height }).toEqual({ width: 3, height: 2 });
  });

  it("keeps a sideways photo's orientation, and nothing else of its Exif", () => {
    const stripped = strip(stripJpegMetadata(jpegPhoto({ orientation: 6 })));
    const exif = Buffer.from(stripped.bytes).indexOf("Exif\0\0");
    const tiff = Buffer.from(stripped.bytes.subarray(exif + 6));
    expect(tiff.readUInt16BE(8)).toBe(1); // one entry
    expect(tiff.readUInt16BE(10)).toBe(0x0112);
    expect(tiff.readUInt16BE(18)).toBe(6);
    expect(Buffer.from(stripped.bytes).includes("Example")).toBe(false);
  });

  it("adds no Exif for an upright photo, and is stable when run again", () => {
    const stripped = strip(stripJpegMetadata(jpegPhoto({ orientation: 1 })));
    expect(jpegMarkers(stripped.bytes)).not.toContain("E1");
    expect(Buffer.compare(strip(stripJpegMetadata(stripped.bytes)).bytes, stripped.bytes)).toBe(0);
  });

  it("refuses a JPEG cut short, one with a segment running past the end, and one with no frame", () => {
    const photo = jpegPhoto();
    expect(stripJpegMetadata(photo.subarray(0, photo.length - 40))).toEqual({ ok: false, reason: "corrupt-image" });
    const lying = Buffer.from(photo);
    lying.writeUInt16BE(0xfff0, 4);
    expect(stripJpegMetadata(lying)).toEqual({ ok: false, reason: "corrupt-image" });
    expect(stripJpegMetadata(Uint8Array.of(0xff, 0xd8, 0xff, 0xd9))).toEqual({ ok: false, reason: "corrupt-image" });
  });
});

describe("stripPngMetadata", () => {
  it("drops text, XMP, Exif and time chunks and trailing bytes; the chunks kept keep valid CRCs", () => {
    const photo = pngPhoto({ trailing: Buffer.from("<script>") });
    expect(carriesLocation(photo)).toBe(true);
    const stripped = strip(stripPngMetadata(photo));
    expect(pngChunks(stripped.bytes)).toEqual(["IHDR", "pHYs", "IDAT", "IEND"]);
    expect(carriesLocation(stripped.bytes)).toBe(false);
    expect(Buffer.from(stripped.bytes).includes("station")).toBe(false);
    expect({ width: stripped.width, height: stripped.height }).toEqual({ width: 2, height: 1 });
  });

  it("keeps the pixels exactly", () => {
    const stripped = strip(stripPngMetadata(pngPhoto()));
    const idat = Buffer.from(stripped.bytes).indexOf("IDAT");
    const length = Buffer.from(stripped.bytes).readUInt32BE(idat - 4);
    expect([...zlib.inflateSync(stripped.bytes.subarray(idat + 4, idat + 4 + length))]).toEqual([0, 0xff, 0xff, 0xff, 0x10, 0x20, 0x30]);
  });

  it("refuses a wrong CRC, a chunk past the end, and an unknown critical chunk", () => {
    const photo = Buffer.from(pngPhoto());
    const badCrc = Buffer.from(photo);
    badCrc[29] = (badCrc[29] as number) ^ 1; // last byte of IHDR's CRC
    expect(stripPngMetadata(badCrc)).toEqual({ ok: false, reason: "corrupt-image" });
    expect(stripPngMetadata(photo.subarray(0, photo.length - 20))).toEqual({ ok: false, reason: "corrupt-image" });
    const unknown = Buffer.from(photo);
    unknown.write("XXXX", 37, "latin1"); // the tEXt chunk's type, now critical and unknown (its CRC no longer matches either)
    expect(stripPngMetadata(unknown)).toEqual({ ok: false, reason: "corrupt-image" });
  });
});

describe("stripHeicMetadata", () => {
  it("overwrites the Exif and XMP items in place, keeping every box and the picture's bytes", () => {
    const photo = heicPhoto({ extraTopBoxes: [concat([Uint8Array.of(0, 0, 0, 16), Buffer.from("free", "latin1"), Buffer.from("leftover", "latin1")])] });
    expect(carriesLocation(photo)).toBe(true);
    const stripped = strip(stripHeicMetadata(photo));
    expect(stripped.bytes.length).toBe(photo.length);
    expect(isoBoxes(stripped.bytes)).toEqual(["ftyp", "meta", "free", "mdat"]);
    expect(carriesLocation(stripped.bytes)).toBe(false);
    expect(Buffer.from(stripped.bytes).includes("leftover")).toBe(false);
    expect(Buffer.from(stripped.bytes).includes("hevc-coded picture bytes stand here")).toBe(true);
    // The Exif item is still valid Exif: offset 0, a TIFF header, an empty IFD0.
    const exifAt = Buffer.from(photo).indexOf(Buffer.from(heicExifPayload()));
    expect([...stripped.bytes.subarray(exifAt, exifAt + 18)]).toEqual([0, 0, 0, 0, 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0]);
    expect({ width: stripped.width, height: stripped.height }).toEqual({ width: 4032, height: 3024 });
  });

  it("finds items stored in idat and read through iloc versions 1 and 2", () => {
    for (const options of [{ inIdat: true }, { ilocVersion: 2 as const }, { inIdat: true, ilocVersion: 2 as const }]) {
      const stripped = strip(stripHeicMetadata(heicPhoto(options)));
      expect(carriesLocation(stripped.bytes), JSON.stringify(options)).toBe(false);
    }
  });

  it("refuses AVIF and image sequences, and an item said to lie past the end of the file", () => {
    expect(stripHeicMetadata(heicPhoto({ brands: ["avif", "\0\0\0\0", "mif1", "avif"] }))).toEqual({ ok: false, reason: "unsupported-type" });
    expect(stripHeicMetadata(heicPhoto({ extraTopBoxes: [Uint8Array.of(0, 0, 0, 8, 0x6d, 0x6f, 0x6f, 0x76)] }))).toEqual({
      ok: false,
      reason: "unsupported-type",
    });
    const photo = heicPhoto();
    expect(stripHeicMetadata(photo.subarray(0, photo.length - 10))).toEqual({ ok: false, reason: "corrupt-image" });
  });
});

describe("inspectPhoto", () => {
  it("refuses more pixels than any camera takes", () => {
    expect(inspectPhoto(pngPhoto({ width: 30_000, height: 10 }), "png")).toEqual({ ok: false, reason: "image-too-large" });
    expect(inspectPhoto(pngPhoto({ width: 19_000, height: 19_000 }), "png")).toEqual({ ok: false, reason: "image-too-large" });
    expect(inspectPhoto(jpegPhoto({ width: 16_320, height: 12_240 }), "jpeg")).toMatchObject({ ok: true, kind: "jpeg" });
    expect(inspectPhoto(heicPhoto({ width: 65_000 }), "heic")).toEqual({ ok: false, reason: "image-too-large" });
  });
});
