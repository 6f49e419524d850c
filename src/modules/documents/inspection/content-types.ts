import { decodeEntities, decodeXml, xmlTags } from "./xml-markup.ts";

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
 * Reads the Default and Override declarations from a `[Content_Types].xml` part, in one linear pass over
 * its markup (see `xml-markup.ts` for why no XML parser).
 */
export function readContentTypes(part: Uint8Array): ContentTypes {
  const xml = decodeXml(part);
  if (xml === undefined) return undefined;
  const declarations: ContentTypeDeclaration[] = [];
  let sawTypesRoot = false;
  for (const tag of xmlTags(xml)) {
    if (tag.closing) continue;
    const localName = tag.localName;
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
