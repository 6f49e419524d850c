import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import type { Db } from "./database.ts";

const dialect = new PgDialect();

/**
 * A statement prepared once per database on first use: its SQL is built once, and on PostgreSQL each pooled
 * connection parses and plans it once, so later calls send only the values. For the queries every page makes.
 */
export function preparedPerDatabase<P>(build: (db: Db) => P): (db: Db) => P {
  const built = new WeakMap<Db, P>();
  return (db) => {
    let prepared = built.get(db);
    if (!prepared) {
      prepared = build(db);
      built.set(db, prepared);
    }
    return prepared;
  };
}

/**
 * Runs a hand-written statement as a named prepared statement: on PostgreSQL each pooled connection parses
 * and plans it once, and every later call sends only the values. `name` must always stand for the same
 * statement text (the values vary, the SQL does not). PGlite, in the process, runs it as it is; so does a
 * transaction, whose connection is borrowed for a moment.
 */
export async function queryPrepared<R extends Record<string, unknown>>(db: Db, name: string, statement: SQL): Promise<R[]> {
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) {
    const { sql: text, params } = dialect.sqlToQuery(statement);
    return (await client.query<R>({ name, text, values: params })).rows;
  }
  const result = (await db.execute(statement)) as unknown as { rows: R[] };
  return result.rows;
}
