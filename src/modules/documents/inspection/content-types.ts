/** One `<Default>` or `<Override>` declaration from an OOXML package's `[Content_Types].xml`. */
export type ContentTypeDeclaration = {
  /** Part name for overrides (`/word/document.xml`), undefined for extension defaults. */
  partName: string | undefined;
  /** Lower-cased, as media types compare case-insensitively. */
  contentType: string;
};

/** What a content-types part declares, or undefined when the bytes are not one. */
export type ContentTypes =
  | {
      declarations: ContentTypeDeclaration[];
      /** True when macro content is named anywhere in the part, even outside a well-formed declaration. */
      mentionsMacros: boolean;
    }
  | undefined;

export const WORD_MAIN_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
export const EXCEL_MAIN_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
const VBA_PROJECT_CONTENT_TYPE = "application/vnd.ms-office.vbaproject";

/**
 * Reads the Default and Override declarations from a `[Content_Types].xml` part.
 * A single linear pass instead of an XML parser: the part is small, we need two attributes, and a parser
 * would bring entity expansion and DTDs into the handling of hostile input.
 */
export function readContentTypes(part: Uint8Array): ContentTypes {
  const xml = decodeXml(part);
  if (xml === undefined) return undefined;
  const declarations: ContentTypeDeclaration[] = [];
  let sawTypesRoot = false;
  for (const tag of startTags(xml)) {
    const localName = tag.name.slice(tag.name.indexOf(":") + 1);
    if (localName === "Types") sawTypesRoot = true;
    if (localName !== "Default" && localName !== "Override") continue;
    const contentType = tag.attributes.get("ContentType");
    if (contentType === undefined) continue;
    declarations.push({
      partName: localName === "Override" ? tag.attributes.get("PartName") : undefined,
      contentType: contentType.trim().toLowerCase(),
    });
  }
  if (!sawTypesRoot) return undefined;
  // Office decodes character references before it reads a content type, so "macro&#69;nabled" counts too.
  const text = decodeEntities(xml).toLowerCase();
  const mentionsMacros = text.includes("macroenabled") || text.includes(VBA_PROJECT_CONTENT_TYPE);
  return { declarations, mentionsMacros };
}

type StartTag = { name: string; attributes: Map<string, string> };

/** Yields start tags with their attributes; every character is looked at a bounded number of times. */
function* startTags(xml: string): Generator<StartTag> {
  let position = 0;
  while (position < xml.length) {
    const open = xml.indexOf("<", position);
    if (open === -1) return;
    position = open + 1;
    const nameEnd = scanName(xml, position);
    if (nameEnd === position) continue; // "</", "<?", "<!": not a start tag
    const name = xml.slice(position, nameEnd);
    position = nameEnd;
    const attributes = new Map<string, string>();
    for (;;) {
      position = skipSpace(xml, position);
      const char = xml[position];
      if (char === undefined) return;
      if (char === ">" || char === "/") {
        position++;
        break;
      }
      const attributeEnd = scanName(xml, position);
      if (attributeEnd === position) {
        position++;
        break;
      }
      const attributeName = xml.slice(position, attributeEnd);
      position = skipSpace(xml, attributeEnd);
      if (xml[position] !== "=") break;
      position = skipSpace(xml, position + 1);
      const quote = xml[position];
      if (quote !== '"' && quote !== "'") break;
      const close = xml.indexOf(quote, position + 1);
      if (close === -1) return;
      attributes.set(attributeName, decodeEntities(xml.slice(position + 1, close)));
      position = close + 1;
    }
    yield { name, attributes };
  }
}

function scanName(xml: string, start: number): number {
  let position = start;
  while (position < xml.length && /[\w.:-]/.test(xml[position] as string)) position++;
  return position;
}

function skipSpace(xml: string, start: number): number {
  let position = start;
  while (position < xml.length && /\s/.test(xml[position] as string)) position++;
  return position;
}

function decodeXml(part: Uint8Array): string | undefined {
  try {
    if (part[0] === 0xff && part[1] === 0xfe) return new TextDecoder("utf-16le", { fatal: true }).decode(part);
    if (part[0] === 0xfe && part[1] === 0xff) return new TextDecoder("utf-16be", { fatal: true }).decode(part);
    return new TextDecoder("utf-8", { fatal: true }).decode(part);
  } catch {
    return undefined;
  }
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]{1,6});/gi, (_, hex: string) => codePoint(Number.parseInt(hex, 16)))
    .replace(/&#([0-9]{1,7});/g, (_, decimal: string) => codePoint(Number.parseInt(decimal, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function codePoint(value: number): string {
  return value <= 0x10ffff ? String.fromCodePoint(value) : "";
}
