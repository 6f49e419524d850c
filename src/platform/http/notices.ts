/**
 * The status line a redirect asked for with `?notice=name`, looked up in the page's own list: never free
 * text from the URL, and never an inherited property name such as `toString`.
 */
export function noticeFromQuery<K extends string>(query: unknown, notices: Readonly<Record<string, K>>): K | null {
  const name = (query as { notice?: unknown } | undefined)?.notice;
  return typeof name === "string" && Object.hasOwn(notices, name) ? (notices[name] ?? null) : null;
}
