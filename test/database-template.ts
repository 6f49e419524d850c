/**
 * Vitest global setup: migrates one database per run, with the portal's own `openDatabase`, for every test
 * file to start from a copy of (test/database.ts, `freshDatabase`). Migrating is most of what a fresh
 * database costs; copying a migrated one is a fraction of it.
 *
 * - PGlite: migrated in a temporary directory, dumped with `dumpDataDir("none")` (an uncompressed tarball:
 *   a larger temporary file, but nothing to unzip in every file), loaded by each file into memory.
 * - PostgreSQL (TEST_DATABASE_URL): a database named for this run, closed to connections once migrated
 *   (a template cannot be copied while anyone is connected to it), copied with CREATE DATABASE … TEMPLATE
 *   and dropped when the run ends.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../src/platform/db/database.ts";
import type { DatabaseTemplate } from "./database.ts";
import { databaseUrl, onServer, testDatabaseName } from "./postgres-server.ts";

async function pgliteTemplate(): Promise<{ template: DatabaseTemplate; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "portal-template-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await (await openDatabase({ dataDir: dir })).close();
    // openDatabase keeps its files under <dataDir>/pglite.
    const migrated = new PGlite(path.join(dir, "pglite"));
    await migrated.waitReady;
    const dump = await migrated.dumpDataDir("none");
    await migrated.close();
    const dumpFile = path.join(dir, "template.tar");
    await writeFile(dumpFile, Buffer.from(await dump.arrayBuffer()));
    await rm(path.join(dir, "pglite"), { recursive: true, force: true });
    return { template: { kind: "pglite", dumpFile }, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

async function postgresTemplate(serverUrl: string): Promise<{ template: DatabaseTemplate; remove: () => Promise<void> }> {
  const name = testDatabaseName("portal_template");
  const remove = () => onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  try {
    await (await openDatabase({ databaseUrl: databaseUrl(serverUrl, name), poolSize: 1 })).close();
    await onServer(serverUrl, (client) => client.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`));
    return { template: { kind: "postgres", serverUrl, name }, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL || undefined;
  const { template, remove } = serverUrl ? await postgresTemplate(serverUrl) : await pgliteTemplate();
  project.provide("databaseTemplate", template);
  return remove;
}
