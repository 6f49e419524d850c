import type { FastifyRequest } from "fastify";
import type { AppDeps } from "../../platform/http/deps.ts";
import { takePendingForm } from "../../platform/http/pending-forms.ts";

/**
 * What the signed-in candidate had typed on this page when their session ran out, once, if the surface kept
 * it (plugin.tsx, the access preHandler); the page shows it again with a notice that it is not saved yet.
 */
export function keptFormFor(req: FastifyRequest, deps: Pick<AppDeps, "db" | "config" | "now">): Promise<Record<string, string | string[]> | null> {
  if (!req.candidate) return Promise.resolve(null);
  return takePendingForm(deps.db, { secret: deps.config.secret, browserKey: req.browserKey, principalId: req.candidate.id, path: req.url, now: deps.now() });
}
