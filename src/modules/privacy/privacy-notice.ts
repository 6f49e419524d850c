import { readFileSync } from "node:fs";
import path from "node:path";
import type { Locale } from "../../platform/i18n/catalogue.ts";
import { PROJECT_ROOT } from "../../platform/project-root.ts";

/** One block of a section: a paragraph or a bulleted list. */
export type NoticeBlock = { kind: "paragraph"; text: string } | { kind: "list"; items: string[] };

/** A section of the notice, with the anchor the pages that collect its data link to. */
export type NoticeSection = { id: string; title: string; blocks: NoticeBlock[] };

/** The candidate privacy notice in one language, as written in content/privacy/. */
export type PrivacyNotice = {
  /** The version in force (an ISO date), recorded with every consent. */
  version: string;
  /** What changed from the previous version, shown when a signed-in candidate acknowledges it. */
  changes: string;
  title: string;
  intro: NoticeBlock[];
  sections: NoticeSection[];
};

/** The notice's sections, by the anchor each page that collects personal data links to. */
export const NOTICE_SECTIONS = [
  "account",
  "sign-in",
  "application",
  "documents",
  "sensitive",
  "self-identification",
  "assessment",
  "signature",
  "contact",
  "cookies",
  "sharing",
  "retention",
  "rights",
  "inquiries",
] as const;
export type NoticeSectionId = (typeof NOTICE_SECTIONS)[number];

/**
 * Reads a notice written as front matter (`version`, `changes`), a `#` title, paragraphs and `- ` lists, in
 * `##` sections whose headings end with their anchor (`{#account}`).
 */
export function parsePrivacyNotice(source: string): PrivacyNotice {
  const match = source.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
  if (!match) throw new Error("the privacy notice has no front matter");
  const front = Object.fromEntries(
    match[1]!.split("\n").flatMap((line) => {
      const at = line.indexOf(":");
      return at > 0 ? [[line.slice(0, at).trim(), line.slice(at + 1).trim()]] : [];
    }),
  );
  if (!/^\d{4}-\d{2}-\d{2}$/.test(front.version ?? "")) throw new Error("the privacy notice's version must be an ISO date");
  let title = "";
  const intro: NoticeBlock[] = [];
  const sections: NoticeSection[] = [];
  for (const chunk of match[2]!.split(/\n\s*\n/)) {
    const text = chunk.trim();
    if (!text) continue;
    const blocks = sections.at(-1)?.blocks ?? intro;
    if (text.startsWith("## ")) {
      const heading = text.slice(3).match(/^(.*?)\s*\{#([a-z-]+)\}$/);
      if (!heading) throw new Error(`a section of the privacy notice has no anchor: ${text}`);
      sections.push({ id: heading[2]!, title: heading[1]!, blocks: [] });
    } else if (text.startsWith("# ")) title = text.slice(2).trim();
    else if (text.startsWith("- ")) blocks.push({ kind: "list", items: text.split(/\n- /).map((item) => item.replace(/^- /, "").replace(/\s*\n\s*/g, " ")) });
    else blocks.push({ kind: "paragraph", text: text.replace(/\s*\n\s*/g, " ") });
  }
  const missing = NOTICE_SECTIONS.filter((id) => !sections.some((s) => s.id === id));
  if (missing.length > 0) throw new Error(`the privacy notice lacks the sections ${missing.join(", ")}`);
  return { version: front.version!, changes: front.changes ?? "", title, intro, sections };
}

const notices = new Map<Locale, PrivacyNotice>();

/** The notice in force, in one language (content/privacy/{ja,en}.md, read once). */
export function privacyNotice(locale: Locale): PrivacyNotice {
  let notice = notices.get(locale);
  if (!notice) {
    notice = parsePrivacyNotice(readFileSync(path.join(PROJECT_ROOT, "content/privacy", `${locale}.md`), "utf8"));
    notices.set(locale, notice);
  }
  return notice;
}

/** The version of the notice in force: the Japanese text is the original, and the English one must carry the same version. */
export function currentNoticeVersion(): string {
  return privacyNotice("ja").version;
}
