/** Bytes every PDF starts with: "%PDF-" then a version such as "1.7" or "2.0". */
const PDF_HEADER = /^%PDF-[12]\.\d/;
// Readers such as Acrobat look for the end-of-file marker only in the last 1024 bytes; a marker further up means
// the file was truncated or has something appended that a reader would not show.
const END_MARKER_WINDOW = 1024;

/** Whether the bytes have a PDF's header at the very start and its end-of-file marker near the end. */
export function hasPdfStructure(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!PDF_HEADER.test(buffer.toString("latin1", 0, 8))) return false;
  const tail = buffer.subarray(Math.max(0, buffer.length - END_MARKER_WINDOW));
  return tail.includes("%%EOF", 0, "latin1");
}
