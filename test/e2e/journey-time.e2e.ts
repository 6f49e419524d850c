/**
 * `npm run journey:time`: how long the candidate journey takes a person, for 「応募に進む前に」. Not part of
 * `npm test` (it only reports); it runs when JOURNEY_TIME is set.
 *
 * A phone-sized Chromium goes through the whole journey (registration, sign-in, STEP 1–5, the assessment,
 * the e-signature, the final questions, 応募する) as the browser tests do. On every page a candidate sees
 * (pages that only repeat a form with its errors are left out) it measures what takes a person time: the
 * characters of text to read, the fields to fill in, the answers to choose and the seconds of audio. Those
 * counts are turned into minutes with rates stated below, so the estimate moves when the pages change.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { launchChromium, phoneContext, startServedPortal } from "./browser.ts";
import { applicantNumber, applyAndSubmit, registerAndSignIn } from "./pages.ts";

/** Reading Japanese on a phone: about 500 characters a minute (people read 400–600). */
const READ_CHARS_PER_SECOND = 500 / 60;
/** Typing one text field on a phone, with kana-kanji conversion, on average over names, addresses and numbers. */
const SECONDS_PER_TEXT_FIELD = 12;
/** Choosing one answer (a radio group, a select, a checkbox). */
const SECONDS_PER_CHOICE = 4;
/** Finding and pressing the page's button, and waiting for the next page. */
const SECONDS_PER_PAGE = 5;

type PageWork = { path: string; part: "forms" | "assessment"; chars: number; textFields: number; choices: number; audioSeconds: number };

async function measure(page: Page): Promise<Omit<PageWork, "part">> {
  return page.evaluate(() => {
    const main = document.querySelector("main");
    const chars = (main?.innerText ?? "").replace(/\s+/g, "").length;
    const textFields =
      main?.querySelectorAll('input[type="text"], input[type="email"], input[type="tel"], input[type="password"], input:not([type]), textarea').length ?? 0;
    const radioGroups = new Set([...(main?.querySelectorAll<HTMLInputElement>('input[type="radio"]') ?? [])].map((r) => r.name)).size;
    const selects = main?.querySelectorAll("select").length ?? 0;
    const checkboxes = main?.querySelectorAll('input[type="checkbox"]').length ?? 0;
    const audioSeconds = [...document.querySelectorAll("audio")].reduce((sum, a) => sum + (Number.isFinite(a.duration) ? a.duration : 0), 0);
    return { path: location.pathname, chars, textFields, choices: radioGroups + selects + Math.min(checkboxes, 2), audioSeconds };
  });
}

describe("the time the candidate journey takes a person", () => {
  it.runIf(process.env.JOURNEY_TIME)(
    "is measured from what each page asks",
    async () => {
      const portal = await startServedPortal();
      const browser = await launchChromium();
      const started = Date.now();
      try {
        const context = await phoneContext(browser);
        const page = await context.newPage();
        const work: PageWork[] = [];
        page.on("load", () => {
          void (async () => {
            // A page shown again with its errors is the same reading and typing once more: not counted.
            if ((await page.locator("[data-error-summary]").count()) > 0) return;
            await page
              .waitForFunction(() => [...document.querySelectorAll("audio")].every((a) => a.readyState >= 1), undefined, { timeout: 5000 })
              .catch(() => undefined);
            const m = await measure(page);
            work.push({ ...m, part: m.path.includes("/assessment") ? "assessment" : "forms" });
          })().catch(() => undefined);
        });
        const who = applicantNumber(900);
        await registerAndSignIn(page, portal, "ja", who, async () => undefined);
        await applyAndSubmit(page, portal, "ja", who, async () => undefined);
        await page.waitForTimeout(500);
        await context.close();

        const seconds = (w: PageWork) =>
          w.chars / READ_CHARS_PER_SECOND + w.textFields * SECONDS_PER_TEXT_FIELD + w.choices * SECONDS_PER_CHOICE + w.audioSeconds + SECONDS_PER_PAGE;
        const total = (part: PageWork["part"]) => work.filter((w) => w.part === part).reduce((sum, w) => sum + seconds(w), 0);
        const sum = (part: PageWork["part"], key: "chars" | "textFields" | "choices" | "audioSeconds") =>
          work.filter((w) => w.part === part).reduce((s, w) => s + w[key], 0);
        for (const part of ["forms", "assessment"] as const) {
          console.log(
            `${part}: ${work.filter((w) => w.part === part).length} pages, ${sum(part, "chars")} characters to read, ${sum(part, "textFields")} text fields, ` +
              `${sum(part, "choices")} choices, ${Math.round(sum(part, "audioSeconds"))} s of audio → about ${Math.round(total(part) / 60)} minutes`,
          );
        }
        console.log(
          `journey: about ${Math.round((total("forms") + total("assessment")) / 60)} minutes for a person (the automated run took ${Math.round((Date.now() - started) / 1000)} s)`,
        );
        expect(work.length).toBeGreaterThan(30);
      } finally {
        await browser.close();
        await portal.close();
      }
    },
    900_000,
  );
});
