import type { FastifyInstance } from "fastify";
import { lookupPostalCode } from "../../../modules/addresses/lookup-postal-code.ts";
import type { AppDeps } from "../../../platform/http/deps.ts";
import { PUBLIC } from "../../route-access.ts";

/** GET /api/postal-codes/:code: the address for a postal code, for the form script that fills it as the candidate types. */
export async function addressRoutes(app: FastifyInstance, _deps: AppDeps): Promise<void> {
  app.get<{ Params: { code: string } }>("/api/postal-codes/:code", PUBLIC, async (req, reply) => {
    const addresses = req.params.code.length <= 20 ? await lookupPostalCode(req.params.code) : [];
    // Postal data changes a few times a year; a day of caching spares the server repeated look-ups.
    return reply.header("cache-control", "public, max-age=86400").send({ addresses });
  });
}
