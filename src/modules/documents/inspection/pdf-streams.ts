import * as zlib from "node:zlib";

/** One stream of a PDF, located without trusting its `/Length`. */
export type PdfStream = {
  /** Where the text before the stream begins: the end of the previous stream, or the start of the file. */
  preambleStart: number;
  dataStart: number;
  /** Index of the `endstream` keyword. */
  dataEnd: number;
};

/** A bounded inflation of one Flate stream: what came out, and why it stopped if it stopped early. */
export type StreamInflation = { bytes: Uint8Array; stoppedAt: "end" | "enough" | "limit" | "damage" };

// The keyword after a dictionary, then the end of line the specification requires (CR alone is tolerated).
const STREAM_KEYWORD = />>[\0\t\n\f\r ]*stream(?:\r\n|\n|\r)/g;
const END_KEYWORD = "endstream";
const CHUNK_BYTES = 64 * 1024;

/**
 * Finds the streams in a PDF read as latin1 text, each from its `stream` keyword to the next `endstream`.
 * A stretch that holds an object header, `trailer` or `xref` is not taken as stream data even when it sits
 * between the two keywords: a reader may reach that object through the cross-reference table, so its text
 * must be read like any other.
 */
export function findPdfStreams(text: string): PdfStream[] {
  const streams: PdfStream[] = [];
  const keyword = new RegExp(STREAM_KEYWORD.source, "g");
  let preambleStart = 0;
  for (;;) {
    const match = keyword.exec(text);
    if (match === null) return streams;
    const dataStart = match.index + match[0].length;
    const dataEnd = text.indexOf(END_KEYWORD, dataStart);
    if (dataEnd === -1) return streams;
    if (containsObjectSyntax(text.slice(dataStart, dataEnd))) {
      keyword.lastIndex = dataStart;
      continue;
    }
    streams.push({ preambleStart, dataStart, dataEnd });
    preambleStart = dataEnd + END_KEYWORD.length;
    keyword.lastIndex = preambleStart;
  }
}

/** Whether the bytes start with the two-byte header of a zlib (Flate) stream. */
export function looksLikeZlib(data: Uint8Array): boolean {
  const method = data[0] ?? 0;
  // Deflate (CM 8) with a window of at most 32 KiB; the check bits are not required, as some readers ignore them.
  return (method & 0x0f) === 8 && method >> 4 <= 7 && ((data[1] ?? 0) & 0x20) === 0;
}

/**
 * Inflates a Flate stream chunk by chunk until it ends, until `wanted` bytes have come out, or until more
 * than `limit` have; on damage it keeps what came out before, as readers do with a damaged stream.
 */
export async function inflateStream(data: Uint8Array, options: { wanted: number; limit: number }): Promise<StreamInflation> {
  // The zlib header is skipped and raw deflate read, so a wrong check value or a missing checksum cannot stop us
  // where a tolerant reader would go on.
  const inflater = zlib.createInflateRaw({ chunkSize: CHUNK_BYTES });
  inflater.end(data.subarray(2));
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of inflater) {
      size += (chunk as Buffer).length;
      if (size > options.limit) return { bytes: Buffer.concat(chunks), stoppedAt: "limit" };
      chunks.push(chunk as Buffer);
      if (size >= options.wanted) return { bytes: Buffer.concat(chunks), stoppedAt: "enough" };
    }
  } catch {
    return { bytes: Buffer.concat(chunks), stoppedAt: "damage" };
  }
  return { bytes: Buffer.concat(chunks), stoppedAt: "end" };
}

/**
 * Whether decoded stream content starts like an object stream: pairs of an object number and an offset
 * ("12 0 13 57 …"), then the first object. Judging by content rather than by `/Type /ObjStm` means a
 * dictionary that leaves the type out, or hides it from a scan, still has its objects read.
 */
export function hasObjectStreamHeader(head: Uint8Array): boolean {
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 1024)).toString("latin1");
  const pair = /[\0\t\n\f\r ]*(\d{1,10})[\0\t\n\f\r ]+(\d{1,10})(?=[\0\t\n\f\r ])/y;
  let pairs = 0;
  let previousOffset = -1;
  let headerEnd = 0;
  for (;;) {
    const match = pair.exec(text);
    if (match === null) break;
    const objectNumber = Number(match[1]);
    const offset = Number(match[2]);
    if (objectNumber < 1 || offset < previousOffset) return false;
    previousOffset = offset;
    pairs++;
    headerEnd = pair.lastIndex;
  }
  if (pairs === 0) return false;
  const rest = text.slice(headerEnd).replace(/^[\0\t\n\f\r ]+/, "");
  // Cut off by the head's end, or followed by what an object starts with: a dictionary, array, string, name or number.
  return rest === "" || /^[<[(/\d+\-.]/.test(rest);
}

/** Whether the text holds an indirect object's header (`12 0 obj`), `trailer` or `xref`. Linear in its length. */
function containsObjectSyntax(text: string): boolean {
  if (text.includes("trailer") || text.includes("xref")) return true;
  for (let at = text.indexOf("obj"); at !== -1; at = text.indexOf("obj", at + 3)) {
    if (isObjectHeader(text, at)) return true;
  }
  return false;
}

/** Whether "obj" at `at` ends `<digits> <white space> <digits> <white space> obj`. */
function isObjectHeader(text: string, at: number): boolean {
  let position = at;
  for (const part of [isPdfSpace, isDigit, isPdfSpace, isDigit]) {
    const start = position;
    while (position > 0 && part(text.charCodeAt(position - 1))) position--;
    if (position === start) return false;
  }
  return true;
}

function isPdfSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0x0c || code === 0x00;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
