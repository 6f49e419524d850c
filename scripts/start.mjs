/**
 * `npm start`: compiles the server into one ESM file (our TypeScript only; packages stay in node_modules)
 * and runs it in this same process. Plain Node starts it in a fraction of the time an on-the-fly
 * TypeScript loader needs, which is most of a later start.
 */
import { build } from "esbuild";

await build({
  entryPoints: ["src/server.ts"],
  outfile: "dist/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
await import("../dist/server.js");
