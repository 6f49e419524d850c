import { describe, expect, it } from "vitest";
import { readContentTypes } from "./content-types.ts";

const read = (xml: string) => readContentTypes(new TextEncoder().encode(xml));

describe("readContentTypes", () => {
  it("reads defaults and overrides, lower-casing the content types", () => {
    expect(
      read(
        `<?xml version="1.0"?><Types xmlns="x"><Default Extension="xml" ContentType="application/xml"/>` +
          `<Override PartName="/word/document.xml" ContentType="Application/Vnd.Test+XML"/></Types>`,
      ),
    ).toEqual({
      declarations: [
        { partName: undefined, contentType: "application/xml" },
        { partName: "/word/document.xml", contentType: "application/vnd.test+xml" },
      ],
      mentionsMacros: false,
    });
  });

  it("accepts namespace prefixes, single quotes, any attribute order and a '>' inside a value", () => {
    expect(read(`<ct:Types xmlns:ct="x"><ct:Override ContentType='a/b' PartName="/x>y.xml" /></ct:Types>`)).toEqual({
      declarations: [{ partName: "/x>y.xml", contentType: "a/b" }],
      mentionsMacros: false,
    });
  });

  it("notices macro content even where a declaration is malformed", () => {
    expect(read(`<Types><Override PartName="/a" ContentType="x.macroEnabled.main+xml`)?.mentionsMacros).toBe(true);
    expect(read(`<Types><!-- application/vnd.ms-office.vbaProject --></Types>`)?.mentionsMacros).toBe(true);
  });

  it("reads a UTF-16 part with a byte-order mark", () => {
    const utf16 = Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from('<Types><Default Extension="xml" ContentType="a/b"/></Types>', "utf16le")]);
    expect(readContentTypes(utf16)?.declarations).toEqual([{ partName: undefined, contentType: "a/b" }]);
  });

  it("is not a content-types part without a Types root, or when the bytes are not text", () => {
    expect(read("<Other/>")).toBeUndefined();
    expect(readContentTypes(Uint8Array.of(0xc3, 0x28))).toBeUndefined();
  });

  // A scan that backtracked over this megabyte would run into the test timeout; a linear one takes milliseconds.
  it("gets through a megabyte of unterminated tags", () => {
    const hostile = `<Types>${"<Override a='".repeat(80_000)}`;
    expect(read(hostile)?.declarations).toEqual([]);
  });
});
