import type { FastifyInstance } from "fastify";
import { safeReturnTo, setLocaleCookie } from "../../../platform/http/browser-context.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { PUBLIC } from "../../route-access.ts";

/** The globe menu: keeps the chosen language in a cookie and returns to the page it was chosen on. */
export async function languageRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.post("/language", { config: { ...PUBLIC.config, csrf: "none" } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const locale = body.locale === "en" ? "en" : "ja";
    setLocaleCookie(reply, deps.config, locale);
    return reply.seeOther(safeReturnTo(body.back) ?? "/jobs");
  });
}
