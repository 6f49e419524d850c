/**
 * How `npm start` bundles the server (see start.mjs): our TypeScript only, packages stay in node_modules.
 * The document inspection runs in worker threads, and a worker needs a file of its own, so the worker's entry
 * is bundled beside the server as dist/inspection-worker.js, where the server's inspection pool looks for it;
 * the embedded database's first start runs apart the same way, from dist/create-embedded-database.js.
 */
import { createHash } from "node:crypto";
import { access, mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/** What the bundle is made from: our sources (tests aside), the TypeScript settings, esbuild's version (the lock) and this file. */
const SOURCES = ["src", "tsconfig.json", "package-lock.json", "scripts/bundle-server.mjs"];

/** The bundle's entry points, by the name of the file each becomes. */
export const BUNDLE_ENTRIES = {
  server: "src/server.ts",
  "inspection-worker": "src/modules/documents/inspection/inspection-worker.ts",
  "create-embedded-database": "src/platform/db/create-embedded-database.ts",
};

/** A SHA-256 over the paths and contents of the files under `paths` (files or folders, relative to the project). */
async function sourcesHash(paths) {
  const hash = createHash("sha256");
  const visit = async (relative) => {
    const full = path.join(root, relative);
    const entries = await readdir(full, { withFileTypes: true }).catch(() => null);
    if (!entries) {
      hash.update(`${relative}\0`).update(await readFile(full));
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isFile() && /\.test\.tsx?$/.test(entry.name)) continue;
      await visit(path.join(relative, entry.name));
    }
  };
  for (const p of paths) await visit(p);
  return hash.digest("hex");
}

/**
 * Bundles unless `outdir` already holds the bundle of these very sources (the hash of what it was made from
 * is kept beside it): a restart with nothing changed neither loads esbuild nor waits for it. Answers
 * whether it bundled.
 */
export async function bundleServerUnlessBuilt(entryPoints, outdir) {
  const stamp = path.join(outdir, "sources.sha256");
  const hash = `${await sourcesHash(SOURCES)} ${JSON.stringify(entryPoints)}`;
  const outputs = Object.keys(entryPoints).map((name) => path.join(outdir, `${name}.js`));
  const built = await readFile(stamp, "utf8").catch(() => null);
  if (
    built === hash &&
    (
      await Promise.all(
        outputs.map((o) =>
          access(o).then(
            () => true,
            () => false,
          ),
        ),
      )
    ).every(Boolean)
  )
    return false;
  await bundleServer(entryPoints, outdir);
  await writeFile(stamp, hash);
  return true;
}

/**
 * Bundles `entryPoints` (name → source) into `outdir`, one ESM file each, and stops esbuild's service process.
 * Each file is written beside its place and renamed into it, so a process starting from `outdir` while
 * another bundles into it (two servers started at once) reads a whole file, never a half-written one.
 */
export async function bundleServer(entryPoints, outdir) {
  const { build, stop } = await import("esbuild");
  let outputFiles;
  try {
    ({ outputFiles } = await build({
      entryPoints,
      outdir,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      sourcemap: true,
      logLevel: "warning",
      write: false,
    }));
  } finally {
    await stop();
  }
  await mkdir(outdir, { recursive: true });
  for (const file of outputFiles) {
    const partial = `${file.path}.${process.pid}.partial`;
    await writeFile(partial, file.contents);
    await rename(partial, file.path);
  }
}
