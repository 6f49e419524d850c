import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../platform/http/deps.ts";
import { LoginHelpPage } from "../accounts/views.tsx";

/** ヘルプ: the page the header's ヘルプ link opens. */
export async function helpRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get("/help", async (_req, reply) => reply.page(<LoginHelpPage mailFrom={deps.config.mailFrom} />));
}
