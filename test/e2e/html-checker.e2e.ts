import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/platform/i18n/catalogue.ts";
import { type CheckerMessage, checkHtmlFiles, probeHtmlChecker } from "../html-checker.ts";
import { launchChromium, phoneContext, type ServedPortal, startServedPortal } from "./browser.ts";
import { applicantNumber, type Look, tourEveryCandidatePage } from "./pages.ts";

const checker = probeHtmlChecker();
const ci = process.env.CI === "true" || process.env.CI === "1";

let portal: ServedPortal;
let browser: Browser;
beforeAll(async () => {
  if (!checker.available) return;
  portal = await startServedPortal();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

/** A page as the server sent it (not as scripts left it), kept with where the tour saw it. */
type Seen = { file: string; name: string };

/**
 * Keeps the HTML of each page the tour stops at, exactly as the server answered the navigation: the last
 * document response of the main frame, after redirects, including the 400 pages of a form with errors.
 */
function collector(page: Page, locale: Locale, dir: string, seen: Seen[]): Look {
  // The body is read as soon as it arrives: the browser may drop it once the next page loads.
  let last: Promise<string | null> | null = null;
  page.on("response", (response: Response) => {
    const status = response.status();
    if (response.request().resourceType() !== "document" || response.frame() !== page.mainFrame() || (status >= 300 && status < 400)) return;
    last = response.text().catch(() => null);
  });
  return async (state) => {
    const html = last ? await last : null;
    if (html === null) throw new Error(`no document response for ${state}`);
    const file = path.join(dir, `${locale}-${String(seen.length).padStart(3, "0")}.html`);
    await writeFile(file, html);
    seen.push({ file, name: `[${locale}] ${state} — ${new URL(page.url()).pathname}` });
  };
}

describe("the Nu HTML Checker on every candidate page, in Japanese and English", () => {
  it.runIf(checker.available || ci)(
    "finds no error and no warning on any page",
    async () => {
      if (!checker.available) throw new Error(`CI: ${checker.reason}`);
      const dir = await mkdtemp(path.join(tmpdir(), "portal-html-"));
      const seen: Seen[] = [];
      for (const [locale, applicant] of [
        ["ja", 11],
        ["en", 12],
      ] as const) {
        const context = await phoneContext(browser, { locale: locale === "ja" ? "ja-JP" : "en-US" });
        const page = await context.newPage();
        try {
          await tourEveryCandidatePage(page, portal, locale, applicantNumber(applicant), collector(page, locale, dir, seen));
        } finally {
          await context.close();
        }
      }
      expect(seen.length).toBeGreaterThan(60);
      const messages = checkHtmlFiles(
        checker.available ? checker.jar : "",
        seen.map((s) => s.file),
      );
      const where = new Map(seen.map((s) => [`file:${s.file}`, s.name]));
      const described = messages.map(
        (m: CheckerMessage) =>
          `${where.get(m.url) ?? m.url} line ${m.lastLine ?? "?"}: ${m.type}${m.subType ? `/${m.subType}` : ""}: ${m.message} ${m.extract ? `«${m.extract.trim().slice(0, 120)}»` : ""}`,
      );
      expect(described).toEqual([]);
    },
    300_000,
  );
});
