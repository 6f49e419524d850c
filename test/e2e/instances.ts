/**
 * The portal as separate server processes for the tests that need real processes: two instances on one
 * database, faults. Each runs the compiled bundle (dist/server.js) with plain Node, as `npm start` does.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { BUNDLE_ENTRIES, bundleServer } from "../../scripts/bundle-server.mjs";

const root = path.resolve(import.meta.dirname, "../..");
/** How long a start may take on a busy machine before a test gives up on it. */
export const START_TIMEOUT_MS = 120_000;

/** Compiles the server into dist/ as `npm start` does. */
export async function compileServer(): Promise<void> {
  await bundleServer(BUNDLE_ENTRIES, path.join(root, "dist"));
}

/** A port on 127.0.0.1 that nothing listens on just now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export type Instance = { baseUrl: string; child: ChildProcess; stderr: () => string };

/** Starts one compiled server process on its own port and data directory against the shared database. */
export async function startInstance(env: NodeJS.ProcessEnv): Promise<Instance> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), "portal-instance-"));
  const { TEST_DATABASE_URL: _test, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--enable-source-maps", "dist/server.js"], {
    cwd: root,
    env: { ...inherited, ...env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", NODE_ENV: "development" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  child.once("exit", () => void rm(dataDir, { recursive: true, force: true }));
  return { baseUrl: `http://127.0.0.1:${port}`, child, stderr: () => stderr };
}

export async function untilHealthy(instance: Instance): Promise<void> {
  const until = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < until) {
    if (instance.child.exitCode !== null) throw new Error(`an instance exited while starting:\n${instance.stderr()}`);
    const ok = await fetch(`${instance.baseUrl}/health`, { signal: AbortSignal.timeout(2_000) })
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`an instance did not answer its health check within ${START_TIMEOUT_MS / 1000} s:\n${instance.stderr()}`);
}

export async function stopInstance(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once("exit", resolve));
  instance.child.kill("SIGTERM");
  await exited;
}
