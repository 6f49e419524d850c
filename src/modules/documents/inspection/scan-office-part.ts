import type { DocumentRefusal } from "./document-verdict.ts";
import { judgeRelationship } from "./office-relationships.ts";
import { attributeValue, declaresDocumentType, decodeXml, xmlTags } from "./xml-markup.ts";

const latin1 = new TextDecoder("latin1");

/**
 * Whether an entry's first bytes are the start of XML (after a byte-order mark and white space), the only
 * form in which Office reads relationships, fields and formulas. Names are not consulted: a part is scanned
 * whatever it is called, so no naming trick can keep it out of the scan.
 */
export function looksLikeXml(head: Uint8Array): boolean {
  let position = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : head[0] === 0xff || head[0] === 0xfe ? 2 : 0;
  for (; position < head.length && position < 64; position++) {
    const byte = head[position];
    // NUL counts as space here so UTF-16 text reads like its ASCII.
    if (byte === 0x3c) return true;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x00) return false;
  }
  return false;
}

/** Reads one XML part of a DOCX or XLSX and names the first thing in it that makes the document refused. */
export function scanOfficePart(part: Uint8Array): DocumentRefusal | undefined {
  // Text in a legacy encoding is still ASCII where markup is, which is all the checks below look at.
  const xml = decodeXml(part) ?? latin1.decode(part);
  if (declaresDocumentType(xml)) return "corrupt-office";
  for (const tag of xmlTags(xml)) {
    if (tag.closing) continue;
    if (tag.localName === "Relationship") {
      const refusal = judgeRelationship({
        type: attributeValue(tag, "Type") ?? "",
        target: attributeValue(tag, "Target") ?? "",
        targetMode: attributeValue(tag, "TargetMode"),
      });
      if (refusal !== undefined) return refusal;
    }
  }
  return undefined;
}
