/**
 * CSV files the recruiting office downloads (applicants, interview slots, report tables) and opens in
 * Excel. Written as a stream, so an export of every applicant of a campaign takes as little memory as one
 * of ten, and every cell is made safe to open: candidates type the text, staff open the file.
 */
import { pipeline, Readable } from "node:stream";
import { stringify } from "csv-stringify";

export interface CsvColumn {
  /** The row property this column shows. */
  key: string;
  /** The column's heading, already in the reader's language. */
  header: string;
}

export type CsvRow = Record<string, unknown>;

/** What a cell may hold once prepared: text, or a number written as digits. */
type CsvCell = string | number | bigint;

/**
 * A stream of the CSV file: a UTF-8 byte order mark (Excel in Japan otherwise reads UTF-8 as Shift_JIS),
 * the header row, then one record a row, CRLF between records. Rows are read only as fast as the reader
 * takes the bytes, so memory stays flat however many there are; closing the stream early stops reading
 * `rows` (its `return()` runs, so a database cursor behind it is closed).
 *
 * Cells, by the type of the value:
 * - text is quoted, and neutralised when a spreadsheet would read it as a formula (`neutraliseFormula`);
 *   so a phone number `+81 90-…` or the text `-5` comes out as `'+81 90-…` and `'-5`;
 * - numbers and bigints are written as digits, unquoted, and never prefixed: `-5` stays the number -5.
 *   Pass numbers as numbers to keep them numbers; NaN and ±Infinity are written as empty cells;
 * - dates as ISO 8601 in UTC (format them first for Japan time), booleans as `true` / `false`;
 * - null and undefined as empty cells;
 * - anything else (objects, arrays) is a mistake of the caller and ends the stream with a TypeError, rather
 *   than writing `[object Object]` into someone's spreadsheet.
 */
export function csvExportStream(rows: AsyncIterable<CsvRow> | Iterable<CsvRow>, columns: readonly CsvColumn[]): Readable {
  const writer = stringify({
    bom: true,
    record_delimiter: "\r\n",
    // Every text cell quoted, so a number and the same digits as text stay apart, and a line break inside
    // a cell (an address, a note) never ends the record, whatever the line break.
    quoted_string: true,
    quote_record_delimiter: true,
  });
  // pipeline passes an error either way: a failing source ends `writer` with it, a closed `writer` closes the source.
  pipeline(Readable.from(csvRecords(rows, columns)), writer, () => {});
  return writer;
}

/** The header then each row as an array of prepared cells, in column order. */
async function* csvRecords(rows: AsyncIterable<CsvRow> | Iterable<CsvRow>, columns: readonly CsvColumn[]): AsyncGenerator<CsvCell[]> {
  // Headings can hold a custom question's wording, typed by staff: they are neutralised like any text.
  yield columns.map((column) => neutraliseFormula(column.header));
  for await (const row of rows) yield columns.map((column) => csvCell(row[column.key], column.key));
}

/** One value as a cell, by the rules `csvExportStream` lists. */
function csvCell(value: unknown, key: string): CsvCell {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return neutraliseFormula(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  if (typeof value === "bigint") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  throw new TypeError(`csvExportStream: column "${key}" holds a ${typeof value}, not text, a number or a date`);
}

// Blank, control and invisible format characters that a spreadsheet may skip before it looks for a formula.
const LEADING_IGNORABLE = /^[\s\p{Cc}\p{Cf}]*/u;
// The characters that start a formula, after NFKC so full-width ＝＋－＠ and their small forms count too.
const FORMULA_START = new Set(["=", "+", "-", "@"]);

/**
 * Text with a `'` in front when a spreadsheet would take it for a formula (OWASP's CSV injection advice):
 * it starts with `=`, `+`, `-` or `@`, full-width or not, after any leading blanks, or starts with a tab
 * or a carriage return. Other text is unchanged.
 */
export function neutraliseFormula(text: string): string {
  if (text.startsWith("\t") || text.startsWith("\r")) return `'${text}`;
  const first = text.replace(LEADING_IGNORABLE, "").codePointAt(0);
  if (first === undefined) return text;
  const folded = String.fromCodePoint(first).normalize("NFKC");
  return FORMULA_START.has(folded.charAt(0)) ? `'${text}` : text;
}
