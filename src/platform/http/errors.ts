import type { MessageKey } from "../i18n/messages.ts";

/** Error codes the portal raises on purpose; each maps to a status and the page the user sees. */
export const ERROR_KINDS = {
  notFound: { status: 404, title: "error.notFound.title", body: "error.notFound.body" },
  badRequest: { status: 400, title: "error.badRequest.title", body: "error.badRequest.body" },
  csrf: { status: 403, title: "error.csrf.title", body: "error.csrf.body" },
  forbidden: { status: 403, title: "error.forbidden.title", body: "error.forbidden.body" },
  tooLarge: { status: 413, title: "error.tooLarge.title", body: "error.tooLarge.body" },
  server: { status: 500, title: "error.server.title", body: "error.server.body" },
} as const satisfies Record<string, { status: number; title: MessageKey; body: MessageKey }>;

export type ErrorKind = keyof typeof ERROR_KINDS;

/** The one error type of the portal: an internal message for the log, a user message by catalogue key. */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    internal: string,
  ) {
    super(internal);
    this.name = "AppError";
  }
}

/** Maps any thrown value to the kind of page the user should see. */
export function errorKindOf(error: unknown): ErrorKind {
  if (error instanceof AppError) return error.kind;
  const status = typeof error === "object" && error !== null && "statusCode" in error ? Number((error as { statusCode: unknown }).statusCode) : 500;
  if (status === 413) return "tooLarge";
  if (status === 404) return "notFound";
  if (status === 403) return "forbidden";
  if (status >= 400 && status < 500) return "badRequest";
  return "server";
}
