import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { errorKindOf } from "../../../platform/http/errors.ts";
import { requireDeclaredAccess } from "../../route-access.ts";
import { sendProblem } from "./problem.ts";

/** The JSON API's URL prefix. */
export const API_PREFIX = "/api/v1";

/**
 * The JSON API as one surface (registered under /api/v1): no cookies and no CSRF (callers authenticate per
 * request), the access each route declares, and every error as application/problem+json.
 */
export async function apiSurface(app: FastifyInstance, _deps: AppDeps): Promise<void> {
  requireDeclaredAccess(app, "api", ["public"]);
  app.setErrorHandler(async (error, req, reply) => {
    const kind = errorKindOf(error);
    if (kind === "server") req.log.error({ err: error }, "request failed");
    return sendProblem(reply, kind);
  });
  app.setNotFoundHandler(async (_req, reply) => sendProblem(reply, "notFound"));
}
