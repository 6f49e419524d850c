import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ApplicationWithJob } from "../../../modules/applications/schema.ts";
import type { Actor } from "../../../modules/events/append-event.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { candidateOf } from "../signed-in.ts";

/**
 * For every route of the plugin that calls it: the `:id` application, read with the candidate's session (the
 * surface does it for `ownApplication` routes), if the access policy lets the candidate reach it; anyone
 * else's id is a 404, never a hint that it exists.
 */
export function loadOwnApplication(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    if (route.url.includes("/:id")) route.config = { ...route.config, ownApplication: true };
  });
  app.addHook("preHandler", async (req) => {
    if (req.routeOptions.config.ownApplication && !req.application) throw new AppError("notFound", "no such application for this candidate");
  });
}

/** The application the route is about, read with the session. */
export function applicationOf(req: FastifyRequest): ApplicationWithJob {
  if (!req.application) throw new AppError("server", "an /applications/:id route ran without its application");
  return req.application;
}

/** The signed-in candidate as the actor of a change. */
export function candidateActor(req: FastifyRequest): Actor {
  return { kind: "candidate", id: candidateOf(req).id };
}
