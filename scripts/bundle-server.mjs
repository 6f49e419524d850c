/**
 * How `npm start` bundles the server (see start.mjs): our TypeScript only, packages stay in node_modules.
 * The document inspection runs in worker threads, and a worker needs a file of its own, so the worker's entry
 * is bundled beside the server as dist/inspection-worker.js, where the server's inspection pool looks for it.
 */
import { build } from "esbuild";

/** The bundle's entry points, by the name of the file each becomes. */
export const BUNDLE_ENTRIES = {
  server: "src/server.ts",
  "inspection-worker": "src/modules/documents/inspection/inspection-worker.ts",
};

/** Bundles `entryPoints` (name → source) into `outdir`, one ESM file each. */
export async function bundleServer(entryPoints, outdir) {
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
}
