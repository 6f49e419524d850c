import type { DocumentRefusal } from "./document-verdict.ts";

/** One `<Relationship>` from a `.rels` part, attributes as written (references decoded). */
export type OfficeRelationship = { type: string; target: string; targetMode: string | undefined };

/** What a relationship can make us refuse. */
export type RelationshipRefusal = Extract<DocumentRefusal, "office-external-link" | "office-embedded-object">;

// Transitional and Strict spell the relationship namespace differently; only the last segment tells the kind.
const HYPERLINK = "hyperlink";
const ATTACHED_TEMPLATE = "attachedtemplate";
// OLE objects (the Equation Editor and Package objects among them) and ActiveX controls run code of their own.
const EMBEDDED_OBJECTS = new Set(["oleobject", "control", "activexcontrolbinary"]);
// Links a person must click, to places a browser or mail program opens; other schemes start other programs.
const LINK_SCHEMES = new Set(["http", "https", "mailto"]);
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
// A template on a lettered drive of the reader's own computer ("file:///C:/…", "C:\…"), as Word records it for
// a document made from a downloaded template; the remote-template attack needs a URL or a \\server share.
const LOCAL_DRIVE_PATH = /^(?:file:\/*)?[a-z]:[\\/]/i;

/**
 * Judges one package relationship. Plain hyperlinks are common in résumés (a portfolio, LinkedIn, a mail
 * address) and do nothing until clicked, so http, https and mailto hyperlinks stay. Every other relationship
 * that leaves the package is refused: a remote template (`attachedTemplate`, how macros and credential
 * leaks are fetched on open), linked OLE objects, frames and sub-documents, external data and mail-merge
 * sources, linked pictures, and hyperlinks to files, shares or program-starting schemes. OLE objects and
 * ActiveX controls are refused even when embedded.
 */
export function judgeRelationship(relationship: OfficeRelationship): RelationshipRefusal | undefined {
  const kind = (relationship.type.trim().split("/").pop() ?? "").toLowerCase();
  if (EMBEDDED_OBJECTS.has(kind)) return "office-embedded-object";
  const target = relationship.target.trim();
  if (!leavesPackage(relationship.targetMode, target)) return undefined;
  if (kind === HYPERLINK && LINK_SCHEMES.has(SCHEME.exec(target)?.[1]?.toLowerCase() ?? "")) return undefined;
  if (kind === ATTACHED_TEMPLATE && LOCAL_DRIVE_PATH.test(target)) return undefined;
  return "office-external-link";
}

/** External by its mode, or by a target that names a scheme or a share whatever the mode says. */
function leavesPackage(targetMode: string | undefined, target: string): boolean {
  if (targetMode?.trim().toLowerCase() === "external") return true;
  return SCHEME.test(target) || target.startsWith("\\\\") || target.startsWith("//");
}
