import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { PROJECT_ROOT } from "../project-root.ts";

/** The database handle every domain function takes: the same type for PGlite, PostgreSQL and a transaction. */
export type Db = PgDatabase<PgQueryResultHKT>;

export type Database = {
  db: Db;
  kind: "embedded" | "postgres";
  close: () => Promise<void>;
};

const MIGRATIONS_FOLDER = path.join(PROJECT_ROOT, "migrations");

/** A lock number all instances agree on, so only one of them migrates at a time. */
const MIGRATION_LOCK = 7_230_107_874;

/**
 * Opens PostgreSQL when a URL is given, otherwise the embedded PGlite under dataDir (or in memory), and migrates
 * it (with the project's migrations, or another folder's when a test replays an older history).
 * `loadDataDir` starts an in-memory PGlite from a `dumpDataDir()` tarball instead of an empty database (the
 * tests clone one migrated template this way); migrating it then finds nothing left to apply.
 */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  loadDataDir?: Blob | undefined;
  poolSize?: number;
  migrationsFolder?: string;
}): Promise<Database> {
  const migrationsFolder = options.migrationsFolder ?? MIGRATIONS_FOLDER;
  if (options.databaseUrl) {
    // A server that cannot be reached at all (a network partition rather than a refusal) fails the request
    // instead of holding it until the client gives up. The same limit covers waiting for a free connection
    // of the pool, which a cohort at once on a small machine needs for many seconds, so it is generous.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, connectionTimeoutMillis: 30_000 });
    // An idle connection the server closes (restart, failover) must not crash the process: the pool drops
    // it and the next query opens a new one.
    pool.on("error", () => undefined);
    // A connection in use that the server drops (a restart, a terminated backend) emits on the client
    // itself; its query fails on its own, and the request answers 503 instead of the process exiting.
    pool.on("connect", (client) => {
      client.on("error", () => undefined);
    });
    const db = drizzlePg(pool) as unknown as Db;
    const client = await pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await migratePg(drizzlePg(client), { migrationsFolder });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
    return { db, kind: "postgres", close: () => pool.end() };
  }
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const client = options.loadDataDir
    ? new PGlite({ loadDataDir: options.loadDataDir })
    : options.dataDir
      ? new PGlite(embeddedDataPath(options.dataDir))
      : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder });
  return { db, kind: "embedded", close: () => client.close() };
}

/** Where under DATA_DIR the embedded database keeps its files. */
export function embeddedDataPath(dataDir: string): string {
  return path.join(dataDir, "pglite");
}

/** Answers whether the database responds, for the health check. */
export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`SELECT 1`);
    return true;
  } catch {
    return false;
  }
}
