import type { Exchange } from "./portal.ts";

type SetCookie = { name: string; value: string; maxAge?: number; expires?: Date };

function parseSetCookie(line: string): SetCookie {
  const [pair = "", ...attributes] = line.split(";");
  const at = pair.indexOf("=");
  const cookie: SetCookie = { name: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim() };
  for (const attribute of attributes) {
    const [key = "", value = ""] = attribute.trim().split("=");
    if (/^max-age$/i.test(key)) cookie.maxAge = Number(value);
    if (/^expires$/i.test(key)) cookie.expires = new Date(value);
  }
  return cookie;
}

/**
 * Requests sent over HTTP to running servers, each to the next one in turn, like a load balancer without
 * session affinity; `served` counts the requests each server answered.
 */
export function roundRobin(baseUrls: string[]): { exchange: Exchange; served: number[] } {
  const served = baseUrls.map(() => 0);
  let next = 0;
  const exchange: Exchange = async ({ method, url, headers, payload }) => {
    const index = next;
    next = (next + 1) % baseUrls.length;
    served[index] = (served[index] ?? 0) + 1;
    const res = await fetch(`${baseUrls[index]}${url}`, { method, headers, body: payload, redirect: "manual", signal: AbortSignal.timeout(60_000) });
    return {
      status: res.status,
      headers: Object.fromEntries(res.headers.entries()),
      body: await res.text(),
      cookies: res.headers.getSetCookie().map(parseSetCookie),
    };
  };
  return { exchange, served };
}
