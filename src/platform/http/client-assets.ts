import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

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
