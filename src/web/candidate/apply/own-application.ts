import type { FastifyInstance, FastifyRequest } from "fastify";
import { findApplicationFor } from "../../../modules/applications/application-store.ts";
import type { ApplicationWithJob } from "../../../modules/applications/schema.ts";
import type { Actor } from "../../../modules/events/append-event.ts";
import type { Db } from "../../../platform/db/database.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { candidateOf } from "../signed-in.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The application an `/applications/:id/…` route is about, found through the access policy. */
    application: ApplicationWithJob | null;
  }
}

/**
 * For every route of the plugin that calls it: the `:id` application, if the access policy lets the signed-in
 * candidate reach it; anyone else's id is a 404, never a hint that it exists.
 */
export function loadOwnApplication(app: FastifyInstance, db: Db): void {
  app.decorateRequest("application", null);
  app.addHook("preHandler", async (req) => {
    const id = (req.params as { id?: unknown }).id;
    if (typeof id !== "string") return;
    const candidate = candidateOf(req);
    req.application = await findApplicationFor(db, { principal: { kind: "candidate", id: candidate.id }, applicationId: id });
    if (!req.application) throw new AppError("notFound", "no such application for this candidate");
  });
}

/** The application the route's preHandler loaded. */
export function applicationOf(req: FastifyRequest): ApplicationWithJob {
  if (!req.application) throw new AppError("server", "an /applications/:id route ran without its application");
  return req.application;
}

/** The signed-in candidate as the actor of a change. */
export function candidateActor(req: FastifyRequest): Actor {
  return { kind: "candidate", id: candidateOf(req).id };
}
