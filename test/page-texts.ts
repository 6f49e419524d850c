import { type Node, TextNode } from "node-html-parser";
import { candidateMailMessages } from "../src/modules/candidate-mail/messages.ts";
import type { Locale } from "../src/platform/i18n/catalogue.ts";
import { candidateMessages } from "../src/web/candidate/messages.ts";
import { officeMessages } from "../src/web/office/messages.ts";
import type { PageResponse } from "./portal.ts";

/**
 * A page as a person reads it, checked for what a broken translation leaves behind: a catalogue key shown
 * raw, a placeholder left unfilled, a Japanese sentence of ours on an English page.
 */

const ALL_KEYS = new Set([...Object.keys(candidateMessages.ja), ...Object.keys(candidateMailMessages.ja), ...Object.keys(officeMessages.ja)]);
/** The first segment of every key we use: a key-shaped word starting with one of them is a key shown raw. */
const KEY_PREFIXES = new Set([...ALL_KEYS].map((k) => k.split(".")[0]!));
const KEY_SHAPE = /\b([a-z][A-Za-z0-9]*)((?:\.[A-Za-z0-9]+)+)\b/g;

/** The Japanese sentences of a catalogue, up to their first placeholder: any of them on an English page is a missing translation. */
export function japaneseSentencesOf(catalogue: { ja: Record<string, string> }): string[] {
  return Object.values(catalogue.ja)
    .map((text) => text.split(/\{\w+\}/)[0]!.trim())
    .filter((text) => text.length >= 6 && /[\u3040-\u30ff\u4e00-\u9faf]/.test(text));
}

/**
 * The page's own words that a person sees and hears: visible text, and the labels and values of controls.
 * Left out: a <code> shows an identifier as it is (an audit action, a template's {variable}), and a
 * <textarea> holds the text being edited (a job's wording, a template), not the page's.
 */
function readable(page: PageResponse): string {
  const main = page.doc.querySelector("body");
  if (!main) return page.html;
  for (const hidden of main.querySelectorAll("script, style, code, textarea")) hidden.remove();
  const attributes = main
    .querySelectorAll("[aria-label], [title], [placeholder], input[type=submit], button[value]")
    .flatMap((el) => [el.getAttribute("aria-label"), el.getAttribute("title"), el.getAttribute("placeholder")].filter((v): v is string => Boolean(v)));
  // Each text node on its own, so that the end of one sentence and the start of the next never read as "a.B".
  const texts: string[] = [];
  const walk = (node: Node) => {
    if (node instanceof TextNode) texts.push(node.text);
    for (const child of node.childNodes) walk(child);
  };
  walk(main);
  return [...texts, ...attributes, page.doc.querySelector("title")?.textContent ?? ""].join("\n");
}

/**
 * What is wrong with a page's texts in `language`. `japaneseSentences` are those an English page must not
 * show; `identifiers` are key-shaped words a page shows as they are by design (the audit log's actions).
 */
export function pageTextProblems(
  page: PageResponse,
  language: Locale,
  japaneseSentences: readonly string[],
  identifiers: ReadonlySet<string> = new Set(),
): string[] {
  const text = readable(page);
  const problems: string[] = [];
  for (const match of text.matchAll(KEY_SHAPE)) {
    // Part of an e-mail address or a host name (saiyo-help@jobs.example.jp) is not a key.
    const before = text[match.index - 1] ?? "";
    const after = text[match.index + match[0].length] ?? "";
    if (before === "@" || before === "." || before === "/" || after === "@" || identifiers.has(match[0])) continue;
    if (KEY_PREFIXES.has(match[1]!) || ALL_KEYS.has(match[0])) problems.push(`raw key ${match[0]}`);
  }
  for (const placeholder of text.match(/\{[a-zA-Z]+\}/g) ?? []) problems.push(`unfilled ${placeholder}`);
  if (language === "en") for (const sentence of japaneseSentences) if (text.includes(sentence)) problems.push(`Japanese on an English page: ${sentence}`);
  return problems;
}
