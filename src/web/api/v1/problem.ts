import type { FastifyReply } from "fastify";
import { ERROR_KINDS, type ErrorKind } from "../../../platform/http/errors.ts";

const TITLES: Record<ErrorKind, string> = {
  notFound: "Not found",
  badRequest: "Bad request",
  csrf: "Forbidden",
  forbidden: "Forbidden",
  tooLarge: "Payload too large",
  tooMany: "Too many requests",
  unavailable: "Service unavailable",
  server: "Internal server error",
};

/** Sends an RFC 9457 problem document; 5xx details never reach the client. */
export function sendProblem(reply: FastifyReply, kind: ErrorKind, detail?: string): FastifyReply {
  const status = ERROR_KINDS[kind].status;
  return reply
    .code(status)
    .header("cache-control", "no-store")
    .type("application/problem+json; charset=utf-8")
    .send({ type: "about:blank", title: TITLES[kind], status, ...(detail && status < 500 ? { detail } : {}) });
}
