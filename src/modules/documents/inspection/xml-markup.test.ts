import { describe, expect, it } from "vitest";
import { attributeValue, characterData, decodeXml, xmlTags } from "./xml-markup.ts";

const names = (xml: string) => [...xmlTags(xml)].map((tag) => `${tag.closing ? "/" : ""}${tag.localName}${tag.selfClosing ? "/" : ""}`);

describe("xmlTags", () => {
  it("yields start, end and empty tags with local names and decoded attributes", () => {
    const tags = [...xmlTags(`<w:p><w:fldSimple w:instr="PAGE &amp; x"/><w:r a='1>2'>t</w:r></w:p>`)];
    expect(tags.map((tag) => tag.localName)).toEqual(["p", "fldSimple", "r", "r", "p"]);
    expect(attributeValue(tags[1]!, "instr")).toBe("PAGE & x");
    expect(attributeValue(tags[2]!, "a")).toBe("1>2");
  });

  it("steps over comments, CDATA, processing instructions and declarations", () => {
    expect(names(`<?xml version="1.0"?><a><!-- <b/> --><![CDATA[<c/>]]></a>`)).toEqual(["a", "/a"]);
  });

  it("keeps reading after an unterminated comment, so it hides nothing", () => {
    expect(names("<a><!-- <b/>")).toEqual(["a", "b/"]);
  });

  it("gets through a megabyte of unterminated comments and quotes in linear time", () => {
    expect(names("<!--".repeat(250_000))).toEqual([]);
    expect(names(`<a b='${"<c d='".repeat(80_000)}`)).toEqual([]);
  });
});

describe("characterData", () => {
  it("unwraps CDATA, drops comments and decodes references", () => {
    const xml = "<t>DD<!-- x --><![CDATA[E]]>&#65;UTO</t>";
    expect(characterData(xml, 3, xml.length - 4)).toBe("DDEAUTO");
  });
});

describe("decodeXml", () => {
  it("reads UTF-16 with or without a byte-order mark", () => {
    expect(decodeXml(Buffer.from("<a/>", "utf16le"))).toBe("<a/>");
    expect(decodeXml(Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from("<a/>", "utf16le")]))).toBe("<a/>");
    expect(decodeXml(Buffer.from("<a/>", "utf16le").swap16())).toBe("<a/>");
  });
});
