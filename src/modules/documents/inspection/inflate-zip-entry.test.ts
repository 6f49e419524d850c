import { describe, expect, it } from "vitest";
import { buildZip, deflatedZeros } from "./document-fixtures.ts";
import { inflateZipEntry } from "./inflate-zip-entry.ts";
import { readZipCentralDirectory, type ZipEntry } from "./zip-central-directory.ts";

const MiB = 1024 * 1024;
const limits = { maxOutputBytes: 10 * MiB, maxRatio: 100, ratioGraceBytes: 100 * 1024, keep: () => true };

function onlyEntry(zip: Uint8Array): ZipEntry {
  const reading = readZipCentralDirectory(zip, { maxEntries: 10 });
  if (!reading.ok || reading.entries[0] === undefined) throw new Error("fixture");
  return reading.entries[0];
}

describe("inflateZipEntry", () => {
  it("gives back the content and true size of a deflated or stored entry", async () => {
    for (const method of ["deflate", "store"] as const) {
      const zip = buildZip([{ name: "a.xml", content: "<a/>".repeat(500), method }]);
      const reading = await inflateZipEntry(zip, onlyEntry(zip), limits);
      expect(reading.ok && { size: reading.size, intact: reading.intact, text: new TextDecoder().decode(reading.content) }).toEqual({
        size: 2000,
        intact: true,
        text: "<a/>".repeat(500),
      });
    }
  });

  it("keeps nothing when asked not to, and still measures", async () => {
    const zip = buildZip([{ name: "a.bin", content: new Uint8Array(5000), method: "deflate" }]);
    expect(await inflateZipEntry(zip, onlyEntry(zip), { ...limits, keep: () => false })).toEqual({ ok: true, size: 5000, intact: true, content: undefined });
  });

  it("stops at the output bound whatever size the headers declare", async () => {
    const zeros = deflatedZeros(64 * MiB);
    const zip = buildZip([{ name: "a.bin", deflated: zeros.deflated, crc32: zeros.crc32, uncompressedSize: 1000 }]);
    const started = performance.now();
    const reading = await inflateZipEntry(zip, onlyEntry(zip), { ...limits, maxRatio: 1_000_000, maxOutputBytes: 2 * MiB });
    expect(reading).toEqual({ ok: false, problem: "too-large" });
    // Inflating all 64 MiB would take several times as long as stopping after the first two.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("stops once the ratio of produced to compressed bytes passes the bound", async () => {
    const zeros = deflatedZeros(8 * MiB);
    const zip = buildZip([{ name: "a.bin", ...zeros }]);
    expect(await inflateZipEntry(zip, onlyEntry(zip), limits)).toEqual({ ok: false, problem: "too-large" });
    expect((await inflateZipEntry(zip, onlyEntry(zip), { ...limits, maxRatio: 10_000 })).ok).toBe(true);
  });

  it("says when the size or CRC do not match, the data is cut short, or the method is unknown", async () => {
    const zip = buildZip([{ name: "a.xml", content: "<a/>".repeat(500), method: "deflate" }]);
    const entry = onlyEntry(zip);
    expect(await inflateZipEntry(zip, { ...entry, uncompressedSize: 1999 }, limits)).toMatchObject({ ok: true, size: 2000, intact: false });
    expect(await inflateZipEntry(zip, { ...entry, crc32: entry.crc32 ^ 1 }, limits)).toMatchObject({ ok: true, intact: false });
    expect(await inflateZipEntry(zip, { ...entry, compressedSize: 3 }, limits)).toEqual({ ok: false, problem: "malformed" });
    expect(await inflateZipEntry(zip, { ...entry, method: 14 }, limits)).toEqual({ ok: false, problem: "unsupported-method" });
    expect(await inflateZipEntry(zip, { ...entry, localHeaderOffset: 5 }, limits)).toEqual({ ok: false, problem: "malformed" });
  });
});
