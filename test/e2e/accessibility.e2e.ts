import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Locale } from "../../src/platform/i18n/catalogue.ts";
import { wcagViolations } from "./axe.ts";
import { phoneContext, servedPortalAndBrowser } from "./browser.ts";
import { crampedChoices } from "./choice-rows.ts";
import { applicantNumber, type Look, tourEveryCandidatePage } from "./pages.ts";

/** One problem on one page in one language, kept so a single run can list them all. */
type Finding = {
  locale: Locale;
  state: string;
  url: string;
  rule: string;
  impact: string;
  help: string;
  nodes: { target: string; html: string }[];
};

const e2e = servedPortalAndBrowser();

/**
 * Inspects each page the tour stops at: axe's WCAG A/AA rules, <html lang>, a non-empty <title>, and answer
 * rows a thumb can hit.
 */
function inspector(page: Page, locale: Locale, findings: Finding[], seen: string[]): Look {
  return async (state) => {
    const url = new URL(page.url());
    const where = { locale, state, url: url.pathname + url.search };
    seen.push(`[${locale}] ${state}`);
    const lang = await page.locator("html").getAttribute("lang");
    if (lang !== locale) {
      findings.push({ ...where, rule: "html-lang-matches-language", impact: "serious", help: `<html lang="${lang}"> on a page shown in ${locale}`, nodes: [] });
    }
    const title = (await page.title()).trim();
    if (!title) findings.push({ ...where, rule: "page-title-present", impact: "serious", help: "the page's <title> is empty", nodes: [] });

    const tight = await crampedChoices(page);
    if (tight.length > 0) {
      findings.push({
        ...where,
        rule: "choice-rows-44px-stacked",
        impact: "serious",
        help: "answer rows at least 44 px high, one under another",
        nodes: tight,
      });
    }

    for (const violation of await wcagViolations(page)) {
      findings.push({
        ...where,
        rule: violation.id,
        impact: violation.impact ?? "unknown",
        help: violation.help,
        nodes: violation.nodes.map((n) => ({ target: n.target.map(String).join(" "), html: n.html.replace(/\s+/g, " ").slice(0, 200) })),
      });
    }
  };
}

/** A readable list: page and language, then each rule with the elements that break it. */
function describeFindings(findings: Finding[]): string {
  const byPage = new Map<string, Finding[]>();
  // Japanese first, then English, each in the order the tour met the pages.
  const ordered = [...findings.filter((f) => f.locale === "ja"), ...findings.filter((f) => f.locale === "en")];
  for (const f of ordered) {
    const key = `[${f.locale}] ${f.state} — ${f.url}`;
    byPage.set(key, [...(byPage.get(key) ?? []), f]);
  }
  const lines = [`${findings.length} accessibility problem(s) on ${byPage.size} page(s):`];
  for (const [pageName, list] of byPage) {
    lines.push("", pageName);
    for (const f of list) {
      lines.push(`  ${f.rule} (${f.impact}): ${f.help}`);
      for (const node of f.nodes) lines.push(`    ${node.target}  ${node.html}`);
    }
  }
  return lines.join("\n");
}

describe("accessibility of every candidate page, in Japanese and English, on a phone", () => {
  it("passes axe's WCAG 2.2 A/AA rules, with the right <html lang>, a title and answer rows of 44 px one under another, on every page", async () => {
    const { portal, browser } = e2e;
    const findings: Finding[] = [];
    const seen: string[] = [];

    // Each language is its own visitor: the browser's language picks the portal's (Accept-Language).
    async function tour(locale: Locale, applicant: number) {
      const context = await phoneContext(browser, { locale: locale === "ja" ? "ja-JP" : "en-US" });
      const page = await context.newPage();
      try {
        await tourEveryCandidatePage(page, portal, locale, applicantNumber(applicant), inspector(page, locale, findings, seen));
      } finally {
        await context.close();
      }
    }

    // Both languages at once: they share nothing but the portal, and the run stays short.
    const tours = await Promise.allSettled([tour("ja", 1), tour("en", 2)]);
    const broken = tours.flatMap((t) => (t.status === "rejected" ? [t.reason instanceof Error ? (t.reason.stack ?? t.reason.message) : String(t.reason)] : []));

    // A tour that stopped early would hide the pages after it; say so beside what was found before it.
    expect(broken, describeFindings(findings)).toEqual([]);
    expect(seen.filter((s) => s.startsWith("[ja]")).length).toBe(seen.filter((s) => s.startsWith("[en]")).length);
    expect(findings.length === 0 ? "" : describeFindings(findings)).toBe("");
  }, 400_000);
});
