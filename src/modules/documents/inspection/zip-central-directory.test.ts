import { randomBytes } from "node:crypto";
import * as zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildZip, concat } from "./document-fixtures.ts";
import { crc32, readZipCentralDirectory, readZipEntry } from "./zip-central-directory.ts";

/** Rewrites a small archive's end record into the ZIP64 form, as writers do for archives over 4 GiB. */
function withZip64EndRecord(zip: Uint8Array): Uint8Array {
  const end = zip.length - 22;
  const view = new DataView(zip.buffer, zip.byteOffset);
  const entryCount = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);

  const record = new Uint8Array(56);
  const rv = new DataView(record.buffer);
  rv.setUint32(0, 0x06064b50, true);
  rv.setBigUint64(4, 44n, true);
  rv.setUint16(12, 45, true);
  rv.setUint16(14, 45, true);
  rv.setBigUint64(24, BigInt(entryCount), true);
  rv.setBigUint64(32, BigInt(entryCount), true);
  rv.setBigUint64(40, BigInt(directorySize), true);
  rv.setBigUint64(48, BigInt(directoryOffset), true);

  const locator = new Uint8Array(20);
  const lv = new DataView(locator.buffer);
  lv.setUint32(0, 0x07064b50, true);
  lv.setBigUint64(8, BigInt(end), true);
  lv.setUint32(16, 1, true);

  const endRecord = zip.slice(end);
  const ev = new DataView(endRecord.buffer);
  ev.setUint16(8, 0xffff, true);
  ev.setUint16(10, 0xffff, true);
  ev.setUint32(12, 0xffffffff, true);
  ev.setUint32(16, 0xffffffff, true);
  return concat([zip.subarray(0, end), record, locator, endRecord]);
}

describe("crc32", () => {
  it("agrees with zlib's", () => {
    const bytes = randomBytes(10_000);
    expect(crc32(bytes)).toBe(zlib.crc32(bytes));
    expect(crc32(bytes.subarray(5000), crc32(bytes.subarray(0, 5000)))).toBe(zlib.crc32(bytes));
    expect(crc32(new Uint8Array())).toBe(0);
  });
});

describe("readZipCentralDirectory", () => {
  it("lists entries with their declared sizes and UTF-8 names", () => {
    const zip = buildZip([
      { name: "a.txt", content: "hello" },
      { name: "履歴書/b.xml", content: "x".repeat(1000), method: "deflate" },
    ]);
    const reading = readZipCentralDirectory(zip, { maxEntries: 10 });
    expect(reading.ok && reading.entries.map(({ name, method, uncompressedSize }) => ({ name, method, uncompressedSize }))).toEqual([
      { name: "a.txt", method: 0, uncompressedSize: 5 },
      { name: "履歴書/b.xml", method: 8, uncompressedSize: 1000 },
    ]);
  });

  it("finds the end record behind an archive comment", () => {
    const zip = buildZip([{ name: "a.txt", content: "hello" }]);
    const comment = new TextEncoder().encode("PK\u0005\u0006 a comment that looks like a signature");
    const withComment = concat([zip, comment]);
    new DataView(withComment.buffer).setUint16(zip.length - 2, comment.length, true);
    const reading = readZipCentralDirectory(withComment, { maxEntries: 10 });
    expect(reading.ok && reading.entries.map((entry) => entry.name)).toEqual(["a.txt"]);
  });

  it("reads a ZIP64 end record", () => {
    const zip = withZip64EndRecord(
      buildZip([
        { name: "a.txt", content: "hello" },
        { name: "b.txt", content: "" },
      ]),
    );
    const reading = readZipCentralDirectory(zip, { maxEntries: 10 });
    expect(reading.ok && reading.entries.map((entry) => entry.name)).toEqual(["a.txt", "b.txt"]);
  });

  it("reads sizes from a ZIP64 extra field", () => {
    const zip = buildZip([{ name: "big", content: "x", method: "deflate", uncompressedSize: 2 ** 40 }]);
    const reading = readZipCentralDirectory(zip, { maxEntries: 10 });
    expect(reading.ok && reading.entries[0]?.uncompressedSize).toBe(2 ** 40);
  });

  it("refuses a declared entry count above the limit before reading any entry", () => {
    const zip = buildZip([{ name: "a.txt", content: "hello" }], { declaredEntryCount: 5000 });
    expect(readZipCentralDirectory(zip, { maxEntries: 1000 })).toEqual({ ok: false, problem: "too-many-entries" });
  });

  it("refuses a ZIP64 entry count in the billions", () => {
    const zip = withZip64EndRecord(buildZip([{ name: "a.txt", content: "hello" }]));
    const view = new DataView(zip.buffer, zip.byteOffset);
    const record = zip.length - 22 - 20 - 56;
    view.setBigUint64(record + 32, 4_000_000_000n, true);
    expect(readZipCentralDirectory(zip, { maxEntries: 1000 })).toEqual({ ok: false, problem: "too-many-entries" });
  });

  it("says when there is no end record at all", () => {
    expect(readZipCentralDirectory(new Uint8Array(100), { maxEntries: 10 })).toEqual({
      ok: false,
      problem: "not-a-zip",
    });
    expect(readZipCentralDirectory(new Uint8Array(3), { maxEntries: 10 })).toEqual({ ok: false, problem: "not-a-zip" });
  });

  it("refuses a central directory said to start beyond the end record", () => {
    const zip = buildZip([{ name: "a.txt", content: "hello" }]);
    new DataView(zip.buffer).setUint32(zip.length - 6, 0xfffffff0, true);
    expect(readZipCentralDirectory(zip, { maxEntries: 10 })).toEqual({ ok: false, problem: "malformed" });
  });
});

describe("readZipEntry", () => {
  const zip = buildZip([{ name: "a.xml", content: "<a>".repeat(2000), method: "deflate" }]);
  const reading = readZipCentralDirectory(zip, { maxEntries: 10 });
  const entry = reading.ok ? reading.entries[0] : undefined;

  it("inflates an entry and checks its CRC", () => {
    const content = entry && readZipEntry(zip, entry, { maxOutputBytes: 10_000 });
    expect(content?.ok && new TextDecoder().decode(content.bytes)).toBe("<a>".repeat(2000));
  });

  it("stops at the output cap even when the declared size lies", () => {
    if (entry === undefined) throw new Error("fixture");
    expect(readZipEntry(zip, { ...entry, uncompressedSize: 10 }, { maxOutputBytes: 100 })).toEqual({
      ok: false,
      problem: "too-large",
    });
    expect(readZipEntry(zip, entry, { maxOutputBytes: 100 })).toEqual({ ok: false, problem: "too-large" });
  });

  it("refuses an unknown compression method and a local header that is not there", () => {
    if (entry === undefined) throw new Error("fixture");
    expect(readZipEntry(zip, { ...entry, method: 12 }, { maxOutputBytes: 10_000 })).toEqual({
      ok: false,
      problem: "unsupported-method",
    });
    expect(readZipEntry(zip, { ...entry, localHeaderOffset: 3 }, { maxOutputBytes: 10_000 })).toEqual({
      ok: false,
      problem: "malformed",
    });
  });
});
