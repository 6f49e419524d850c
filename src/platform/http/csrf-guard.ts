import type { FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import { sameSecret } from "../security/secrets.ts";
import { browserKeyCookie } from "./browser-context.ts";
import { AppError } from "./errors.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * "multipart": the route checks the token itself, before it reads a file. "none": the route only sets a
     * preference of the browser that sent it (the language), which a forged request could do no harm with,
     * so the pages that carry no other form need no token (nor the browser-key cookie behind it).
     */
    csrf?: "multipart" | "none";
  }
}

/**
 * The preHandler of every surface that serves forms: a state-changing request must carry this browser's
 * token. It runs after the body is parsed, so the form field is there to compare.
 */
export function csrfGuard(config: Config) {
  return async (req: FastifyRequest): Promise<void> => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return;
    if (req.routeOptions.config?.csrf) return;
    const body = req.body as Record<string, unknown> | undefined;
    const sent = body && typeof body._csrf === "string" ? body._csrf : "";
    // A POST without the browser cookie cannot be a form we served to this browser.
    if (!req.cookies[browserKeyCookie(config)] || !sameSecret(sent, req.csrfToken)) throw new AppError("csrf", "CSRF token missing or wrong");
  };
}
