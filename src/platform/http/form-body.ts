import { parse } from "fast-querystring";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** The most fields any of the portal's forms sends, with room to spare; no page needs more. */
export const MAX_FORM_FIELDS = 250;
/** The largest form body: a page of long Japanese answers percent-encoded stays well under this. */
export const MAX_FORM_BYTES = 128 * 1024;

/**
 * Parses urlencoded form bodies, refusing (413) one with more fields than any form of ours has before it is
 * parsed: a body of forty thousand tiny fields otherwise costs a fifth of a second of CPU even when the
 * request is then refused for its CSRF token.
 */
export const formBody = fp(async (app: FastifyInstance) => {
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: MAX_FORM_BYTES }, (_req, body, done) => {
    const text = body as string;
    let fields = text.length > 0 ? 1 : 0;
    for (let i = text.indexOf("&"); i !== -1 && fields <= MAX_FORM_FIELDS; i = text.indexOf("&", i + 1)) fields++;
    if (fields > MAX_FORM_FIELDS) {
      done(Object.assign(new Error(`a form of more than ${MAX_FORM_FIELDS} fields`), { statusCode: 413 }), undefined);
      return;
    }
    done(null, parse(text));
  });
});
