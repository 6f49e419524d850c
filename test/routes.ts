import type { FastifyInstance } from "fastify";

/**
 * Every route the app serves, read from Fastify's printed route tree: a table of routes in a test can then
 * be checked for completeness, so a new route cannot slip past its access test.
 */
export function registeredRoutes(app: FastifyInstance): { path: string; methods: string[] }[] {
  const lines = app.printRoutes({ commonPrefix: false }).split("\n");
  const stack: string[] = [];
  const routes: { path: string; methods: string[] }[] = [];
  for (const line of lines) {
    const match = line.match(/^([\s│]*)[├└]── (.+?) \(([^)]*)\)$/u);
    if (!match) continue;
    const depth = [...match[1]!].length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? "") + match[2]!;
    stack[depth] = path;
    routes.push({ path: path.length > 1 ? path.replace(/\/$/, "") : path, methods: match[3]!.split(", ").filter((m) => m !== "HEAD") });
  }
  return routes;
}
