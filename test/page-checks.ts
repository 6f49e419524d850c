import type { HTMLElement } from "node-html-parser";
import { expect } from "vitest";
import type { Locale } from "../src/platform/i18n/catalogue.ts";
import { candidateMessages as catalogues } from "../src/web/candidate/messages.ts";
import { ERROR_TEXTS } from "../src/web/html/error-texts.ts";
import { UNESCAPED_PAYLOAD } from "./hostile-input.ts";

/** What a response looked like to the fuzz suites. */
export type CheckedAnswer = { status: number; location: string | undefined; contentType: string; html: string; doc: HTMLElement };

/** Where else than a page an endpoint may answer: JSON to the player's script and the postal-code look-up, audio from the media path. */
export type Allowed = { json?: boolean; audio?: boolean };

export const collapse = (text: string) => text.replace(/\s+/g, " ").trim();
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const JAPANESE_SCRIPT = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/;
const ERROR_TITLES: Record<Locale, string[]> = {
  ja: Object.values(ERROR_TEXTS).map((k) => catalogues.ja[k.title]),
  en: Object.values(ERROR_TEXTS).map((k) => catalogues.en[k.title]),
};

/** A sentence as a pattern, placeholders matching anything; templates that are little but placeholders say nothing alone. */
function sentencePatterns(texts: string[]): RegExp[] {
  return texts
    .filter((t) => t.replace(/\{\w+\}/g, "").replace(/[\s\p{P}]/gu, "").length >= 2)
    .map((t) => new RegExp(`^${escapeRegExp(collapse(t)).replace(/\\\{\w+\\\}/g, "[\\s\\S]+?")}$`));
}

/**
 * The checks a user would make of any answer, given every sentence the portal can say: the catalogues plus
 * any content-defined messages (a question set's own refusals).
 */
export function pageChecks(contentMessages: Record<Locale, string[]> = { ja: [], en: [] }) {
  const sentences: Record<Locale, RegExp[]> = {
    ja: sentencePatterns([...Object.values(catalogues.ja), ...contentMessages.ja]),
    en: sentencePatterns([...Object.values(catalogues.en), ...contentMessages.en]),
  };

  /** Is this text one of the portal's sentences in that language (and written in its script)? */
  function isSentenceIn(language: Locale, text: string): boolean {
    if (JAPANESE_SCRIPT.test(text) !== (language === "ja")) return false;
    return sentences[language].some((pattern) => pattern.test(collapse(text)));
  }

  /** What the page tells the user went wrong: the error summary or stale-tab warning, else the error page heading, else the notice. */
  function refusalMessages(answer: CheckedAnswer, language: Locale): string[] {
    const alerts = answer.doc.querySelectorAll('[role="alert"]').flatMap((alert) => {
      const items = alert.querySelectorAll("li, p");
      return (items.length > 0 ? items : [alert]).map((el) => collapse(el.textContent));
    });
    if (alerts.length > 0) return alerts;
    const heading = collapse(answer.doc.querySelector("h1")?.textContent ?? "");
    if (ERROR_TITLES[language].includes(heading)) return [heading];
    // Throttling, and the player telling an older tab what happened, speak in a notice.
    if (answer.status === 409 || answer.status === 429) return answer.doc.querySelectorAll('[role="status"]').map((el) => collapse(el.textContent));
    return [];
  }

  /**
   * Never 5xx; a redirect stays on the site; a page is HTML in the request's language whose notices are sentences
   * of the portal; a refusal says what is wrong; nothing reflected runs. JSON only where allowed, and then only
   * the portal's own small answers, never a framework's error object.
   */
  function expectAnsweredWell(answer: CheckedAnswer, language: Locale, allowed: Allowed = {}): void {
    const shown = `${answer.status} ${answer.contentType} ${answer.location ?? ""} ${answer.html.slice(0, 300)}`;
    expect(answer.status, shown).toBeLessThan(500);
    if (answer.status >= 300 && answer.status < 400) {
      expect(answer.location, shown).toMatch(/^\/(?![/\\])/);
      return;
    }
    if (allowed.audio && answer.status === 200 && answer.contentType === "audio/mpeg") return;
    if (allowed.json && answer.contentType.startsWith("application/json")) {
      const body = JSON.parse(answer.html) as Record<string, unknown>;
      expect(
        Object.keys(body).every((k) => ["ok", "stale", "version", "next", "addresses"].includes(k)),
        shown,
      ).toBe(true);
      if ("next" in body) expect(String(body.next), shown).toMatch(/^\/applications\/[0-9a-f-]{36}\/assessment\/\d+$/);
      return;
    }
    expect(answer.contentType, shown).toMatch(/^text\/html/);
    expect(answer.doc.querySelector("html")?.getAttribute("lang"), shown).toBe(language);
    expect(answer.html).not.toMatch(UNESCAPED_PAYLOAD);
    for (const notice of answer.doc.querySelectorAll('[role="status"]')) {
      expect(isSentenceIn(language, notice.textContent), `notice "${collapse(notice.textContent)}" is not a ${language} sentence`).toBe(true);
    }
    if (answer.status >= 400) {
      const messages = refusalMessages(answer, language);
      expect(messages, `no message on a ${answer.status} page: ${shown}`).not.toHaveLength(0);
      for (const message of messages) expect(isSentenceIn(language, message), `"${message}" is not a ${language} sentence`).toBe(true);
    }
  }

  return { isSentenceIn, refusalMessages, expectAnsweredWell };
}
