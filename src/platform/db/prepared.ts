import { PGlite } from "@electric-sql/pglite";
import { fillPlaceholders, is, Placeholder, type SQL, sql } from "drizzle-orm";
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
 * A hand-written statement whose SQL text is built once per process, with placeholders in place of the
 * values, so each call sends only the values: on PostgreSQL as the named prepared statement `name`, which
 * each pooled connection parses and plans once; on PGlite, in the process, as it is. `build` must only
 * place its values in the SQL, never compute with them or choose by them (a value computed in JavaScript
 * is refused when the text is built). Rows come as the driver reads them (timestamps as Dates). In a
 * transaction, whose connection is borrowed for a moment, the statement is built with the values and run
 * as `execute` runs it (timestamps as text).
 */
export function preparedStatement<V extends Record<string, unknown>, R extends Record<string, unknown>>(
  name: string,
  build: (values: V) => SQL,
): (db: Db, values: V) => Promise<R[]> {
  let text: { sql: string; params: unknown[] } | undefined;
  return async (db, values) => {
    const client = (db as { $client?: unknown }).$client;
    if (!(client instanceof pg.Pool || client instanceof PGlite)) return ((await db.execute(build(values))) as unknown as { rows: R[] }).rows;
    if (!text) text = statementText(name, build);
    const params = fillPlaceholders(text.params, values);
    if (client instanceof PGlite) return (await client.query<R>(text.sql, params)).rows;
    return (await client.query<R>({ name, text: text.sql, values: params })).rows;
  };
}

function statementText<V extends Record<string, unknown>>(name: string, build: (values: V) => SQL): { sql: string; params: unknown[] } {
  const placeholders = new Proxy({} as V, { get: (_, key) => sql.placeholder(String(key)) });
  const built = dialect.sqlToQuery(build(placeholders));
  if (!built.params.every((param) => is(param, Placeholder))) throw new Error(`statement ${name} computes with its values: place them as they are`);
  return built;
}
