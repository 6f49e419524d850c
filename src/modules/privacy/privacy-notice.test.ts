import { describe, expect, it } from "vitest";
import { NOTICE_SECTIONS, parsePrivacyNotice, privacyNotice } from "./privacy-notice.ts";

describe("the privacy notice", () => {
  it("is written in Japanese and English with the same version and every section", () => {
    const ja = privacyNotice("ja");
    const en = privacyNotice("en");
    expect(ja.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(en.version).toBe(ja.version);
    for (const notice of [ja, en]) {
      expect(notice.sections.map((s) => s.id)).toEqual([...NOTICE_SECTIONS]);
      expect(notice.changes).not.toBe("");
      expect(notice.title).not.toBe("");
      for (const section of notice.sections) expect(section.blocks.length).toBeGreaterThan(0);
    }
  });

  it("reads paragraphs and lists, and refuses a notice without a version or an anchor", () => {
    const sections = NOTICE_SECTIONS.map((id) => `## ${id} {#${id}}\n\n- one\n- two\n  continued`).join("\n\n");
    const notice = parsePrivacyNotice(`---\nversion: 2027-01-01\nchanges: c\n---\n# T\n\nIntro\nline.\n\n${sections}\n`);
    expect(notice.intro).toEqual([{ kind: "paragraph", text: "Intro line." }]);
    expect(notice.sections[0]).toEqual({ id: "account", title: "account", blocks: [{ kind: "list", items: ["one", "two continued"] }] });
    expect(() => parsePrivacyNotice(`---\nchanges: c\n---\n${sections}`)).toThrow(/version/);
    expect(() => parsePrivacyNotice(`---\nversion: 2027-01-01\n---\n## No anchor\n\n${sections}`)).toThrow(/anchor/);
  });
});
