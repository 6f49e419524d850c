import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKind, freshDatabase } from "../../../test/database.ts";
import type { Database } from "./database.ts";
import { preparedStatement } from "./prepared.ts";

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database?.close());

const greeting = preparedStatement<{ name: string; times: number; at: string }, { greeting: string; times: number; at: Date }>(
  "test_greeting",
  (v) => sql`SELECT 'hello ' || ${v.name}::text AS greeting, ${v.times}::int * 2 AS times, ${v.at}::timestamptz AS at`,
);

describe(`a prepared hand-written statement (${databaseKind})`, () => {
  it("sends each call's own values through the one text, and runs inside a transaction too", async () => {
    const at = "2026-04-01T00:00:00.000Z";
    expect(await greeting(database.db, { name: "花子", times: 2, at })).toEqual([{ greeting: "hello 花子", times: 4, at: new Date(at) }]);
    expect(await greeting(database.db, { name: "太郎", times: 5, at })).toEqual([{ greeting: "hello 太郎", times: 10, at: new Date(at) }]);
    const inTransaction = await database.db.transaction((tx) => greeting(tx, { name: "次郎", times: 1, at }));
    expect(inTransaction[0]).toMatchObject({ greeting: "hello 次郎", times: 2 });
  });

  it("refuses a statement that computes with its values, which its one text could not carry", async () => {
    const computing = preparedStatement<{ n: number }, { n: number }>("test_computing", (v) => sql`SELECT ${v.n + 1}::int AS n`);
    await expect(computing(database.db, { n: 1 })).rejects.toThrow("statement test_computing computes with its values");
  });
});
