import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeDownloadName } from "./safe-download-name.ts";

describe("safeDownloadName", () => {
  it("keeps a Japanese label in filename* and falls back to an ASCII name", () => {
    expect(safeDownloadName({ label: "履歴書 山田太郎", kind: "pdf" })).toEqual({
      asciiFileName: "document.pdf",
      fileName: "履歴書_山田太郎.pdf",
      contentDisposition: "attachment; filename=\"document.pdf\"; filename*=UTF-8''%E5%B1%A5%E6%AD%B4%E6%9B%B8_%E5%B1%B1%E7%94%B0%E5%A4%AA%E9%83%8E.pdf",
    });
  });

  it("keeps the ASCII part of a mixed label as the fallback, and normalises full-width letters", () => {
    const name = safeDownloadName({ label: "職務経歴書 Ｙａｍａｄａ Taro (2024)", kind: "docx" });
    expect(name.asciiFileName).toBe("yamada-taro-2024.docx");
    expect(name.fileName).toBe("職務経歴書_Yamada_Taro_(2024).docx");
    expect(name.contentDisposition).toContain("filename*=UTF-8''%E8%81%B7");
    expect(name.contentDisposition).toContain("_%282024%29.docx");
  });

  it("never carries a path, a reserved character or an extension trick through", () => {
    const name = safeDownloadName({ label: '..\\..\\C:/evil"; name=x.exe\u202Egpj', kind: "xlsx" });
    expect(name.fileName).toBe("C_evil_;_name=x.exegpj.xlsx");
    expect(name.asciiFileName).toBe("c-evil-name-x-exegpj.xlsx");
    expect(name.contentDisposition.startsWith('attachment; filename="c-evil-name-x-exegpj.xlsx"; ')).toBe(true);
  });

  it("uses a neutral name for an empty or dots-only label, and avoids Windows device names", () => {
    expect(safeDownloadName({ label: "", kind: "pdf" }).fileName).toBe("document.pdf");
    expect(safeDownloadName({ label: " ... ", kind: "pdf" }).fileName).toBe("document.pdf");
    expect(safeDownloadName({ label: "CON", kind: "pdf" }).fileName).toBe("document-CON.pdf");
    expect(safeDownloadName({ label: "con", kind: "pdf" }).asciiFileName).toBe("document-con.pdf");
  });

  it("shortens very long labels", () => {
    const name = safeDownloadName({ label: "履".repeat(500), kind: "pdf" });
    expect(name.fileName).toBe(`${"履".repeat(80)}.pdf`);
  });

  it("gives a header that is plain ASCII with no line breaks, for any label", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.constantFrom("pdf", "docx", "xlsx"), (label, kind) => {
        const name = safeDownloadName({ label, kind });
        expect(name.contentDisposition).toMatch(/^attachment; filename="[a-z0-9-]+\.(pdf|docx|xlsx)"; filename\*=UTF-8''[A-Za-z0-9%!._~-]+$/);
        expect(name.fileName.endsWith(`.${kind}`)).toBe(true);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to match them
        expect(name.fileName).not.toMatch(/[\\/:*?"<>|\u0000-\u001f]/);
      }),
    );
  });
});
