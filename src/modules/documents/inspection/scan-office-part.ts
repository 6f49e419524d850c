import type { DocumentRefusal } from "./document-verdict.ts";
import { judgeFormula } from "./excel-formulas.ts";
import { judgeRelationship } from "./office-relationships.ts";
import { readWordFields } from "./word-fields.ts";
import { attributeValue, characterData, declaresDocumentType, decodeXml, type XmlTag, xmlTags } from "./xml-markup.ts";

const latin1 = new TextDecoder("latin1");
// Elements whose character data is read: Word field instructions, Excel formulas and defined names.
const TEXT_ELEMENTS = new Set(["instrText", "delInstrText", "f", "definedName"]);

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

/**
 * Reads one XML part of a DOCX or XLSX and names the first thing in it that makes the document refused:
 * a relationship out of the package, a DDE or LINK field, a field fetching from the network, a DDE or
 * program-calling formula, an Excel DDE or OLE link to another program, or an external data connection.
 */
export function scanOfficePart(part: Uint8Array): DocumentRefusal | undefined {
  // Text in a legacy encoding is still ASCII where markup is, which is all the checks below look at.
  const xml = decodeXml(part) ?? latin1.decode(part);
  if (declaresDocumentType(xml)) return "corrupt-office";
  const fields = readWordFields();
  // The open text element, and whether any tag came inside it (a formula with markup inside is Office Math).
  let text: { tag: XmlTag; markupInside: boolean } | undefined;
  for (const tag of xmlTags(xml)) {
    if (tag.closing) {
      if (text !== undefined && tag.localName === text.tag.localName) {
        const refusal = judgeText(text.tag.localName, characterData(xml, text.tag.end, tag.start), text.markupInside, fields);
        if (refusal !== undefined) return refusal;
        text = undefined;
      }
      continue;
    }
    if (text !== undefined) text.markupInside = true;
    const refusal = judgeTag(tag, fields);
    if (refusal !== undefined) return refusal;
    if (TEXT_ELEMENTS.has(tag.localName) && !tag.selfClosing) text = { tag, markupInside: false };
  }
  return fields.refusal;
}

function judgeTag(tag: XmlTag, fields: ReturnType<typeof readWordFields>): DocumentRefusal | undefined {
  switch (tag.localName) {
    case "Relationship":
      return judgeRelationship({
        type: attributeValue(tag, "Type") ?? "",
        target: attributeValue(tag, "Target") ?? "",
        targetMode: attributeValue(tag, "TargetMode"),
      });
    case "fldChar":
      fields.fieldChar(attributeValue(tag, "fldCharType"));
      return fields.refusal;
    case "fldSimple":
      fields.simpleField(attributeValue(tag, "instr") ?? "");
      return fields.refusal;
    // An Excel external link to a program by DDE, or to another program's content by OLE.
    case "ddeLink":
      return "office-dde";
    case "oleLink":
      return "office-dde";
    // xl/connections.xml: a database, web query or text file read when the workbook refreshes.
    case "connection":
      return "office-external-link";
    default:
      return undefined;
  }
}

function judgeText(localName: string, value: string, markupInside: boolean, fields: ReturnType<typeof readWordFields>): DocumentRefusal | undefined {
  if (localName === "instrText" || localName === "delInstrText") {
    fields.instructionText(value);
    return fields.refusal;
  }
  return markupInside ? undefined : judgeFormula(value);
}
