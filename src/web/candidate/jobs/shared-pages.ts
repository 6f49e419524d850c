import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * A page as everyone not signed in sees it, rendered once and kept with its brotli and gzip forms and its
 * ETag (a hash of the HTML), until `until` (ms since epoch).
 */
export type SharedPage = { html: Buffer; br: Buffer; gzip: Buffer; etag: string; until: number };

/** Compresses a rendered page once, for every visitor it will be sent to. */
export function sharePage(html: string, until: number): SharedPage {
  const bytes = Buffer.from(html);
  return {
    html: bytes,
    // Compressed once for many views, so harder than a page made per request.
    br: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
    gzip: gzipSync(bytes, { level: 9 }),
    etag: `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 27)}"`,
    until,
  };
}

/** The encoding to send, from Accept-Encoding: brotli, else gzip, else none (a q of 0 refuses one). */
function chosenEncoding(header: string | undefined): "br" | "gzip" | null {
  if (!header) return null;
  const accepted = new Set<string>();
  for (const part of header.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p))) continue;
    if (name) accepted.add(name.trim());
  }
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip") || accepted.has("x-gzip") || accepted.has("*")) return "gzip";
  return null;
}

/** Whether If-None-Match names the page's ETag (or is `*`). */
function alreadyHeld(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}

/**
 * Sends a shared page: 304 when the browser already holds this version, otherwise in the best encoding it
 * accepts. Browsers keep it but ask again each time (no-cache), since a visitor who signs in sees the same
 * address with their own header; the language comes from a cookie or Accept-Language.
 */
export function sendSharedPage(req: FastifyRequest, reply: FastifyReply, page: SharedPage): FastifyReply {
  reply.header("cache-control", "private, no-cache").header("etag", page.etag).header("vary", "Accept-Encoding, Accept-Language, Cookie");
  if (alreadyHeld(req.headers["if-none-match"], page.etag)) return reply.code(304).send();
  reply.type("text/html; charset=utf-8");
  const encoding = chosenEncoding(req.headers["accept-encoding"]);
  if (!encoding) return reply.send(page.html);
  return reply.header("content-encoding", encoding).send(encoding === "br" ? page.br : page.gzip);
}
