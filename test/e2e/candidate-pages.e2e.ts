/**
 * Every candidate page, in Japanese and English, on a phone: one tour per language, whose every stop is
 * both inspected in the browser (axe and the portal's own rules) and kept as the server sent it for the Nu
 * HTML Checker. Touring once for both halves the browser work of checking each page twice.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page, Response } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/platform/i18n/catalogue.ts";
import { type CheckerMessage, checkHtmlFiles, probeHtmlChecker } from "../html-checker.ts";
import { wcagViolations } from "./axe.ts";
import { phoneContext, servedPortalAndBrowser } from "./browser.ts";
import { crampedChoices } from "./choice-rows.ts";
import { applicantNumber, type Look, tourEveryCandidatePage } from "./pages.ts";

const checker = probeHtmlChecker();
const ci = process.env.CI === "true" || process.env.CI === "1";

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

/** A page as the server sent it (not as scripts left it), kept with where the tour saw it. */
type Kept = { file: string; name: string };

/** What the tours found: the pages they stopped at, the accessibility problems, the pages' HTML, and any tour that broke off. */
type Tours = { seen: string[]; findings: Finding[]; kept: Kept[]; broken: string[] };

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

/**
 * Keeps the HTML of each page the tour stops at, exactly as the server answered the navigation: the last
 * document response of the main frame, after redirects, including the 400 pages of a form with errors.
 */
function collector(page: Page, locale: Locale, dir: string, kept: Kept[]): Look {
  // The body is read as soon as it arrives: the browser may drop it once the next page loads.
  let last: Promise<string | null> | null = null;
  page.on("response", (response: Response) => {
    const status = response.status();
    if (response.request().resourceType() !== "document" || response.frame() !== page.mainFrame() || (status >= 300 && status < 400)) return;
    last = response.text().catch(() => null);
  });
  let count = 0;
  return async (state) => {
    const html = last ? await last : null;
    if (html === null) throw new Error(`no document response for ${state}`);
    const file = path.join(dir, `${locale}-${String(count++).padStart(3, "0")}.html`);
    await writeFile(file, html);
    kept.push({ file, name: `[${locale}] ${state} — ${new URL(page.url()).pathname}` });
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

describe("every candidate page, in Japanese and English, on a phone", () => {
  const tours: Tours = { seen: [], findings: [], kept: [], broken: [] };

  beforeAll(async () => {
    const { portal, browser } = e2e;
    const dir = await mkdtemp(path.join(tmpdir(), "portal-html-"));

    // Each language is its own visitor: the browser's language picks the portal's (Accept-Language).
    async function tour(locale: Locale, applicant: number) {
      const context = await phoneContext(browser, { locale: locale === "ja" ? "ja-JP" : "en-US" });
      const page = await context.newPage();
      const keep = collector(page, locale, dir, tours.kept);
      const inspect = inspector(page, locale, tours.findings, tours.seen);
      try {
        // The HTML is kept before the inspection runs any script in the page.
        await tourEveryCandidatePage(page, portal, locale, applicantNumber(applicant), async (state) => {
          await keep(state);
          await inspect(state);
        });
      } finally {
        await context.close();
      }
    }

    // Both languages at once: they share nothing but the portal, and the run stays short.
    const settled = await Promise.allSettled([tour("ja", 1), tour("en", 2)]);
    tours.broken = settled.flatMap((t) =>
      t.status === "rejected" ? [t.reason instanceof Error ? (t.reason.stack ?? t.reason.message) : String(t.reason)] : [],
    );
  }, 400_000);

  it("passes axe's WCAG 2.2 A/AA rules, with the right <html lang>, a title and answer rows of 44 px one under another, on every page", () => {
    const { seen, findings, broken } = tours;
    // A tour that stopped early would hide the pages after it; say so beside what was found before it.
    expect(broken, describeFindings(findings)).toEqual([]);
    expect(seen.filter((s) => s.startsWith("[ja]")).length).toBe(seen.filter((s) => s.startsWith("[en]")).length);
    expect(findings.length === 0 ? "" : describeFindings(findings)).toBe("");
  });

  it.runIf(checker.available || ci)(
    "the Nu HTML Checker finds no error and no warning on any page",
    () => {
      if (!checker.available) throw new Error(`CI: ${checker.reason}`);
      const { kept, broken } = tours;
      expect(broken).toEqual([]);
      expect(kept.length).toBeGreaterThan(60);
      const messages = checkHtmlFiles(
        checker.jar,
        kept.map((k) => k.file),
      );
      const where = new Map(kept.map((k) => [`file:${k.file}`, k.name]));
      const described = messages.map(
        (m: CheckerMessage) =>
          `${where.get(m.url) ?? m.url} line ${m.lastLine ?? "?"}: ${m.type}${m.subType ? `/${m.subType}` : ""}: ${m.message} ${m.extract ? `«${m.extract.trim().slice(0, 120)}»` : ""}`,
      );
      expect(described).toEqual([]);
    },
    300_000,
  );
});
