import { type Column, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/** Column types whose JSON form reads back as the column's value, and the one that needs a Date made (a timestamp read as a Date; one read as text is PgTimestampString). */
const AS_THEMSELVES = new Set(["PgUUID", "PgText", "PgBoolean", "PgSmallInt", "PgInteger", "PgJsonb", "PgJson"]);
const AS_DATE = "PgTimestamp";

/** PostgreSQL takes at most 100 arguments in a call, two per column here. */
const MOST_COLUMNS = 50;

/**
 * One row of `table` read as a single JSON value keyed by the schema's property names, decoded back into the
 * row its columns would have given (timestamps as Dates, JSON columns as their values), or null when the row
 * is missing (its primary key null, as in a left join that found nothing). Reading a wide row as one value
 * spares the driver a field description and a conversion per column on every execution: for the rows every
 * page reads with its session.
 */
export function rowAsJson<T extends PgTable, K extends keyof T["$inferSelect"] & string = never>(
  table: T,
  omit: readonly K[] = [],
): SQL<Omit<T["$inferSelect"], K> | null> {
  const columns = Object.entries(getTableColumns(table) as Record<string, Column>).filter(([key]) => !omit.includes(key as K));
  if (columns.length > MOST_COLUMNS) throw new Error(`rowAsJson reads at most ${MOST_COLUMNS} columns, not ${columns.length}`);
  const dates: string[] = [];
  for (const [key, column] of columns) {
    if (column.columnType === AS_DATE) dates.push(key);
    else if (!AS_THEMSELVES.has(column.columnType)) throw new Error(`rowAsJson cannot read ${key} (${column.columnType}) back from JSON`);
  }
  const key = columns.find(([, column]) => column.primary)?.[1];
  if (!key) throw new Error("rowAsJson needs the table's primary key, to tell a missing row");
  // The keys are written into the text (they are the schema's own names), so the statement binds no more values.
  const pairs = sql.join(
    columns.map(([name, column]) => {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`rowAsJson cannot name a key ${name}`);
      return sql`${sql.raw(`'${name}'`)}, ${column}`;
    }),
    sql`, `,
  );
  return sql`case when ${key} is null then null else json_build_object(${pairs}) end`.mapWith((value: unknown) => {
    const row = (typeof value === "string" ? JSON.parse(value) : value) as Record<string, unknown>;
    for (const key of dates) if (row[key] !== null) row[key] = new Date(row[key] as string);
    return row as Omit<T["$inferSelect"], K>;
  });
}
