import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { MigrationError, migrateToLatest } from '../../src/db/migrate.js';
import { databaseUrl, TEST_DATABASE_ADMIN_URL } from '../support/env.js';

/** A database with nothing in it (not the run's migrated template), dropped with the run. */
async function emptyDatabaseUrl(): Promise<string> {
  const name = `${inject('runId')}_empty_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return databaseUrl(name);
}

describe('migrations', () => {
  const opened: Db[] = [];
  const open = (url: string) => {
    const db = createDatabase(url);
    opened.push(db);
    return db;
  };
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.destroy()));
  });

  it('two replicas migrating the same empty database at once apply each migration exactly once', async () => {
    const url = await emptyDatabaseUrl();
    const [first, second] = [open(url), open(url)];

    const [a, b] = await Promise.all([migrateToLatest(first), migrateToLatest(second)]);
    const applied = [...a.applied, ...b.applied];
    expect(applied.length).toBeGreaterThan(0);
    expect(new Set(applied).size).toBe(applied.length);

    const parties = await first.selectFrom('parties').select('key').orderBy('sort_order').execute();
    expect(parties.map((p) => p.key)).toEqual(['polisen', 'kommunen', 'regionen', 'kustbevakningen']);
    expect((await migrateToLatest(second)).applied).toEqual([]);
  });

  it('names the migration that failed and applies none of the run (one transaction)', async () => {
    const db = open(await emptyDatabaseUrl());
    // A table in the way of the entries migration.
    await sql`create table entries (id int)`.execute(db);

    const error = await migrateToLatest(db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migrationName).toBe('2026_11_28_2331_entries');
    expect((error as MigrationError).message).toMatch(
      /^Migreringen 2026_11_28_2331_entries misslyckades: .*entries/,
    );
    // Postgres has transactional DDL and the Migrator runs the whole batch in one transaction.
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(
      db,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual([
      'entries',
      'kysely_migration',
      'kysely_migration_lock',
    ]);
  });
});
