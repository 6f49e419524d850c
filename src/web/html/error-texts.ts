import type { ErrorKind } from "../../platform/http/errors.ts";
import type { HtmlMessageKey } from "./messages.ts";

/** The heading and explanation of each kind of error page. */
export const ERROR_TEXTS = {
  notFound: { title: "error.notFound.title", body: "error.notFound.body" },
  badRequest: { title: "error.badRequest.title", body: "error.badRequest.body" },
  csrf: { title: "error.csrf.title", body: "error.csrf.body" },
  forbidden: { title: "error.forbidden.title", body: "error.forbidden.body" },
  tooLarge: { title: "error.tooLarge.title", body: "error.tooLarge.body" },
  tooMany: { title: "error.tooMany.title", body: "error.tooMany.body" },
  unavailable: { title: "error.unavailable.title", body: "error.unavailable.body" },
  server: { title: "error.server.title", body: "error.server.body" },
} as const satisfies Record<ErrorKind, { title: HtmlMessageKey; body: HtmlMessageKey }>;
