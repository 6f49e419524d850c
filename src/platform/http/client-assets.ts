import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { PROJECT_ROOT } from "../project-root.ts";

const root = PROJECT_ROOT;
/** Where the built assets go; served under /assets/ with a year's immutable caching. */
export const ASSET_DIR = path.join(root, "public/build");
const MANIFEST = path.join(ASSET_DIR, "manifest.json");
/** The hash of the sources the assets in ASSET_DIR were built from. */
const SOURCES_STAMP = path.join(ASSET_DIR, "sources.sha256");
/** What the assets are made from: the scripts, the style sheets and icon, and the packages' versions (esbuild's, the tokens'). */
const SOURCES = ["src/client", "public/site.css", "public/office.css", "public/favicon.svg", "package-lock.json"];

/** Each asset by its plain name (site.css) and the address of its content-hashed file (/assets/site-3F2A….css). */
export type AssetManifest = { "enhance.js": string; "site.css": string; "office.css": string; "tokens.css": string; "favicon.svg": string };

const ASSET_NAMES = ["enhance.js", "site.css", "office.css", "tokens.css", "favicon.svg"] as const;

/**
 * Bundles the browser script (minified ESM) and the style sheets, names every file after a hash of its
 * content, writes a brotli and a gzip copy beside each (served as they are, never compressed per request),
 * and records the names in manifest.json. Building the same sources again gives the same names, so a
 * server already running keeps finding its files.
 */
export async function buildClientAssets(): Promise<AssetManifest> {
  await mkdir(ASSET_DIR, { recursive: true });
  const { build, stop } = await import("esbuild");
  // esbuild answers from a service process of its own: stopped once the bundle is made, so none stays behind.
  const result = await build({
    entryPoints: {
      enhance: path.join(root, "src/client/enhance.ts"),
      site: path.join(root, "public/site.css"),
      office: path.join(root, "public/office.css"),
      tokens: path.join(root, "node_modules/@digital-go-jp/design-tokens/dist/tokens.css"),
    },
    outdir: ASSET_DIR,
    entryNames: "[name]-[hash]",
    bundle: true,
    minify: true,
    format: "esm",
    target: ["es2020", "safari15"],
    metafile: true,
    logLevel: "warning",
  }).finally(() => stop());
  const built: Partial<Record<string, string>> = {};
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint) continue;
    const file = path.basename(output);
    built[`${file.slice(0, file.lastIndexOf("-"))}${path.extname(file)}`] = file;
  }
  const favicon = await readFile(path.join(root, "public/favicon.svg"));
  const faviconFile = `favicon-${createHash("sha256").update(favicon).digest("hex").slice(0, 8).toUpperCase()}.svg`;
  await writeFile(path.join(ASSET_DIR, faviconFile), favicon);
  built["favicon.svg"] = faviconFile;

  const manifest = {} as AssetManifest;
  for (const name of ASSET_NAMES) {
    const file = built[name];
    if (!file) throw new Error(`the asset build made no ${name}`);
    manifest[name] = `/assets/${file}`;
    const bytes = await readFile(path.join(ASSET_DIR, file));
    await writeFile(path.join(ASSET_DIR, `${file}.br`), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    await writeFile(path.join(ASSET_DIR, `${file}.gz`), gzipSync(bytes, { level: 9 }));
  }
  // Written whole and renamed, so a server starting meanwhile never reads half a manifest.
  const temporary = `${MANIFEST}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(manifest, null, 2));
  await rename(temporary, MANIFEST);
  return manifest;
}

/** A SHA-256 over the paths and contents of the files under `paths` (files or folders, relative to the project). */
async function sourcesHash(paths: readonly string[]): Promise<string> {
  const hash = createHash("sha256");
  const visit = async (relative: string): Promise<void> => {
    const full = path.join(root, relative);
    const entries = await readdir(full, { withFileTypes: true }).catch(() => null);
    if (!entries) {
      hash.update(`${relative}\0`).update(await readFile(full));
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) await visit(path.join(relative, entry.name));
  };
  for (const p of paths) await visit(p);
  return hash.digest("hex");
}

/**
 * The assets, built only when their sources changed since the last build (its hash is kept beside the
 * manifest): a restart with nothing changed neither loads esbuild nor compresses anything.
 */
export async function ensureClientAssets(): Promise<AssetManifest> {
  const [hash, manifest, built] = await Promise.all([sourcesHash(SOURCES), readAssetManifest(), readFile(SOURCES_STAMP, "utf8").catch(() => null)]);
  if (manifest && built === hash) return manifest;
  const fresh = await buildClientAssets();
  await writeFile(SOURCES_STAMP, hash);
  return fresh;
}

/** The manifest of the last build, or null when nothing has been built yet. */
export async function readAssetManifest(): Promise<AssetManifest | null> {
  try {
    const manifest = JSON.parse(await readFile(MANIFEST, "utf8")) as Partial<AssetManifest>;
    return ASSET_NAMES.every((name) => typeof manifest[name] === "string") ? (manifest as AssetManifest) : null;
  } catch {
    return null;
  }
}
