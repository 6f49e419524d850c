import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { embeddedDataPath } from "./database.ts";

/**
 * The embedded database's first start, in a process of its own. PGlite's memory grows while it creates the
 * database and runs every migration, and WebAssembly memory is never given back: a portal that did this
 * itself would keep about 850 MB for as long as it runs, where one that opens a finished database needs
 * about 400 MB. Does nothing when the database already exists (a restart), which then migrates as usual.
 */
export async function createEmbeddedDatabaseApart(dataDir: string): Promise<void> {
  if (existsSync(path.join(embeddedDataPath(dataDir), "PG_VERSION"))) return;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(creatorEntry()), dataDir], { stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`creating the embedded database under ${dataDir} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/**
 * Where the creator's code is. From source (tests, tsx) this module is `embedded-first-start.ts` and the
 * creator starts through a loader for its TypeScript; in the bundle `npm start` builds, this code sits in
 * `dist/server.js` and the creator's own bundle, `create-embedded-database.js`, beside it.
 */
function creatorEntry(): URL {
  return import.meta.url.endsWith(".ts")
    ? new URL("./load-create-embedded-database.mjs", import.meta.url)
    : new URL("./create-embedded-database.js", import.meta.url);
}
