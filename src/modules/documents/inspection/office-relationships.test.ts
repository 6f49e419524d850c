import { describe, expect, it } from "vitest";
import { RELATIONSHIP_TYPES } from "./document-fixtures.ts";
import { judgeRelationship } from "./office-relationships.ts";

const external = (type: string, target: string) => judgeRelationship({ type: `${RELATIONSHIP_TYPES}/${type}`, target, targetMode: "External" });

describe("judgeRelationship", () => {
  it("keeps web and mail hyperlinks, in the Transitional and the Strict namespace", () => {
    expect(external("hyperlink", "https://portfolio.example/yamada")).toBeUndefined();
    expect(external("hyperlink", "HTTP://example.jp/")).toBeUndefined();
    expect(external("hyperlink", "mailto:hanako@example.jp")).toBeUndefined();
    expect(
      judgeRelationship({ type: "http://purl.oclc.org/ooxml/officeDocument/relationships/hyperlink", target: "https://x.example/", targetMode: "External" }),
    ).toBeUndefined();
  });

  it("refuses hyperlinks to files, shares and schemes that start other programs", () => {
    for (const target of [
      "file:///C:/Windows/System32/calc.exe",
      "\\\\203.0.113.9\\share\\cv.docx",
      "ms-msdt:/id PCWDiagnostic",
      "javascript:alert(1)",
      "cv.docx",
    ]) {
      expect(external("hyperlink", target), target).toBe("office-external-link");
    }
  });

  it("refuses a remote template, and keeps one recorded on the author's own drive", () => {
    expect(external("attachedTemplate", "https://203.0.113.9/template.dotm")).toBe("office-external-link");
    expect(external("attachedTemplate", "\\\\203.0.113.9\\templates\\cv.dotm")).toBe("office-external-link");
    expect(external("attachedTemplate", "file://203.0.113.9/templates/cv.dotm")).toBe("office-external-link");
    expect(external("attachedTemplate", "file:///C:\\Users\\hanako\\Downloads\\rirekisho.dotx")).toBeUndefined();
  });

  it("refuses every other way out of the package: OLE links, frames, sub-documents, data sources, linked pictures", () => {
    for (const type of ["oleObject", "frame", "subDocument", "externalLinkPath", "mailMergeSource", "image", "package"]) {
      expect(external(type, "https://203.0.113.9/x"), type).toBe(type === "oleObject" ? "office-embedded-object" : "office-external-link");
    }
  });

  it("treats a target with a scheme or a share as external even without TargetMode", () => {
    expect(judgeRelationship({ type: `${RELATIONSHIP_TYPES}/frame`, target: "https://203.0.113.9/", targetMode: undefined })).toBe("office-external-link");
    expect(judgeRelationship({ type: `${RELATIONSHIP_TYPES}/image`, target: "media/image1.png", targetMode: undefined })).toBeUndefined();
  });

  it("refuses OLE objects and ActiveX controls even inside the package", () => {
    expect(judgeRelationship({ type: `${RELATIONSHIP_TYPES}/oleObject`, target: "embeddings/oleObject1.bin", targetMode: undefined })).toBe(
      "office-embedded-object",
    );
    expect(judgeRelationship({ type: `${RELATIONSHIP_TYPES}/control`, target: "activeX/activeX1.xml", targetMode: undefined })).toBe("office-embedded-object");
  });
});
