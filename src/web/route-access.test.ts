import Fastify, { type FastifyInstance } from "fastify";
import { describe, expect, it } from "vitest";
import { CANDIDATE, PUBLIC, requireDeclaredAccess } from "./route-access.ts";

async function start(routes: (surface: FastifyInstance) => void, kinds: Parameters<typeof requireDeclaredAccess>[2]): Promise<void> {
  const app = Fastify();
  try {
    await app.register(async (surface) => {
      requireDeclaredAccess(surface, "test", kinds);
      routes(surface);
    });
    await app.ready();
  } finally {
    await app.close();
  }
}

describe("a surface's routes", () => {
  it("start when each declares who may call it", async () => {
    await expect(
      start(
        (surface) => {
          surface.get("/declared", PUBLIC, async () => "ok");
          surface.get("/mine", CANDIDATE, async () => "ok");
        },
        ["public", "candidate"],
      ),
    ).resolves.toBeUndefined();
  });

  it("must each declare who may call them, or the surface does not start", async () => {
    await expect(start((surface) => surface.get("/forgotten", async () => "ok"), ["public", "candidate"])).rejects.toThrow(
      /GET \/forgotten must declare its access/,
    );
  });

  it("may only declare kinds of access the surface enforces", async () => {
    await expect(start((surface) => surface.get("/candidate-only", CANDIDATE, async () => "ok"), ["public"])).rejects.toThrow(
      /candidate-only must declare its access \(public\)/,
    );
  });
});
