import { randomBytes } from "node:crypto";
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../project-root.ts";
import { type Database, type Db, embeddedDataPath, openDatabase } from "./database.ts";

/**
 * A database created at any earlier migration, holding data, upgrades cleanly to the latest one: the way an
 * install that skipped releases meets new code. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */

const MIGRATIONS = path.join(PROJECT_ROOT, "migrations");
type Journal = { entries: { idx: number; when: number; tag: string }[] };
const journal = JSON.parse(await readFile(path.join(MIGRATIONS, "meta/_journal.json"), "utf8")) as Journal & Record<string, unknown>;

const CANDIDATE = "7d0f3a52-1c1e-4c56-9e0a-000000000001";
const APPLICATION = "7d0f3a52-1c1e-4c56-9e0a-000000000002";
const QUESTION_SET = "7d0f3a52-1c1e-4c56-9e0a-000000000003";
const ATTEMPT = "7d0f3a52-1c1e-4c56-9e0a-000000000004";

/** Rows an install would hold, per table, written as the table was when it was created. */
const FIXTURES: Record<string, string> = {
  candidates: `INSERT INTO candidates (id, email, phone, family_name, given_name, family_name_latin, given_name_latin, time_zone, pin_hash, contact_consent)
    VALUES ('${CANDIDATE}', 'upgrade@example.jp', '+819012345678', '山田', '花子', 'Yamada', 'Hanako', 'Asia/Tokyo', 'x', true)`,
  // Before 0003 a session named its candidate; from 0003 on it names a principal (for 0003, both).
  sessions: `INSERT INTO sessions (id_hash, candidate_id, idle_expires_at, absolute_expires_at)
    VALUES ('upgrade-session', '${CANDIDATE}', now() + interval '1 hour', now() + interval '1 hour')`,
  "sessions by principal": `INSERT INTO sessions (id_hash, principal_kind, principal_id, idle_expires_at, absolute_expires_at)
    VALUES ('upgrade-session', 'candidate', '${CANDIDATE}', now() + interval '1 hour', now() + interval '1 hour')`,
  jobs: `INSERT INTO jobs (id, title, team, summary, description, hours, employment_type, remote, country_code, date_posted, valid_through)
    VALUES ('900000001', '{"ja":"求人","en":"Job"}', '{}', '{}', '{}', '{}', 'FULL_TIME', 'remote', 'JP', now(), now() + interval '30 days')`,
  applications: `INSERT INTO applications (id, reference, candidate_id, job_id, question_set_id, job_snapshot)
    VALUES ('${APPLICATION}', '2611-UPGRAD', '${CANDIDATE}', '900000001', '${QUESTION_SET}', '{"title":{"ja":"求人","en":"Job"},"revision":2}')`,
  assessment_attempts: `INSERT INTO assessment_attempts (id, candidate_id, application_id, bank_id, bank_version, device_hash, started_at)
    VALUES ('${ATTEMPT}', '${CANDIDATE}', '${APPLICATION}', 'csa-ja', 1, 'device', now())`,
};

/** The same session once 0004 had renamed its owner to a principal: how an install at 0004 or later holds it. */

/** The tables each migration creates, read from its SQL. */
async function tablesCreatedBy(tag: string): Promise<string[]> {
  const text = await readFile(path.join(MIGRATIONS, `${tag}.sql`), "utf8");
  return [...text.matchAll(/CREATE TABLE "(\w+)"/g)].map((m) => m[1]!);
}

/**
 * A migrations folder holding the history up to and including entry `last`; `edit` may change a file's text
 * and journal time, to replay a history that was published differently.
 */
async function historyUpTo(last: number, edit?: { tag: string; text: (original: string) => string; when: number }): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "portal-migrations-"));
  await mkdir(path.join(dir, "meta"));
  const entries = journal.entries.slice(0, last + 1).map((e) => (edit && e.tag === edit.tag ? { ...e, when: edit.when } : e));
  for (const entry of entries) {
    const original = await readFile(path.join(MIGRATIONS, `${entry.tag}.sql`), "utf8");
    await writeFile(path.join(dir, `${entry.tag}.sql`), edit && entry.tag === edit.tag ? edit.text(original) : original);
  }
  for (const file of await readdir(path.join(MIGRATIONS, "meta"))) {
    if (file.endsWith("_snapshot.json")) await copyFile(path.join(MIGRATIONS, "meta", file), path.join(dir, "meta", file));
  }
  await writeFile(path.join(dir, "meta/_journal.json"), JSON.stringify({ ...journal, entries }));
  return dir;
}

/**
 * The files of an empty embedded database, as PGlite's initdb leaves them, made once for every upgrade below:
 * initdb is most of what creating an embedded database costs, and it is the same for every installation.
 */
let emptyEmbedded: Promise<string> | undefined;
const scratch: string[] = [];
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

function emptyEmbeddedDatabase(): Promise<string> {
  emptyEmbedded ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "portal-empty-"));
    scratch.push(dir);
    const empty = new PGlite(path.join(dir, "pglite"));
    await empty.waitReady;
    await empty.close();
    return path.join(dir, "pglite");
  })();
  return emptyEmbedded;
}

/** Opens the same database twice over its life: once at an old history, once with today's migrations. */
async function installation(): Promise<{ open: (migrationsFolder?: string) => Promise<Database>; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = await mkdtemp(path.join(tmpdir(), "portal-upgrade-"));
    scratch.push(dataDir);
    // A new installation's database: a copy of the empty one, which the old history then migrates.
    await cp(await emptyEmbeddedDatabase(), embeddedDataPath(dataDir), { recursive: true });
    return { open: (migrationsFolder) => openDatabase({ dataDir, ...(migrationsFolder ? { migrationsFolder } : {}) }), drop: async () => undefined };
  }
  const name = `portal_upgrade_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    open: (migrationsFolder) => openDatabase({ databaseUrl: url.toString(), poolSize: 2, ...(migrationsFolder ? { migrationsFolder } : {}) }),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

async function rows(db: Db, query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  return ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
}

/** Creates a database at an old history, fills what exists then, upgrades it, and checks it against today's schema. */
async function upgradeFrom(last: number, edit?: Parameters<typeof historyUpTo>[1]): Promise<void> {
  const install = await installation();
  try {
    const old = await install.open(await historyUpTo(last, edit));
    const present: string[] = [];
    for (const entry of journal.entries.slice(0, last + 1)) present.push(...(await tablesCreatedBy(entry.tag)));
    const sessionColumns = present.includes("sessions")
      ? (await rows(old.db, sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'sessions'`)).map((c) => c.column_name)
      : [];
    if (sessionColumns.includes("candidate_id")) present.push("sessions-with-candidate");
    else if (sessionColumns.includes("principal_id")) present.push("sessions by principal");
    for (const [table, insert] of Object.entries(FIXTURES)) {
      const wanted = table === "sessions" ? present.includes("sessions-with-candidate") : present.includes(table);
      if (wanted) await old.db.execute(sql.raw(insert));
    }
    await old.close();

    const upgraded = await install.open();
    try {
      const applied = await rows(upgraded.db, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
      expect(applied[0]?.n).toBeGreaterThanOrEqual(journal.entries.length);
      expect(await rows(upgraded.db, sql`SELECT email FROM candidates`)).toEqual([{ email: "upgrade@example.jp" }]);
      // Sessions signed in before the upgrade still name their candidate, now as a principal.
      expect(await rows(upgraded.db, sql`SELECT principal_kind, principal_id FROM sessions`)).toEqual([
        { principal_kind: "candidate", principal_id: CANDIDATE },
      ]);
      if (present.includes("applications")) {
        expect(await rows(upgraded.db, sql`SELECT state FROM applications`)).toEqual([{ state: "draft" }]);
        // The job as the application saw it moved to its shared version, wording and revision intact.
        expect(
          await rows(
            upgraded.db,
            sql`SELECT v.job_id, v.revision, v.snapshot->'title' AS title FROM applications a JOIN job_versions v ON v.id = a.job_version_id`,
          ),
        ).toEqual([{ job_id: "900000001", revision: 2, title: { ja: "求人", en: "Job" } }]);
      }
      // Accounts made before consents were recorded keep what they agreed to at registration, as unversioned.
      if (last < journal.entries.findIndex((e) => e.tag === "0013_privacy_records"))
        expect(await rows(upgraded.db, sql`SELECT purpose, decision, text_version FROM consent_records ORDER BY purpose`)).toEqual([
          { purpose: "contact_email", decision: "given", text_version: "unversioned" },
          { purpose: "privacy_notice", decision: "given", text_version: "unversioned" },
        ]);
      if (present.includes("assessment_attempts"))
        expect(await rows(upgraded.db, sql`SELECT answers_hash FROM assessment_attempts`)).toEqual([{ answers_hash: null }]);
      const indexes = await rows(upgraded.db, sql`SELECT indexname FROM pg_indexes WHERE tablename = 'assessment_attempts'`);
      expect(indexes.map((i) => i.indexname)).toEqual(expect.arrayContaining(["assessment_attempts_application_idx", "assessment_attempts_answers_hash_idx"]));
      // Today's tables take today's rows.
      await upgraded.db.execute(
        sql`INSERT INTO domain_events (occurred_at, actor_kind, record_kind, record_id, name) VALUES (now(), 'system', 'application', ${APPLICATION}, 'upgrade.checked')`,
      );
    } finally {
      await upgraded.close();
    }
  } finally {
    await install.drop();
  }
}

describe("upgrading a database created at an earlier migration", () => {
  const earlier = journal.entries.slice(0, -1);

  it.each(earlier.map((e) => [e.tag, e.idx] as const))("upgrades a database created at %s", async (_tag, idx) => {
    await upgradeFrom(idx);
  });

  it("upgrades a database created while 0002 carried the index it gained after it was committed", async () => {
    // That published history had the attempts-by-application index inside 0002, and a later journal time.
    await upgradeFrom(2, {
      tag: "0002_assessment",
      when: 1795733819710,
      text: (original) =>
        original.replace(
          'CREATE INDEX "assessment_attempts_device_idx"',
          'CREATE INDEX "assessment_attempts_application_idx" ON "assessment_attempts" USING btree ("application_id","bank_id");--> statement-breakpoint\nCREATE INDEX "assessment_attempts_device_idx"',
        ),
    });
  });
});
