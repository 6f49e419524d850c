import type { FastifyRequest } from "fastify";
import type { ConsentSource } from "../../modules/privacy/consents.ts";
import { currentNoticeVersion } from "../../modules/privacy/privacy-notice.ts";

/** Where a consent given in this request comes from: the notice version in force and the page's route pattern. */
export function consentSourceOf(req: FastifyRequest): ConsentSource {
  return { textVersion: currentNoticeVersion(), page: req.routeOptions.url ?? req.url };
}
