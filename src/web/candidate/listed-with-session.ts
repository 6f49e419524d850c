import type { FastifyRequest } from "fastify";
import type { ApplicationWithJob } from "../../modules/applications/schema.ts";
import type { DocumentSummary } from "../../modules/documents/document-store.ts";
import { AppError } from "../../platform/http/errors.ts";
import { CANDIDATE } from "../route-access.ts";

/** Route options for a signed-in page that lists the candidate's documents: they are read with the session. */
export const LISTS_DOCUMENTS = { config: { ...CANDIDATE.config, candidateDocuments: true } } as const;

/** Route options for a signed-in page that lists the candidate's applications: they are read with the session. */
export const LISTS_APPLICATIONS = { config: { ...CANDIDATE.config, candidateApplications: true } } as const;

/** The candidate's documents, as the session lookup of a `LISTS_DOCUMENTS` page read them. */
export function listedDocuments(req: FastifyRequest): DocumentSummary[] {
  if (!req.candidateDocuments) throw new AppError("server", "a page that lists documents ran without them");
  return req.candidateDocuments;
}

/** The candidate's applications, newest first, as the session lookup of a `LISTS_APPLICATIONS` page read them. */
export function listedApplications(req: FastifyRequest): ApplicationWithJob[] {
  if (!req.candidateApplications) throw new AppError("server", "a page that lists applications ran without them");
  return req.candidateApplications;
}
