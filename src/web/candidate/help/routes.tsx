import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { PUBLIC } from "../../route-access.ts";
import { HelpPage } from "./views.tsx";

/** ヘルプとよくあるご質問: the seed's six questions, answered for this portal. */
export async function helpRoutes(app: FastifyInstance, _deps: AppDeps): Promise<void> {
  app.get("/help", PUBLIC, async (_req, reply) => reply.page(<HelpPage />));
}
