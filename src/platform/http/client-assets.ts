import path from "node:path";
import { build } from "esbuild";
import { PROJECT_ROOT } from "../project-root.ts";

const root = PROJECT_ROOT;

/** Bundles the browser scripts in src/client/ into public/build/ (minified ESM), in a few tens of milliseconds. */
export async function buildClientAssets(): Promise<void> {
  await build({
    entryPoints: [path.join(root, "src/client/enhance.ts")],
    outdir: path.join(root, "public/build"),
    bundle: true,
    minify: true,
    format: "esm",
    target: ["es2020", "safari15"],
    logLevel: "warning",
  });
}
