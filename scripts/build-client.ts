/** Bundles the browser scripts in src/client/ into public/build/ (minified, one file per entry). */
import { build } from "esbuild";

await build({
  entryPoints: ["src/client/enhance.ts"],
  outdir: "public/build",
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020", "safari15"],
  logLevel: "warning",
});
