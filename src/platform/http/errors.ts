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
  if (isDatabaseUnavailable(error)) return "unavailable";
  const status = typeof error === "object" && error !== null && "statusCode" in error ? Number((error as { statusCode: unknown }).statusCode) : 500;
  if (status === 413) return "tooLarge";
  if (status === 404) return "notFound";
  if (status === 403) return "forbidden";
  if (status === 429) return "tooMany";
  if (status === 503) return "unavailable";
  if (status >= 400 && status < 500) return "badRequest";
  return "server";
}

/** Codes of PostgreSQL and of the network that mean the database cannot answer now, not that the request is wrong. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "53300",
]);

/** Whether an error (or what caused it) says the database is down or dropped the connection. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (
      typeof message === "string" &&
      /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection/i.test(
        message,
      )
    )
      return true;
  }
  return false;
}

/**
 * An error as a log line may show it: its type, codes and a message cut before any query parameters, so
 * no e-mail address, phone number or other value from a failed query reaches the log.
 */
export function describeError(error: unknown): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!error || typeof error !== "object") return { type: "Thrown", message: String(error).slice(0, 200), stack: "" };
  const e = error as { name?: unknown; code?: unknown; message?: unknown; stack?: unknown; cause?: unknown };
  const message = typeof e.message === "string" ? e.message.split(/\nparams:/)[0]!.slice(0, 500) : undefined;
  const cause = e.cause && typeof e.cause === "object" ? (e.cause as { code?: unknown; routine?: unknown }) : undefined;
  return {
    type: typeof e.name === "string" ? e.name : "Error",
    message: message ?? "",
    // The stack's frames only: its first lines repeat the message, parameters and all.
    stack:
      typeof e.stack === "string"
        ? e.stack
            .split("\n")
            .filter((line) => /^\s+at /.test(line))
            .slice(0, 8)
            .join("\n")
        : "",
    ...(typeof e.code === "string" ? { code: e.code } : {}),
    ...(cause && typeof cause.code === "string" ? { causeCode: cause.code } : {}),
  };
}
