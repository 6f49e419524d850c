import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedDataPath, openDatabase } from "./database.ts";
import { createEmbeddedDatabaseApart } from "./embedded-first-start.ts";

const MIGRATIONS = readdirSync(path.resolve(import.meta.dirname, "../../../migrations")).filter((f) => f.endsWith(".sql")).length;

let dataDir = "";
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("the embedded database's first start", () => {
  it("creates and migrates the database in a process of its own, so this one does not keep the memory that takes", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "portal-first-start-"));
    const before = process.memoryUsage().rss;
    await createEmbeddedDatabaseApart(dataDir);
    // Creating and migrating in this process would hold about 500 MB more for good.
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    expect(existsSync(path.join(embeddedDataPath(dataDir), "PG_VERSION"))).toBe(true);

    const database = await openDatabase({ dataDir });
    try {
      const applied = await database.db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
      expect((applied as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(MIGRATIONS);
      const tables = await database.db.execute(sql`SELECT to_regclass('public.candidates') IS NOT NULL AS present`);
      expect((tables as unknown as { rows: { present: boolean }[] }).rows[0]?.present).toBe(true);
    } finally {
      await database.close();
    }
  });
});
