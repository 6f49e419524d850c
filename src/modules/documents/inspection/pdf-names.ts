/**
 * PDF names (`/JavaScript`) as a reader sees them: a slash, then every character up to white space or a
 * delimiter, with `#xx` standing for the byte xx, so `/J#61vaScript` and `/JavaScript` are one name.
 */

// PDF white space (NUL, TAB, LF, FF, CR, SPACE) and delimiters end a name.
const NAME = /\/[^\0\t\n\f\r ()<>[\]{}/%]*/g;

/** A name with its `#xx` escapes decoded, upper-cased: readers differ on case, so we compare without it. */
export function decodePdfName(raw: string): string {
  const decoded = raw.includes("#") ? raw.replace(/#([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : raw;
  return decoded.toUpperCase();
}

/**
 * Calls `visit` with every name between `from` and `to` of the text (the file read as latin1), decoded.
 * Names inside strings and comments are visited too: a name there does nothing, and telling strings apart
 * exactly as every reader does is how a scanner gets fooled, so erring towards more names is the safe side.
 */
export function forEachPdfName(text: string, from: number, to: number, visit: (name: string) => void): void {
  // A slice keeps each search inside its stretch, so stretches add up to one pass over the file.
  for (const match of text.slice(from, to).matchAll(NAME)) visit(decodePdfName(match[0].slice(1)));
}
