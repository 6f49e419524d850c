import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { PUBLIC } from "../../route-access.ts";
import { PrivacyNoticePage } from "./notice-views.tsx";

/** 候補者プライバシー規約: the version in force, linked from every form that collects personal data. */
export async function privacyRoutes(app: FastifyInstance, _deps: AppDeps): Promise<void> {
  app.get("/privacy", PUBLIC, async (_req, reply) => reply.page(<PrivacyNoticePage />));
}
