/** Error codes the portal raises on purpose; each maps to a status and the page the user sees. */
export const ERROR_KINDS = {
  notFound: { status: 404 },
  badRequest: { status: 400 },
  csrf: { status: 403 },
  forbidden: { status: 403 },
  tooLarge: { status: 413 },
  tooMany: { status: 429 },
  unavailable: { status: 503 },
  server: { status: 500 },
} as const satisfies Record<string, { status: number }>;

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
  if (status === 429) return "tooMany";
  if (status === 503) return "unavailable";
  if (status >= 400 && status < 500) return "badRequest";
  return "server";
}
