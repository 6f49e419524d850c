import { readFile } from "node:fs/promises";
import type pg from "pg";
import { type Database, type Db, openDatabase } from "../src/platform/db/database.ts";
import { databaseUrl, onServer, testDatabaseName } from "./postgres-server.ts";

/**
 * The migrated database a run clones for every test file (made once per run by test/database-template.ts):
 * a PGlite data directory dumped to a tarball, or a database on the PostgreSQL server.
 */
export type DatabaseTemplate = { kind: "pglite"; dumpFile: string } | { kind: "postgres"; serverUrl: string; name: string };

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplate?: DatabaseTemplate;
  }
}

/** PostgreSQL's "object in use": CREATE DATABASE … TEMPLATE while something is still connected to the template. */
const OBJECT_IN_USE = "55006";

/**
 * Creates `name` as a copy of the template. PostgreSQL refuses while any session is connected to the template;
 * it waits a few seconds for such a session by itself, and this waits longer for a busy machine.
 */
async function cloneTemplate(client: pg.Client, template: string, name: string): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== OBJECT_IN_USE || Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** The run's template for the engine this process tests, if the run made one. */
async function templateFor(serverUrl: string | undefined): Promise<DatabaseTemplate | undefined> {
  // Imported here, not at the top: scripts outside Vitest (npm run load) share the helpers that import this file.
  const { inject } = await import("vitest");
  const template = inject("databaseTemplate");
  if (!template) return undefined;
  if (template.kind === "postgres") return serverUrl === template.serverUrl ? template : undefined;
  return serverUrl ? undefined : template;
}

/**
 * A fresh, migrated database for one test file: in-process PGlite by default, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL (dropped again on close). Both start as a copy of the run's
 * migrated template; without one (a run that did not make it), the database is migrated here.
 */
export async function freshDatabase(): Promise<Database & { url: string | null }> {
  const serverUrl = process.env.TEST_DATABASE_URL || undefined;
  const template = await templateFor(serverUrl);
  if (!serverUrl) {
    if (template?.kind !== "pglite") return { ...(await openDatabase({})), url: null };
    return { ...(await openDatabase({ loadDataDir: new Blob([await readFile(template.dumpFile)]) })), url: null };
  }
  const name = testDatabaseName("portal_test");
  await onServer(serverUrl, (client) =>
    template?.kind === "postgres" ? cloneTemplate(client, template.name, name) : client.query(`CREATE DATABASE ${name}`).then(() => undefined),
  );
  const url = databaseUrl(serverUrl, name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 5 });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Which engine the integration tests run on, for test names and skips-with-reason. */
export const databaseKind = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

/**
 * How many statements `db` is sent while `run` runs, and until the event loop turns once more (so a hook
 * that queries after its response has gone out still counts): each query sent through the driver, and each
 * transaction as one. A driver call made inside another (node-postgres's pool query takes a connection)
 * is part of that one.
 */
export async function statementsDuring(db: Db, run: () => Promise<unknown>): Promise<number> {
  const client = (db as unknown as { $client: Record<string, unknown> }).$client;
  const sending = ["query", "exec", "transaction", "connect"].filter((method) => typeof client[method] === "function");
  const originals = sending.map((method) => [method, client[method] as (...args: unknown[]) => unknown] as const);
  let sent = 0;
  let inside = 0;
  for (const [method, original] of originals) {
    client[method] = function (this: unknown, ...args: unknown[]) {
      if (inside === 0) sent++;
      inside++;
      try {
        return original.apply(this, args);
      } finally {
        inside--;
      }
    };
  }
  try {
    await run();
    await new Promise((resolve) => setImmediate(resolve));
    return sent;
  } finally {
    for (const [method, original] of originals) client[method] = original;
  }
}
