import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Db } from '../../src/db/database.js';
import { databaseUrl, TEST_DATABASE_ADMIN_URL } from './env.js';

/** A new database, migrated and seeded, cloned from the run's template; dropped with the run. */
export async function freshDatabaseUrl(): Promise<string> {
  const template = inject('templateDatabase');
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return databaseUrl(name);
}

export async function freshDatabase(): Promise<{ db: Db; url: string }> {
  const url = await freshDatabaseUrl();
  return { db: createDatabase(url), url };
}

/** A queue prefix of its own, so tests never share BullMQ keys. */
export function freshQueuePrefix(): string {
  return `${inject('runId')}-${randomBytes(3).toString('hex')}`;
}
