import { describe, expect, it } from "vitest";
import { buildZip, compoundFile, contentTypesXml, docxEntries, xlsxEntries } from "./document-fixtures.ts";
import { inspectOfficeArchive } from "./office-archive.ts";

// The same decisions as inspectDocument, without file-type's second opinion, to show our own checks make them.
describe("inspectOfficeArchive", () => {
  it("tells a DOCX from an XLSX by the main content type", async () => {
    expect(await inspectOfficeArchive(buildZip(docxEntries()))).toEqual({ ok: true, kind: "docx" });
    expect(await inspectOfficeArchive(buildZip(xlsxEntries()))).toEqual({ ok: true, kind: "xlsx" });
  });

  it("ignores the order of entries and the case of part names", async () => {
    const entries = docxEntries()
      .reverse()
      .map((entry) => ({ ...entry, name: entry.name.toUpperCase() }));
    expect(await inspectOfficeArchive(buildZip(entries))).toEqual({ ok: true, kind: "docx" });
  });

  it("refuses a macro-enabled main content type with no vbaProject.bin", async () => {
    const docm = buildZip(docxEntries("application/vnd.ms-word.document.macroEnabled.main+xml"));
    const xlsm = buildZip(xlsxEntries("application/vnd.ms-excel.sheet.macroEnabled.main+xml"));
    expect(await inspectOfficeArchive(docm)).toEqual({ ok: false, reason: "macro-enabled" });
    expect(await inspectOfficeArchive(xlsm)).toEqual({ ok: false, reason: "macro-enabled" });
  });

  it("refuses a vbaProject.bin under a plain DOCX content type", async () => {
    const archive = buildZip([...docxEntries(), { name: "word/vbaProject.bin", content: compoundFile(["VBA"]) }]);
    expect(await inspectOfficeArchive(archive)).toEqual({ ok: false, reason: "macro-enabled" });
  });

  it("refuses a VBA project declared only as a default content type", async () => {
    const entries = docxEntries().map((entry) =>
      entry.name === "[Content_Types].xml"
        ? {
            ...entry,
            content: contentTypesXml(
              {
                "/word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
              },
              { bin: "application/vnd.ms-office.vbaProject" },
            ),
          }
        : entry,
    );
    expect(await inspectOfficeArchive(buildZip(entries))).toEqual({ ok: false, reason: "macro-enabled" });
  });

  it("refuses an Apple Pages document", async () => {
    const pages = buildZip([
      { name: "Index/Document.iwa", content: "x" },
      { name: "preview.jpg", content: "y" },
    ]);
    expect(await inspectOfficeArchive(pages)).toEqual({ ok: false, reason: "pages-file" });
  });

  it("refuses bytes that are not a ZIP at all", async () => {
    expect(await inspectOfficeArchive(new TextEncoder().encode("PK\u0003\u0004 and nothing else"))).toEqual({
      ok: false,
      reason: "corrupt-office",
    });
  });
});
