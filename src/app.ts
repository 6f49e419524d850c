import { constants } from "node:zlib";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from "fastify";
import { isDatabaseReachable } from "./platform/db/database.ts";
import { browserContext, prepareBrowser } from "./platform/http/browser-context.ts";
import { ASSET_DIR, type AssetManifest, buildClientAssets, readAssetManifest } from "./platform/http/client-assets.ts";
import type { AppDeps } from "./platform/http/deps.ts";
import { describeError, errorKindOf } from "./platform/http/errors.ts";
import { formBody, MAX_FORM_BYTES } from "./platform/http/form-body.ts";
import { securityHeaders } from "./platform/http/security-headers.ts";
import { API_PREFIX, apiSurface } from "./web/api/v1/plugin.ts";
import { sendProblem } from "./web/api/v1/problem.ts";
import { candidateSurface, sendCandidateError } from "./web/candidate/plugin.tsx";
import { OFFICE_PREFIX, officeSurface, sendOfficeError } from "./web/office/plugin.tsx";

declare module "fastify" {
  interface FastifyInstance {
    /** The content-hashed addresses of the style sheets, the script and the icon. */
    assets: AssetManifest;
  }
}

/** Headers that must never reach a log line. */
const REDACT = ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'];

/**
 * What a log line says of a request: its method and route pattern, never the path or query as sent (they
 * hold postal codes, ids and return addresses) nor the client's address.
 */
const LOG_SERIALIZERS = {
  req: (req: FastifyRequest) => ({ method: req.method, url: req.routeOptions?.url ?? "(unrouted)", id: req.id }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  err: describeError,
};

/** TRUST_PROXY as Fastify takes it: a hop count becomes "trust the nearest n hops". */
function trustedProxies(setting: AppDeps["config"]["trustProxy"]): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === "number") return (_address, hop) => hop < setting;
  return setting;
}

/** Builds the portal as a Fastify instance without listening, so tests can `inject` requests. */
export async function buildApp(deps: AppDeps, options: { logLevel?: string; logStream?: { write: (line: string) => void } } = {}): Promise<FastifyInstance> {
  const headers = securityHeaders({ https: deps.config.secureCookies });
  const app = Fastify({
    // Logs keep method, url and status; never bodies (PINs, codes, personal data) or cookies.
    logger: options.logLevel
      ? { level: options.logLevel, redact: REDACT, serializers: LOG_SERIALIZERS, ...(options.logStream ? { stream: options.logStream } : {}) }
      : false,
    // One line per request, written when it is answered (below), instead of one when it comes and one when it goes.
    logController: new LogController({ disableRequestLogging: true }),
    // A malformed URL (bad escape, over-long id) never reaches the hooks: it still gets its surface's own page.
    frameworkErrors: (error, req, raw) => {
      const reply = raw as unknown as FastifyReply;
      reply.headers(headers);
      prepareBrowser(req, reply, deps.config);
      const kind = errorKindOf(error);
      if (req.url.startsWith(`${API_PREFIX}/`)) return sendProblem(reply, kind);
      if (req.url.startsWith(`${OFFICE_PREFIX}/`) || req.url === OFFICE_PREFIX) return sendOfficeError(req, reply, deps, kind);
      return sendCandidateError(req, reply, deps, kind);
    },
    bodyLimit: MAX_FORM_BYTES,
    // Only the proxies named in TRUST_PROXY may say who the client is; by default nobody can.
    trustProxy: trustedProxies(deps.config.trustProxy),
    routerOptions: { maxParamLength: 200 },
  });

  // Pages made per request are compressed as they are sent, with brotli at quality 1 (or gzip). Measured on
  // the 8 KB wizard page under load, quality 3 cost about 0.06 ms more per page for 180 bytes less (3.3 KB
  // against 3.5 KB), a tenth of the server's work on that page. Pages kept for everyone (shared-pages.ts) and
  // the static files are compressed once, harder.
  await app.register(compress, {
    encodings: ["br", "gzip"],
    threshold: 1024,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } },
    // A page is compressed in one call rather than through a zlib stream: on a machine of one or two cores
    // there is no spare core for the stream to overlap with, and its set-up cost more than the compression.
    syncThreshold: 65_536,
  });
  if (options.logLevel) {
    app.addHook("onResponse", async (req, reply) => {
      req.log.info({ req, res: reply, responseTime: reply.elapsedTime }, "request completed");
    });
  }
  await app.register(cookie);
  await app.register(formBody);
  app.addHook("onRequest", async (_req, reply) => {
    reply.headers(headers);
  });

  app.decorate("assets", (await readAssetManifest()) ?? (await buildClientAssets()));
  // Every file's name carries a hash of its content, so a browser may keep it for a year without asking again.
  await app.register(fastifyStatic, {
    root: ASSET_DIR,
    prefix: "/assets/",
    preCompressed: true,
    cacheControl: false,
    decorateReply: false,
    setHeaders: (res) => res.header("cache-control", "public, max-age=31536000, immutable"),
  });
  app.get("/favicon.ico", async (_req, reply) => reply.header("cache-control", "public, max-age=86400").redirect(app.assets["favicon.svg"], 301));

  app.get("/health", async (_req, reply) => {
    const ok = await isDatabaseReachable(deps.db);
    return reply.code(ok ? 200 : 503).send({ ok });
  });

  await app.register(browserContext, { config: deps.config });
  await app.register(candidateSurface, deps);
  // The surfaces get the dependencies alone, never the registration options (the prefix would repeat below).
  await app.register(async (office) => officeSurface(office, deps), { prefix: OFFICE_PREFIX });
  await app.register(async (api) => apiSurface(api, deps), { prefix: API_PREFIX });
  return app;
}
