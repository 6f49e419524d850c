import { lt, sql } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../db/database.ts";
import { rateWindows } from "../db/schema.ts";
import { keyedHash } from "../security/secrets.ts";
import { AppError } from "./errors.ts";

export type RateLimit = { name: string; limit: number; windowMs: number };

/**
 * Counts one more request for a key in the current window and says whether it is within the limit, in one
 * atomic statement: however many instances and parallel requests, the count is exact.
 */
export async function countRequest(db: Db, input: { key: string; rule: RateLimit; now: Date }): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const start = Math.floor(input.now.getTime() / input.rule.windowMs) * input.rule.windowMs;
  const windowStart = new Date(start);
  const result = await db.execute(sql`
    INSERT INTO rate_windows (key, window_start, count) VALUES (${`${input.rule.name}:${input.key}`}, ${windowStart.toISOString()}::timestamptz, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_windows.count + 1
    RETURNING count`);
  const count = Number((result as unknown as { rows: { count: number }[] }).rows[0]?.count ?? 0);
  return { allowed: count <= input.rule.limit, retryAfterSeconds: Math.max(1, Math.ceil((start + input.rule.windowMs - input.now.getTime()) / 1000)) };
}

/** Deletes windows more than a day old; run by housekeeping. */
export async function purgeRateWindows(db: Db, now: Date): Promise<number> {
  const purged = await db
    .delete(rateWindows)
    .where(lt(rateWindows.windowStart, new Date(now.getTime() - 24 * 3600 * 1000)))
    .returning({ key: rateWindows.key });
  return purged.length;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** How many of these requests one client address may make per window. */
    rateLimit?: RateLimit;
  }
}

/**
 * The preHandler that enforces a route's declared `rateLimit` per client address (its HMAC, never the
 * address itself): over the limit the request is refused with 429 and Retry-After before it does anything.
 */
export function rateLimitGuard(deps: { db: Db; now: () => Date; secret: string }) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const rule = req.routeOptions.config?.rateLimit;
    if (!rule) return;
    const outcome = await countRequest(deps.db, { key: keyedHash(deps.secret, "address", req.ip), rule, now: deps.now() });
    if (outcome.allowed) return;
    reply.header("retry-after", String(outcome.retryAfterSeconds));
    throw new AppError("tooMany", `${rule.name} limit reached for one address`);
  };
}
