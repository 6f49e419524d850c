/**
 * axe on a page as the browser journeys run it: WCAG 2.2 A and AA rules, in the page itself (the portal's
 * pages have no frames, so legacy mode spares a blank page per check), and only violations in full.
 */
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** axe's WCAG A/AA violations on the page as it is now. */
export async function wcagViolations(page: Page) {
  // `options` replaces every option, so it comes before `withTags`, which adds to them.
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] })
    .withTags(WCAG_AA)
    .setLegacyMode()
    .analyze();
  return results.violations;
}

/** The same violations as readable lines, one per element: the page, the rule, what it asks, the element. */
export async function wcagViolationLines(page: Page): Promise<string[]> {
  return (await wcagViolations(page)).flatMap((v) => v.nodes.map((n) => `${page.url()} ${v.id}: ${v.help} — ${n.target.map(String).join(" ")}`));
}
