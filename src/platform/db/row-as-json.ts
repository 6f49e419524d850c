import { type Column, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/**
 * Column types whose JSON form reads back as the column's value, and the one that needs a Date made (a
 * timestamp read as a Date; one read as text is PgTimestampString).
 */
const AS_THEMSELVES = new Set(["PgUUID", "PgText", "PgBoolean", "PgSmallInt", "PgInteger", "PgJsonb", "PgJson"]);
const AS_DATE = "PgTimestamp";

/** PostgreSQL takes at most 100 arguments in a call, two per column here. */
const MOST_COLUMNS = 50;

/** A row of `T` without the columns `K`, as the schema's columns would have read it. */
export type RowOf<T extends PgTable, K extends keyof T["$inferSelect"]> = Omit<T["$inferSelect"], K>;

/**
 * How one row of a table is written as a JSON object keyed by the schema's property names, the column that
 * tells a missing row (the primary key), and how the object is read back into the row.
 */
function jsonObjectOf<T extends PgTable, K extends keyof T["$inferSelect"] & string>(table: T, omit: readonly K[]) {
  const columns = Object.entries(getTableColumns(table) as Record<string, Column>).filter(([key]) => !omit.includes(key as K));
  if (columns.length > MOST_COLUMNS) throw new Error(`rowAsJson reads at most ${MOST_COLUMNS} columns, not ${columns.length}`);
  const dates: string[] = [];
  for (const [key, column] of columns) {
    if (column.columnType === AS_DATE) dates.push(key);
    else if (!AS_THEMSELVES.has(column.columnType)) throw new Error(`rowAsJson cannot read ${key} (${column.columnType}) back from JSON`);
  }
  const primaryKey = columns.find(([, column]) => column.primary)?.[1];
  if (!primaryKey) throw new Error("rowAsJson needs the table's primary key, to tell a missing row");
  // The keys are written into the text (they are the schema's own names), so the statement binds no more values.
  const pairs = sql.join(
    columns.map(([name, column]) => {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`rowAsJson cannot name a key ${name}`);
      return sql`${sql.raw(`'${name}'`)}, ${column}`;
    }),
    sql`, `,
  );
  const read = (row: Record<string, unknown>): RowOf<T, K> => {
    for (const key of dates) if (row[key] !== null) row[key] = new Date(row[key] as string);
    return row as RowOf<T, K>;
  };
  return { object: sql`json_build_object(${pairs})`, primaryKey, read };
}

/** A driver may hand JSON over parsed or as text. */
function parsed(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}

/**
 * One row of `table` read as a single JSON value, decoded back into the row its columns would have given
 * (timestamps as Dates, JSON columns as their values), or null when the row is missing (its primary key
 * null, as in a left join that found nothing). Reading a wide row as one value spares the driver a field
 * description and a conversion per column on every execution: for the rows every page reads with its session.
 */
export function rowAsJson<T extends PgTable, K extends keyof T["$inferSelect"] & string = never>(table: T, omit: readonly K[] = []): SQL<RowOf<T, K> | null> {
  const { object, primaryKey, read } = jsonObjectOf(table, omit);
  return sql`case when ${primaryKey} is null then null else ${object} end`.mapWith((value: unknown) => read(parsed(value) as Record<string, unknown>));
}

/**
 * The rows of `table` that `where` picks, in `orderBy`'s order, as one JSON list read back into rows (see
 * rowAsJson), for a page that lists a few rows beside its session in one statement. With `when`, only when
 * that condition holds (else null), so the same prepared statement serves the pages that do not list them.
 */
export function rowsAsJson<T extends PgTable, K extends keyof T["$inferSelect"] & string = never>(
  table: T,
  query: { omit?: readonly K[]; where: SQL; orderBy: SQL[]; when?: SQL },
): SQL<RowOf<T, K>[] | null> {
  const { object, read } = jsonObjectOf(table, query.omit ?? []);
  const rows = sql`(select coalesce(json_agg(${object} order by ${sql.join(query.orderBy, sql`, `)}), '[]'::json) from ${table} where ${query.where})`;
  const listed = query.when ? sql`case when ${query.when} then ${rows} end` : rows;
  return listed.mapWith((value: unknown) => (parsed(value) as Record<string, unknown>[]).map(read));
}
