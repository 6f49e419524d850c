import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodePdfName, forEachPdfName } from "./pdf-names.ts";
import { findPdfStreams, hasObjectStreamHeader, inflateStream, looksLikeZlib } from "./pdf-streams.ts";

const latin1 = (text: string) => Buffer.from(text, "latin1");

describe("PDF names", () => {
  it("decodes #xx escapes and ignores case", () => {
    expect(decodePdfName("J#61va#53cript")).toBe("JAVASCRIPT");
    expect(decodePdfName("A#zz")).toBe("A#ZZ");
  });

  it("visits every name in a stretch, ending each at white space or a delimiter", () => {
    const names: string[] = [];
    forEachPdfName("<</S/JS(x)/F[/a#20b]>>", 0, 22, (name) => names.push(name));
    expect(names).toEqual(["S", "JS", "F", "A B"]);
  });
});

describe("findPdfStreams", () => {
  it("finds each stream's data between its keyword and endstream, whatever /Length says", () => {
    const text = "1 0 obj\n<< /Length 1 >>\nstream\nabc\nendstream\nendobj\n2 0 obj\n<<>>stream\r\nxyz\nendstream";
    const streams = findPdfStreams(text);
    expect(streams.map((stream) => text.slice(stream.dataStart, stream.dataEnd))).toEqual(["abc\n", "xyz\n"]);
    expect(streams[1]?.preambleStart).toBe(text.indexOf("endstream") + 9);
  });

  it("does not take text with an object header, trailer or xref for stream data", () => {
    for (const inside of ["7 0 obj", "12\r\n0  obj", "trailer", "startxref"]) {
      expect(findPdfStreams(`<<>>stream\n${inside}\nendstream`), inside).toEqual([]);
    }
  });

  it("gets through megabytes of digits and spaces in linear time", () => {
    const hostile = `<<>>stream\n${"1 ".repeat(1_000_000)}obj${"9".repeat(1_000_000)} obj\nendstream`;
    expect(findPdfStreams(hostile)).toEqual([]);
  });
});

describe("hasObjectStreamHeader", () => {
  it("recognises object numbers and offsets followed by the first object", () => {
    expect(hasObjectStreamHeader(latin1("5 0 6 45 7 90\n<< /Type /Page >>"))).toBe(true);
    expect(hasObjectStreamHeader(latin1("12 0 13 9 [1 2] (x)"))).toBe(true);
  });

  it("does not take a page's drawing operators for one", () => {
    for (const content of ["72 72 468 648 re W n", "1 0 0 1 0 0 cm", "BT /F1 12 Tf", "0 0 m 100 0 l S", "q 1 1 1 rg"]) {
      expect(hasObjectStreamHeader(latin1(content)), content).toBe(false);
    }
  });
});

describe("inflateStream", () => {
  const data = deflateSync(Buffer.alloc(200_000, 0x61));

  it("reads the zlib header, and stops when enough has come out or the limit is passed", async () => {
    expect(looksLikeZlib(data)).toBe(true);
    expect(looksLikeZlib(latin1("AAAA"))).toBe(false);
    expect((await inflateStream(data, { wanted: Number.POSITIVE_INFINITY, limit: 1_000_000 })).bytes.length).toBe(200_000);
    expect((await inflateStream(data, { wanted: 1024, limit: 1_000_000 })).stoppedAt).toBe("enough");
    expect((await inflateStream(data, { wanted: Number.POSITIVE_INFINITY, limit: 1000 })).stoppedAt).toBe("limit");
  });

  it("keeps what came out before damage", async () => {
    const damaged = Buffer.concat([data.subarray(0, 40), Buffer.alloc(40, 0xff)]);
    const reading = await inflateStream(damaged, { wanted: Number.POSITIVE_INFINITY, limit: 1_000_000 });
    expect(reading.stoppedAt).toBe("damage");
  });
});
