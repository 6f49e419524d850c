/**
 * A linear reading of XML markup for the few elements and attributes the inspection looks at. Not an XML
 * parser on purpose: a parser would bring entity expansion and DTDs into the handling of hostile input, and
 * every character here is looked at a bounded number of times whatever the input.
 */

/** One start, end or empty-element tag. */
export type XmlTag = {
  /** As written, with its prefix (`w:instrText`). */
  name: string;
  /** Without the prefix (`instrText`): documents may bind the namespaces to any prefix. */
  localName: string;
  closing: boolean;
  selfClosing: boolean;
  /** Attribute values with character references decoded, keyed by the names as written. */
  attributes: Map<string, string>;
  /** Index of the `<`. */
  start: number;
  /** Index just after the `>`. */
  end: number;
};

/** Decodes an XML part as UTF-8 or UTF-16 (with or without a byte-order mark); undefined when it is neither. */
export function decodeXml(part: Uint8Array): string | undefined {
  try {
    if (part[0] === 0xff && part[1] === 0xfe) return new TextDecoder("utf-16le", { fatal: true }).decode(part);
    if (part[0] === 0xfe && part[1] === 0xff) return new TextDecoder("utf-16be", { fatal: true }).decode(part);
    // XML allows UTF-16 without a mark when the declaration says so; its first "<" then gives it away.
    if (part[0] === 0x3c && part[1] === 0x00) return new TextDecoder("utf-16le", { fatal: true }).decode(part);
    if (part[0] === 0x00 && part[1] === 0x3c) return new TextDecoder("utf-16be", { fatal: true }).decode(part);
    return new TextDecoder("utf-8", { fatal: true }).decode(part);
  } catch {
    return undefined;
  }
}

/** Replaces character and predefined entity references; others (which need a DTD) are left as written. */
export function decodeEntities(value: string): string {
  if (!value.includes("&")) return value;
  return value
    .replace(/&#x([0-9a-f]{1,6});/gi, (_, hex: string) => codePoint(Number.parseInt(hex, 16)))
    .replace(/&#([0-9]{1,7});/g, (_, decimal: string) => codePoint(Number.parseInt(decimal, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The value of the attribute whose name without prefix is `localName`, e.g. `w:instr` for "instr". */
export function attributeValue(tag: XmlTag, localName: string): string | undefined {
  for (const [name, value] of tag.attributes) {
    if (name === localName || name.endsWith(`:${localName}`)) return value;
  }
  return undefined;
}

/**
 * Yields start, end and empty-element tags in document order. Comments, CDATA sections, processing
 * instructions and declarations are stepped over whole, so markup written inside them is not taken as tags.
 */
export function* xmlTags(xml: string): Generator<XmlTag> {
  // Terminators already known to be missing from the rest of the text, so each is searched for to the end once.
  const missing = new Set<string>();
  let position = 0;
  while (position < xml.length) {
    const open = xml.indexOf("<", position);
    if (open === -1) return;
    const skipped = skipSpecial(xml, open, missing);
    if (skipped !== undefined) {
      // An unterminated comment or section hides nothing: what follows its opening is still read as markup.
      position = skipped === -1 ? open + 2 : skipped;
      continue;
    }
    const closing = xml[open + 1] === "/";
    const nameStart = open + (closing ? 2 : 1);
    const nameEnd = scanName(xml, nameStart);
    position = nameEnd;
    if (nameEnd === nameStart) continue;
    const name = xml.slice(nameStart, nameEnd);
    const attributes = new Map<string, string>();
    let selfClosing = false;
    let end = -1;
    for (;;) {
      position = skipSpace(xml, position);
      const char = xml[position];
      if (char === undefined) return;
      if (char === ">") {
        end = position + 1;
        break;
      }
      if (char === "/" && xml[position + 1] === ">") {
        selfClosing = true;
        end = position + 2;
        break;
      }
      const attributeEnd = scanName(xml, position);
      if (attributeEnd === position) break;
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
    // A tag cut short by something that is not an attribute is not a tag; scanning goes on after its name.
    if (end === -1) continue;
    position = end;
    yield { name, localName: name.slice(name.indexOf(":") + 1), closing, selfClosing, attributes, start: open, end };
  }
}

/**
 * The character data between `from` and `to`: CDATA sections unwrapped, comments dropped and references
 * decoded, as an XML reader would hand it over. Markup other than that is kept as written.
 */
export function characterData(xml: string, from: number, to: number): string {
  return characterDataOf(xml.slice(from, to));
}

function characterDataOf(xml: string): string {
  const to = xml.length;
  let text = "";
  let position = 0;
  while (position < to) {
    const open = xml.indexOf("<", position);
    if (open === -1 || open >= to) {
      text += decodeEntities(xml.slice(position, to));
      break;
    }
    text += decodeEntities(xml.slice(position, open));
    if (xml.startsWith("<![CDATA[", open)) {
      const close = xml.indexOf("]]>", open + 9);
      const stop = close === -1 || close > to ? to : close;
      text += xml.slice(open + 9, stop);
      position = stop + 3;
    } else if (xml.startsWith("<!--", open)) {
      const close = xml.indexOf("-->", open + 4);
      position = close === -1 || close > to ? to : close + 3;
    } else {
      const close = xml.indexOf(">", open);
      const stop = close === -1 || close >= to ? to : close + 1;
      text += xml.slice(open, stop);
      position = stop;
    }
  }
  return text;
}

/** Whether the part declares a document type: OPC forbids DTDs in a package, and they are how entities get in. */
export function declaresDocumentType(xml: string): boolean {
  return /<!DOCTYPE/i.test(xml);
}

/** For `<!--`, `<![CDATA[`, `<?` and `<!…>`: the index after them, -1 if unterminated; undefined for a tag. */
function skipSpecial(xml: string, open: number, missing: Set<string>): number | undefined {
  const terminator = xml.startsWith("<!--", open)
    ? "-->"
    : xml.startsWith("<![CDATA[", open)
      ? "]]>"
      : xml[open + 1] === "?"
        ? "?>"
        : xml[open + 1] === "!"
          ? ">"
          : undefined;
  if (terminator === undefined) return undefined;
  if (missing.has(terminator)) return -1;
  const close = xml.indexOf(terminator, open + 2);
  if (close === -1) missing.add(terminator);
  return close === -1 ? -1 : close + terminator.length;
}

function scanName(xml: string, start: number): number {
  let position = start;
  while (position < xml.length && isNameChar(xml.charCodeAt(position))) position++;
  return position;
}

// ASCII letters, digits, "_", ".", ":", "-" and anything beyond ASCII: names in these packages are ASCII, and
// counting every other character as a name character only makes a garbled tag longer, never a hidden one.
function isNameChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x3a) ||
    code === 0x5f ||
    code === 0x2e ||
    code === 0x2d ||
    code > 0x7f
  );
}

function skipSpace(xml: string, start: number): number {
  let position = start;
  for (;;) {
    const code = xml.charCodeAt(position);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return position;
    position++;
  }
}

function codePoint(value: number): string {
  return value <= 0x10ffff ? String.fromCodePoint(value) : "";
}
