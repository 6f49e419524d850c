import type { MessageKey } from "../i18n/messages.ts";

/**
 * The status line a redirect asked for with `?notice=name`, looked up in the page's own list: never free
 * text from the URL, and never an inherited property name such as `toString`.
 */
export function noticeFromQuery(query: unknown, notices: Readonly<Record<string, MessageKey>>): MessageKey | null {
  const name = (query as { notice?: unknown } | undefined)?.notice;
  return typeof name === "string" && Object.hasOwn(notices, name) ? (notices[name] ?? null) : null;
}
