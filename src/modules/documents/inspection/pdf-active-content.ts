import type { DocumentRefusal } from "./document-verdict.ts";
import { forEachPdfName } from "./pdf-names.ts";
import { findPdfStreams, hasObjectStreamHeader, inflateStream, looksLikeZlib, type PdfStream } from "./pdf-streams.ts";

/** What can make us refuse a PDF for its content. */
export type PdfContentRefusal = Extract<DocumentRefusal, "pdf-active-content" | "pdf-embedded-file" | "pdf-too-complex" | "encrypted">;

/** Most streams a PDF may have; a hundred-page résumé with pictures has a few thousand. */
export const MAX_PDF_STREAMS = 50_000;
/** Most object streams inflated from one PDF. */
export const MAX_PDF_OBJECT_STREAMS = 2_000;
/** Most bytes one object stream may inflate to (32 MiB); real ones hold a few hundred objects in kilobytes. */
export const MAX_PDF_OBJECT_STREAM_BYTES = 32 * 1024 * 1024;
/** Most bytes all object streams of one PDF may inflate to together (64 MiB). */
export const MAX_PDF_OBJECT_STREAMS_TOTAL_BYTES = 64 * 1024 * 1024;

// Actions that run a script, start a program, or send or fetch form data, and XFA forms (which carry scripts):
// `/OpenAction`, `/AA` and the `/Names` tree only point at these, so finding them finds every trigger. `/GoToR`
// (open another PDF) stays: LaTeX writes it for every link to a .pdf, and readers ask before following it.
const ACTIVE_NAMES = new Set(["JS", "JAVASCRIPT", "LAUNCH", "SUBMITFORM", "IMPORTDATA", "XFA"]);
// Files and media carried inside the PDF, which a reader offers to open or play, and the action opening them.
const EMBEDDED_NAMES = new Set(["EMBEDDEDFILE", "EMBEDDEDFILES", "FILEATTACHMENT", "RICHMEDIA", "GOTOE"]);
// Filters we do not decode; an object stream behind one of them cannot be read, so it cannot be cleared.
const UNREAD_FILTERS = ["ASCIIHEXDECODE", "AHX", "ASCII85DECODE", "A85", "LZWDECODE", "LZW", "RUNLENGTHDECODE", "RL", "CRYPT", "PREDICTOR"];
const HEAD_BYTES = 1024;

type Budget = { streams: number; bytes: number };

/**
 * Looks through a PDF for active content: names outside stream data, and the objects packed into object
 * streams, which are inflated (under the bounds above) and read the same way. An object stream that cannot
 * be read within the bounds is refused rather than waved through.
 */
export async function findPdfActiveContent(bytes: Uint8Array): Promise<PdfContentRefusal | undefined> {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const streams = findPdfStreams(text);
  if (streams.length > MAX_PDF_STREAMS) return "pdf-too-complex";

  let finding: PdfContentRefusal | undefined;
  let encrypted = false;
  const visit = (name: string) => {
    finding ??= judgePdfName(name);
    if (name === "ENCRYPT") encrypted = true;
  };
  const preambles = streams.map((stream) => {
    const names = new Set<string>();
    forEachPdfName(text, stream.preambleStart, stream.dataStart, (name) => {
      visit(name);
      names.add(name);
    });
    return names;
  });
  forEachPdfName(text, streams.at(-1)?.dataEnd ?? 0, text.length, visit);
  if (finding !== undefined) return finding;

  const budget: Budget = { streams: 0, bytes: 0 };
  for (const [index, stream] of streams.entries()) {
    const found = await inspectStreamData(bytes, stream, preambles[index] as Set<string>, encrypted, budget);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The refusal one decoded name calls for, if any. */
export function judgePdfName(name: string): PdfContentRefusal | undefined {
  if (ACTIVE_NAMES.has(name)) return "pdf-active-content";
  if (EMBEDDED_NAMES.has(name)) return "pdf-embedded-file";
  return undefined;
}

/**
 * Reads one stream's data when it is an object stream, by its content (Flate or uncompressed). A stream
 * whose preamble names an object stream but whose content cannot be read is refused: encrypted, behind a
 * filter or predictor we do not decode, or not Flate at all.
 */
async function inspectStreamData(
  bytes: Uint8Array,
  stream: PdfStream,
  preamble: Set<string>,
  encrypted: boolean,
  budget: Budget,
): Promise<PdfContentRefusal | undefined> {
  const data = bytes.subarray(stream.dataStart, stream.dataEnd);
  const zlib = looksLikeZlib(data);
  const head = zlib ? (await inflateStream(data, { wanted: HEAD_BYTES, limit: Number.POSITIVE_INFINITY })).bytes : undefined;
  if (head !== undefined && hasObjectStreamHeader(head)) return readObjectStream(data, budget);
  if (hasObjectStreamHeader(data.subarray(0, HEAD_BYTES))) return countAndScan(data, budget);

  // The preamble may also hold objects before this stream's own dictionary, so these names only raise suspicion.
  const namesObjectStream = preamble.has("OBJSTM") || (preamble.has("N") && preamble.has("FIRST"));
  if (!namesObjectStream) return undefined;
  const unread = UNREAD_FILTERS.some((filter) => preamble.has(filter));
  // Readable Flate that is not an object stream (a font, a page, a picture), or a JPEG or JPEG 2000 picture.
  if ((head !== undefined && head.length > 0 && !unread) || isPictureData(data)) return undefined;
  return encrypted ? "encrypted" : "pdf-too-complex";
}

async function readObjectStream(data: Uint8Array, budget: Budget): Promise<PdfContentRefusal | undefined> {
  const limit = Math.min(MAX_PDF_OBJECT_STREAM_BYTES, MAX_PDF_OBJECT_STREAMS_TOTAL_BYTES - budget.bytes);
  const content = await inflateStream(data, { wanted: Number.POSITIVE_INFINITY, limit });
  if (content.stoppedAt === "limit") return "pdf-too-complex";
  return countAndScan(content.bytes, budget);
}

function countAndScan(content: Uint8Array, budget: Budget): PdfContentRefusal | undefined {
  budget.streams += 1;
  budget.bytes += content.length;
  if (budget.streams > MAX_PDF_OBJECT_STREAMS || budget.bytes > MAX_PDF_OBJECT_STREAMS_TOTAL_BYTES) return "pdf-too-complex";
  const text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString("latin1");
  let finding: PdfContentRefusal | undefined;
  // Object streams hold no streams of their own, so every name in them is a dictionary's.
  forEachPdfName(text, 0, text.length, (name) => {
    finding ??= judgePdfName(name);
  });
  return finding;
}

function isPictureData(data: Uint8Array): boolean {
  const jpeg = data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
  const jpeg2000 = (data[0] === 0xff && data[1] === 0x4f && data[2] === 0xff && data[3] === 0x51) || (data[4] === 0x6a && data[5] === 0x50 && data[6] === 0x20);
  return jpeg || jpeg2000;
}
