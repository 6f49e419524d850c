import { readFileSync } from "node:fs";
import path from "node:path";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as tables from "../../modules/tables.ts";
import { PROJECT_ROOT } from "../project-root.ts";

/** Every `table.column` the schema has. */
function schemaColumns(): string[] {
  return (Object.values(tables) as unknown[])
    .filter((t): t is PgTable => t instanceof PgTable)
    .flatMap((t) => {
      const config = getTableConfig(t);
      return config.columns.map((c) => `${config.name}.${c.name}`);
    });
}

/** Every `table.column` docs/privacy.md names: a `### \`table\`` heading, then its rows' first cells. */
function mappedColumns(markdown: string): string[] {
  const named: string[] = [];
  let table: string | null = null;
  for (const line of markdown.split("\n")) {
    const heading = line.match(/^### `([a-z0-9_]+)`$/);
    if (heading) table = heading[1]!;
    else if (line.startsWith("## ")) table = null;
    else if (table && line.startsWith("| `")) {
      const cell = line.split("|")[1] ?? "";
      for (const column of cell.matchAll(/`([a-z0-9_]+)`/g)) named.push(`${table}.${column[1]}`);
    }
  }
  return named;
}

describe("the personal-data map in docs/privacy.md", () => {
  const mapped = mappedColumns(readFileSync(path.join(PROJECT_ROOT, "docs/privacy.md"), "utf8"));

  it("names every column of every table, so a new column comes with its purpose and how long it is kept", () => {
    const missing = schemaColumns().filter((c) => !mapped.includes(c));
    expect(missing).toEqual([]);
  });

  it("names no column the schema no longer has, and none twice", () => {
    const columns = schemaColumns();
    expect(mapped.filter((c) => !columns.includes(c))).toEqual([]);
    expect(mapped.filter((c, i) => mapped.indexOf(c) !== i)).toEqual([]);
  });
});
