import { desc, eq, sql } from "drizzle-orm";
import { boolean, integer, jsonb, numeric, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKind, freshDatabase } from "../../../test/database.ts";
import type { Database } from "./database.ts";
import { rowAsJson, rowsAsJson } from "./row-as-json.ts";

/** Every kind of column the portal's wide rows hold, with the values most likely to read back wrong. */
const samples = pgTable("row_as_json_samples", {
  id: uuid("id").primaryKey(),
  label: text("label").notNull(),
  note: text("note"),
  flag: boolean("flag").notNull(),
  rank: smallint("rank"),
  count: integer("count").notNull(),
  details: jsonb("details").$type<unknown>(),
  at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
  doneAt: timestamp("done_at", { withTimezone: true, mode: "date" }),
  secret: text("secret").notNull(),
});
const owners = pgTable("row_as_json_owners", { id: uuid("id").primaryKey(), sampleId: uuid("sample_id") });

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  await database.db.execute(sql`
    create table row_as_json_samples (
      id uuid primary key, label text not null, note text, flag boolean not null, rank smallint, count integer not null,
      details jsonb, at timestamptz not null, done_at timestamptz, secret text not null
    )`);
  await database.db.execute(sql`create table row_as_json_owners (id uuid primary key, sample_id uuid)`);
  await database.db.insert(samples).values([
    {
      id: "00000000-0000-4000-8000-000000000001",
      label: `引用 " と \\ と 𠮷 と \u2028`,
      note: null,
      flag: true,
      rank: -3,
      count: 2_147_483_647,
      // A JSON value that is itself a string shaped like JSON must stay a string.
      details: { text: '{"not":"parsed"}', list: [1, "二", null], nested: { at: "2026-01-01T00:00:00Z" } },
      at: new Date("2026-11-29T23:59:59.999Z"),
      doneAt: null,
      secret: "not read",
    },
    {
      id: "00000000-0000-4000-8000-000000000002",
      label: "",
      note: "",
      flag: false,
      rank: null,
      count: 0,
      details: "a string, not an object",
      at: new Date("1999-12-31T15:00:00.001Z"),
      doneAt: new Date("2026-02-28T12:34:56.789Z"),
      secret: "not read either",
    },
  ]);
  // Microseconds, which PostgreSQL keeps and a Date does not: both reads must drop them alike.
  await database.db.execute(sql`update row_as_json_samples set done_at = '2026-03-01 01:02:03.456789+00' where id = '00000000-0000-4000-8000-000000000001'`);
  await database.db.insert(owners).values([
    { id: "00000000-0000-4000-8000-00000000000a", sampleId: "00000000-0000-4000-8000-000000000002" },
    { id: "00000000-0000-4000-8000-00000000000b", sampleId: null },
  ]);
});
afterAll(() => database?.close());

describe(`a row read as one JSON value (${databaseKind})`, () => {
  it("reads back exactly what its columns read, without the columns it leaves out", async () => {
    const { db } = database;
    const asColumns = await db.select().from(samples).orderBy(samples.id);
    const asJson = await db
      .select({ row: rowAsJson(samples, ["secret"]) })
      .from(samples)
      .orderBy(samples.id);
    expect(asJson.map((r) => r.row)).toEqual(asColumns.map(({ secret: _secret, ...row }) => row));
    expect(asJson[0]?.row?.at).toBeInstanceOf(Date);
    expect(asJson[0]?.row?.doneAt).toEqual(new Date("2026-03-01T01:02:03.456Z"));
    expect(asJson[1]?.row?.details).toBe("a string, not an object");
  });

  it("is null for a row a left join did not find, and the row for one it did", async () => {
    const rows = await database.db
      .select({ owner: owners.id, sample: rowAsJson(samples) })
      .from(owners)
      .leftJoin(samples, eq(samples.id, owners.sampleId))
      .orderBy(owners.id);
    expect(rows.map((r) => [r.owner, r.sample?.label ?? null, r.sample?.secret ?? null])).toEqual([
      ["00000000-0000-4000-8000-00000000000a", "", "not read either"],
      ["00000000-0000-4000-8000-00000000000b", null, null],
    ]);
  });

  it("works as a prepared statement's column, and binds no value for its keys", async () => {
    const prepared = database.db
      .select({ row: rowAsJson(samples, ["secret", "details"]) })
      .from(samples)
      .where(eq(samples.id, sql.placeholder("id")))
      .prepare("row_as_json_sample");
    const query = database.db
      .select({ row: rowAsJson(samples) })
      .from(samples)
      .toSQL();
    expect(query.params).toEqual([]);
    const [found] = await prepared.execute({ id: "00000000-0000-4000-8000-000000000002" });
    expect(found?.row).toEqual({
      id: "00000000-0000-4000-8000-000000000002",
      label: "",
      note: "",
      flag: false,
      rank: null,
      count: 0,
      at: new Date("1999-12-31T15:00:00.001Z"),
      doneAt: new Date("2026-02-28T12:34:56.789Z"),
    });
  });

  it("reads a list of rows in the order asked, an empty list as empty, and nothing when its condition does not hold", async () => {
    const listed = (when: boolean, label: string) =>
      rowsAsJson(samples, { omit: ["secret"], where: sql`${samples.label} <> ${label}`, orderBy: [desc(samples.at)], when: sql`${when}::boolean` });
    const [row] = await database.db
      .select({ all: listed(true, "none"), none: listed(true, ""), notAsked: listed(false, "none"), owner: owners.id })
      .from(owners)
      .where(eq(owners.id, "00000000-0000-4000-8000-00000000000a"));
    const asColumns = await database.db.select().from(samples).orderBy(desc(samples.at));
    expect(row?.all).toEqual(asColumns.map(({ secret: _secret, ...sample }) => sample));
    expect(row?.all?.map((s) => s.id)).toEqual(["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"]);
    expect(row?.none?.map((s) => s.label)).toEqual([`引用 " と \\ と 𠮷 と \u2028`]);
    expect(row?.notAsked).toBeNull();
    const [empty] = await database.db
      .select({ rows: rowsAsJson(samples, { where: sql`false`, orderBy: [desc(samples.at)] }) })
      .from(owners)
      .limit(1);
    expect(empty?.rows).toEqual([]);
  });

  it("refuses a column whose JSON form would not read back as its value", () => {
    const money = pgTable("money", { id: uuid("id").primaryKey(), amount: numeric("amount") });
    expect(() => rowAsJson(money)).toThrow("rowAsJson cannot read amount (PgNumeric) back from JSON");
    const keyless = pgTable("keyless", { label: text("label") });
    expect(() => rowAsJson(keyless)).toThrow("rowAsJson needs the table's primary key");
  });
});
