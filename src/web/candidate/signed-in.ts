import type { FastifyRequest } from "fastify";
import type { SignedInCandidate } from "../../modules/candidates/candidate-session.ts";
import { AppError } from "../../platform/http/errors.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in candidate on the candidate pages; routes declared `CANDIDATE` always have one. */
    candidate: SignedInCandidate | null;
    /** The privacy notice version the signed-in candidate last agreed to (null: none, or withdrawn). */
    acknowledgedNotice: string | null;
  }
}

/** The signed-in candidate of a route declared `CANDIDATE` (the surface has already sent anyone else away). */
export function candidateOf(req: FastifyRequest): SignedInCandidate {
  if (!req.candidate) throw new AppError("server", "a CANDIDATE route ran without a signed-in candidate");
  return req.candidate;
}
