import { readFile } from "node:fs/promises";
import path from "node:path";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { h } from "preact";
import { displayNameOf, findCandidateById } from "./modules/candidates/candidate-repo.ts";
import { isDatabaseReachable } from "./platform/db/database.ts";
import type { AppDeps } from "./platform/http/deps.ts";
import { AppError, ERROR_KINDS, errorKindOf } from "./platform/http/errors.ts";
import { prepareRequest, renderDocument, requestContext } from "./platform/http/request-context.ts";
import { PROJECT_ROOT } from "./platform/project-root.ts";
import { addressRoutes } from "./web/candidate/addresses/routes.ts";
import { applicationRoutes } from "./web/candidate/apply/routes.tsx";
import { assessmentRoutes } from "./web/candidate/assessment/routes.tsx";
import { documentRoutes } from "./web/candidate/documents/routes.tsx";
import { jobRoutes } from "./web/candidate/jobs/routes.tsx";
import { mailboxRoutes } from "./web/candidate/mailbox/routes.tsx";
import { privacyRoutes } from "./web/candidate/privacy/routes.tsx";
import { accountRoutes } from "./web/candidate/sign-in/routes.tsx";
import { ErrorPage } from "./web/html/error-page.tsx";
import { languageRoutes } from "./web/html/language-routes.ts";

const root = PROJECT_ROOT;

/** Headers that must never reach a log line. */
const REDACT = ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'];

/** Builds the portal as a Fastify instance without listening, so tests can `inject` requests. */
export async function buildApp(deps: AppDeps, options: { logLevel?: string } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Logs keep method, url and status; never bodies (PINs, codes, personal data) or cookies.
    logger: options.logLevel ? { level: options.logLevel, redact: REDACT } : false,
    // A malformed URL (bad escape, over-long id) never reaches the hooks: it still gets the portal's own page.
    frameworkErrors: (error, req, raw) => {
      const reply = raw as unknown as FastifyReply;
      prepareRequest(req, reply, deps.config);
      const kind = errorKindOf(error);
      reply
        .code(ERROR_KINDS[kind].status)
        .type("text/html; charset=utf-8")
        .send(renderDocument(req, deps.config, h(ErrorPage, { kind })));
    },
    bodyLimit: 256 * 1024,
    trustProxy: true,
    routerOptions: { maxParamLength: 200 },
  });

  await app.register(cookie);
  await app.register(formbody);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        mediaSrc: ["'self'"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    strictTransportSecurity: deps.config.secureCookies,
    referrerPolicy: { policy: "same-origin" },
    crossOriginEmbedderPolicy: false,
  });

  await app.register(fastifyStatic, { root: path.join(root, "public"), prefix: "/assets/", maxAge: "1h", decorateReply: false });
  const tokensCss = await readFile(path.join(root, "node_modules/@digital-go-jp/design-tokens/dist/tokens.css"), "utf8");
  app.get("/assets/tokens.css", async (_req, reply) => reply.header("cache-control", "public, max-age=86400").type("text/css; charset=utf-8").send(tokensCss));

  await app.register(requestContext, {
    db: deps.db,
    config: deps.config,
    now: deps.now,
    loadCandidate: async (id: string) => {
      const c = await findCandidateById(deps.db, id);
      return c ? { id: c.id, displayName: displayNameOf(c) } : null;
    },
  });

  app.setErrorHandler(async (error, req, reply) => {
    const kind = errorKindOf(error);
    if (kind === "server") req.log.error({ err: error }, "request failed");
    else if (!(error instanceof AppError)) req.log.info({ code: (error as { code?: string }).code }, "request refused");
    // The request context may not exist if the failure came before it (e.g. a malformed cookie header).
    if (!req.t) prepareRequest(req, reply, deps.config);
    // A redirect that failed must not leave its Location on the error page.
    reply.removeHeader("location");
    return reply.page(h(ErrorPage, { kind }), ERROR_KINDS[kind].status);
  });
  app.setNotFoundHandler(async (_req, reply) => reply.page(h(ErrorPage, { kind: "notFound" }), 404));

  app.get("/health", async (_req, reply) => {
    const ok = await isDatabaseReachable(deps.db);
    return reply.code(ok ? 200 : 503).send({ ok });
  });

  await app.register(languageRoutes, deps);
  await app.register(jobRoutes, deps);
  await app.register(accountRoutes, deps);
  await app.register(privacyRoutes, deps);
  await app.register(documentRoutes, deps);
  await app.register(addressRoutes, deps);
  await app.register(applicationRoutes, deps);
  await app.register(assessmentRoutes, deps);
  if (!deps.config.production) await app.register(mailboxRoutes, deps);
  return app;
}
