/**
 * `npm run bench -- startup`: `npm start` on the embedded database, timed from the spawn to the first 200 of
 * /health: once on a fresh data directory (PGlite creates and migrates it, the demo content is seeded) and
 * once more on the same directory (a restart); then the process's RSS, and whether any esbuild process was
 * left running beside it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** Times to the first 200; RSS a second after each start; esbuild processes still running beside the portal. */
export type StartupResult = { firstStartMs: number; restartMs: number; firstRssMb: number; rssMb: number; esbuildLeft: number };

const root = path.resolve(import.meta.dirname, "..");

/** This process's environment without a database URL: the start measured is the embedded one. */
function embeddedEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, ...rest } = process.env;
  return rest;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The processes whose parent is `pid`, by command name. */
function childrenOf(pid: number): string[] {
  const names: string[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === pid) names.push(stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")));
    } catch {
      // The process ended while the list was read.
    }
  }
  return names;
}

function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** Starts the portal as `npm start` does and answers once /health says 200, with the time it took. */
async function startPortal(dataDir: string, port: number): Promise<{ child: ChildProcess; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--enable-source-maps", path.join(root, "scripts/start.mjs")], {
    cwd: root,
    env: { ...embeddedEnv(), DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "development", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  for (;;) {
    if (exited) throw new Error("the portal exited before it answered /health");
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      await res.arrayBuffer();
      if (res.status === 200) return { child, ms: performance.now() - started };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function stopPortal(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

export async function measureStartup(): Promise<StartupResult> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "portal-bench-start-"));
  try {
    const port = await freePort();
    // RSS once the start's garbage has had a moment to go, as an operator would read it.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));
    const first = await startPortal(dataDir, port);
    await settle();
    const firstRssMb = rssMbOf(first.child.pid!);
    const esbuildAfterFirst = childrenOf(first.child.pid!).filter((name) => name.includes("esbuild")).length;
    await stopPortal(first.child);
    const again = await startPortal(dataDir, port);
    await settle();
    const rssMb = rssMbOf(again.child.pid!);
    const esbuildLeft = esbuildAfterFirst + childrenOf(again.child.pid!).filter((name) => name.includes("esbuild")).length;
    await stopPortal(again.child);
    return { firstStartMs: first.ms, restartMs: again.ms, firstRssMb, rssMb, esbuildLeft };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
